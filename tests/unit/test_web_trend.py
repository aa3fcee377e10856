"""A fading question must read as falling on the wall, never as flat (issue 12 item 4)."""

import pytest

from web.questions import _trend

pytestmark = pytest.mark.unit


def test_a_fading_question_with_growth_zero_reads_as_falling():
    span = _trend({"growth": 0.0, "recent": 0, "state": "fading"}, "nl")
    assert span.className == "q-recent trend-down"
    assert span.children[0].children == "▼"
    assert "1.0×" not in str(span.children[2].children)


def test_a_fading_state_reads_as_falling_even_when_the_last_window_is_level():
    assert _trend({"growth": 1.0, "recent": 4, "state": "fading"}, "nl").className.endswith(
        "trend-down"
    )


def test_unknown_growth_stays_flat_and_strong_growth_rises():
    assert _trend({"growth": None, "recent": 3}, "nl").className.endswith("trend-flat")
    assert _trend({"growth": 2.0, "recent": 9, "state": "growing"}, "nl").className.endswith(
        "trend-up"
    )
