"""How long one radar refresh takes as the window grows, against a full BERTopic refit.

    python bench/refresh.py                       # 1k, 5k, 20k, 50k
    python bench/refresh.py --sizes 1000 5000     # fewer

For each window size N (generated Dutch drill posts spread over a 6-hour window,
embedded once with the configured embedder and cached under bench/results/):

- baseline: ``BERTopic.fit_transform`` (UMAP + HDBSCAN) on the same N precomputed
  embeddings, what a refresh costs when it refits every time;
- radar: ``Radar.refresh`` in steady state (questions and topics, identity, signals,
  snapshot), after one minute of new traffic (N/360 mentions) arrived, median of 3;
- the radar's first refresh (a full fit on a sample of at most 4,000) for reference;
- peak memory (max RSS) of the process measuring that size.

Each size runs in its own process after a small warm-up fit, so numba's JIT compile
is not counted against either side. Prints a table and writes bench/results/refresh.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
WINDOW_SECONDS = 6 * 3600


def corpus(n: int, embedder_spec: str) -> tuple[list[dict], np.ndarray]:
    """n drill posts (several seeds) with embeddings, cached on disk."""
    from radar.config import Settings
    from radar.enrichment import Enricher
    from radar.files import FieldMap, row_to_mention
    from radar.scenario import generate_rail_outage
    from radar.services import build_embedder

    cache = RESULTS / f"refresh-corpus-{embedder_spec.replace(':', '_').replace('/', '_')}-{n}.npz"
    rows: list[dict] = []
    seed = 1
    while len(rows) < n:
        rows += generate_rail_outage(datetime(2026, 11, 23, 5, 30, tzinfo=UTC), seed=seed)
        seed += 1
    rows = rows[:n]
    settings = Settings(embedder=embedder_spec)
    enricher = Enricher(settings, embedder=None)  # annotate only
    enriched = [
        enricher.annotate(row_to_mention(r, f"bench:{i}", FieldMap())) for i, r in enumerate(rows)
    ]
    if cache.exists():
        vectors = np.load(cache)["vectors"]
    else:
        texts = enricher.embedding_texts(enriched)
        unique = list(dict.fromkeys(texts))
        embedder = build_embedder(settings)
        started = time.perf_counter()
        table = np.vstack([embedder.embed(unique[i : i + 512]) for i in range(0, len(unique), 512)])
        print(
            f"  embedded {len(unique)} distinct texts in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        index = {t: i for i, t in enumerate(unique)}
        vectors = table[[index[t] for t in texts]]
        RESULTS.mkdir(parents=True, exist_ok=True)
        np.savez(cache, vectors=vectors)
    return enriched, vectors.astype(np.float32)


def measure(n: int, embedder_spec: str) -> dict:
    """Baseline refit and steady-state refresh for one window size (in this process)."""
    from clustering.topics import ClusterParams, auto_min_cluster_size, cluster_window
    from radar.config import Settings
    from radar.refresh import Radar

    mentions, vectors = corpus(n + 3 * max(1, n // 360), embedder_spec)
    step = max(1, n // 360)
    now = 1_795_400_000.0
    times = now - WINDOW_SECONDS + np.linspace(0, WINDOW_SECONDS - 60, n)
    for m, t in zip(mentions[:n], times, strict=True):
        m.published = float(t)
    for i, m in enumerate(mentions[n:]):
        m.published = now + 60 * (i // step) + (i % step) * 60 / step
    # JIT warm-up (numba compiles UMAP, and pynndescent from 4,096 documents on)
    for size in (600, 4200) if n >= 4096 else (600,):
        warm = np.arange(0, len(mentions), max(1, len(mentions) // size))[:size]
        cluster_window([mentions[i].text for i in warm], vectors[warm], ClusterParams())

    started = time.perf_counter()
    baseline = cluster_window(
        [m.text for m in mentions[:n]],
        vectors[:n],
        ClusterParams(min_cluster_size=auto_min_cluster_size(n)),
    )
    baseline_s = time.perf_counter() - started

    radar = Radar(Settings(window_hours=6.0, max_questions=12), playbooks=None)
    started = time.perf_counter()
    radar.refresh(mentions[:n], vectors[:n], now)
    first_s = time.perf_counter() - started
    steady = []
    for k in range(1, 4):
        lo, hi = k * step, n + k * step
        started = time.perf_counter()
        snapshot = radar.refresh(mentions[lo:hi], vectors[lo:hi], now + 60 * k)
        steady.append(time.perf_counter() - started)
    refresh_s = statistics.median(steady)
    return {
        "window": n,
        "baseline_refit_s": round(baseline_s, 2),
        "baseline_topics": len(baseline.clusters),
        "radar_first_refresh_s": round(first_s, 2),
        "radar_refresh_s": round(refresh_s, 3),
        "speedup": round(baseline_s / refresh_s, 1),
        "radar_topics": len(snapshot["topics"]),
        "radar_questions": len(snapshot["questions"]),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000, 50000])
    parser.add_argument("--embedder", default="use-multilingual")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.embedder)))
        return
    rows = []
    print(f"refresh bench, embedder {args.embedder}, {os.cpu_count()} cores", flush=True)
    for n in args.sizes:
        print(f"window {n} …", flush=True)
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--embedder", args.embedder],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    header = f"{'window':>7} {'BERTopic refit s':>17} {'radar refresh s':>16} {'ratio':>7} {'first s':>8} {'topics':>7} {'questions':>9} {'peak MB':>8}"
    print(header)
    for r in rows:
        print(
            f"{r['window']:>7} {r['baseline_refit_s']:>17} {r['radar_refresh_s']:>16} {r['speedup']:>6}x "
            f"{r['radar_first_refresh_s']:>8} {r['radar_topics']:>7} {r['radar_questions']:>9} {r['peak_rss_mb']:>8}"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "refresh.json").write_text(
        json.dumps({"embedder": args.embedder, "rows": rows}, indent=1)
    )
    print(f"wrote {RESULTS / 'refresh.json'}")


if __name__ == "__main__":
    main()
