"""`make run`'s server: gunicorn and the task worker (huey), stopped together and cleanly.

    python -m jiedao.ops.serve [--host 127.0.0.1] [--port 8000] [--workers 2]

Both run in a process group of their own, so a Ctrl-C in the terminal reaches this supervisor
alone; it asks each child to stop (gunicorn: SIGTERM, a graceful stop; huey: SIGINT, finish the
running task), waits, and exits 0. If one child dies by itself the other is stopped and its exit
status is returned. (The former `trap 'kill 0'` recipe signalled its own shell and make too:
make reported "Segmentation fault" and failed.)
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[2]
STOP_SIGNALS = {"gunicorn": signal.SIGTERM, "huey": signal.SIGINT}
GRACE_SECONDS = 10.0


def commands(host: str, port: int, workers: int) -> dict[str, list[str]]:
    python = sys.executable
    return {
        "huey": [python, str(ROOT / "manage.py"), "run_huey", "--quiet"],
        "gunicorn": [
            python, "-m", "gunicorn", "jiedao.wsgi:application",
            "--config", str(ROOT / "gunicorn.conf.py"),
            "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", "1",
            "--worker-class", "gthread", "--graceful-timeout", "5",
            "--access-logfile", "-", "--log-level", "warning",
        ],
    }  # fmt: skip


class Supervisor:
    def __init__(self, cmds: dict[str, list[str]]) -> None:
        self.cmds = cmds
        self.children: dict[str, subprocess.Popen[bytes]] = {}
        self.stopping = False

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def run(self) -> int:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        for name, cmd in self.cmds.items():
            self.children[name] = subprocess.Popen(cmd, cwd=ROOT, process_group=0)
        status = 0
        while not self.stopping:
            ended = [(name, p.returncode) for name, p in self.children.items() if p.poll() is not None]
            if ended:
                name, code = ended[0]
                print(f"{name} stopped (exit status {code}); stopping the others.", file=sys.stderr)
                status = code or 1
                break
            time.sleep(0.2)
        self._stop_all()
        return status

    def _stop_all(self) -> None:
        for name, child in self.children.items():
            if child.poll() is None:
                child.send_signal(STOP_SIGNALS[name])
        deadline = time.monotonic() + GRACE_SECONDS
        for child in self.children.values():
            try:
                child.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jiedao.ops.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    return Supervisor(commands(args.host, args.port, args.workers)).run()


if __name__ == "__main__":
    sys.exit(main())
