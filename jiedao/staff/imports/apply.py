"""Writing a judged staff sheet: every row in one transaction, through the staff actions.

Each change is audited as the staff pages audit it; a row whose values are already those of
the person changes nothing and writes no audit entry, so importing a sheet twice is harmless.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiedao.core.models import Jurisdiction, User
from jiedao.staff import actions
from jiedao.staff.imports.errors import ImportRefused
from jiedao.staff.imports.parse import read_sheet
from jiedao.staff.imports.validate import PlannedRow, plan


@dataclass
class ImportResult:
    """Who was created (with the one-time password to hand over once), updated, left as was."""

    created: list[tuple[User, str]] = field(default_factory=list)
    updated: list[User] = field(default_factory=list)
    unchanged: list[User] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def import_staff(data: bytes, *, acting_user: User | None, jurisdiction: Jurisdiction) -> ImportResult:
    """Read, judge and write a sheet; ImportRefused (nothing written) if anything is wrong."""
    return apply_plan(
        plan(read_sheet(data), jurisdiction), acting_user=acting_user, jurisdiction=jurisdiction
    )


def apply_plan(
    rows: list[PlannedRow], *, acting_user: User | None, jurisdiction: Jurisdiction
) -> ImportResult:
    result = ImportResult()
    with transaction.atomic():
        for row in rows:
            try:
                _apply_row(row, result, acting_user=acting_user, jurisdiction=jurisdiction)
            except ValidationError as exc:
                # Judged valid a moment ago (someone took the username meanwhile): refuse all.
                raise ImportRefused(
                    [_("第%(row)d行：%(reason)s") % {"row": row.number, "reason": m} for m in exc.messages]
                ) from None
    return result


def _apply_row(
    row: PlannedRow, result: ImportResult, *, acting_user: User | None, jurisdiction: Jurisdiction
) -> None:
    if row.person is None:
        person, raw = actions.create_person(
            acting_user=acting_user, jurisdiction=jurisdiction, data=row.data, roles=row.roles
        )
        result.created.append((person, raw))
        return
    changed = actions.edit_person(
        acting_user=acting_user, jurisdiction=jurisdiction, person=row.person, data=row.data, roles=row.roles
    )
    (result.updated if changed else result.unchanged).append(row.person)
