"""radar.fold: clusters with the same prepared answer are one card on the wall."""

from __future__ import annotations

import numpy as np

from radar.fold import fold_same_answer
from web.questions import question_card


def question(cid: str, size: int, answer: str | None, minute: int, vec: list[float]) -> dict:
    return {
        "id": cid,
        "kind": "question",
        "size": size,
        "recent": size // 2,
        "growth": 1.0,
        "_weight": float(size),
        "counts": [size, 0],
        "first_seen": f"2026-03-02T07:{minute:02d}:00Z",
        "last_seen": "2026-03-02T08:00:00Z",
        "sentiment": {"negative": 1.0, "neutral": 0.0, "positive": 0.0, "mean": -0.5},
        "representative": f"Hoi! Waar vind ik {cid}? Sta op het perron.",
        "examples": [],
        "playbook": {"id": "trein", "answer_id": answer, "answer": "...", "score": 0.7}
        if answer
        else None,
        "gap": answer is None,
        "_centroid": np.array(vec, np.float32) / np.linalg.norm(vec),
    }


def test_same_answer_clusters_become_one_card_under_the_oldest() -> None:
    shown, into = fold_same_answer(
        [
            question("q-new", 30, "bewijs", 20, [1, 0, 0]),
            question("q-old", 10, "bewijs", 5, [0.5, 0.5, 0]),
            question("q-cause", 12, "oorzaak", 1, [1, 0, 0]),
        ]
    )
    assert [q["id"] for q in shown] == ["q-old", "q-cause"]
    assert into == {"q-new": "q-old"}
    old = shown[0]
    assert old["size"] == 40 and old["counts"] == [40, 0] and old["_weight"] == 40.0
    assert old["variants"] == [{"id": "q-new", "headline": "Waar vind ik q-new?", "size": 30}]
    assert "merged" not in old  # an operator's merge list stays the operators'


def test_a_loose_match_is_not_folded() -> None:
    loose = question("q-park", 6, "bewijs", 9, [1, 0, 0])
    loose["playbook"]["score"] = 0.35  # matched only because the threshold was lowered
    shown, into = fold_same_answer([question("q-a", 9, "bewijs", 1, [1, 0, 0]), loose])
    assert [q["id"] for q in shown] == ["q-a", "q-park"] and into == {}


def test_gaps_and_unalike_clusters_stay_apart() -> None:
    shown, into = fold_same_answer(
        [
            question("q-a", 9, None, 1, [1, 0, 0]),
            question("q-b", 9, None, 2, [1, 0, 0]),
            question("q-c", 9, "bewijs", 3, [1, 0, 0]),
            question("q-d", 9, "bewijs", 4, [0, 1, 0]),  # the answer covers it by accident
        ]
    )
    assert [q["id"] for q in shown] == ["q-a", "q-b", "q-c", "q-d"] and into == {}


def test_the_card_lists_the_other_wordings() -> None:
    shown, _ = fold_same_answer(
        [question("q-1", 5, "bewijs", 1, [1, 0]), question("q-2", 4, "bewijs", 2, [1, 0.2])]
    )
    card = str(question_card(shown[0], "nl"))
    assert "Ook gevraagd als" in card and "Waar vind ik q-2?" in card
