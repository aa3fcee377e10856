"""Operator actions against a real Redis, and the radar respecting them on the next refresh."""

from __future__ import annotations

import time

import pytest

from radar.operator import OperatorActions, OperatorError
from tests.browser.radar_fixture import (
    build_radar,
    question,
    radar_settings,
    refresh,
    seed_mentions,
    write_playbook,
)

pytestmark = pytest.mark.redis


def test_publish_is_stored_with_time_channel_and_marks_the_wording_used(store):
    actions = OperatorActions(store)
    actions.publish("q1", "trein", "bus", "trein/bus/2", "X", 1000.0, wording="Er rijden bussen.")
    state = actions.state()
    item = state.published["q1"]
    assert (item.channel, item.at, item.wording_key, item.wording) == (
        "X",
        1000.0,
        "trein/bus/2",
        "Er rijden bussen.",
    )
    assert state.wording_used == {"trein/bus/2": 1000.0}
    assert actions.history()[0]["action"] == "publish"


def test_rename_merge_dismiss_are_stored(store):
    actions = OperatorActions(store)
    actions.rename("q1", "  Vervangende   bussen ")
    actions.merge("q2", "q1")
    actions.dismiss("q3")
    state = actions.state()
    assert state.labels == {"q1": "Vervangende bussen"}
    assert state.merged == {"q2": "q1"} and state.dismissed == {"q3"}
    actions.rename("q1", "")
    assert actions.state().labels == {}
    assert [e["action"] for e in actions.history()] == ["rename", "dismiss", "merge", "rename"]


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [("q1", "q1", "already part of"), ("q1", "t1", "a question merges into a question")],
)
def test_impossible_merges_are_refused(store, source, target, message):
    with pytest.raises(OperatorError, match=message):
        OperatorActions(store).merge(source, target)


def test_merging_back_into_a_merged_cluster_is_refused(store):
    actions = OperatorActions(store)
    actions.merge("q2", "q1")
    with pytest.raises(OperatorError, match="already part of"):
        actions.merge("q1", "q2")


def test_publish_needs_a_channel_and_a_wording_of_the_answer(store):
    actions = OperatorActions(store)
    with pytest.raises(OperatorError, match="channel"):
        actions.publish("q1", "trein", "bus", "trein/bus/0", " ", 1.0)
    with pytest.raises(OperatorError, match="not one of"):
        actions.publish("q1", "trein", "bus", "trein/geld/0", "X", 1.0)
    assert actions.state().published == {}


def test_the_next_refresh_respects_the_operators_choices(store, settings, tmp_path):
    configured = radar_settings(settings, write_playbook(tmp_path / "pb"))
    now = time.time()
    seed_mentions(store, configured, now)
    radar = build_radar(configured)
    first = refresh(store, radar, configured)
    rijden, waar, krijg = (question(first, w) for w in ("rijden", "waar", "krijg"))
    match = rijden["playbook"]

    actions = OperatorActions(store)
    actions.publish(
        rijden["id"], match["id"], match["answer_id"], match["wording_key"], "X", now - 600
    )
    actions.rename(krijg["id"], "Geld terug")
    actions.merge(krijg["id"], rijden["id"])
    actions.dismiss(waar["id"])

    second = refresh(store, radar, configured)
    ids = [q["id"] for q in second["questions"]]
    assert waar["id"] not in ids and waar["id"] not in second["gaps"]
    assert krijg["id"] not in ids
    merged = question(second, "rijden")
    assert merged["size"] == rijden["size"] + krijg["size"]
    assert merged["published"]["channel"] == "X"
    assert merged["after_publish"]["after_rate"] is not None
    assert merged["playbook"]["wording_key"] != match["wording_key"]
    assert [q["rank"] for q in second["questions"]] == list(range(1, len(ids) + 1))


def test_refused_tokens_lock_one_client_out_for_the_rest_of_the_minute(store):
    actions = OperatorActions(store)
    now = 1_795_000_030.0  # 10 s into a minute
    for i in range(10):
        assert actions.locked_out("10.0.0.9", 10, now) == 0
        assert actions.token_refused("10.0.0.9", now) == i + 1
    assert actions.locked_out("10.0.0.9", 10, now) == 50
    assert actions.locked_out("10.0.0.8", 10, now) == 0  # another address is not affected
    assert actions.locked_out("10.0.0.9", 10, now + 60) == 0  # the next minute starts clean
