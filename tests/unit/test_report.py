import pytest

from radar.report import render_report
from radar.timeutil import iso, parse_time

pytestmark = pytest.mark.unit


def _snapshot(start: str, bin_minutes: float, n_bins: int) -> dict:
    t0 = parse_time(start)
    bins = [
        {"start": iso(t0 + i * bin_minutes * 60), "mentions": 4, "negative": 2, "positive": 1}
        for i in range(n_bins)
    ]
    end = iso(t0 + n_bins * bin_minutes * 60)
    return {
        "now": end,
        "window": {"start": start, "end": end, "bin_minutes": bin_minutes},
        "totals": {
            "mentions": 4 * n_bins,
            "questions": 0,
            "negative": 2 * n_bins,
            "positive": n_bins,
        },
        "questions": [],
        "topics": [],
        "alerts": [],
        "bins": bins,
    }


def _periods(report: str) -> list[str]:
    section = report.split("## Sentiment door de tijd")[1].split("##")[0]
    return [line.split("|")[1].strip() for line in section.splitlines()[4:] if line.startswith("|")]


def test_sentiment_periods_over_weeks_show_dates():
    # 3 weeks in 6-hour bins, as a CrisisLex event analysed whole
    periods = _periods(render_report(_snapshot("2013-04-15T04:00:00Z", 360, 84)))
    assert periods[0] == "15-04-2013 04:00 – 18-04-2013 16:00"
    assert periods[-1].endswith("06-05-2013 04:00")
    assert all("-2013" in p for p in periods)


def test_sentiment_periods_within_a_morning_show_times_only():
    periods = _periods(render_report(_snapshot("2026-11-22T06:00:00Z", 1, 180)))
    assert periods[0] == "06:00–06:30" and periods[-1] == "08:30–09:00"


def test_questions_are_listed_as_headlines_without_retweet_handles_or_links():
    """A new user's report on CrisisLex quoted 'RT @anon: If you are in #Canmore &amp; need
    help, … http://t.co/8RIT…' as the question."""
    snapshot = _snapshot("2013-06-21T04:00:00Z", 5, 3)
    question = {"rank": 1, "size": 12, "recent": 3, "sentiment": {"negative": 0.2},
                "representative": "RT @anon: Is the Deerfoot open yet? http://t.co/x", "gap": True}  # fmt: skip
    snapshot["questions"] = [question]
    report = render_report(snapshot)
    assert "| 1 | Is the Deerfoot open yet? | 12 |" in report
    assert "- Is the Deerfoot open yet? (12×)" in report
    assert "RT @anon" not in report and "http" not in report


def test_a_renamed_question_is_listed_by_the_operator_s_name_as_on_the_wall():
    snapshot = _snapshot("2026-11-22T06:00:00Z", 1, 3)
    question = {"rank": 1, "size": 9, "recent": 2, "sentiment": {"negative": 0.4},
                "representative": "Hoi! Rijdt de bus? Iemand?", "gap": True,
                "label": "Bussen Utrecht", "renamed": True}  # fmt: skip
    snapshot["questions"] = [question]
    report = render_report(snapshot)
    assert "| 1 | Bussen Utrecht | 9 |" in report and "- Bussen Utrecht (9×)" in report
