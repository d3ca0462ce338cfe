"""Machine, versions and settings written beside the figures."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from importlib.metadata import version
from typing import Any

from bench.loadgen import hey_version
from bench.procs import GUNICORN_ARGS, ROOT


def _first(path: str, key: str) -> str:
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def _git(*args: str) -> str:
    out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return out.stdout.strip()


def machine_facts() -> dict[str, Any]:
    return {
        "nproc": os.cpu_count(),
        "memory": _first("/proc/meminfo", "MemTotal"),
        "cpu_model": _first("/proc/cpuinfo", "model name"),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": version("django"),
        "sqlite": sqlite3.sqlite_version,
        "gunicorn": version("gunicorn"),
        "gunicorn_args": " ".join(GUNICORN_ARGS),
        "sqlite_settings": "WAL, synchronous=NORMAL, IMMEDIATE, CONN_MAX_AGE=600 (jiedao.settings)",
        "hey": hey_version(),
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
    }
