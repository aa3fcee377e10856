"""When does each CrisisLex T26 information type first show as a topic or question?

    python eval/crisislex_timeline.py ../shared/data --event 2013_Queensland_floods
    python eval/crisislex_timeline.py ../shared/data --event 2012_Costa_Rica_earthquake --hours 0

Replays one event on the data clock as ``radar analyze --every`` does (one
:class:`radar.refresh.Radar` reused, a refresh every ``--every`` of stream time, skipping
quiet intervals, over the loop's window) on its densest ``--hours`` (0 = the whole event),
with the real embedder and the radar's clustering, and reports per information type: when
its 10th tweet arrived, and when a topic (or dominant question) whose labelled members (at
least 5; "Not labeled" and "Not applicable" left out) are at least ``--purity`` of that type
first appeared in a snapshot, and the lead (first shown minus 10th tweet; negative: shown
before the 10th tweet). Tweet text stays in the shared folder; results go to
bench/results/crisislex-<event>.json.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np

RESULTS = Path(__file__).resolve().parent.parent / "bench" / "results"
SKIP = {"Not labeled", "Not applicable"}


def densest_span(times: np.ndarray, hours: float) -> tuple[int, int]:
    """Indices [lo, hi) of the ``hours`` span with the most tweets (times sorted)."""
    width = hours * 3600
    ends = np.searchsorted(times, times + width, side="left")
    lo = int(np.argmax(ends - np.arange(len(times))))
    return lo, int(ends[lo])


def _hours(t: float | None, start: float) -> float | None:
    return None if t is None else round((t - start) / 3600, 2)


def main() -> None:
    from radar.config import Settings
    from radar.enrichment import Enricher
    from radar.model import Mention
    from radar.refresh import Radar
    from radar.services import build_embedder
    from radar.timeline import parse_interval, replay, ticks
    from radar.timeutil import parse_time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder")
    parser.add_argument("--event", required=True)
    parser.add_argument("--hours", type=float, default=24.0, help="densest span; 0 = whole")
    parser.add_argument("--every", default="15m", help="refresh interval of stream time")
    parser.add_argument("--window-hours", type=float, default=6.0, help="the loop's window")
    parser.add_argument("--purity", type=float, default=0.5)
    args = parser.parse_args()
    every = parse_interval(args.every)
    path = args.data / "crisislex_t26" / "crisislex_t26_with_timestamps.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["event"] == args.event]
    if not rows:
        raise SystemExit(f"{path}: no tweets of event {args.event!r}")
    rows.sort(key=lambda r: parse_time(r["timestamp_utc_from_tweet_id"]))
    times = np.array([parse_time(r["timestamp_utc_from_tweet_id"]) for r in rows])
    if args.hours > 0:
        lo, hi = densest_span(times, args.hours)
        rows, times = rows[lo:hi], times[lo:hi]
    window = args.window_hours
    settings = Settings(window_hours=window, retention_hours=max(48.0, window), clock="data")
    enricher = Enricher(settings, build_embedder(settings))
    mentions = [
        Mention.create(r["text"], source="x", published=float(t), id=r["tweet_id"])
        for r, t in zip(rows, times, strict=True)
    ]
    mentions, vectors = enricher.enrich(mentions)
    types = [r["information_type"] for r in rows]
    wanted = sorted(set(types) - SKIP)
    tenth = {
        t: float(times[[i for i, x in enumerate(types) if x == t][9]])
        for t in wanted
        if types.count(t) >= 10
    }
    first: dict[str, tuple[float, str]] = {}
    radar = Radar(settings)

    def check(snapshot: dict, lo: int) -> None:
        clock = parse_time(snapshot["now"])
        for kind, assignment in (("topic", radar.topic_of), ("question", radar.question_of)):
            for cluster in snapshot[kind + "s"]:
                members = [
                    types[lo + i]
                    for i, c in enumerate(assignment)
                    if c == cluster["id"] and types[lo + i] not in SKIP
                ]
                if len(members) < 5:
                    continue
                top = max(set(members), key=members.count)
                if top not in first and members.count(top) / len(members) >= args.purity:
                    first[top] = (clock, kind)

    at = ticks(times, every)
    replay(radar, mentions, vectors, window * 3600, at, check)
    start = float(times[0])
    table = []
    for t in wanted:
        shown, kind = first.get(t, (None, None))
        table.append(
            {
                "type": t,
                "tweets": types.count(t),
                "tenth_tweet_h": _hours(tenth.get(t), start),
                "first_shown_h": _hours(shown, start),
                "shown_as": kind,
                "lead_h": None
                if shown is None or t not in tenth
                else round((shown - tenth[t]) / 3600, 2),
            }
        )
    span = f"the densest {args.hours:g} h" if args.hours > 0 else "the whole event"
    print(
        f"{args.event}: {len(rows)} tweets over {span} ({(times[-1] - start) / 3600:.0f} h), "
        f"{len(at)} refreshes, one per {every / 60:g} min, window {window:g} h"
    )
    print(
        f"{'information type':32s} {'tweets':>6} {'10th tweet h':>12} {'first shown h':>13} "
        f"{'as':>8} {'lead h':>7}"
    )
    for row in table:
        print(
            f"{row['type']:32s} {row['tweets']:>6} {str(row['tenth_tweet_h']):>12} "
            f"{str(row['first_shown_h']):>13} {str(row['shown_as']):>8} {str(row['lead_h']):>7}"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"crisislex-{args.event}.json").write_text(json.dumps(table, indent=1))


if __name__ == "__main__":
    from _script import run  # this folder is on sys.path when run as a script

    run(main)
