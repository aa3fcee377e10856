"""What a new process pays before its first clusters: imports, numba compiling, the fit.

    python bench/cold_start.py                 # fit 1,000 and 4,000; radar analyze of 1,000
    python bench/cold_start.py --skip-analyze --skip-demo

Every figure comes from a fresh process. "fresh machine" runs with an empty numba cache
folder (``NUMBA_CACHE_DIR``: nothing compiled before, as after ``pip install``);
"installed" runs again with the folder the first run filled (every later start).
Per process: seconds to import the clustering stack, the first full fit of the
radar's window clusterer (``clustering.topics.cluster_window``, what ``WindowClusterer``
calls) on N drill posts (USE vectors, cached by ``bench/refresh.py``), and a second fit
of the same window (warm). ``radar analyze`` of 1,000 drill posts is timed end to end
(model load, enrichment, embedding, clustering, report). ``radar demo`` (embedded store,
``--demo-speed``, default 20x) is timed from its start to the first snapshot the loop logs with a dominant
question, with its default start (``--from``, the first question wave backfilled) and,
as the baseline, ``--from 0`` (the replay from the first post). Writes
bench/results/cold_start.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
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


FIRST_QUESTIONS = re.compile(r"snapshot: \d+ mentions, ([1-9]\d*) dominant question")


def demo_run(
    cache: Path, speed: float, from_minute: float | None = None, limit_s: float = 600.0
) -> dict:
    """``radar demo`` in a fresh process: seconds from its start to the first snapshot with
    a dominant question (read from its log as it is written); then it is stopped."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "RADAR_REDIS_URL"}  # embedded store
    env["NUMBA_CACHE_DIR"] = str(cache)
    command = [sys.executable, "-m", "radar", "demo", "--port", str(port), "--speed", f"{speed:g}"]
    if from_minute is not None:
        command += ["--from", f"{from_minute:g}"]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    seconds = questions = None
    try:
        for line in process.stderr:  # blocks on the log itself, no polling interval
            found = FIRST_QUESTIONS.search(line)
            if found:
                seconds, questions = time.perf_counter() - started, int(found.group(1))
                break
            if time.perf_counter() - started > limit_s:
                break
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    if seconds is None:
        raise RuntimeError(f"radar demo showed no dominant question within {limit_s:.0f} s")
    start = "default" if from_minute is None else f"{from_minute:g}"
    return {"speed": speed, "from": start, "seconds": round(seconds, 1), "questions": questions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000], help="at most 5039")
    parser.add_argument("--skip-analyze", action="store_true")
    parser.add_argument("--skip-fits", action="store_true")
    parser.add_argument("--skip-demo", action="store_true")
    parser.add_argument("--demo-speed", type=float, default=20.0, help="replay speed of the demo")
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
        if not args.skip_demo:
            cache = Path(folder) / "demo"
            for state in ("fresh machine", "installed"):
                row = {
                    "what": "radar demo, first questions",
                    "state": state,
                    **demo_run(cache, args.demo_speed),
                }
                print(row, flush=True)
                result["rows"].append(row)
            # the named baseline: the replay from the drill's first post (`--from 0`)
            row = {
                "what": "radar demo --from 0, first questions",
                "state": "installed",
                **demo_run(cache, args.demo_speed, from_minute=0.0),
            }
            print(row, flush=True)
            result["rows"].append(row)
    result["load_after"] = round(os.getloadavg()[0], 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "cold_start.json").write_text(json.dumps(result, indent=1))
    print(f"wrote {RESULTS / 'cold_start.json'}")


if __name__ == "__main__":
    main()
