"""`make run`'s supervisor: serves, announces jieba's dictionary once, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the supervisor ended before serving"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:  # it answers, but wrongly: say so at once
            return int(error.code)
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def test_serves_then_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIEDAO_") and k != "REDIS_URL"}
    env.update(JIEDAO_VAR_DIR=str(tmp_path), DATABASE_URL="", PYTHONUNBUFFERED="1")
    # Like `make run` on a fresh clone: the served pages need the collected, hashed assets.
    env["JIEDAO_STATIC_ROOT"] = str(tmp_path / "static")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([sys.executable, "-m", "jiedao.core.keys"], env=env, cwd=ROOT, check=True)
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        # Its own session, like make in a terminal: Ctrl-C signals that whole process group.
        proc = subprocess.Popen(
            [sys.executable, "-m", "jiedao.ops.serve", "--port", str(port), "--workers", "2"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            assert _wait_for(f"http://127.0.0.1:{port}/login/", proc) == 200, log.read_text(errors="replace")
            time.sleep(1)  # let the task worker start up too
            os.killpg(proc.pid, signal.SIGINT)
            code = proc.wait(timeout=30)
        finally:
            if proc.poll() is None:  # a failed assertion: let the supervisor stop its children
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
    output = log.read_text(errors="replace")
    assert code == 0, output
    assert "Segmentation fault" not in output
    assert "Traceback" not in output
    # Loaded once, in gunicorn's master before it forks (not once per worker and task worker).
    assert output.count("Building prefix dict") == 1, output
    assert output.count("Loading model cost") == 1, output
    with socket.socket() as s:  # the port is free again: nothing was left listening on it
        # SO_REUSEADDR: the closed connections' TIME_WAIT is not a listener left behind.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.listen()
