"""What a new process pays before its first clusters: imports, numba compiling, the fit.

    python bench/cold_start.py                 # fit 1,000 and 4,000; radar analyze of 1,000
    python bench/cold_start.py --skip-analyze

Every figure comes from a fresh process. "fresh machine" runs with an empty numba cache
folder (``NUMBA_CACHE_DIR``: nothing compiled before, as after ``pip install``);
"installed" runs again with the folder the first run filled (every later start).
Per process: seconds to import the clustering stack, the first full fit of the
radar's window clusterer (``clustering.topics.cluster_window``, what ``WindowClusterer``
calls) on N drill posts (USE vectors, cached by ``bench/refresh.py``), and a second fit
of the same window (warm). ``radar analyze`` of 1,000 drill posts is timed end to end
(model load, enrichment, embedding, clustering, report). Writes bench/results/cold_start.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
REFRESH_CORPUS = 5039  # bench/refresh.py's 5,000 window plus three minutes of traffic


def fit_once(n: int) -> dict:
    """In this (fresh) process: import, first fit, second fit of n drill posts."""
    from bench.refresh import corpus

    mentions, vectors = corpus(
        REFRESH_CORPUS, "use-multilingual"
    )  # the one bench/refresh.py caches
    texts, vectors = [m.text for m in mentions[:n]], vectors[:n]
    started = time.perf_counter()
    from clustering.topics import ClusterParams, auto_min_cluster_size, cluster_window

    params = ClusterParams(min_cluster_size=auto_min_cluster_size(n))
    imported = time.perf_counter()
    first = cluster_window(texts, vectors, params)
    fitted = time.perf_counter()
    cluster_window(texts, vectors, params)
    again = time.perf_counter()
    return {
        "n": n,
        "import_s": round(imported - started, 1),
        "first_fit_s": round(fitted - imported, 1),
        "warm_fit_s": round(again - fitted, 1),
        "clusters": len(first.clusters),
    }


def in_fresh_process(args: list[str], cache: Path) -> dict:
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache)}
    out = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, cwd=ROOT
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def analyze_run(n: int, cache: Path) -> dict:
    """``radar analyze`` of n drill posts, end to end in a fresh process."""
    from radar.scenario import generate_rail_outage, write_scenario_jsonl

    with tempfile.TemporaryDirectory(prefix="radar-cold-") as folder:
        rows: list[dict] = []
        seed = 3
        while len(rows) < n:  # a drill has ~800 posts: the next seed's follow a day later
            day = datetime(2026, 11, 23 + seed - 3, 5, 30, tzinfo=UTC)
            rows += generate_rail_outage(day, seed=seed)
            seed += 1
        rows = rows[:n]
        source = write_scenario_jsonl(rows, Path(folder) / "posts.jsonl")
        env = {**os.environ, "NUMBA_CACHE_DIR": str(cache)}
        radar = [sys.executable, "-m", "radar", "analyze", str(source), "--out", folder + "/out"]
        started = time.perf_counter()
        done = subprocess.run(radar, env=env, capture_output=True, text=True, cwd=ROOT)
        seconds = time.perf_counter() - started
        if done.returncode:
            raise RuntimeError(done.stderr[-2000:])
    return {"posts": len(rows), "seconds": round(seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000], help="at most 5039")
    parser.add_argument("--skip-analyze", action="store_true")
    parser.add_argument("--skip-fits", action="store_true")
    parser.add_argument("--fit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fit:
        print(json.dumps(fit_once(args.fit)))
        return
    result: dict = {"cores": os.cpu_count(), "load": round(os.getloadavg()[0], 1), "rows": []}
    with tempfile.TemporaryDirectory(prefix="radar-numba-") as folder:
        for n in [] if args.skip_fits else args.sizes:
            cache = Path(folder) / f"fit-{n}"
            for state in ("fresh machine", "installed"):
                row = {
                    "what": f"fit {n}",
                    "state": state,
                    **in_fresh_process(["--fit", str(n)], cache),
                }
                print(row, flush=True)
                result["rows"].append(row)
        if not args.skip_analyze:
            cache = Path(folder) / "analyze"
            for state in ("fresh machine", "installed"):
                row = {"what": "radar analyze", "state": state, **analyze_run(1000, cache)}
                print(row, flush=True)
                result["rows"].append(row)
    result["load_after"] = round(os.getloadavg()[0], 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "cold_start.json").write_text(json.dumps(result, indent=1))
    print(f"wrote {RESULTS / 'cold_start.json'}")


if __name__ == "__main__":
    main()
