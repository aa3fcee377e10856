"""The after-action review says why a dominant question has no 'op de wall' time."""

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
