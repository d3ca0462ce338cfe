"""Files and rows agree: a file written inside a transaction is removed when it rolls back.

Django keeps no record of the files a rolled-back transaction saved, so an upload checked, saved
and then refused (a scope check, a stale version, a fault in the audit write) stayed on disk
with no row naming it. Writers open `filestore.atomic()` instead of `transaction.atomic()` and
`track()` each file they save inside it; if the block (or an enclosing `filestore.atomic()`)
rolls back, the tracked files are deleted from their storage.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.files import File
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile

_written: ContextVar[list[tuple[Storage, str]] | None] = ContextVar("jiedao_files_written", default=None)


@contextmanager
def atomic() -> Iterator[None]:
    """`transaction.atomic()` that removes the files tracked inside it if it rolls back."""
    parent = _written.get()
    written: list[tuple[Storage, str]] = []
    token = _written.set(written)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        _remove(written)
        raise
    else:
        if parent is not None:  # still undone if the enclosing block rolls back
            parent.extend(written)
    finally:
        _written.reset(token)


def track(file: FieldFile) -> None:
    """Remember a file just saved, to remove it if the enclosing `atomic()` rolls back."""
    written = _written.get()
    if written is None:
        raise RuntimeError("filestore.track() outside filestore.atomic(): the file could outlive its row")
    if file.name:
        written.append((file.storage, file.name))


def save(file: FieldFile, name: str, content: File) -> None:
    """Save `content` as the field's file (the row is saved by the caller) and track it."""
    file.save(name, content, save=False)
    track(file)


def _remove(written: list[tuple[Storage, str]]) -> None:
    for storage, name in written:
        storage.delete(name)
