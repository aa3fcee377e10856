"""Train the question and sentiment heads of ``radar.enrich.heads`` on real labelled posts.

Question head: logistic regression on ``[embedding, rule cues]`` of the worker's own
path, trained on ``nl_posts`` (agreed labels: info = 1, rhetorical and none = 0) and
the hand-labelled CrisisLex tweets of ``eval/question_labels.tsv`` and of
``eval/question_readers/labels.tsv`` (two blind readers). The regularisation
and the threshold are chosen on validation folds of the training posts only (inner
3-fold cross-validation, out-of-fold scores), never on the posts a figure is reported
on: the reported figures are an outer 5-fold cross-validation, folds stratified by
source and label. The shipped model is refit on all posts with the C and threshold
that the inner folds of all posts choose.

Sentiment head: multinomial logistic regression on the embedding, trained on the
UMSAB tweets (six languages, no Dutch), TweetEval's validation tweets and the Dutch
``nl_posts`` (agreed labels, weighted up: ``sentiment_head.NL_WEIGHT``), C chosen on
UMSAB's validation split; then a small fusion layer over the head's log-probabilities
(out of fold) and the lexicon cues, trained on ``nl_posts``. The figures are an outer
5-fold cross-validation on ``nl_posts`` (head and fusion learnt without the fold), beside
the head of the tweets alone (the earlier recipe) in the same run.

Modules: ``heads_common`` (metrics, writing, provenance), ``question_head``,
``sentiment_head``; this script is their command line.

    python scripts/train_heads.py --data ../shared/data [--embedder use-multilingual]

Writes ``radar/enrich/data/{question,sentiment}_head.{npz,json}``; vectors are cached
under ``/work/cache/heads`` (only vectors, never texts).
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from heads_common import *  # noqa: E402, F403 - the names eval/ and tests/ use
from question_head import *  # noqa: E402, F403
from question_head import train_question  # noqa: E402
from sentiment_head import *  # noqa: E402, F403
from sentiment_head import train_sentiment  # noqa: E402

from eval import enrich_data as sets  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--embedder", default="use-multilingual")
    parser.add_argument("--only", choices=("question", "sentiment"), help="train one head")
    parser.add_argument(
        "--corrections",
        type=Path,
        help="the crisis team's corrections (radar export corrections --out FILE.jsonl): "
        "their question labels join the training and the cross-validation",
    )
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", message="The least populated class")  # small sources
    command = "python scripts/train_heads.py " + " ".join(argv or sys.argv[1:])
    embedder = sets.cached_embedder(args.embedder)
    if args.only in (None, "question"):
        meta = train_question(args.data, embedder, command, args.corrections)
        print("question head (outer 5-fold CV, same posts):")
        for name, row in meta["cv"].items():
            print(
                f"  {name:28} n={row['n']:<5} pos={row['positives']:<4} "
                f"head F1 {row['head']['f1']:.3f} (P {row['head']['precision']:.3f} "
                f"R {row['head']['recall']:.3f})   rules F1 {row['rules']['f1']:.3f} "
                f"(P {row['rules']['precision']:.3f} R {row['rules']['recall']:.3f})"
            )
        print("  HWU64 recall (all are information needs):", meta["hwu64_recall"])
        print("  readers' tweets weighted to the stream:", meta["crisislex_stream_weighted"])
    if args.only in (None, "sentiment"):
        meta = train_sentiment(args.data, embedder, command)
        print("sentiment head:", json.dumps(meta["figures"]))


if __name__ == "__main__":
    main()
