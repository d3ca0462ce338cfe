"""Core models: places and organisation of a jurisdiction, users and roles, audit, calendar."""

from jiedao.core.models.audit import AuditEntry
from jiedao.core.models.calendar import HolidayDay, HolidayYear
from jiedao.core.models.geo import BoundarySet, Community, Grid, Jurisdiction
from jiedao.core.models.org import Category, Department, Platform, SLAPolicy, Tag
from jiedao.core.models.users import ApiToken, InspectionArea, Role, RoleAssignment, User

__all__ = [
    "ApiToken",
    "AuditEntry",
    "BoundarySet",
    "Category",
    "Community",
    "Department",
    "Grid",
    "HolidayDay",
    "HolidayYear",
    "InspectionArea",
    "Jurisdiction",
    "Platform",
    "Role",
    "RoleAssignment",
    "SLAPolicy",
    "Tag",
    "User",
]
