"""Processes the benchmark starts: fresh var dirs, manage.py commands, gunicorn servers.

Every server is started by `serve(...)`, a context manager that stops it (SIGTERM to its
process group, then SIGKILL) on exit, on errors and on Ctrl-C. Servers bind 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jiedao.core.keys import generate

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
HOST = "127.0.0.1"
WORKERS = 2
# The `make run` command line, bind address aside. One thread per worker: request work is
# CPU-bound Python, and with 4 threads the GIL and SQLite's busy-wait cut creation throughput by
# ~40% and pushed p99 from ~170 ms to ~800 ms (measured with this bench).
GUNICORN_ARGS = [
    "--workers",
    str(WORKERS),
    "--threads",
    "1",
    "--worker-class",
    "gthread",
    "--access-logfile",
    "-",
    "--log-level",
    "warning",
]


@dataclass
class VarDir:
    """A throw-away JIEDAO_VAR_DIR with its own SQLite database and the environment to use it."""

    path: Path
    settings: str = "jiedao.settings"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JIEDAO_", "DJANGO_"))}
        env.pop("DATABASE_URL", None)
        env.update(
            JIEDAO_VAR_DIR=str(self.path),
            **BENCH_KEYS,
            DJANGO_SETTINGS_MODULE=self.settings,
            PYTHONDONTWRITEBYTECODE="1",
        )
        return env

    def manage(self, *args: str, timeout: float = 600) -> str:
        return run([PYTHON, "manage.py", *args], self.env(), timeout)

    def fixture(self, *args: str, timeout: float = 900) -> dict[str, Any]:
        out = run([PYTHON, "-m", "bench.fixture", *args], self.env(), timeout)
        result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
        return result


# Keys of this bench run (a start with the development keys is refused, as in production).
BENCH_KEYS = generate()


def run(cmd: list[str], env: dict[str, str], timeout: float) -> str:
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    return proc.stdout


@contextmanager
def var_dir(keep: bool = False) -> Iterator[Path]:
    tmp = tempfile.mkdtemp(prefix="jiedao-bench-")
    try:
        yield Path(tmp)
    finally:
        if not keep:
            subprocess.run(["rm", "-rf", tmp], check=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    except ProcessLookupError:
        pass


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # any HTTP answer means the workers are up
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server not ready after {timeout}s:\n{log.read_text(errors='replace')[-3000:]}")


@contextmanager
def serve(vd: VarDir, app: str, probe: str, *, queue: bool) -> Iterator[str]:
    """Run gunicorn (the `make run` settings) on a free 127.0.0.1 port; yield its base URL.

    With `queue`, the huey consumer runs beside it, as `make run` does.
    """
    port = free_port()
    base = f"http://{HOST}:{port}"
    log = vd.path / f"gunicorn-{port}.log"
    procs: list[subprocess.Popen[bytes]] = []
    try:
        with log.open("wb") as out:
            cmd = [str(VENV_BIN / "gunicorn"), app, "--bind", f"{HOST}:{port}", *GUNICORN_ARGS]
            procs.append(
                subprocess.Popen(cmd, cwd=ROOT, env=vd.env(), stdout=out, stderr=out, start_new_session=True)
            )
            if queue:
                qcmd = [PYTHON, "manage.py", "run_huey", "--quiet"]
                procs.append(
                    subprocess.Popen(
                        qcmd, cwd=ROOT, env=vd.env(), stdout=out, stderr=out, start_new_session=True
                    )
                )
        _wait_ready(base + probe, procs[0], log)
        yield base
    finally:
        for p in procs:
            _stop(p)
