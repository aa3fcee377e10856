"""The question-detection dev set: hand labels joined with the CrisisLex T26 tweets.

``eval/question_labels.tsv`` holds only ``tweet_id<TAB>label`` (1 = the post
asks for information or help, including requests such as rescue calls;
0 = statements, news headlines asking their own question, rhetorical and
exclamatory questions, spam). A retweeted question of someone else counts as
a question (1): it is a question the public asks, amplified, and webcare may
have to answer it; a retweet of a news account's headline question stays 0.
Relabelled on review under that rule: 233379316367503361 (0 → 1, a quoted
"where can I drop donations ...?" with an answer in front of it).
The tweet text is not stored in this repository:
it is read from the shared CSV by tweet id.

How the 590 tweets were drawn (seeded, English-speaking or English-tweeting
events only): 260 tweets containing "?" and 120 without, then 150 more tweets
containing "?" (no retweets) and 60 without "?" that contain "anyone",
"please", "pls", "plz", "where", "how", "need", "looking for" or "update" (no
retweets), to add requests without a question mark. Each was read and labelled
by hand; a handful of non-English tweets in those events were labelled by
meaning.

    python eval/question_devset.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "question_labels.tsv"
CRISISLEX = Path("crisislex_t26") / "crisislex_t26_with_timestamps.csv"


def read_labels(path: Path = LABELS) -> dict[str, int]:
    """Tweet id → label (0 or 1) from the labels file."""
    labels: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            tweet_id, label = (line.rstrip("\n").split("\t") + [""])[:2]
            if tweet_id and tweet_id != "tweet_id":
                labels[tweet_id] = int(label)
    return labels


def crisislex_tweets(data_dir: Path) -> list[tuple[str, str]]:
    """(tweet id, text) of every row of the shared CrisisLex T26 CSV, in file order."""
    with (data_dir / CRISISLEX).open(encoding="utf-8", newline="") as handle:
        return [(r["tweet_id"].strip(), r["text"]) for r in csv.DictReader(handle)]


def load_devset(data_dir: Path, labels_path: Path = LABELS) -> list[tuple[str, str, int]]:
    """(tweet id, text, label) for every labelled tweet found in the shared CSV."""
    labels = read_labels(labels_path)
    rows: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    for tweet_id, text in crisislex_tweets(data_dir):
        if tweet_id in labels and tweet_id not in seen:
            seen.add(tweet_id)
            rows.append((tweet_id, text, labels[tweet_id]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    args = parser.parse_args()
    rows = load_devset(args.data)
    positives = sum(label for _, _, label in rows)
    print(f"{len(rows)} labelled tweets, {positives} questions/requests")


if __name__ == "__main__":
    from _script import run  # this folder is on sys.path when run as a script

    run(main)
