"""More labelled crisis tweets for the question head: a seeded sample, two blind readers.

    python eval/label_questions.py sample --data ../shared/data --out /tmp/qlabel
        # CHUNK.jsonl files for the readers (id + tweet text, never committed) and
        # key.json (blind id -> tweet id); tweets already in eval/question_labels*.tsv and
        # repeats of a text (retweets, copies) are left out
    python eval/label_questions.py agree /tmp/qlabel/key.json READER_A.jsonl READER_B.jsonl
        # Cohen's kappa (three classes and info vs the rest), and the agreed labels written
        # to eval/question_readers/labels.tsv (tweet id, 1 = info, the three-class label
        # where both readers gave the same); posts the readers split on info dropped

Readers follow ``eval/question_readers/GUIDELINES.md`` (info / rhetorical / none, as
``nl_posts``); only ids and labels are committed, the texts stay in ../shared/data.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval.question_devset import crisislex_tweets, read_labels  # noqa: E402

OUT = ROOT / "eval" / "question_readers" / "labels.tsv"
SEED = 2026
QMARK, REQUEST, OTHER = 320, 140, 140
"""Tweets drawn: with a question mark, with a request word and no question mark, the rest."""
REQUEST_WORDS = re.compile(
    r"\b(?:anyone|anybody|someone|please|pls|plz|need|needs|looking for|where|how|help|"
    r"update|updates|info|contact|know if)\b",
    re.IGNORECASE,
)
_NOISE = re.compile(r"^(?:RT\s+)?(?:@\w+:?\s*)*|https?://\S+|@\w+|\W+", re.IGNORECASE)
CLASSES = ("info", "rhetorical", "none")


def text_key(text: str) -> str:
    """A tweet's words without retweet prefix, handles, links and punctuation, lowercased.

    >>> text_key("RT @ab: Is the road open? http://t.co/x") == text_key("is the road open")
    True
    """
    return " ".join(_NOISE.sub(" ", text.lower()).split())


def unlabelled_tweets(
    data: Path, keep: Callable[[str], bool] | None = None
) -> list[tuple[str, str]]:
    """(tweet id, text) of the CrisisLex tweets that ``keep`` accepts, in file order: one
    per text (:func:`text_key`), none labelled in ``eval/question_labels*.tsv`` or a copy
    of one, none shorter than 8 characters of words."""
    labelled = set(read_labels())
    if OUT.exists():
        labelled |= set(read_labels(OUT))
    rows = crisislex_tweets(data)
    seen = {text_key(t) for i, t in rows if i in labelled}
    unique = []
    for tweet_id, text in rows:
        key = text_key(text)
        if key in seen or len(key) < 8 or (keep is not None and not keep(text)):
            continue
        seen.add(key)
        unique.append((tweet_id, text))
    return unique


def draw(data: Path, seed: int = SEED) -> list[tuple[str, str]]:
    """(tweet id, text) of the sample, seeded; labelled tweets and repeated texts left out."""
    unique = unlabelled_tweets(data)
    rng = random.Random(seed)
    rng.shuffle(unique)
    drawn = {
        part: [r for r in unique if stratum(r[1]) == part][:size]
        for part, size in (("qmark", QMARK), ("request", REQUEST), ("other", OTHER))
    }
    sample = drawn["qmark"] + drawn["request"] + drawn["other"]
    rng.shuffle(sample)
    return sample


def stratum(text: str) -> str:
    """Which part of the sample a tweet was drawn from: "?", a request word, or neither.

    >>> stratum("Is the road open?"), stratum("Need info on Calgary"), stratum("Road closed")
    ('qmark', 'request', 'other')
    """
    if "?" in text:
        return "qmark"
    return "request" if REQUEST_WORDS.search(text) else "other"


def stream_weights(texts: list[str], data: Path) -> np.ndarray:
    """Per sampled tweet: its stratum's share of the CrisisLex stream (one per text) over
    its share of the sample, so figures weighted by it are what the stream would give
    (the sample holds tweets with '?' at 9x their share of the stream)."""
    texts_all = {text_key(text): text for _, text in crisislex_tweets(data)}
    stream = Counter(stratum(t) for k, t in texts_all.items() if len(k) >= 8)
    sampled = Counter(stratum(t) for t in texts)
    total_stream, total_sample = sum(stream.values()), len(texts)
    return np.array(
        [(stream[stratum(t)] / total_stream) / (sampled[stratum(t)] / total_sample) for t in texts]
    )


def sample(data: Path, out: Path) -> None:
    rows = draw(data)
    out.mkdir(parents=True, exist_ok=True)
    key = {f"cq{i:04d}": tweet_id for i, (tweet_id, _) in enumerate(rows, start=1)}
    with (out / "CHUNK.jsonl").open("w", encoding="utf-8") as handle:
        for blind, (_, text) in zip(key, rows, strict=True):
            handle.write(json.dumps({"id": blind, "text": text}, ensure_ascii=False) + "\n")
    (out / "key.json").write_text(json.dumps(key, indent=0))
    print(f"{len(rows)} tweets -> {out / 'CHUNK.jsonl'}; key in {out / 'key.json'}")


def read_reader(path: Path) -> dict[str, str]:
    labels = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("q") not in CLASSES:
            raise SystemExit(f"{path}:{number}: q must be one of {', '.join(CLASSES)}")
        labels[str(row["id"])] = row["q"]
    return labels


def kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two label lists.

    >>> round(kappa(["x", "y", "x", "x"], ["x", "y", "y", "x"]), 3)
    0.5
    """
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def agree(key_path: Path, reader_a: Path, reader_b: Path, out: Path = OUT) -> dict:
    key = json.loads(key_path.read_text())
    a, b = read_reader(reader_a), read_reader(reader_b)
    both = [blind for blind in key if blind in a and blind in b]
    binary = [(a[k] == "info", b[k] == "info") for k in both]
    report = {
        "items": len(key),
        "labelled_by_both": len(both),
        "kappa_3class": round(kappa([a[k] for k in both], [b[k] for k in both]), 3),
        "kappa_info": round(kappa([str(x) for x, _ in binary], [str(y) for _, y in binary]), 3),
    }
    kept = [
        (key[k], int(x), a[k] if a[k] == b[k] else "")
        for k, (x, y) in zip(both, binary, strict=True)
        if x == y
    ]
    report |= {"agreed": len(kept), "info": sum(label for _, label, _ in kept)}
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        handle.write("tweet_id\tlabel\tq\n")
        for tweet_id, label, q in sorted(kept):
            handle.write(f"{tweet_id}\t{label}\t{q}\n")
    print(json.dumps(report, indent=1))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    s = commands.add_parser("sample", help="draw the tweets for the readers")
    s.add_argument("--data", type=Path, required=True, help="the shared data folder")
    s.add_argument("--out", type=Path, required=True, help="a folder outside the repository")
    g = commands.add_parser("agree", help="kappa and the agreed labels")
    g.add_argument("key", type=Path)
    g.add_argument("reader_a", type=Path)
    g.add_argument("reader_b", type=Path)
    args = parser.parse_args()
    if args.command == "sample":
        sample(args.data, args.out)
    else:
        agree(args.key, args.reader_a, args.reader_b)


if __name__ == "__main__":
    from _script import run

    run(main)
