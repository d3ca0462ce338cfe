"""Every change to the registry: validated, permission-checked, versioned and audited in one transaction.

Bad input raises `ValidationError` (a message dict keyed by field), a write outside the user's
scope raises `PermissionDenied`, an edit based on an old version raises `StaleEditError`; in
each case nothing is written. Audit rows hold masked values only.
"""

from jiedao.registry.actions.base import StaleEditError
from jiedao.registry.actions.records import (
    HouseholdInput,
    OrganisationInput,
    PlaceInput,
    archive_household,
    archive_organisation,
    archive_place,
    create_household,
    create_organisation,
    create_place,
    update_household,
    update_organisation,
    update_place,
)
from jiedao.registry.actions.rekey import reencrypt_personal_data
from jiedao.registry.actions.residents import (
    REVEALABLE_RESIDENT_FIELDS,
    ResidentInput,
    archive_resident,
    create_resident,
    reveal_resident_field,
    update_resident,
)

__all__ = [
    "REVEALABLE_RESIDENT_FIELDS",
    "HouseholdInput",
    "OrganisationInput",
    "PlaceInput",
    "ResidentInput",
    "StaleEditError",
    "archive_household",
    "archive_organisation",
    "archive_place",
    "archive_resident",
    "create_household",
    "create_organisation",
    "create_place",
    "create_resident",
    "reencrypt_personal_data",
    "reveal_resident_field",
    "update_household",
    "update_organisation",
    "update_place",
    "update_resident",
]
