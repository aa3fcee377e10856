"""Score the radar's clusters against labelled intents (e.g. CLINC150).

    radar analyze out/clinc_test_oos.jsonl --out out/clinc
    python eval/eval_clustering.py out/clinc/mentions.jsonl --label intent --column topic

Prints NMI and ARI (all mentions, noise as one label; and clustered mentions only),
the number of clusters, the share left as noise, and for the label ``oos`` the share
of out-of-scope queries left unclustered. Writes the figures as JSON with ``--out``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def score(rows: list[dict], label: str, column: str, oos: str = "oos") -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    truth = [r[label] for r in rows]
    found = [r[column] if r[column] is not None else "-noise-" for r in rows]
    in_scope = [i for i, t in enumerate(truth) if t != oos]
    clustered = [i for i in in_scope if found[i] != "-noise-"]
    oos_rows = [i for i, t in enumerate(truth) if t == oos]
    result = {
        "mentions": len(rows),
        "labels": len(set(truth[i] for i in in_scope)),
        "clusters": len(set(found) - {"-noise-"}),
        "noise_share": round(sum(f == "-noise-" for f in found) / len(rows), 3),
        "nmi_in_scope": round(
            normalized_mutual_info_score(
                [truth[i] for i in in_scope], [found[i] for i in in_scope]
            ),
            3,
        ),
        "ari_in_scope": round(
            adjusted_rand_score([truth[i] for i in in_scope], [found[i] for i in in_scope]), 3
        ),
        "nmi_clustered": round(
            normalized_mutual_info_score(
                [truth[i] for i in clustered], [found[i] for i in clustered]
            ),
            3,
        )
        if clustered
        else None,
        "ari_clustered": round(
            adjusted_rand_score([truth[i] for i in clustered], [found[i] for i in clustered]), 3
        )
        if clustered
        else None,
    }
    if oos_rows:
        result["oos_unclustered_share"] = round(
            sum(found[i] == "-noise-" for i in oos_rows) / len(oos_rows), 3
        )
        result["in_scope_unclustered_share"] = round(
            sum(found[i] == "-noise-" for i in in_scope) / len(in_scope), 3
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mentions", type=Path, help="mentions.jsonl written by radar analyze")
    parser.add_argument("--label", default="intent")
    parser.add_argument("--column", default="topic", choices=["topic", "question_cluster"])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.mentions.open(encoding="utf-8")]
    result = score(rows, args.label, args.column)
    for key, value in result.items():
        print(f"{key:28s} {value}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    from _script import run  # this folder is on sys.path when run as a script

    run(main)
