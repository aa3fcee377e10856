"""The Dutch rail-outage drill: deterministic, sized, ordered, and telling the designed story."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone

import pytest

from radar.scenario import (
    QUESTION_INTENTS,
    SCENARIO_MINUTES,
    SECOND_FAILURE,
    generate_rail_outage,
    write_scenario_jsonl,
)

pytestmark = pytest.mark.unit

START = datetime(2026, 11, 22, 5, 30, tzinfo=UTC)
FIELDS = {"text", "published", "source", "author", "url", "scenario_label", "scenario_sentiment"}


def minute(row: dict) -> float:
    published = datetime.strptime(row["published"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    return (published - START).total_seconds() / 60


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return generate_rail_outage(START, seed=7)


def test_same_seed_same_posts_other_seed_other_posts(rows):
    assert generate_rail_outage(START, seed=7) == rows
    assert generate_rail_outage(START, seed=8) != rows


@pytest.mark.parametrize("seed", [7, 1, 2, 3, 42])
def test_size_is_several_hundred(seed):
    assert 600 <= len(generate_rail_outage(START, seed=seed)) <= 900


def test_posts_have_the_fields_and_sorted_utc_times_within_the_scenario(rows):
    assert all(set(row) == FIELDS for row in rows)
    published = [row["published"] for row in rows]
    assert published == sorted(published)
    assert all(p.endswith("Z") for p in published)
    assert minute(rows[0]) >= 0 and minute(rows[-1]) < SCENARIO_MINUTES
    assert all(row["url"].startswith("https://") and ".example/" in row["url"] for row in rows)
    assert {row["source"] for row in rows} >= {"x", "facebook", "forum", "nieuws-rss"}


def test_local_start_is_converted_to_utc():
    local = START.astimezone(timezone(timedelta(hours=1)))
    assert (
        generate_rail_outage(local)[0]["published"] == generate_rail_outage(START)[0]["published"]
    )


def test_each_question_intent_has_enough_posts_and_emerges_in_order(rows):
    counts = Counter(row["scenario_label"] for row in rows)
    assert len(QUESTION_INTENTS) >= 5
    firsts = []
    for label, designed in QUESTION_INTENTS:
        assert counts[label] >= 30, label
        first = min(minute(row) for row in rows if row["scenario_label"] == label)
        assert designed <= first < designed + 10, label
        firsts.append(first)
    assert firsts == sorted(firsts)


def test_negative_share_rises_after_the_second_failure(rows):
    def negative_share(lo: float, hi: float) -> float:
        window = [row for row in rows if lo <= minute(row) < hi]
        return sum(row["scenario_sentiment"] == "negative" for row in window) / len(window)

    before = negative_share(0, SECOND_FAILURE)
    after = negative_share(SECOND_FAILURE, SECOND_FAILURE + 40)
    assert after > before + 0.15


def test_story_has_news_relief_noise_and_some_english(rows):
    counts = Counter(row["scenario_label"] for row in rows)
    assert counts["nieuws"] >= 8 and counts["opluchting"] >= 20 and counts["ruis"] >= 15
    relief = [minute(row) for row in rows if row["scenario_label"] == "opluchting"]
    assert min(relief) > SECOND_FAILURE + 40
    english = [row for row in rows if any(w in row["text"] for w in (" the ", "Are ", "Is there "))]
    assert 0.01 * len(rows) <= len(english) <= 0.12 * len(rows)


def test_texts_are_varied(rows):
    assert len({row["text"] for row in rows}) >= 0.8 * len(rows)
    assert len({row["author"] for row in rows}) >= 0.3 * len(rows)


def test_write_scenario_jsonl_writes_one_object_per_line(rows, tmp_path):
    path = write_scenario_jsonl(rows[:5], tmp_path / "sub" / "drill.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == rows[:5]
