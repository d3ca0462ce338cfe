"""Smoke checks of the benchmark runner's own logic (the benchmarks themselves run via `make bench`)."""

from __future__ import annotations

from bench.cli import parse_args
from bench.loadgen import parse_summary
from bench.report import read_row

HEY_OUTPUT = """
Summary:
  Total:\t10.0151 secs
  Slowest:\t0.9474 secs
  Fastest:\t0.0071 secs
  Average:\t0.2301 secs
  Requests/sec:\t69.1959

Latency distribution:
  10% in 0.0410 secs
  50% in 0.2106 secs
  95% in 0.4975 secs
  99% in 0.9474 secs

Status code distribution:
  [201]\t690 responses
  [500]\t3 responses

Error distribution:
  [2]\tPost "http://127.0.0.1:1/api/events": dial tcp 127.0.0.1:1: connect: connection refused
"""


def test_hey_summary_gives_throughput_percentiles_and_every_non_201() -> None:
    res = parse_summary(HEY_OUTPUT)
    assert res.rps == 69.2
    assert (res.p50, res.p95, res.p99) == (210.6, 497.5, 947.4)
    assert res.statuses == {201: 690, 500: 3}
    assert res.requests == 695
    assert res.bad(201) == 5


def test_a_read_with_errors_fails_even_when_fast() -> None:
    res = parse_summary(HEY_OUTPUT.replace("[201]", "[200]"))
    row = read_row("GET /api/events", 100, res, target_p95=1000.0)
    assert row.ok is False
    assert row.errors == 5


def test_runs_are_at_least_three_and_reads_at_least_fifty() -> None:
    args = parse_args(["--runs", "1", "--reads", "10", "--events", "100000,1000000"])
    assert args.runs == 3
    assert args.reads == 50
    assert args.sizes == [100000, 1000000]
