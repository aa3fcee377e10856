"""The after-action review says why a dominant question has no 'op de wall' time."""

import re

import numpy as np
import pytest

from radar.report_review import build_review, render_review
from radar.timeutil import parse_time

pytestmark = pytest.mark.unit


def _question(qid: str, text: str) -> dict:
    return {"id": qid, "rank": 1, "representative": text, "size": 12,
            "sentiment": {"negative": 0.1}, "playbook": None}  # fmt: skip


def test_questions_never_on_the_wall_are_explained_once():
    """A new user's Alberta review listed 7 dominant questions, each '–' on the wall, and
    said nothing of why."""
    t0 = parse_time("2013-06-21T04:00:00Z")
    times = np.array([t0 + 60 * i for i in range(24)])
    totals = {"mentions": 24, "questions": 24, "negative": 2, "positive": 1}
    snapshot = {"now": "2013-06-21T05:00:00Z", "totals": totals, "topics": [],
                "questions": [_question("q-1", "RT @anon: Is the Deerfoot open? http://t.co/x"),
                              _question("q-2", "Where can we drop off donations?")]}  # fmt: skip
    review = build_review(snapshot, [], [], times, ["q-1"] * 12 + ["q-2"] * 12, {"q-2": t0 + 600})
    text = render_review(review)
    assert "| Is the Deerfoot open? | 12 |" in text  # the headline, no RT/@/link
    assert text.count("1 vraag nooit op de wall (–)") == 1


def test_the_review_chart_draws_no_share_of_a_few_posts_and_has_its_axis():
    from radar.report_html import volume_svg

    def b(minute: int, mentions: int, negative: int) -> dict:
        start = f"2026-11-22T07:{minute:02d}:00Z"
        return {"start": start, "mentions": mentions, "negative": negative, "positive": 0}

    review = {
        "bins": [b(0, 3, 3), b(1, 10, 5), b(2, 12, 3), b(3, 2, 2), b(4, 8, 4)],
        "alerts": [],
        "days": False,
        "bin_minutes": 1.0,
    }
    svg = volume_svg(review)
    (line,) = re.findall(r'<polyline points="([^"]*)"', svg)
    assert len(line.split()) == 2  # minutes 1 and 2; not the 3 posts at 100 % nor the 2
    assert svg.count("<circle") == 1  # minute 4 stands alone between gaps
    assert all(f">{tick}%</text>" in svg for tick in (0, 50, 100))
    assert "vanaf 5 berichten" in svg
