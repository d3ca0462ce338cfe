"""A deployment's keys: generated once per machine, never the development keys in production.

    python -m jiedao.core.keys          # write JIEDAO_VAR_DIR/keys.env if it is missing

The settings read the environment first, then `keys.env` (values already in the environment
win; tests never read it). `make run` calls this before anything else, so a fresh clone serves
with keys of its own. A production start (no `JIEDAO_DEBUG`, no `JIEDAO_TESTING`) that would
use a key committed in settings.py is refused by `check()`: the WSGI entry point calls it, and
it is a system check for every management command that runs them (migrate, run_huey …).
"""

from __future__ import annotations

import base64
import os
import secrets
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

NAMES = ("JIEDAO_SECRET_KEY", "JIEDAO_DATA_KEYS", "JIEDAO_BLIND_INDEX_KEY", "JIEDAO_TOKEN_HASH_KEY")


def generate() -> dict[str, str]:
    """Fresh random keys, in the environment's names."""
    return {
        "JIEDAO_SECRET_KEY": secrets.token_urlsafe(50),
        "JIEDAO_DATA_KEYS": "k1:" + base64.b64encode(secrets.token_bytes(32)).decode(),
        "JIEDAO_BLIND_INDEX_KEY": secrets.token_urlsafe(32),
        "JIEDAO_TOKEN_HASH_KEY": secrets.token_urlsafe(32),
    }


def ensure(var_dir: Path) -> tuple[Path, bool]:
    """Write `var_dir/keys.env` with fresh keys unless it exists. Returns (path, created)."""
    path = var_dir / "keys.env"
    if path.exists():
        return path, False
    if _holds_people(var_dir / "jiedao.sqlite3") and not all(os.environ.get(n) for n in NAMES):
        raise SystemExit(
            f"{var_dir / 'jiedao.sqlite3'} 已存在，但没有 {path}：它的个人信息是用开发密钥加密的，"
            "换用新密钥后将无法解密。请删除 var/（make clean）重新生成演示数据，"
            "或在环境变量中给出原来的密钥。\n"
            f"(a database exists without {path}: remove var/ or set the keys it was written with)"
        )
    var_dir.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{name}={value}\n" for name, value in generate().items())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("# 本机密钥：请与数据库一同备份，丢失后已加密的个人信息无法恢复。\n")
        out.write("# This machine's keys: back them up with the database.\n")
        out.write(body)
    return path, True


def _holds_people(database: Path) -> bool:
    """Whether a SQLite database here already holds accounts (written with other keys). An empty
    file, as a check or test command leaves behind by connecting, holds nothing to lose."""
    if not database.exists():
        return False
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
            tables = "SELECT 1 FROM sqlite_master WHERE type='table' AND name='core_user'"
            found = db.execute(tables).fetchone()
            return bool(found and db.execute("SELECT 1 FROM core_user LIMIT 1").fetchone())
    except sqlite3.Error:
        return True  # unreadable: do not risk it


def development_keys_in_use() -> list[str]:
    """The settings still holding a key committed in settings.py."""
    committed = getattr(settings, "DEVELOPMENT_KEYS", {})
    return [name for name, value in committed.items() if getattr(settings, name) == value]


def refusal() -> str | None:
    """Why this process must not start, or None."""
    if settings.DEBUG or settings.TESTING:
        return None
    names = development_keys_in_use()
    if not names:
        return None
    return (
        "生产环境不能使用代码中的开发密钥（{}）：请设置 {}，或运行 python -m jiedao.core.keys 生成本机密钥。"
        " / Refusing to start with the development keys committed in settings.py ({}); set real keys."
    ).format(", ".join(names), ", ".join(NAMES), ", ".join(names))


def check() -> None:
    """Raise ImproperlyConfigured if this is a production start with development keys."""
    reason = refusal()
    if reason:
        raise ImproperlyConfigured(reason)


@register("security")
def keys_check(app_configs: object = None, **kwargs: object) -> list[Error]:
    reason = refusal()
    return [Error(reason, id="jiedao.E001")] if reason else []


def main() -> int:
    path, created = ensure(Path(settings.VAR_DIR))
    if created:
        print(f"已生成本机密钥 {path}（请与数据库一同备份）。")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiedao.settings")
    sys.exit(main())
