"""The result table (stdout) and bench/out/latest.json."""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.loadgen import HeyResult

HEADER = ("benchmark", "N", "runs", "median", "spread(min–max)", "p50", "p95", "p99", "target", "pass")


def _ms(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}ms"


@dataclass
class Row:
    """One line of the table; `ok` is None where there is no target."""

    benchmark: str
    n: str
    runs: int
    median: str
    spread: str
    p50: str = "-"
    p95: str = "-"
    p99: str = "-"
    target: str = "-"
    ok: bool | None = None
    errors: int = 0

    @classmethod
    def from_runs(
        cls, name: str, n: str, runs: list[HeyResult], *, target: str, ok: bool | None, errors: int = 0
    ) -> Row:
        """Throughput rows: median req/s and its spread; latency percentiles are medians over runs."""
        rps = [r.rps for r in runs]

        def med(attr: str) -> float | None:
            vals = [getattr(r, attr) for r in runs if getattr(r, attr) is not None]
            return statistics.median(vals) if vals else None

        return cls(
            name,
            n,
            len(runs),
            f"{statistics.median(rps):.0f} req/s",
            f"{min(rps):.0f}–{max(rps):.0f}",
            _ms(med("p50")),
            _ms(med("p95")),
            _ms(med("p99")),
            target,
            ok,
            errors,
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def cells(self) -> tuple[str, ...]:
        verdict = "-" if self.ok is None else ("PASS" if self.ok else "FAIL")
        if self.errors:
            verdict += f" ({self.errors} errors)"
        return (
            self.benchmark,
            self.n,
            str(self.runs),
            self.median,
            self.spread,
            self.p50,
            self.p95,
            self.p99,
            self.target,
            verdict,
        )


def read_row(label: str, n: int, res: HeyResult, target_p95: float | None) -> Row:
    """Sequential latency rows: median = p50; spread = fastest–slowest request."""
    bad = res.bad(200)
    ok = None if target_p95 is None else (res.p95 is not None and res.p95 <= target_p95 and bad == 0)
    return Row(
        label,
        str(n),
        res.requests,
        _ms(res.p50),
        f"{_ms(res.fastest)}–{_ms(res.slowest)}",
        _ms(res.p50),
        _ms(res.p95),
        _ms(res.p99),
        "-" if target_p95 is None else f"p95≤{target_p95:.0f}ms",
        ok if bad == 0 else False,
        bad,
    )


def print_table(rows: list[Row], *, header: bool = True) -> None:
    table = [HEADER, *(r.cells() for r in rows)] if header else [r.cells() for r in rows]
    widths = [max(_width(row[i]) for row in table) for i in range(len(HEADER))]
    if header:
        print()
    for k, row in enumerate(table):
        print("  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)), flush=True)
        if k == 0 and header:
            print("  ".join("-" * w for w in widths))


def _width(text: str) -> int:
    # CJK characters take two terminal columns.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def write_rows(path: Path, result: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
