"""The registers' models (PRODUCT §8)."""

from jiedao.registers.models.base import StageChange
from jiedao.registers.models.land import LandParcel, ParcelMilestone
from jiedao.registers.models.ledger import LedgerEntry, LedgerType
from jiedao.registers.models.projects import (
    SECTOR_TAG_SET,
    SOURCE_TAG_SET,
    Project,
    ProjectKind,
    ProjectMilestone,
)
from jiedao.registers.models.structures import IllegalStructure, StructureMilestone

__all__ = [
    "SECTOR_TAG_SET",
    "SOURCE_TAG_SET",
    "IllegalStructure",
    "LandParcel",
    "LedgerEntry",
    "LedgerType",
    "ParcelMilestone",
    "Project",
    "ProjectKind",
    "ProjectMilestone",
    "StageChange",
    "StructureMilestone",
]
