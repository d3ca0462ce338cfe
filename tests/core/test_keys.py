"""A production start refuses the development keys committed in settings.py; `make run` makes its own."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIEDAO_", "DJANGO_"))}
    env.update(JIEDAO_VAR_DIR=str(var_dir), DATABASE_URL="", **extra)
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_a_production_start_with_development_keys_is_refused(tmp_path: Path) -> None:
    env = _env(tmp_path)
    checked = _run(["manage.py", "check"], env)
    assert checked.returncode != 0
    assert "开发密钥" in checked.stderr
    assert "jiedao.E001" in checked.stderr
    served = _run(["-c", "import jiedao.wsgi"], env)  # what gunicorn imports
    assert served.returncode != 0
    assert "ImproperlyConfigured" in served.stderr
    assert "JIEDAO_DATA_KEYS" in served.stderr
    # A debug run may use them.
    assert _run(["manage.py", "check"], _env(tmp_path, JIEDAO_DEBUG="1")).returncode == 0


def test_make_runs_key_step_writes_private_keys_once_and_the_start_uses_them(tmp_path: Path) -> None:
    env = _env(tmp_path)
    first = _run(["-m", "jiedao.core.keys"], env)
    assert first.returncode == 0, first.stderr
    keys = tmp_path / "keys.env"
    assert stat.S_IMODE(keys.stat().st_mode) == 0o600
    written = keys.read_text()
    assert "JIEDAO_DATA_KEYS=k1:" in written
    assert "dev-only" not in written
    assert _run(["-m", "jiedao.core.keys"], env).returncode == 0
    assert keys.read_text() == written  # kept: the data encrypted with them stays readable
    assert _run(["manage.py", "check"], env).returncode == 0
    assert _run(["-c", "import jiedao.wsgi"], env).returncode == 0
    shown = _run(
        ["manage.py", "shell", "-c", "from django.conf import settings; print(settings.DATA_KEYS)"], env
    )
    assert shown.stdout.strip().splitlines()[-1] in written


def test_keys_are_not_made_afresh_for_a_database_written_with_other_keys(tmp_path: Path) -> None:
    with closing(sqlite3.connect(tmp_path / "jiedao.sqlite3")) as db:
        db.execute("CREATE TABLE core_user (id integer)")
        db.execute("INSERT INTO core_user VALUES (1)")
        db.commit()
    made = _run(["-m", "jiedao.core.keys"], _env(tmp_path))
    assert made.returncode != 0
    assert "无法解密" in made.stderr
    assert not (tmp_path / "keys.env").exists()


def test_an_empty_database_left_by_make_test_does_not_stop_make_run(tmp_path: Path) -> None:
    # `makemigrations --check` connects to var/jiedao.sqlite3 and leaves an empty file behind.
    sqlite3.connect(tmp_path / "jiedao.sqlite3").close()
    made = _run(["-m", "jiedao.core.keys"], _env(tmp_path))
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "keys.env").exists()
