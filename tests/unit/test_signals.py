import numpy as np
import pytest

from radar.signals import AlertRules, lifecycle_state, spike_alert, swing_alert

pytestmark = pytest.mark.unit
NOW = 100_000.0


def test_spike_alert_reads_as_a_reason():
    baseline = NOW - 600 - np.linspace(0, 3600, 12)  # 12 in the hour before
    burst = NOW - np.linspace(0, 590, 40)
    alert = spike_alert(np.concatenate([baseline, burst]), NOW, AlertRules())
    assert alert is not None
    assert alert["count"] == 40
    assert alert["message"].endswith("40 berichten in 10 min")


def test_no_spike_below_minimum_volume():
    assert spike_alert(NOW - np.linspace(0, 500, 5), NOW, AlertRules()) is None


def test_sentiment_swing_reports_before_and_after():
    times = np.concatenate([NOW - 900 - np.linspace(1, 3500, 40), NOW - np.linspace(0, 890, 40)])
    negative = np.array([False] * 30 + [True] * 10 + [True] * 30 + [False] * 10)
    alert = swing_alert(times, negative, NOW, AlertRules())
    assert alert["kind"] == "sentiment_swing"
    assert alert["message"] == "sentiment negatiever: negatief 25% → 75%"


def test_lifecycle_states():
    assert lifecycle_state(NOW - 300, np.full(5, NOW - 100), NOW, 5) == "new"
    assert lifecycle_state(NOW - 7200, np.full(5, NOW - 5000), NOW, 5) == "fading"
    old_and_new = np.concatenate([np.full(10, NOW - 3000), np.full(30, NOW - 100)])
    assert lifecycle_state(NOW - 7200, old_and_new, NOW, 5) == "growing"


def test_a_flood_of_neutral_questions_is_no_relief():
    times = np.concatenate([NOW - 900 - np.linspace(1, 3500, 40), NOW - np.linspace(0, 890, 80)])
    # before: 30 angry, 10 neutral; now: 25 angry, 5 pleased and 50 neutral questions
    negative = np.array([True] * 30 + [False] * 10 + [True] * 25 + [False] * 55)
    neutral = np.array([False] * 30 + [True] * 10 + [False] * 30 + [True] * 50)
    assert swing_alert(times, negative, NOW, AlertRules()) is not None  # 75% -> 31% of all
    assert swing_alert(times, negative, NOW, AlertRules(), opinionated=~neutral) is None


def test_relief_among_opinions_reports_its_scope():
    times = np.concatenate([NOW - 900 - np.linspace(1, 3500, 40), NOW - np.linspace(0, 890, 40)])
    negative = np.array([True] * 30 + [False] * 10 + [False] * 30 + [True] * 10)
    alert = swing_alert(times, negative, NOW, AlertRules(), opinionated=np.ones(80, bool))
    assert alert["message"] == "sentiment positiever: negatief 75% → 25% van de meningen"


def test_angry_posts_growing_against_questions_is_a_swing_to_negative():
    times = np.concatenate([NOW - 900 - np.linspace(1, 3500, 40), NOW - np.linspace(0, 890, 40)])
    # before: 10 angry of 40 (the rest neutral questions); now: 28 angry, 12 neutral
    negative = np.array([True] * 10 + [False] * 30 + [True] * 28 + [False] * 12)
    alert = swing_alert(times, negative, NOW, AlertRules(), opinionated=negative.copy())
    assert alert["message"] == "sentiment negatiever: negatief 25% → 70%"
