"""Every change to a register goes through these functions (ARCHITECTURE: actions.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from jiedao.core.models import User
from jiedao.registers.access import LAND, PROJECTS, STRUCTURES, Access
from jiedao.registers.actions import base
from jiedao.registers.actions.base import date_field
from jiedao.registers.actions.ledger import LedgerInput, create_entry, update_entry
from jiedao.registers.actions.projects import (
    ParcelInput,
    ProjectInput,
    create_parcel,
    create_project,
    update_parcel,
    update_project,
)
from jiedao.registers.actions.structures import StructureInput, create_structure, update_structure
from jiedao.registers.models import IllegalStructure, LandParcel, Project
from jiedao.registers.models.base import StagedRecord

STAGED_ACCESS: dict[type[StagedRecord], Access] = {
    Project: PROJECTS,
    LandParcel: LAND,
    IllegalStructure: STRUCTURES,
}


def move_stage(
    obj: Any,
    *,
    acting_user: User,
    to_stage: str,
    on: date | None,
    reason: str = "",
    expected_version: int | None,
) -> Any:
    """Move a project, parcel or structure to another stage (see base.move_stage for the rules)."""
    return base.move_stage(
        obj,
        acting_user=acting_user,
        access=STAGED_ACCESS[type(obj)],
        to_stage=to_stage,
        on=on,
        reason=reason,
        expected_version=expected_version,
    )


def set_planned(
    obj: Any, *, acting_user: User, planned: dict[str, date | None], expected_version: int | None
) -> Any:
    return base.set_planned(
        obj,
        acting_user=acting_user,
        access=STAGED_ACCESS[type(obj)],
        planned=planned,
        expected_version=expected_version,
    )


__all__ = [
    "LedgerInput",
    "ParcelInput",
    "ProjectInput",
    "StructureInput",
    "create_entry",
    "create_parcel",
    "create_project",
    "create_structure",
    "date_field",
    "move_stage",
    "set_planned",
    "update_entry",
    "update_parcel",
    "update_project",
    "update_structure",
]
