"""Headlines of the listed questions: the most central member against the one
``radar.headline.headline_member`` chooses, same clusters, same run.

For the last snapshot of ``radar analyze`` on the rail drill (seed 7) and two CrisisLex
events it counts headlines that ask, that hold a word no other member of the cluster
writes (a typo, in clusters of five or more), and that hold a name (a word the members
mostly capitalise) fewer than a quarter of the members write.

    python eval/headline_check.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import radar.naming as naming  # noqa: E402
from radar.enrich.focus import headline_text  # noqa: E402
from radar.headline import SHARED_NAME, _words, member_frequencies  # noqa: E402

EVENTS = ("2013_Alberta_floods", "2013_Queensland_floods")


def faults(headline: str, members: list[str]) -> tuple[bool, bool, bool]:
    """(asks, a word no other member writes, a one-off name) of one headline."""
    counts, n, capitals = member_frequencies(members)
    words = [w.lower() for w in _words(headline)]
    typo = n >= 5 and any(counts[w] <= 1 for w in words)
    lone = any(capitals[w] * 2 > counts[w] and counts[w] / n < SHARED_NAME for w in words)
    return headline.rstrip().endswith("?"), typo, lone


def run(rows: list[dict], name: str) -> None:
    from clustering.topics import central_members
    from eval.suite_data import cached_embedder
    from radar.analyze import analyze_file
    from radar.config import Settings

    chosen_by = naming.Naming._headline_post
    seen: dict[str, tuple[str, str, list[str]]] = {}

    def spy(frame, members):  # noqa: ANN001, ANN202
        chosen = chosen_by(frame, members)
        _, central = central_members(frame.embeddings, members, 1)
        texts = [frame.mentions[i].text for i in members[: naming.HEADLINE_SAMPLE]]
        seen[frame.mentions[central[0]].text] = (
            frame.mentions[central[0]].text,
            frame.mentions[chosen].text,
            texts,
        )
        return chosen

    naming.Naming._headline_post = staticmethod(spy)
    try:
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "in.jsonl"
            source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
            analyze_file(
                source,
                Path(folder) / "out",
                Settings(),
                cached_embedder(),
                None,
                show_progress=False,
            )
    finally:
        naming.Naming._headline_post = staticmethod(chosen_by)
    for label, pick in (("most central", 0), ("chosen", 1)):
        marks = [faults(headline_text(v[pick]), v[2]) for v in seen.values()]
        print(
            f"{name:22} {label:12} {len(marks)} questions: ask {sum(m[0] for m in marks)}, "
            f"a word no other member writes {sum(m[1] for m in marks)}, "
            f"a one-off name {sum(m[2] for m in marks)}"
        )


def main() -> None:
    from eval.suite_data import load_crisis
    from radar.scenario import generate_rail_outage

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    args = parser.parse_args()
    posts = generate_rail_outage(dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC), seed=7)
    run(
        [
            {"id": str(i), "text": p["text"], "published": p["published"]}
            for i, p in enumerate(posts)
        ],
        "drill seed 7",
    )
    for event in EVENTS:
        tweets = load_crisis(args.data, event)
        run(
            [
                {
                    "id": f"c{i}",
                    "text": t,
                    **({"published": tweets.times[i]} if tweets.times else {}),
                }
                for i, t in enumerate(tweets.texts)
            ],
            event,
        )


if __name__ == "__main__":
    main()
