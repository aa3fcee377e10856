"""Distinct questions on the wall: pairs of listed questions that readers judge the same.

Two steps:

    python eval/distinct_questions.py lists --data ../shared/data --out LISTS.json
        # the listed questions (card titles, rank order, at most 12) of `radar analyze` on
        # the rail drill (seeds 7 and 11, with the bundled playbooks) and on two CrisisLex
        # events, with this checkout's code (run it in another checkout for a baseline)
    python eval/distinct_questions.py score eval/distinct_questions/key.json \\
        eval/distinct_questions/reader_a.json eval/distinct_questions/reader_b.json
        # same-question pairs per list and reader, and the readers' agreement (kappa)

Readers get the lists shuffled and without their origin (``key.json`` maps the blind list
ids back) and the guidelines in ``eval/distinct_questions/GUIDELINES.md``; each writes the
groups of items that are the same question. The lists hold CrisisLex tweets, so they are
not committed; ``key.json`` keeps a hash of each list so a score is only read against the
lists it was labelled on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EVENTS = ("2013_Alberta_floods", "2013_Queensland_floods")
DRILL_SEEDS = (7, 11)
LISTED = 12


def list_hash(items: list[str]) -> str:
    """A short hash of a list's item texts, in order.

    >>> list_hash(["a", "b"]) == list_hash(["a", "b"]) != list_hash(["b", "a"])
    True
    """
    return hashlib.sha256("\n".join(items).encode("utf-8")).hexdigest()[:12]


def listed_questions(rows: list[dict], playbooks) -> list[str]:  # noqa: ANN001
    """Card titles of the listed questions of `radar analyze` on ``rows``, rank order."""
    from eval.suite_data import cached_embedder
    from radar.analyze import analyze_file
    from radar.config import Settings
    from web.questions import card_title

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.jsonl"
        lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        source.write_text("".join(lines), "utf-8")
        analyze_file(source, Path(folder) / "out", Settings(), cached_embedder(), playbooks, False)
        snapshot = json.loads((Path(folder) / "out" / "snapshot.json").read_text("utf-8"))
    ranked = sorted(snapshot["questions"], key=lambda q: q.get("rank") or 999)
    return [card_title(q) for q in ranked[:LISTED]]


def build_lists(data: Path) -> dict[str, list[str]]:
    from eval.suite_data import cached_embedder, load_crisis
    from radar.config import Settings
    from radar.scenario import generate_rail_outage
    from radar.services import build_playbook_index

    lists = {}
    playbooks = build_playbook_index(Settings(), cached_embedder())
    start = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC)
    for seed in DRILL_SEEDS:
        posts = generate_rail_outage(start, seed=seed)
        rows = [
            {"id": str(i), "text": p["text"], "published": p["published"]}
            for i, p in enumerate(posts)
        ]
        lists[f"drill-{seed}"] = listed_questions(rows, playbooks)
    for event in EVENTS:
        tweets = load_crisis(data, event)
        rows = [
            {
                "id": f"c{i}",
                "text": text,
                **({"published": tweets.times[i]} if tweets.times else {}),
            }
            for i, text in enumerate(tweets.texts)
        ]
        lists[event] = listed_questions(rows, None)
    return lists


def same_pairs(groups: list[list[int]]) -> set[tuple[int, int]]:
    """The item pairs a reader's groups make.

    >>> sorted(same_pairs([[1, 3, 2], [5, 4]]))
    [(1, 2), (1, 3), (2, 3), (4, 5)]
    """
    return {tuple(sorted(p)) for group in groups for p in itertools.combinations(group, 2)}


def score(key: dict, readers: list[dict]) -> dict:
    """Same-question pairs per list (each reader, and both) and Cohen's kappa of two readers
    over every item pair of every list."""
    rows, votes = [], []
    for list_id, meta in key.items():
        pairs = [same_pairs(reader[list_id]) for reader in readers]
        rows.append(
            {
                "set": meta["set"],
                "version": meta["version"],
                "items": meta["items"],
                "pairs_each": [len(p) for p in pairs],
                "pairs_all": len(set.intersection(*pairs)),
            }
        )
        for pair in itertools.combinations(range(1, meta["items"] + 1), 2):
            votes.append([pair in p for p in pairs])
    result = {"lists": rows, "item_pairs": len(votes)}
    if len(readers) == 2 and votes:
        n = len(votes)
        agree = sum(a == b for a, b in votes) / n
        share_a, share_b = (sum(v[i] for v in votes) / n for i in (0, 1))
        expected = share_a * share_b + (1 - share_a) * (1 - share_b)
        result["agreement"] = round(agree, 3)
        result["kappa"] = round((agree - expected) / (1 - expected), 3) if expected < 1 else 1.0
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    lists = sub.add_parser("lists")
    lists.add_argument("--data", type=Path, required=True)
    lists.add_argument("--out", type=Path, required=True)
    scoring = sub.add_parser("score")
    scoring.add_argument("key", type=Path)
    scoring.add_argument("readers", type=Path, nargs="+")
    args = parser.parse_args()
    if args.command == "lists":
        built = build_lists(args.data)
        args.out.write_text(json.dumps(built, ensure_ascii=False, indent=1), "utf-8")
        for name, items in built.items():
            print(f"{name}: {len(items)} questions, hash {list_hash(items)}")
        return
    key = json.loads(args.key.read_text("utf-8"))
    readers = [json.loads(path.read_text("utf-8")) for path in args.readers]
    result = score(key, readers)
    for row in result["lists"]:
        print(
            f"{row['set']:24} {row['version']:7} {row['items']:2} questions; same-question "
            f"pairs per reader {row['pairs_each']}, by all {row['pairs_all']}"
        )
    print(
        f"{result['item_pairs']} item pairs; agreement {result.get('agreement')}, "
        f"kappa {result.get('kappa')}"
    )


if __name__ == "__main__":
    main()
