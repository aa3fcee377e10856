"""Timing drift of ``radar replay``: one CrisisLex T26 event replayed into a real Redis.

Each mention is due ``(published - first published) / speed`` seconds after the start;
the replay's ``on_push`` hook records when the write holding it finished. Drift =
actual - due (never negative: the replay does not push early). Reports max, p95,
p50 and mean drift, whether the order was kept (in the writes and in the Redis
stream), and, as a baseline measured in the same run, the same schedule replayed
into a store that writes nothing (the scheduler's own jitter).

    python bench/replay_drift.py --data ../shared/data/crisislex_t26/crisislex_t26_with_timestamps.csv \\
        --event 2012_Costa_Rica_earthquake --speed 60

No event of T26 fits in 3 minutes at 60x (the shortest spans 178 h), so the replay
takes the densest stretch of ``--limit-minutes`` replay minutes (``--start first``:
the first stretch). Redis: ``--redis-url``, else ``RADAR_TEST_REDIS_URL``, else a
``redis-server`` started on a free port for the run (namespace ``bench-replay``,
cleared before and after).
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import json
import os
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import redis

from radar.devserver import throwaway_redis
from radar.files import FieldMap, read_mentions
from radar.keys import Keys
from radar.model import Mention
from radar.replay import replay_mentions, schedule
from radar.store import Store

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "replay_drift.json"
DEFAULT_DATA = (
    ROOT.parent / "shared" / "data" / "crisislex_t26" / "crisislex_t26_with_timestamps.csv"
)


def load_event(path: Path, event: str) -> list[Mention]:
    """The tweets of one event as mentions (id = tweet id), in time order."""
    fields = FieldMap(text="text", time="timestamp_utc_from_tweet_id")
    out = [
        replace(m, id=str(m.extra.get("tweet_id") or m.id), source=event)
        for _line, m in read_mentions(path, fields, source_type="replay", errors="skip")
        if m.extra.get("event") == event
    ]
    return sorted(out, key=lambda m: m.published)


def events(path: Path) -> dict[str, list[float]]:
    fields = FieldMap(text="text", time="timestamp_utc_from_tweet_id")
    found: dict[str, list[float]] = {}
    for _line, m in read_mentions(path, fields, errors="skip"):
        found.setdefault(str(m.extra.get("event")), []).append(m.published)
    return found


def stretch(mentions: Sequence[Mention], seconds: float, start: str) -> list[Mention]:
    """The mentions of the densest (or the first) ``seconds`` of original time."""
    times = [m.published for m in mentions]
    if not times or times[-1] - times[0] <= seconds:
        return list(mentions)
    if start == "first":
        first = 0
    else:
        first = max(
            range(len(times)), key=lambda i: bisect.bisect_right(times, times[i] + seconds) - i
        )
    last = bisect.bisect_right(times, times[first] + seconds)
    return list(mentions[first:last])


class NullStore:
    """Stands in for the store in the baseline: accepts writes, keeps nothing."""

    def add_mentions(self, mentions) -> int:
        return len(list(mentions))


def measure(store, mentions: Sequence[Mention], speed: float) -> dict:
    plan = schedule(mentions, speed)
    due = {m.id: t for t, m in plan}
    pushes: list[tuple[list[str], float]] = []
    started = time.perf_counter()
    stored = replay_mentions(
        store, mentions, speed, on_push=lambda b, at: pushes.append(([m.id for m in b], at))
    )
    wall = time.perf_counter() - started
    order = [i for ids, _at in pushes for i in ids]
    drifts = sorted(at - due[i] for ids, at in pushes for i in ids)
    return {
        "mentions": len(mentions),
        "writes": len(pushes),
        "stored": stored,
        "wall_seconds": round(wall, 3),
        "ideal_seconds": round(plan[-1][0], 3) if plan else 0.0,
        "drift_max_s": round(drifts[-1], 4),
        "drift_p95_s": round(drifts[min(len(drifts) - 1, int(0.95 * len(drifts)))], 4),
        "drift_p50_s": round(statistics.median(drifts), 4),
        "drift_mean_s": round(statistics.fmean(drifts), 4),
        "drift_min_s": round(drifts[0], 4),
        "order_kept": order == [m.id for _t, m in plan],
        "_order": order,
    }


@contextlib.contextmanager
def redis_server(url: str | None) -> Iterator[str]:
    """The given URL, or a redis-server of our own for the run."""
    url = url or os.environ.get("RADAR_TEST_REDIS_URL")
    if url:
        yield url
        return
    with throwaway_redis() as own:
        yield own


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="CrisisLex T26 CSV")
    parser.add_argument("--event", default="2012_Costa_Rica_earthquake", help="or 'list'")
    parser.add_argument("--speed", type=float, default=60.0)
    parser.add_argument(
        "--limit-minutes", type=float, default=3.0, help="replay minutes at most (0: all)"
    )
    parser.add_argument("--start", choices=["densest", "first"], default="densest")
    parser.add_argument("--redis-url")
    parser.add_argument("--no-baseline", action="store_true", help="skip the null-store run")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"Error: {args.data}: file not found; pass --data", file=sys.stderr)
        return 1
    if args.event == "list":
        for name, times in sorted(events(args.data).items()):
            span = max(times) - min(times)
            print(
                f"{name:36} {len(times):5} tweets  {span / 3600:7.1f} h  {span / 3600:5.1f} min at 60x"
            )
        return 0
    mentions = load_event(args.data, args.event)
    if not mentions:
        print(f"Error: no tweets of event {args.event!r}; see --event list", file=sys.stderr)
        return 1
    full_span = mentions[-1].published - mentions[0].published
    if args.limit_minutes > 0:
        mentions = stretch(mentions, args.limit_minutes * 60 * args.speed, args.start)
    span = mentions[-1].published - mentions[0].published
    print(
        f"{args.event}: {len(mentions)} tweets over {span / 3600:.2f} h "
        f"(event: {full_span / 3600:.1f} h) -> {span / args.speed:.1f} s at {args.speed:g}x"
    )
    runs = {}
    with redis_server(args.redis_url) as url:
        client = redis.Redis.from_url(url)
        store = Store(client, Keys("bench-replay"), retention_seconds=3600)
        store.clear()
        try:
            run = measure(store, mentions, args.speed)
            stream = [
                json.loads(fields[b"m"])["id"] for _id, fields in client.xrange(store.keys.mentions)
            ]
            queued = set(stream)
            run["order_kept_in_stream"] = stream == [i for i in run["_order"] if i in queued]
            run["near_duplicate_copies"] = sum(store.copies(stream).values()) - len(stream)
            runs["redis"] = run
        finally:
            store.clear()
            client.close()
    if not args.no_baseline:
        runs["baseline (null store)"] = measure(NullStore(), mentions, args.speed)
    for run in runs.values():
        run.pop("_order")

    columns = [
        "mentions",
        "writes",
        "stored",
        "ideal_seconds",
        "wall_seconds",
        "drift_max_s",
        "drift_p95_s",
        "drift_p50_s",
        "drift_mean_s",
        "order_kept",
    ]
    print(f"\n{'run':24}" + "".join(f"{c:>14}" for c in columns))
    for name, run in runs.items():
        print(f"{name:24}" + "".join(f"{run[c]!s:>14}" for c in columns))
    redis_run = runs["redis"]
    print(
        f"\norder kept in the Redis stream: {redis_run['order_kept_in_stream']}; "
        f"near-duplicate copies (retweets) counted, not queued: {redis_run['near_duplicate_copies']}"
    )
    if "baseline (null store)" in runs:
        base = runs["baseline (null store)"]
        ratio = redis_run["drift_p95_s"] / base["drift_p95_s"] if base["drift_p95_s"] else None
        print(f"p95 drift vs baseline: {ratio:.2f}x" if ratio else "baseline p95 drift is 0")
    result = {
        "event": args.event,
        "data": str(args.data),
        "speed": args.speed,
        "limit_minutes": args.limit_minutes,
        "start": args.start,
        "window_start": mentions[0].published,
        "window_end": mentions[-1].published,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
