"""Detection latency: from the 10th mention of a new question to its first snapshot.

    python bench/latency.py [--seeds 7 11 23] [--refresh 10]

Replays the generated rail-outage drill in simulated time. Its question
"vraag-ov-fiets" starts late (around minute 108) and has no prepared answer: the
new question. The radar refreshes every ``--refresh`` seconds of stream time over
the mentions published so far (real embedder, real clustering, synchronous refits:
the worst case). The question counts as visible in the first snapshot whose
dominant questions include a cluster made mostly (>= 50 %) of its mentions.

Delay = (time of that refresh - time of the 10th mention) + the refresh's own compute
time. Enrichment latency (a batch every second) is not included. The baseline named
in the output is the refresh interval itself: the delay a perfect radar would have
at worst. Writes bench/results/latency.json.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
NEW_QUESTION = "vraag-ov-fiets"


def run(seed: int, refresh: float, embedder_spec: str) -> dict:
    from radar.config import Settings
    from radar.enrichment import Enricher
    from radar.files import FieldMap, row_to_mention
    from radar.refresh import Radar
    from radar.scenario import generate_rail_outage
    from radar.services import build_embedder

    rows = generate_rail_outage(datetime(2026, 11, 23, 5, 30, tzinfo=UTC), seed=seed)
    settings = Settings(embedder=embedder_spec, window_hours=6.0, refresh_seconds=refresh)
    enricher = Enricher(settings, build_embedder(settings))
    mentions, vectors = enricher.enrich(
        [row_to_mention(r, f"drill:{i}", FieldMap()) for i, r in enumerate(rows)]
    )
    labels = [r["scenario_label"] for r in rows]
    times = np.array([m.published for m in mentions])
    target = [i for i, lab in enumerate(labels) if lab == NEW_QUESTION]
    tenth = float(times[target[9]])
    radar = Radar(settings, playbooks=None)
    clock = float(times[target[0]]) - 20 * 60  # the radar runs from 20 minutes before
    seen_at = None
    compute = 0.0
    refreshes = 0
    while clock <= times[-1] + refresh and seen_at is None:
        upto = int(np.searchsorted(times, clock, side="right"))
        started = time.perf_counter()
        snapshot = radar.refresh(mentions[:upto], vectors[:upto], clock)
        compute = time.perf_counter() - started
        refreshes += 1
        if clock >= tenth:
            for q in snapshot["questions"]:
                members = [labels[i] for i, c in enumerate(radar.question_of) if c == q["id"]]
                if members and members.count(NEW_QUESTION) / len(members) >= 0.5:
                    seen_at = clock
                    break
        clock += refresh
    delay = None if seen_at is None else round(seen_at - tenth + compute, 1)
    return {
        "seed": seed,
        "mentions": len(rows),
        "tenth_mention_minute": round((tenth - times[0]) / 60, 1),
        "visible_minute": None if seen_at is None else round((seen_at - times[0]) / 60, 1),
        "delay_s": delay,
        "last_refresh_compute_s": round(compute, 2),
        "refreshes": refreshes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 11, 23])
    parser.add_argument(
        "--refresh", type=float, default=10.0, help="refresh interval, stream seconds"
    )
    parser.add_argument("--embedder", default="use-multilingual")
    args = parser.parse_args()
    rows = [run(seed, args.refresh, args.embedder) for seed in args.seeds]
    print(
        f"{'seed':>5} {'10th mention min':>17} {'visible min':>12} {'delay s':>8} {'vs interval':>12}"
    )
    for r in rows:
        ratio = "not seen" if r["delay_s"] is None else f"{r['delay_s'] / args.refresh:.1f}x"
        print(
            f"{r['seed']:>5} {r['tenth_mention_minute']:>17} {str(r['visible_minute']):>12} "
            f"{str(r['delay_s']):>8} {ratio:>12}"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latency.json").write_text(
        json.dumps({"refresh_seconds": args.refresh, "rows": rows}, indent=1)
    )
    print(
        f"baseline: refresh interval {args.refresh:g} s; target <= 60 s; wrote {RESULTS / 'latency.json'}"
    )


if __name__ == "__main__":
    main()
