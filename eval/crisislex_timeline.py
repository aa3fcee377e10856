"""When does each CrisisLex T26 information type first show as a topic or question?

    python eval/crisislex_timeline.py ../shared/data --event 2013_Queensland_floods

Replays one event in simulated time (a refresh every ``--refresh-minutes`` of stream
time over its densest ``--hours``), with the real embedder and the radar's clustering,
and reports per information type: when its 10th tweet arrived, and when a topic (or
dominant question) whose labelled members (at least 5; "Not labeled" and "Not
applicable" left out) are at least ``--purity`` of that type first appeared in a
snapshot. Tweet text stays in the shared folder; results go to
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


def main() -> None:
    from radar.config import Settings
    from radar.enrichment import Enricher
    from radar.model import Mention
    from radar.refresh import Radar
    from radar.services import build_embedder
    from radar.timeutil import parse_time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder")
    parser.add_argument("--event", required=True)
    parser.add_argument("--hours", type=float, default=24.0)
    parser.add_argument("--refresh-minutes", type=float, default=15.0)
    parser.add_argument("--purity", type=float, default=0.5)
    args = parser.parse_args()
    path = args.data / "crisislex_t26" / "crisislex_t26_with_timestamps.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["event"] == args.event]
    if not rows:
        raise SystemExit(f"{path}: no tweets of event {args.event!r}")
    rows.sort(key=lambda r: parse_time(r["timestamp_utc_from_tweet_id"]))
    times = np.array([parse_time(r["timestamp_utc_from_tweet_id"]) for r in rows])
    lo, hi = densest_span(times, args.hours)
    rows, times = rows[lo:hi], times[lo:hi]
    settings = Settings(window_hours=args.hours, bin_minutes=10.0, retention_hours=args.hours)
    enricher = Enricher(settings, build_embedder(settings))
    mentions = [
        Mention.create(r["text"], source="x", published=float(t), id=r["tweet_id"])
        for r, t in zip(rows, times, strict=True)
    ]
    mentions, vectors = enricher.enrich(mentions)
    types = [r["information_type"] for r in rows]
    wanted = sorted({t for t in types} - SKIP)
    tenth = {
        t: float(times[[i for i, x in enumerate(types) if x == t][9]])
        for t in wanted
        if types.count(t) >= 10
    }
    first: dict[str, float] = {}
    radar = Radar(settings)
    clock = float(times[0]) + args.refresh_minutes * 60
    while clock <= times[-1] + args.refresh_minutes * 60 and len(first) < len(tenth):
        upto = int(np.searchsorted(times, clock, side="right"))
        snapshot = radar.refresh(mentions[:upto], vectors[:upto], clock)
        for kind, assignment in (("topics", radar.topic_of), ("questions", radar.question_of)):
            for cluster in snapshot[kind]:
                members = [
                    types[i]
                    for i, c in enumerate(assignment)
                    if c == cluster["id"] and types[i] not in SKIP
                ]
                if len(members) < 5:
                    continue
                top = max(set(members), key=members.count)
                if (
                    top in tenth
                    and top not in first
                    and members.count(top) / len(members) >= args.purity
                ):
                    first[top] = clock
        clock += args.refresh_minutes * 60
    start = float(times[0])
    table = []
    for t in wanted:
        table.append(
            {
                "type": t,
                "tweets": types.count(t),
                "tenth_tweet_h": None if t not in tenth else round((tenth[t] - start) / 3600, 2),
                "first_shown_h": None if t not in first else round((first[t] - start) / 3600, 2),
            }
        )
    print(
        f"{args.event}: {len(rows)} tweets over the densest {args.hours:g} h, refresh every "
        f"{args.refresh_minutes:g} min"
    )
    print(f"{'information type':32s} {'tweets':>6} {'10th tweet h':>12} {'first shown h':>13}")
    for row in table:
        print(
            f"{row['type']:32s} {row['tweets']:>6} {str(row['tenth_tweet_h']):>12} {str(row['first_shown_h']):>13}"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"crisislex-{args.event}.json").write_text(json.dumps(table, indent=1))


if __name__ == "__main__":
    from _script import run  # this folder is on sys.path when run as a script

    run(main)
