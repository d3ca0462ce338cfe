"""`EncryptedField`: personal data stored as AES-GCM ciphertext, handled in Python as `Protected`.

A `Protected` value prints, renders and serialises MASKED; only `reveal()` gives the plaintext,
and pages/APIs call that solely through an audited reveal action (ARCHITECTURE rule 7).
Equality lookups on the ciphertext are refused: search through the companion blind-index
column (`<name>_bidx`) that `sync_blind_indexes` keeps in step.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from jiedao.core import crypto


class Protected:
    """A decrypted personal-data value whose every ordinary rendering is masked."""

    __slots__ = ("_kind", "_plain")

    def __init__(self, plaintext: str, kind: str = crypto.KIND_TEXT) -> None:
        if kind not in crypto.KINDS:
            raise ValueError(f"unknown protected kind {kind!r}")
        self._plain = plaintext
        self._kind = kind

    @property
    def kind(self) -> str:
        return self._kind

    @property
    def masked(self) -> str:
        return crypto.mask(self._plain, self._kind)

    def reveal(self) -> str:
        """The plaintext. Callers outside an audited reveal action must not show it to people."""
        return self._plain

    # Templates must not be able to print plaintext by writing `{{ value.reveal }}`.
    reveal.do_not_call_in_templates = True  # type: ignore[attr-defined]

    def blind_index(self) -> str:
        return crypto.blind_index(self._plain, self._kind)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"<Protected {self._kind} {self.masked}>"

    def __html__(self) -> SafeString:
        return conditional_escape(self.masked)

    def __format__(self, spec: str) -> str:
        return format(self.masked, spec)

    def __bool__(self) -> bool:
        return bool(self._plain)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Protected):
            return self._kind == other._kind and self._plain == other._plain
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._kind, self._plain))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Protected, (self._plain, self._kind))

    def __deepcopy__(self, memo: dict[int, Any]) -> Protected:
        return self

    def __copy__(self) -> Protected:
        return self

    # Pydantic (and therefore Ninja) serialises a Protected as its masked text.
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            _coerce_for_schema,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda v: v.masked if isinstance(v, Protected) else crypto.mask(str(v), crypto.KIND_TEXT),
                when_used="always",
            ),
            json_schema_input_schema=core_schema.str_schema(),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", "description": "masked personal data"}


def _coerce_for_schema(value: Any) -> Protected:
    if isinstance(value, Protected):
        return value
    if isinstance(value, str):
        return Protected(value)
    raise ValueError("expected a protected value")


def as_protected(value: Any, kind: str) -> Protected | None:
    """Wrap plain strings; empty values become None."""
    if value is None or isinstance(value, Protected):
        return value or None
    if isinstance(value, str):
        return Protected(value, kind) if value else None
    raise TypeError(f"cannot store {type(value).__name__} in an encrypted field")


class ProtectedAttribute(DeferredAttribute):
    """Descriptor that wraps an assigned plain str in `Protected` at once, so it never prints."""

    field: EncryptedField

    def __set__(self, instance: models.Model, value: Any) -> None:
        instance.__dict__[self.field.attname] = as_protected(value, self.field.kind)


class EncryptedField(models.TextField):
    """Stores ciphertext text; the Python value is a `Protected` (or None when empty)."""

    descriptor_class = ProtectedAttribute

    def __init__(self, *args: Any, kind: str = crypto.KIND_TEXT, index_field: str = "", **kwargs: Any):
        if kind not in crypto.KINDS:
            raise ValueError(f"unknown protected kind {kind!r}")
        self.kind = kind
        self.index_field = index_field
        kwargs.setdefault("blank", True)
        kwargs.setdefault("null", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind
        if self.index_field:
            kwargs["index_field"] = self.index_field
        return name, path, args, kwargs

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Protected | None:
        if not value:
            return None
        return Protected(crypto.decrypt(value), self.kind)

    def to_python(self, value: Any) -> Protected | None:
        return as_protected(value, self.kind)

    def get_prep_value(self, value: Any) -> str | None:
        protected = as_protected(value, self.kind)
        if protected is None:
            return None if self.null else ""
        return crypto.encrypt(protected.reveal())

    def get_lookup(self, lookup_name: str) -> Any:
        # Random nonces make equal plaintexts differ: only emptiness can be asked of the column.
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else str(value)

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        if value is None and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, form_class: Any = None, choices_form_class: Any = None, **kwargs: Any) -> None:
        # Forms must never be pre-filled with plaintext: edit forms start empty for these fields.
        return None


def blind_index_field() -> models.CharField:
    """The companion column for an `EncryptedField(index_field=...)`."""
    return models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)


def sync_blind_indexes(instance: models.Model) -> list[str]:
    """Recompute every `<name>_bidx` companion from its encrypted field; returns their names."""
    names: list[str] = []
    for field in instance._meta.concrete_fields:
        if isinstance(field, EncryptedField) and field.index_field:
            value = getattr(instance, field.attname)
            setattr(instance, field.index_field, value.blind_index() if value else "")
            names.append(field.index_field)
    return names


class BlindIndexedModel(models.Model):
    """Abstract base whose save keeps blind-index companions of encrypted fields in sync."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        names = sync_blind_indexes(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            encrypted = {
                f.name for f in self._meta.concrete_fields if isinstance(f, EncryptedField) and f.index_field
            }
            if encrypted.intersection(update_fields):
                kwargs["update_fields"] = set(update_fields).union(names)
        super().save(*args, **kwargs)
