"""Pure operator logic: applying renames, merges, dismissals and published answers."""

from __future__ import annotations

import pytest

from radar.operator import (
    OperatorState,
    Published,
    after_publish,
    apply_operator_state,
    remember_wording_use,
)
from radar.timeutil import iso

pytestmark = pytest.mark.unit

T0 = 1_795_330_000.0
BINS = [{"start": iso(T0 + 60 * i)} for i in range(60)]


def q(cid, size, score, counts=None, **extra):
    return {
        "id": cid,
        "kind": "question",
        "rank": 0,
        "label": cid,
        "representative": f"{cid}?",
        "examples": [],
        "size": size,
        "recent": size // 2,
        "growth": 1.0,
        "score": score,
        "counts": counts or [0] * 60,
        "sentiment": {"negative": 1.0, "neutral": 0.0, "positive": 0.0, "mean": -1.0},
        "first_seen": iso(T0),
        "last_seen": iso(T0 + 600),
        "playbook": None,
        "gap": True,
        **extra,
    }


def test_without_state_nothing_changes():
    questions = [q("q1", 5, 3.0, rank=1)]
    assert apply_operator_state(questions, None, BINS, T0) == questions


def test_rename_shows_the_operators_label():
    out = apply_operator_state([q("q1", 5, 3.0)], OperatorState(labels={"q1": "Bussen"}), BINS, 0)
    assert out[0]["label"] == "Bussen" and out[0]["renamed"]


def test_merge_folds_sizes_counts_and_sentiment_into_the_target_which_keeps_its_id():
    target = q("q1", 6, 2.0, counts=[1] * 60, rank=2)
    source = q("q2", 2, 5.0, counts=[2] * 60, rank=1)
    source["sentiment"] = {"negative": 0.0, "neutral": 1.0, "positive": 0.0, "mean": 0.0}
    out = apply_operator_state([source, target], OperatorState(merged={"q2": "q1"}), BINS, T0)
    assert [c["id"] for c in out] == ["q1"]
    merged = out[0]
    assert merged["size"] == 8 and merged["counts"] == [3] * 60 and merged["rank"] == 1
    assert merged["sentiment"]["negative"] == 0.75 and merged["merged"] == ["q2"]
    assert merged["score"] == 7.0 and "q2?" in merged["examples"]


def test_merge_into_a_vanished_cluster_carries_on_under_the_target_id():
    out = apply_operator_state([q("q2", 3, 1.0)], OperatorState(merged={"q2": "q1"}), BINS, T0)
    assert [c["id"] for c in out] == ["q1"] and out[0]["merged"] == ["q2"]


def test_merge_chains_resolve_to_the_last_target():
    state = OperatorState(merged={"q3": "q2", "q2": "q1"})
    out = apply_operator_state([q("q1", 1, 1), q("q2", 1, 1), q("q3", 1, 1)], state, BINS, T0)
    assert [(c["id"], c["size"]) for c in out] == [("q1", 3)]


def test_dismissed_clusters_are_left_out_and_ranks_close_up():
    qs = [q("q1", 5, 3.0, rank=1), q("q2", 4, 2.0, rank=2), q("q3", 3, 1.0, rank=3)]
    out = apply_operator_state(qs, OperatorState(dismissed=frozenset({"q2"})), BINS, T0)
    assert [(c["id"], c["rank"]) for c in out] == [("q1", 1), ("q3", 2)]


def test_published_answer_is_attached_with_the_volume_since():
    counts = [4] * 30 + [1] * 30  # 4 a minute before publishing, 1 after
    pub = Published("q1", "trein", "bus", "trein/bus/1", "X", T0 + 30 * 60, "Er rijden bussen.")
    out = apply_operator_state(
        [q("q1", 150, 1.0, counts=counts)], OperatorState(published={"q1": pub}), BINS, T0 + 3600
    )
    assert out[0]["published"]["channel"] == "X"
    assert out[0]["published"]["at"] == iso(T0 + 1800)
    assert out[0]["published"]["wording"] == "Er rijden bussen."
    assert out[0]["after_publish"] == {
        "before_rate": 60.0,
        "after_rate": 15.0,
        "change": -0.75,
        "minutes": 30,
    }


def test_after_publish_before_the_window_has_nothing_to_compare_with():
    result = after_publish([1] * 60, BINS, T0 - 600, T0 + 3600)
    assert result["before_rate"] is None and result["change"] is None


def test_published_wording_is_used_and_the_suggestion_rotates():
    chosen = {"q1": ("trein/bus/0", "A"), "q2": ("trein/geld/0", "G")}
    used = {"trein/bus/0": 1.0}
    pub = Published("q1", "trein", "bus", "trein/bus/0", "X", 50.0)
    state = OperatorState(published={"q1": pub}, wording_used={"trein/bus/0": 50.0})
    remember_wording_use(chosen, used, state)
    assert chosen == {"q2": ("trein/geld/0", "G")} and used == {"trein/bus/0": 50.0}


def test_no_effect_figure_in_the_first_minutes_after_publishing():
    from radar.operator import MIN_EFFECT_MINUTES, after_publish
    from radar.timeutil import iso

    bins = [{"start": iso(60.0 * i)} for i in range(30)]
    counts = [3] * 20 + [0] * 10
    early = after_publish(counts, bins, at=1200.0, now=1200.0 + 60 * (MIN_EFFECT_MINUTES - 1))
    assert early["change"] is None and early["before_rate"] == 45.0
    later = after_publish(counts, bins, at=1200.0, now=1200.0 + 60 * (MIN_EFFECT_MINUTES + 1))
    assert later["change"] == -1.0


def test_wall_shows_the_published_wording_not_the_next_suggestion():
    from web.questions import answer_box

    playbook = {"title": "Treinstoring", "answer": "Volgende formulering", "score": 0.8}
    q = {"published": {"at": "2026-11-22T07:42:00Z", "channel": "X", "wording": "Wat er uitging"}}
    box = answer_box(playbook, "nl", q)
    texts = [c.children for c in box.children if getattr(c, "className", "") == "a-text"]
    assert texts == ["Wat er uitging"]
