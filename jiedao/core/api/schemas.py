"""Schemas every API shares."""

from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import Field

from jiedao.core.ints import DB_INT_MAX, DB_INT_MIN

# An integer read from a request: one a database column takes, else the request answers 422
# (an out-of-range id would raise inside the query).
DbInt = Annotated[int, Field(ge=DB_INT_MIN, le=DB_INT_MAX)]


class Ref(Schema):
    id: int
    name: str


class ErrorOut(Schema):
    """Every 4xx answer of the API: a stable code, a translated message, the field at fault."""

    code: str
    message: str
    field: str | None = None
