"""The real task queue: a huey consumer backed by the real Redis runs the time-status sweep.

This starts `manage.py run_huey` as `make run` does, against a file SQLite database, and
checks that an overdue case turns red and its department gets a red card.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

pytestmark = pytest.mark.services
ROOT = Path(__file__).resolve().parents[2]
SETUP = """
from datetime import timedelta
from django.utils import timezone
from jiedao.cases.models import Case
from jiedao.core.models import Department, Jurisdiction
from jiedao.cases.tasks import sweep_time_status
j = Jurisdiction.objects.create(code="q", name="队列测试街道")
d = Department.objects.create(jurisdiction=j, code="enf", name="综合执法队")
now = timezone.now()
Case.objects.create(
    jurisdiction=j, kind="event", number="Q1", title="t", description="d", state="dispatched",
    channel="grid", created_at=now - timedelta(days=3), department=d, dispatched_at=now - timedelta(days=3),
    due_at=now - timedelta(hours=1), warn_at=now - timedelta(days=1), time_status="green",
)
sweep_time_status()
"""


def _redis_up() -> bool:
    try:
        return bool(redis.Redis(host="127.0.0.1", port=6379, socket_timeout=2).ping())
    except redis.RedisError:
        return False


def test_consumer_runs_the_sweep_from_redis(tmp_path: Path) -> None:
    assert _redis_up(), "Redis must be running on 127.0.0.1:6379 (the machine starts it; .ci/run too)"
    env = {
        **os.environ,
        "JIEDAO_VAR_DIR": str(tmp_path),
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "JIEDAO_QUEUE_NAME": f"test-{uuid.uuid4().hex[:8]}",
        "DATABASE_URL": "",
        "JIEDAO_TESTING": "0",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    # A production-like start needs keys of its own (the committed development keys are refused).
    subprocess.run([sys.executable, "-m", "jiedao.core.keys"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "shell", "-c", SETUP], env=env, check=True, cwd=ROOT)
    db = sqlite3.connect(tmp_path / "jiedao.sqlite3")
    queued = db.execute("SELECT time_status FROM cases_case WHERE number='Q1'").fetchone()[0]
    assert queued == "green"  # enqueued, not run: only the consumer may run it
    consumer = subprocess.Popen([*manage, "run_huey", "--quiet"], env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        status = None
        while time.monotonic() < deadline:
            status = db.execute("SELECT time_status FROM cases_case WHERE number='Q1'").fetchone()[0]
            if status == "red":
                break
            time.sleep(0.3)
        assert status == "red"
        cards = db.execute("SELECT color FROM cases_departmentcard").fetchall()
        assert cards == [("red",)]
    finally:
        consumer.terminate()
        consumer.wait(timeout=20)
