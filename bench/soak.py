"""Soak: replay drill posts at a steady rate through real stage processes and watch them.

A throwaway ``redis-server`` (:mod:`radar.devserver`), ``--workers`` × ``radar worker``
and one ``radar loop`` as subprocesses; this process writes Dutch drill posts
(:func:`radar.scenario.generate_rail_outage`, seed after seed, stamped *now* so the
wall-clock window applies) at ``--rate`` mentions per second. Every ``--sample``
seconds it records the RSS of each process (psutil), Redis ``used_memory``, the
snapshot's age and the enrichment lag (queued + pending).

Small ``--window-hours`` / ``--retention-hours`` make trimming show within minutes
(default: window 0.1 h, retention 0.2 h; with ``--minutes`` ≤ 5 window 0.01 h,
retention 0.02 h). The report says whether memory is flat (memory
grows less than ``--flat-tolerance`` from the moment the first
retention period has expired), the largest snapshot age against two refresh
intervals (after the first snapshot), and the largest lag. Writes
``bench/results/soak.json`` (or ``--out``).

    python bench/soak.py --rate 50 --minutes 60 --workers 2
    python bench/soak.py --rate 50 --minutes 2 --workers 2      # the CI variant
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT.parent) not in sys.path:
    sys.path.insert(0, str(ROOT.parent))

import psutil  # noqa: E402
import redis  # noqa: E402

from radar.devserver import throwaway_redis  # noqa: E402
from radar.health import snapshot_age  # noqa: E402
from radar.keys import Keys  # noqa: E402
from radar.model import Mention  # noqa: E402
from radar.scenario import generate_rail_outage  # noqa: E402
from radar.store import Store, wait_for  # noqa: E402

NAMESPACE = "soak"


def drill_posts(seed: int) -> list[dict]:
    return generate_rail_outage(datetime.now(UTC), seed=seed)


class Posts:
    """An endless supply of drill posts, seed after seed."""

    def __init__(self) -> None:
        self.seed = 0
        self.rows: list[dict] = []

    def take(self, n: int) -> list[Mention]:
        now = time.time()
        out = []
        while len(out) < n:
            if not self.rows:
                self.seed += 1
                self.rows = drill_posts(self.seed)
            row = self.rows.pop()
            out.append(
                Mention.create(
                    row["text"],
                    published=now,
                    source=row.get("source", "x"),
                    source_type="replay",
                    author=row.get("author"),
                    url=f"{row.get('url', '')}?s={self.seed}",
                )
            )
        return out


def start_stage(command: str, url: str, env: dict[str, str], log_dir: Path) -> subprocess.Popen:
    log = (log_dir / f"{command}-{time.monotonic_ns()}.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "radar", command, "--redis-url", url, "--namespace", NAMESPACE],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, **env},
    )


def _started(log_dir: Path) -> int:
    """Stages whose log says they are running (a consumer appears in Redis only on delivery)."""
    return sum(
        1
        for log in log_dir.glob("*.log")
        if any(word in log.read_text(errors="replace") for word in ("started", "leader: "))
    )


def rss_mb(proc: subprocess.Popen) -> float | None:
    try:
        return round(psutil.Process(proc.pid).memory_info().rss / 2**20, 1)
    except psutil.Error:
        return None


def growth(series: list[float | None], times: list[float], steady_from: float) -> float | None:
    """Relative growth once retention has passed: last steady value vs the first one.

    None when the run ended before the store could reach its steady state.
    """
    steady = [v for v, t in zip(series, times, strict=True) if t >= steady_from and v is not None]
    if len(steady) < 2:
        return None
    return (steady[-1] - steady[0]) / steady[0] if steady[0] else 0.0


def run(args: argparse.Namespace) -> dict:
    short = args.minutes <= 5
    window = args.window_hours or (0.01 if short else 0.1)
    retention = args.retention_hours or 2 * window
    env = {
        "RADAR_EMBEDDER": args.embedder,
        "RADAR_WINDOW_HOURS": str(window),
        "RADAR_RETENTION_HOURS": str(retention),
        "RADAR_REFRESH_SECONDS": str(args.refresh),
        "RADAR_RECLAIM_IDLE_SECONDS": "10",
        "PYTHONUNBUFFERED": "1",
    }
    log_dir = Path(tempfile.mkdtemp(prefix="radar-soak-logs-"))
    with throwaway_redis() as url:
        client = redis.Redis.from_url(url)
        store = Store(client, Keys(NAMESPACE), retention * 3600)
        procs = {
            f"worker-{i + 1}": start_stage("worker", url, env, log_dir) for i in range(args.workers)
        }
        procs["loop"] = start_stage("loop", url, env, log_dir)
        wait_for(lambda: _started(log_dir) >= args.workers + 1, timeout=60)
        posts = Posts()
        samples: list[dict] = []
        sent = stored = 0
        started = time.monotonic()
        end = started + args.minutes * 60
        next_sample = started
        tick = 0.2
        try:
            while time.monotonic() < end:
                due = int(args.rate * (time.monotonic() - started)) - sent
                if due > 0:
                    stored += store.add_mentions(posts.take(due))
                    sent += due
                now = time.monotonic()
                if now >= next_sample:
                    snapshot = store.load_snapshot()
                    lag = store.lag()
                    samples.append(
                        {
                            "t": round(now - started, 1),
                            "sent": sent,
                            "stored": stored,
                            "rss_mb": {name: rss_mb(p) for name, p in procs.items()},
                            "redis_used_memory_mb": round(
                                int(client.info("memory")["used_memory"]) / 2**20, 2
                            ),
                            "snapshot_age_s": None
                            if snapshot is None
                            else round(snapshot_age(snapshot), 1),
                            "window_mentions": None
                            if snapshot is None
                            else snapshot["totals"]["mentions"],
                            # how long the loop computed that snapshot, and which one it is:
                            # a stale snapshot on a loaded machine is a long refresh, not a
                            # stall, when the loop keeps producing new ones
                            "refresh_s": None
                            if snapshot is None
                            else round(float(snapshot.get("refresh_ms") or 0) / 1000, 1),
                            "generated": None if snapshot is None else snapshot["generated"],
                            "lag": lag["queued"] + lag["pending"],
                            "enriched_in_store": store.enriched_count(),
                        }
                    )
                    print(json.dumps(samples[-1]), flush=True)
                    next_sample += args.sample
                time.sleep(tick)
        finally:
            for proc in procs.values():
                proc.send_signal(signal.SIGTERM)
            for proc in procs.values():
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
            client.close()
    ages = [s["snapshot_age_s"] for s in samples if s["snapshot_age_s"] is not None]
    first_snapshot = next((s["t"] for s in samples if s["snapshot_age_s"] is not None), None)
    memory = {name: [s["rss_mb"][name] for s in samples] for name in procs}
    memory["redis"] = [s["redis_used_memory_mb"] for s in samples]
    times = [s["t"] for s in samples]
    steady_from = retention * 3600 + 2 * args.sample  # everything older has expired by then
    growths = {}
    for name, series in memory.items():
        value = growth(series, times, steady_from)
        growths[name] = None if value is None else round(value, 3)
    result = {
        "rate": args.rate,
        "minutes": args.minutes,
        "workers": args.workers,
        "embedder": args.embedder,
        "window_hours": window,
        "retention_hours": retention,
        "refresh_seconds": args.refresh,
        "sent": sent,
        "stored": stored,
        "memory_start_end_mb": {
            name: [next((v for v in series if v is not None), None), series[-1] if series else None]
            for name, series in memory.items()
        },
        "memory_growth_after_retention": growths,
        "memory_steady_from_s": steady_from,
        "memory_flat": None
        if any(g is None for g in growths.values())
        else all(g <= args.flat_tolerance for g in growths.values()),
        "first_snapshot_after_s": first_snapshot,
        "max_snapshot_age_s": max(ages) if ages else None,
        "snapshot_age_limit_s": 2 * args.refresh,
        "snapshot_age_ok": bool(ages) and max(ages) <= 2 * args.refresh,
        "snapshots_seen": len({s["generated"] for s in samples if s["generated"]}),
        "longest_refresh_s": max((s["refresh_s"] or 0 for s in samples), default=None),
        "max_lag": max((s["lag"] for s in samples), default=None),
        "final_lag": samples[-1]["lag"] if samples else None,
        "samples": samples,
        "logs": str(log_dir),
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=50.0, help="mentions per second")
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--embedder", default="hashing", help="embedder of the workers and loop")
    parser.add_argument("--refresh", type=float, default=10.0, help="refresh_seconds of the loop")
    parser.add_argument("--window-hours", type=float)
    parser.add_argument("--retention-hours", type=float)
    parser.add_argument("--sample", type=float, default=10.0, help="seconds between samples")
    parser.add_argument(
        "--flat-tolerance",
        type=float,
        default=0.10,
        help="largest relative memory growth once retention has passed",
    )
    parser.add_argument("--out", default=str(ROOT / "results" / "soak.json"))
    args = parser.parse_args(argv)
    result = run(args)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    summary = {k: v for k, v in result.items() if k not in ("samples",)}
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
