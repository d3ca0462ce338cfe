"""Attachment checks: images and PDFs only, by content (magic bytes), within the size limit."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from jiedao.core.errors import InvalidInput

# (magic prefix, offset, content type, allowed extensions)
_SIGNATURES: list[tuple[bytes, int, str, tuple[str, ...]]] = [
    (b"\xff\xd8\xff", 0, "image/jpeg", (".jpg", ".jpeg")),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png", (".png",)),
    (b"GIF87a", 0, "image/gif", (".gif",)),
    (b"GIF89a", 0, "image/gif", (".gif",)),
    (b"WEBP", 8, "image/webp", (".webp",)),
    (b"%PDF-", 0, "application/pdf", (".pdf",)),
]
MAX_FILES = 9


@dataclass
class CheckedFile:
    upload: UploadedFile
    name: str
    content_type: str
    size: int


def sniff(head: bytes) -> tuple[str, tuple[str, ...]] | None:
    for magic, offset, ctype, exts in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            if ctype == "image/webp" and head[:4] != b"RIFF":
                continue
            return ctype, exts
    return None


def check_files(files: list[UploadedFile]) -> list[CheckedFile]:
    """Validate every file before anything is written; raise InvalidInput naming the first bad one."""
    if len(files) > MAX_FILES:
        raise InvalidInput(_("一次最多上传%(n)d个附件。") % {"n": MAX_FILES}, field="files")
    checked = []
    limit = settings.MAX_UPLOAD_BYTES
    for f in files:
        name = (f.name or "file")[-200:]
        size = f.size or 0
        if size > limit:
            raise InvalidInput(
                _("附件“%(name)s”超过大小限制（%(mb)d MB）。") % {"name": name, "mb": limit // (1024 * 1024)},
                code="too_large",
                field="files",
            )
        if size == 0:
            raise InvalidInput(_("附件“%(name)s”是空文件。") % {"name": name}, field="files")
        f.seek(0)
        head = f.read(16)
        f.seek(0)
        found = sniff(head)
        if found is None or not name.lower().endswith(found[1]):
            raise InvalidInput(
                _("附件“%(name)s”不是允许的类型：只能上传图片（JPG、PNG、GIF、WEBP）或 PDF。")
                % {"name": name},
                code="bad_file_type",
                field="files",
            )
        checked.append(CheckedFile(upload=f, name=name, content_type=found[0], size=size))
    return checked
