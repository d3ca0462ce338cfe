"""`python -m bench`: write throughput against the bare-insert ceiling, then reads at scale.

Benchmarks run one after another, never two at once. Each write run gets a fresh database.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

from bench.facts import machine_facts
from bench.loadgen import HeyResult, ensure_hey, hey
from bench.procs import ROOT, VarDir, serve, var_dir
from bench.report import Row, print_table, read_row, write_rows

OUT = ROOT / "bench" / "out" / "latest.json"
CONCURRENCY = 16
RATIO_TARGET = 0.5
P99_TARGET_MS = 100.0
LIST_P95_MS = 150.0
DASHBOARD_P95_MS = 300.0
SLOW_S = 2.0
SLOW_COUNT = 20

EVENT_BODY = {
    "title": "幸福路12号附近垃圾堆放",
    "description": "群众来电反映幸福路12号附近垃圾堆放已持续三天，气味较大，影响周边居民正常生活，"
    "请相关部门尽快核实处理。来电人表示可配合上门查看。",
    "channel": "hotline",
    "urgency": "normal",
    "address": "幸福路12号",
    "reporter_name": "王伟",
    "reporter_phone": "13800138000",
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--events", default="100000,1000000", help="data set sizes for the read benchmarks")
    p.add_argument("--runs", type=int, default=5, help="runs of each write benchmark (at least 3)")
    p.add_argument("--duration", type=float, default=10.0, help="seconds of load per write run")
    p.add_argument("--reads", type=int, default=60, help="sequential requests per read endpoint (>= 50)")
    p.add_argument("--quick", action="store_true", help="a small smoke run: 1 run, 3 s, 5000 events")
    p.add_argument("--skip-writes", action="store_true")
    p.add_argument("--skip-reads", action="store_true")
    p.add_argument("--no-queue", action="store_true", help="do not run the huey consumer beside gunicorn")
    p.add_argument("--out", default=str(OUT))
    args = p.parse_args(argv)
    if args.quick:
        args.events, args.runs, args.duration, args.reads = "5000", 1, 3.0, 20
    else:
        args.runs = max(3, args.runs)
        args.reads = max(50, args.reads)
    args.sizes = [int(x) for x in str(args.events).split(",") if x.strip()]
    return args


def _event_body(tmp: Path, fx: dict[str, Any]) -> str:
    lat, lng = fx["point"]
    body = {**EVENT_BODY, "lat": lat, "lng": lng, "category": fx["category"]}
    path = tmp / "event.json"
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return str(path)


def write_run_api(args: argparse.Namespace) -> HeyResult:
    with var_dir() as tmp:
        vd = VarDir(tmp)
        vd.manage("migrate", "--noinput", "-v", "0")
        fx = vd.fixture("setup")
        body = _event_body(tmp, fx)
        auth = {"Authorization": f"Bearer {fx['token']}"}
        with serve(vd, "jiedao.wsgi:application", "/api/events", queue=not args.no_queue) as base:
            url = base + "/api/events"
            kw: dict[str, Any] = {"method": "POST", "body_file": body, "headers": auth}
            hey(url, concurrency=CONCURRENCY, requests=200, **kw)  # warm-up, discarded
            return hey(url, concurrency=CONCURRENCY, duration_s=args.duration, **kw)


def write_run_ceiling(args: argparse.Namespace) -> HeyResult:
    with var_dir() as tmp:
        vd = VarDir(tmp, settings="bench.ceiling.settings")
        vd.manage("migrate", "--run-syncdb", "--noinput", "-v", "0")
        body = _event_body(tmp, {"point": [27.955, 120.605], "category": None})
        with serve(vd, "bench.ceiling.wsgi:application", "/insert", queue=False) as base:
            url = base + "/insert"
            hey(url, concurrency=CONCURRENCY, requests=200, method="POST", body_file=body)
            return hey(url, concurrency=CONCURRENCY, duration_s=args.duration, method="POST", body_file=body)


def writes(args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    api: list[HeyResult] = []
    ceiling: list[HeyResult] = []
    load: list[dict[str, float]] = []  # other work on the machine skews figures: keep the evidence
    for i in range(args.runs):  # interleaved so drift hits both alike
        print(f"[write {i + 1}/{args.runs}] POST /api/events …", flush=True)
        before = os.getloadavg()[0]
        api.append(write_run_api(args))
        print(f"[write {i + 1}/{args.runs}] ceiling POST /insert …", flush=True)
        middle = os.getloadavg()[0]
        ceiling.append(write_run_ceiling(args))
        load.append({"before_api": before, "before_ceiling": middle, "after": os.getloadavg()[0]})
    ratios = [a.rps / c.rps for a, c in zip(api, ceiling, strict=True) if c.rps]
    api_rps = statistics.median(a.rps for a in api)
    ratio = api_rps / max(statistics.median(c.rps for c in ceiling), 1.0)
    p99 = statistics.median(a.p99 or 0 for a in api)
    bad = sum(a.bad(201) for a in api)
    rows = [
        Row.from_runs(
            "POST /api/events c=16",
            "fresh",
            api,
            target=f"ratio≥{RATIO_TARGET}, p99≤{P99_TARGET_MS:.0f}ms, all 201",
            ok=ratio >= RATIO_TARGET and p99 <= P99_TARGET_MS and bad == 0,
            errors=bad,
        ),
        Row.from_runs(
            "ceiling POST /insert c=16",
            "fresh",
            ceiling,
            target="-",
            ok=None,
            errors=sum(c.bad(201) for c in ceiling),
        ),
        Row(
            "ratio api/ceiling",
            "-",
            len(ratios),
            f"{ratio:.2f}",
            f"{min(ratios):.2f}–{max(ratios):.2f}" if ratios else "-",
            target=f"≥{RATIO_TARGET}",
            ok=ratio >= RATIO_TARGET,
        ),
    ]
    detail = {
        "concurrency": CONCURRENCY,
        "duration_s": args.duration,
        "api_runs": [a.as_dict() for a in api],
        "ceiling_runs": [c.as_dict() for c in ceiling],
        "api_rps_median": api_rps,
        "ceiling_rps_median": statistics.median(c.rps for c in ceiling),
        "ratio_median_of_medians": round(ratio, 3),
        "ratios_per_run": [round(r, 3) for r in ratios],
        "loadavg_1min": load,
    }
    return rows, detail


def read_endpoints(fx: dict[str, Any], pages: dict[str, str]) -> list[tuple[str, str, str, float | None]]:
    """(label, path, auth kind, p95 target ms) for every read measured."""
    filt = f"/api/events?page=1&state=processing&community={fx['community']}"
    out: list[tuple[str, str, str, float | None]] = [
        ("GET /api/events?page=1", "/api/events?page=1", "token", LIST_P95_MS),
        ("GET /api/events filtered", filt, "token", LIST_P95_MS),
        ("GET /api/events?q=垃圾", "/api/events?page=1&q=%E5%9E%83%E5%9C%BE", "token", None),
        ("GET /api/events?page=50", "/api/events?page=50", "token", LIST_P95_MS),
    ]
    if "events:list" in pages:
        out.append(("page " + pages["events:list"], pages["events:list"], "session", LIST_P95_MS))
    if "events:dashboard" in pages:
        out.append(
            ("page " + pages["events:dashboard"], pages["events:dashboard"], "session", DASHBOARD_P95_MS)
        )
    return out


REPORT_TARGET_S = 10.0


def report_year(vd: VarDir, n: int, detail: dict[str, Any]) -> Row:
    """`jiedao report year Y` for the current year (the generator's densest), as an operator runs it."""
    year = time.localtime().tm_year
    print(f"[reads {n}] report year {year} …", flush=True)
    started = time.monotonic()
    vd.manage("report", "year", str(year), timeout=900)
    seconds = time.monotonic() - started
    detail["report_year"] = {"year": year, "seconds": round(seconds, 2)}
    big = n >= 1_000_000
    return Row(
        f"report year {year} (command, Word draft)",
        str(n),
        1,
        f"{seconds:.1f}s",
        "-",
        target=f"≤{REPORT_TARGET_S:.0f}s" if big else "-",
        ok=seconds <= REPORT_TARGET_S if big else None,
    )


def reads(args: argparse.Namespace, n: int) -> tuple[list[Row], dict[str, Any]]:
    rows: list[Row] = []
    detail: dict[str, Any] = {"events": n, "endpoints": {}, "loadavg_1min_before": os.getloadavg()[0]}
    with var_dir() as tmp:
        vd = VarDir(tmp)
        vd.manage("migrate", "--noinput", "-v", "0")
        fx = vd.fixture("setup")
        print(f"[reads {n}] generating {n} events …", flush=True)
        gen = vd.fixture("generate", str(n), timeout=1800)
        detail["generation"] = gen
        rows.append(
            Row(
                "generate events (bulk)",
                str(n),
                1,
                f"{gen['seconds']:.1f}s",
                "-",
                target="<120s" if n >= 1_000_000 else "-",
                ok=gen["seconds"] < 120 if n >= 1_000_000 else None,
            )
        )
        print_table(rows[-1:], header=False)
        snap = vd.fixture("snapshots", timeout=600)
        detail["dashboard_snapshots"] = snap
        rows.append(
            Row(
                "dashboard snapshots, counted live (worker, every 2 min)",
                str(n),
                1,
                f"{snap['seconds']:.1f}s",
                "-",
                target="<120s",
                ok=snap["seconds"] < 120,
            )
        )
        print_table(rows[-1:], header=False)
        rows.append(report_year(vd, n, detail))
        print_table(rows[-1:], header=False)
        pages = vd.fixture("urls")["pages"]
        detail["pages_found"] = pages
        if pages:
            vd.manage("collectstatic", "--noinput", "-v", "0")  # DEBUG off needs the manifest
        headers = {
            "token": {"Authorization": f"Bearer {fx['token']}"},
            "session": {"Cookie": fx["session_cookie"]},
        }
        with serve(vd, "jiedao.wsgi:application", "/api/events", queue=not args.no_queue) as base:
            for label, path, auth, target in read_endpoints(fx, pages):
                print(f"[reads {n}] {label} …", flush=True)
                url = base + path
                warm = hey(url, concurrency=1, requests=5, headers=headers[auth], timeout_s=60)
                # Bounded in time: an endpoint slower than SLOW_S a request gets SLOW_COUNT requests.
                slow = warm.total_s / 5 > SLOW_S
                count = SLOW_COUNT if slow else args.reads
                res = hey(url, concurrency=1, requests=count, headers=headers[auth], timeout_s=60)
                detail["endpoints"][label] = {**res.as_dict(), "capped_slow": slow}
                rows.append(read_row(label + (" (slow: capped)" if slow else ""), n, res, target))
                print_table(rows[-1:], header=False)
            label = "GET /api/events?page=1 c=4"
            print(f"[reads {n}] {label} …", flush=True)
            conc = hey(
                base + "/api/events?page=1",
                concurrency=4,
                duration_s=5,
                headers=headers["token"],
                timeout_s=60,
            )
            detail["endpoints"][label] = conc.as_dict()
            rows.append(Row.from_runs(label, str(n), [conc], target="-", ok=None, errors=conc.bad(200)))
            print_table(rows[-1:], header=False)
    return rows, detail


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    ensure_hey()
    started = time.time()
    rows: list[Row] = []
    result: dict[str, Any] = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
        "args": {k: v for k, v in vars(args).items() if k != "sizes"},
        "machine": machine_facts(),
    }
    out = Path(args.out)

    def save() -> None:  # after every phase, so an interrupted run keeps what it measured
        result["seconds"] = round(time.time() - started, 1)
        result["table"] = [r.as_dict() for r in rows]
        write_rows(out, result)

    if not args.skip_writes:
        w_rows, result["writes"] = writes(args)
        rows += w_rows
        print_table(w_rows)
        save()
    if not args.skip_reads:
        result["reads"] = []
        for n in args.sizes:
            r_rows, r_detail = reads(args, n)
            rows += r_rows
            result["reads"].append(r_detail)
            save()
    print_table(rows)
    save()
    print(f"\nwritten {args.out}")
    return 0 if all(r.ok is not False for r in rows) else 1
