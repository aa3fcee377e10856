"""Identity stability on a replay: do mentions keep their cluster id, does the wall stay put?

    python bench/stability.py [--seed 7] [--refresh 10]

Replays the generated drill in simulated time (a refresh every ``--refresh`` stream
seconds, real embedder and clustering, full refits as they fall due) and reports, over
consecutive refreshes:

- id retention: of the mentions clustered in both refreshes, the share with the same
  question (topic) id;
- wall position changes: per refresh, how many of the shown dominant questions moved
  to another position, and the share of refreshes with any move;
- baseline (same run): a plain BERTopic refit per refresh with ids as BERTopic numbers
  them, measured over the last 10 refreshes.

Writes bench/results/stability.json.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

RESULTS = Path(__file__).resolve().parent.parent / "bench" / "results"


def retention(before: dict[str, str], after: dict[str, str]) -> float | None:
    """Share of mentions clustered in both maps that kept their id."""
    both = [k for k in before if k in after]
    return None if not both else sum(before[k] == after[k] for k in both) / len(both)


def main() -> None:
    from clustering.topics import ClusterParams, auto_min_cluster_size, cluster_window
    from radar.config import Settings
    from radar.enrichment import Enricher
    from radar.files import FieldMap, row_to_mention
    from radar.refresh import Radar
    from radar.scenario import generate_rail_outage
    from radar.services import build_embedder

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--refresh", type=float, default=10.0)
    args = parser.parse_args()
    rows = generate_rail_outage(datetime(2026, 11, 23, 5, 30, tzinfo=UTC), seed=args.seed)
    settings = Settings(window_hours=6.0, refresh_seconds=args.refresh)
    enricher = Enricher(settings, build_embedder(settings))
    mentions, vectors = enricher.enrich(
        [row_to_mention(r, f"d:{i}", FieldMap()) for i, r in enumerate(rows)]
    )
    times = np.array([m.published for m in mentions])
    radar = Radar(settings)
    question_keep, topic_keep, moves = [], [], []
    previous_q: dict[str, str] = {}
    previous_t: dict[str, str] = {}
    previous_pos: dict[str, int] = {}
    clock = float(times[0]) + 30 * 60  # from minute 30, when questions exist
    while clock <= times[-1]:
        upto = int(np.searchsorted(times, clock, side="right"))
        snapshot = radar.refresh(mentions[:upto], vectors[:upto], clock)
        ids = [m.id for m in mentions[:upto]]
        q_map = {i: c for i, c in zip(ids, radar.question_of, strict=True) if c}
        t_map = {i: c for i, c in zip(ids, radar.topic_of, strict=True) if c}
        positions = {q["id"]: q["rank"] for q in snapshot["questions"]}
        if previous_q:
            for keep, before, after in (
                (question_keep, previous_q, q_map),
                (topic_keep, previous_t, t_map),
            ):
                share = retention(before, after)
                if share is not None:
                    keep.append(share)
            moves.append(
                sum(
                    1
                    for cid, pos in positions.items()
                    if cid in previous_pos and previous_pos[cid] != pos
                )
            )
        previous_q, previous_t, previous_pos = q_map, t_map, positions
        clock += args.refresh
    # baseline: BERTopic refits, last 10 refreshes, ids as BERTopic numbers them
    base_keep = []
    prev: dict[str, int] = {}
    for k in range(10, 0, -1):
        upto = int(np.searchsorted(times, times[-1] - k * args.refresh, side="right"))
        qs = [i for i in range(upto) if mentions[i].is_question]
        fit = cluster_window(
            [mentions[i].text for i in qs],
            vectors[qs],
            ClusterParams(min_cluster_size=auto_min_cluster_size(len(qs))),
        )
        now_map = {
            mentions[i].id: int(lab) for i, lab in zip(qs, fit.labels, strict=True) if lab >= 0
        }
        if prev:
            both = [m for m in prev if m in now_map]
            base_keep.append(sum(prev[m] == now_map[m] for m in both) / max(1, len(both)))
        prev = now_map
    result = {
        "refreshes": len(moves) + 1,
        "question_id_retention": round(float(np.mean(question_keep)), 4),
        "question_id_retention_min": round(float(np.min(question_keep)), 4),
        "topic_id_retention": round(float(np.mean(topic_keep)), 4),
        "position_moves_per_refresh": round(float(np.mean(moves)), 3),
        "refreshes_with_a_move": round(float(np.mean([m > 0 for m in moves])), 3),
        "full_fits": radar.window_clusterers["question"].full_fits,
        "baseline_bertopic_refit_id_retention": round(float(np.mean(base_keep)), 4),
    }
    for key, value in result.items():
        print(f"{key:40s} {value}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "stability.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
