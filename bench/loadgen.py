"""Load from `hey` (a compiled client, so it does not measure itself), against 127.0.0.1 only."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

MAX_REQUESTS = 200_000  # hard cap for count-bounded runs


@dataclass
class HeyResult:
    """One hey run: throughput, latency percentiles (ms), status codes and transport errors."""

    rps: float
    total_s: float
    p50: float | None
    p95: float | None
    p99: float | None
    fastest: float | None = None
    slowest: float | None = None
    statuses: dict[int, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values()) + sum(self.errors.values())

    def bad(self, expected: int) -> int:
        """Answers other than `expected`, transport errors included."""
        return self.requests - self.statuses.get(expected, 0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rps": self.rps,
            "total_s": self.total_s,
            "p50_ms": self.p50,
            "p95_ms": self.p95,
            "p99_ms": self.p99,
            "fastest_ms": self.fastest,
            "slowest_ms": self.slowest,
            "statuses": {str(k): v for k, v in self.statuses.items()},
            "errors": self.errors,
        }


def ensure_hey() -> str:
    path = shutil.which("hey")
    if path:
        return path
    subprocess.run(["apt-get", "update", "-qq"], check=True, timeout=300)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "hey"],
        check=True,
        timeout=600,
        env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
    )
    found = shutil.which("hey")
    if not found:
        raise RuntimeError("hey is not installed and apt-get could not install it")
    return found


def hey_version() -> str:
    out = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", "hey"], capture_output=True, text=True, check=False
    )
    return out.stdout.strip() or "unknown"


def parse_summary(text: str) -> HeyResult:
    def num(pattern: str) -> float | None:
        m = re.search(pattern, text)
        return float(m.group(1)) if m else None

    def ms(pattern: str) -> float | None:
        v = num(pattern)
        return None if v is None else round(v * 1000, 2)

    def pct(p: int) -> float | None:
        v = num(rf"\b{p}% in ([0-9.]+) secs")
        return None if v is None else round(v * 1000, 2)

    statuses = {int(c): int(n) for c, n in re.findall(r"\[(\d{3})\]\s+(\d+) responses", text)}
    errors: dict[str, int] = {}
    if "Error distribution:" in text:
        for n, msg in re.findall(r"\[(\d+)\]\s+(.+)", text.split("Error distribution:", 1)[1]):
            errors[msg.strip()[:200]] = errors.get(msg.strip()[:200], 0) + int(n)
    return HeyResult(
        rps=round(num(r"Requests/sec:\s+([0-9.]+)") or 0.0, 1),
        total_s=num(r"Total:\s+([0-9.]+) secs") or 0.0,
        p50=pct(50),
        p95=pct(95),
        p99=pct(99),
        fastest=ms(r"Fastest:\s+([0-9.]+) secs"),
        slowest=ms(r"Slowest:\s+([0-9.]+) secs"),
        statuses=statuses,
        errors=errors,
    )


def hey(
    url: str,
    *,
    concurrency: int,
    duration_s: float | None = None,
    requests: int | None = None,
    method: str = "GET",
    body_file: str | None = None,
    headers: dict[str, str] | None = None,
    timeout_s: int = 20,
) -> HeyResult:
    """Run hey for a fixed duration or a fixed count (both bounded); redirects are not followed."""
    host = urlparse(url).hostname
    if host != "127.0.0.1":
        raise ValueError(f"load goes to 127.0.0.1 only, not {host}")
    cmd = [ensure_hey(), "-c", str(concurrency), "-m", method, "-t", str(timeout_s), "-disable-redirects"]
    if duration_s is not None:
        cmd += ["-z", f"{duration_s}s"]
        wall = duration_s + timeout_s + 30
    else:
        n = max(concurrency, min(requests or 200, MAX_REQUESTS))
        cmd += ["-n", str(n)]
        wall = n * timeout_s / concurrency + 30
    if body_file:
        cmd += ["-D", body_file, "-T", "application/json"]
    for k, v in (headers or {}).items():
        cmd += ["-H", f"{k}: {v}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, timeout=wall, check=True)
    return parse_summary(out.stdout)
