"""The radar's clusters against BERTopic defaults on labelled real sets, same embeddings.

    python eval/clustering_suite.py --data ../shared/data            # full suite
    python eval/clustering_suite.py --data ../shared/data --small    # ~1-2 min

Radar side: ``radar.analyze.analyze_file`` on a temporary JSONL file of the set (the
exact path of ``radar analyze``: enrichment, duplicate folding, ``embedding_text``,
``Radar.refresh`` with its :class:`~clustering.incremental.WindowClusterer`); the
``topic`` column is scored. BERTopic side: ``BERTopic().fit_transform(texts,
embeddings)`` with every default (UMAP seeded, so a run can be repeated), on the
same embedder's vectors of the raw texts, mean over ``--seeds`` seeds (its ARI varies
about ±0.04 run to run). Scores: NMI and ARI against the labels with noise counted as
singletons (radar seconds: the whole ``analyze`` and, as ``refresh_seconds``, its
clustering alone; ``nmi_all_noise`` is the NMI of leaving everything unclustered: on the
7 information types of a CrisisLex event it is about 0.42, so judge those by ARI),
the clustered share, the number of clusters and seconds (vectors come
from the disk cache of :mod:`suite_data`, so seconds are clustering plus enrichment).

Sets: CLINC150 test (150 intents, out-of-scope left out), the HWU64 fold (64 intents),
CrisisLex T26 events (information types, "Not labeled" left out). ``--small``: 1,500
CLINC queries, HWU64, one event, one BERTopic seed. Writes ``bench/results/clustering.json``.

>>> singletons([3, -1, 3, -1])
[3, -2, 3, -3]
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from suite_data import (  # noqa: E402
    CRISIS_EVENTS,
    LabelledSet,
    cached_embedder,
    load_clinc,
    load_crisis,
    load_hwu,
)

RESULTS = ROOT / "bench" / "results" / "clustering.json"
SMALL = {"clinc_limit": 1500, "events": CRISIS_EVENTS[:1], "seeds": 1}
FULL = {"clinc_limit": 0, "events": CRISIS_EVENTS, "seeds": 3}


def singletons(labels: list[int]) -> list[int]:
    """Each noise label (-1) becomes a label of its own (-2, -3, …)."""
    out, fresh = [], -2
    for label in labels:
        if label == -1:
            out.append(fresh)
            fresh -= 1
        else:
            out.append(label)
    return out


def score(truth: list[str], labels: list[int], seconds: float) -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    found = singletons(labels)
    return {
        "nmi": round(float(normalized_mutual_info_score(truth, found)), 4),
        "ari": round(float(adjusted_rand_score(truth, found)), 4),
        "clustered": round(sum(x != -1 for x in labels) / max(len(labels), 1), 4),
        "clusters": len(set(labels) - {-1}),
        "seconds": round(seconds, 1),
    }


def radar_labels(data: LabelledSet, embedder, settings=None) -> tuple[list[int], float]:
    """The ``topic`` of each text as ``radar analyze`` assigns it (-1 = none), and the
    seconds its clustering took (the snapshot's ``refresh_ms``)."""
    from radar.analyze import analyze_file
    from radar.config import Settings

    settings = settings or Settings()
    with tempfile.TemporaryDirectory(prefix="radar-suite-") as folder:
        source = Path(folder) / "set.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for i, text in enumerate(data.texts):
                row = {"id": f"s{i}", "text": text}
                if data.times:
                    row["published"] = data.times[i]
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        analyze_file(source, Path(folder) / "out", settings, embedder, None, show_progress=False)
        lines = (Path(folder) / "out" / "mentions.jsonl").read_text("utf-8").splitlines()
        snapshot = json.loads((Path(folder) / "out" / "snapshot.json").read_text("utf-8"))
    topics = [json.loads(line)["topic"] for line in lines]
    ids = {t: i for i, t in enumerate(dict.fromkeys(t for t in topics if t is not None))}
    return [ids[t] if t is not None else -1 for t in topics], snapshot["refresh_ms"] / 1000


def bertopic_labels(texts: list[str], embeddings: np.ndarray, seed: int) -> list[int]:
    """``BERTopic().fit_transform(texts, embeddings)`` with its default UMAP, seeded."""
    from bertopic import BERTopic
    from umap import UMAP

    umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    topics, _ = BERTopic(umap_model=umap).fit_transform(texts, embeddings)
    return [int(t) for t in topics]


def run_set(data: LabelledSet, embedder, seeds: int) -> dict:
    started = time.perf_counter()
    labels, refresh_s = radar_labels(data, embedder)
    radar = score(data.labels, labels, time.perf_counter() - started)
    radar["refresh_seconds"] = round(refresh_s, 1)  # clustering only (questions and topics)
    vectors = embedder.embed(data.texts)
    runs = []
    for seed in range(seeds):
        started = time.perf_counter()
        labels = bertopic_labels(data.texts, vectors, seed)
        runs.append(score(data.labels, labels, time.perf_counter() - started))
    bertopic = {k: round(statistics.fmean(r[k] for r in runs), 4) for k in runs[0]}
    bertopic["nmi_runs"] = [r["nmi"] for r in runs]
    bertopic["ari_runs"] = [r["ari"] for r in runs]
    return {
        "set": data.name,
        "texts": len(data.texts),
        "labels": len(set(data.labels)),
        # what NMI gives when nothing is clustered (noise as singletons): few labels make it high
        "nmi_all_noise": score(data.labels, [-1] * len(data.labels), 0.0)["nmi"],
        "radar": radar,
        "bertopic": bertopic,
    }


def suite_sets(data: Path, small: bool) -> list[LabelledSet]:
    plan = SMALL if small else FULL
    sets = [load_clinc(data, limit=plan["clinc_limit"]), load_hwu(data)]
    return sets + [load_crisis(data, event) for event in plan["events"]]


def run_suite(data: Path, small: bool = False, seeds: int | None = None, progress=print) -> dict:
    """Every set of the suite, both sides; the document written to clustering.json."""
    import os

    from radar.enrich.language import detect_language

    plan = SMALL if small else FULL
    seeds = seeds or plan["seeds"]
    embedder = cached_embedder("use-multilingual")
    detect_language("warm up")  # the language model loads once, outside the first timing
    rows = []
    for labelled in suite_sets(data, small):
        progress(f"{labelled.name}: {len(labelled.texts)} texts …")
        rows.append(run_set(labelled, embedder, seeds))
        progress(table_line(rows[-1]))
    return {
        "embedder": embedder.name,
        "small": small,
        "bertopic_seeds": seeds,
        "cores": os.cpu_count(),
        "rows": rows,
    }


HEADER = (
    f"{'set':34s} {'n':>5} {'lab':>4} | {'radar NMI':>9} {'ARI':>6} {'clust':>6} {'k':>4} "
    f"{'s':>6} {'fit s':>6} | {'BERTopic NMI':>12} {'ARI':>6} {'clust':>6} {'k':>4} {'s':>6}"
)


def table_line(row: dict) -> str:
    r, b = row["radar"], row["bertopic"]
    return (
        f"{row['set']:34s} {row['texts']:>5} {row['labels']:>4} | {r['nmi']:>9.3f} "
        f"{r['ari']:>6.3f} {r['clustered']:>6.2f} {r['clusters']:>4} {r['seconds']:>6.1f} {r['refresh_seconds']:>6.1f} | "
        f"{b['nmi']:>12.3f} {b['ari']:>6.3f} {b['clustered']:>6.2f} {b['clusters']:>4.0f} "
        f"{b['seconds']:>6.1f}"
    )


def markdown(result: dict) -> str:
    """The table for the README."""
    lines = [
        "| set | texts | labels | radar NMI / ARI | BERTopic defaults NMI / ARI "
        f"(mean of {result['bertopic_seeds']}) | radar clustered, clusters, s (analyze / fit) | "
        "BERTopic clustered, clusters, s |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in result["rows"]:
        r, b = row["radar"], row["bertopic"]
        lines.append(
            f"| {row['set']} | {row['texts']} | {row['labels']} | {r['nmi']:.3f} / {r['ari']:.3f} "
            f"| {b['nmi']:.3f} / {b['ari']:.3f} | {r['clustered']:.0%}, {r['clusters']}, "
            f"{r['seconds']:.0f} / {r['refresh_seconds']:.0f} | {b['clustered']:.0%}, {b['clusters']:.0f}, {b['seconds']:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--small", action="store_true", help="a subset that runs in ~1-2 min")
    parser.add_argument("--seeds", type=int, help="BERTopic seeds to average (default 3, small 1)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if not args.data.is_dir():
        raise FileNotFoundError(2, "No such directory", str(args.data))
    print(HEADER, flush=True)
    result = run_suite(args.data, args.small, args.seeds, progress=lambda s: print(s, flush=True))
    print()
    print(markdown(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    from _script import run

    run(main)
