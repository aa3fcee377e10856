"""One card per question: clusters that got the same prepared answer are shown as one.

HDBSCAN separates wordings a person calls the same question ("Waar download ik een
vertragingsverklaring?", "Hoe bewijs ik bij mijn werk dat ik vastzat?", "Geven jullie
een vertragingsbewijs voor mijn werkgever?"); on the replayed drill four of the twelve
listed questions were the delay certificate. A spokesperson answers them once, so
:func:`fold_same_answer` folds the clusters matched to the same playbook answer, when
their centroids are not unalike (:data:`FOLD_SIMILARITY`), into the oldest of them
(sizes, counts, scores and sentiment added as an operator merge adds them; the other
wordings listed in ``"variants"``). Clusters without an answer are never folded: a gap
stays visible as it is. Pure: question dicts in, question dicts out.

>>> import numpy as np
>>> def q(cid, size, answer, first, vec):
...     return {"id": cid, "size": size, "recent": 1, "_weight": float(size), "counts": [size],
...             "first_seen": first, "representative": f"vraag {cid}?", "examples": [],
...             "playbook": {"id": "trein", "answer_id": answer, "score": 0.7} if answer else None,
...             "_centroid": np.array(vec, np.float32)}
>>> shown, into = fold_same_answer([q("q-a", 9, "bewijs", "2026-03-02T07:10:00Z", [1, 0]),
...                                 q("q-b", 14, "bewijs", "2026-03-02T07:00:00Z", [0.8, 0.6]),
...                                 q("q-c", 5, None, "2026-03-02T07:05:00Z", [1, 0])])
>>> [(c["id"], c["size"]) for c in shown], into
([('q-b', 23), ('q-c', 5)], {'q-a': 'q-b'})
>>> shown[0]["variants"]
[{'id': 'q-a', 'headline': 'Vraag q-a?', 'size': 9}]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from radar.enrich.focus import headline_text
from radar.operator import fold_cluster
from radar.timeutil import parse_time

FOLD_SIMILARITY = 0.2
"""Centroid cosine two clusters with the same answer need to be one card. The answer is
the evidence (each cluster matched one of its example questions at 0.60 or more); the
centroids barely tell: on the replayed drill (seed 7, the 12 listed questions) pairs
with the same answer were 0.23–0.64 alike (the lowest: "Weet iemand wat er aan de hand
is bij Woerden?" and "Wat is er eigenlijk kapot bij Utrecht?"), pairs with different
answers up to 0.60. This only keeps apart clusters an answer covers by accident."""

FOLD_MIN_SCORE = 0.6
"""A cluster is folded by its answer only when it matched that answer this well (the
default ``playbook_threshold``): with a lowered threshold, a loose match ("Waar kan ik
parkeren?" on the refund answer at 0.3) must not hide a question."""

Question = dict[str, Any]


def _answer(question: Question) -> tuple[str, str] | None:
    """The prepared answer a question is folded by: only a confident match counts."""
    book = question.get("playbook")
    if not book or float(book.get("score") or 0.0) < FOLD_MIN_SCORE:
        return None
    return str(book["id"]), str(book["answer_id"])


def _age_key(question: Question) -> tuple[float, str]:
    first = question.get("first_seen")
    return (parse_time(first) if first else float("inf"), str(question["id"]))


def fold_same_answer(questions: list[Question]) -> tuple[list[Question], dict[str, str]]:
    """The questions with same-answer clusters folded into the oldest; and which id went
    into which. Order: as given, each card at the place of its oldest cluster."""
    into: dict[str, str] = {}
    heads: dict[tuple[str, str], list[Question]] = {}
    for question in sorted(questions, key=_age_key):
        key = _answer(question)
        if key is None:
            continue
        target = next(
            (
                head
                for head in heads.get(key, [])
                if float(np.dot(head["_centroid"], question["_centroid"])) >= FOLD_SIMILARITY
            ),
            None,
        )
        if target is None:
            heads.setdefault(key, []).append(question)
            continue
        merged_before = list(target.get("merged", []))
        target["_weight"] = float(target.get("_weight") or 0) + float(question.get("_weight") or 0)
        fold_cluster(target, question)
        target["merged"] = merged_before
        if not merged_before:
            del target["merged"]
        target.setdefault("variants", []).append(
            {
                "id": question["id"],
                "headline": headline_text(str(question.get("representative") or "")),
                "size": int(question.get("size") or 0),
            }
        )
        into[question["id"]] = target["id"]
    return [q for q in questions if q["id"] not in into], into
