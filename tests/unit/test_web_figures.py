"""The wall's pure parts: figure and layout builders, texts, versions, the update rule."""

from __future__ import annotations

import json

import pytest
import redis
from dash import no_update

from web.callbacks import wall_update
from web.data import SnapshotReader, version
from web.figures import COLORS, coarsen, sentiment_figure, sparkline_figure, volume_figure
from web.layout import (
    body,
    clock,
    format_age,
    freshness,
    skeleton,
    totals,
    waiting,
)
from web.questions import question_list
from web.text import TEXT, t

pytestmark = pytest.mark.unit

GENERATED = "2026-11-22T07:45:00Z"
GENERATED_EPOCH = 1795333500.0


def _bin(start: str, mentions: int, questions: int, neg: int, neu: int, pos: int) -> dict:
    return {
        "start": start,
        "mentions": mentions,
        "questions": questions,
        "negative": neg,
        "neutral": neu,
        "positive": pos,
        "sentiment": 0.0,
    }


def _question(rank: int, gap: bool, text: str = "", answer_id: str = "", **extra) -> dict:
    playbook = (
        None
        if gap
        else {
            "id": "treinstoring",
            "title": "Treinstoring",
            "answer_id": answer_id or f"answer-{rank}",
            "answer": "Er rijden bussen.",
            "expert": "Team Reisinfo",
            "score": 0.72,
        }
    )
    return {
        "id": f"q-{rank}",
        "kind": "question",
        "rank": rank,
        "label": f"label {rank}",
        "keywords": [],
        "representative": text or f"Vraag nummer {rank}?",
        "examples": [f"voorbeeld {rank}"],
        "size": 10 * rank,
        "recent": rank,
        "growth": 1.0,
        "sentiment": {"negative": 0.5, "neutral": 0.3, "positive": 0.2, "mean": -0.3},
        "first_seen": GENERATED,
        "last_seen": GENERATED,
        "counts": [0, 1, 2],
        "state": "stable",
        "playbook": playbook,
        "gap": gap,
        **extra,
    }


@pytest.fixture
def snapshot() -> dict:
    return {
        "version": 1,
        "generated": GENERATED,
        "now": GENERATED,
        "refresh_seconds": 10.0,
        "window": {
            "start": "2026-11-22T07:42:00Z",
            "end": GENERATED,
            "hours": 6.0,
            "bin_minutes": 1.0,
        },
        "totals": {
            "mentions": 20,
            "questions": 8,
            "negative": 10,
            "neutral": 6,
            "positive": 4,
            "pending": 0,
        },
        "bins": [
            _bin("2026-11-22T07:42:00Z", 5, 2, 1, 3, 1),
            _bin("2026-11-22T07:43:00Z", 0, 0, 0, 0, 0),
            _bin("2026-11-22T07:44:00Z", 15, 6, 9, 3, 3),
        ],
        "questions": [_question(2, gap=True), _question(1, gap=False)],
        "topics": [{**_question(1, gap=False), "kind": "topic", "label": "storing trein"}],
        "alerts": [
            {
                "kind": "spike",
                "cluster": None,
                "message": "3.2x het laatste uur",
                "since": GENERATED,
            }
        ],
        "gaps": ["q-2"],
    }


def texts(component) -> list[str]:
    """Every string in a Dash component tree, depth first."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, list | tuple):
        return [s for child in component for s in texts(child)]
    children = getattr(component, "children", None)
    return [] if children is None else texts(children)


def test_volume_figure_has_mentions_and_questions_per_bin_in_local_time(snapshot):
    fig = volume_figure(snapshot)
    assert [trace.name for trace in fig.data] == ["alle berichten", "vragen"]
    assert list(fig.data[0].y) == [5, 0, 15] and list(fig.data[1].y) == [2, 0, 6]
    assert fig.data[0].x[0].strftime("%H:%M") == "08:42"  # Europe/Amsterdam in November
    assert fig.data[1].marker.color == COLORS["questions"]


def test_sentiment_figure_stacks_shares_negative_red_positive_green(snapshot):
    fig = sentiment_figure(snapshot, lang="en")
    assert [trace.name for trace in fig.data] == ["negative", "neutral", "positive"]
    assert fig.data[0].fillcolor == COLORS["negative"] == "#ff4d4f"
    assert fig.data[2].fillcolor == COLORS["positive"]
    first = [trace.y[0] for trace in fig.data]
    assert first == [20.0, 60.0, 20.0]
    # each point: the posts of the trailing 10 minutes, so an empty minute keeps the share
    assert [trace.y[1] for trace in fig.data] == first
    assert [trace.y[2] for trace in fig.data] == [50.0, 30.0, 20.0]  # (1+9, 3+3, 1+3) of 20


def test_sentiment_share_needs_enough_posts_so_one_post_is_not_100_percent():
    from web.figures import rolling_shares

    bins = [
        {"start": f"2026-11-22T07:{m:02d}:00Z", "negative": 1, "neutral": 0, "positive": 0}
        for m in range(0, 60, 20)
    ]  # one post every 20 minutes: never five in ten minutes
    assert rolling_shares(bins)["negative"] == [None, None, None]


def test_figures_of_an_empty_snapshot_are_empty_not_errors():
    assert len(volume_figure({}).data) == 2
    assert len(sentiment_figure({"bins": []}).data) == 3
    assert list(sparkline_figure([]).data[0].y) == []


def test_figure_fonts_scale_with_the_screen(snapshot):
    assert (
        volume_figure(snapshot, scale=2.0).layout.font.size
        == 2 * volume_figure(snapshot).layout.font.size
    )


def test_coarsen_merges_bins_and_keeps_totals():
    bins = [_bin(str(i), 2, 1, 1, 1, 0) for i in range(360)]
    merged = coarsen(bins, 90)
    assert len(merged) == 90
    assert sum(b["mentions"] for b in merged) == 720
    assert merged[1]["start"] == "4"
    assert coarsen(bins[:10], 90) == [{k: b[k] for k in merged[0]} for b in bins[:10]]


def test_sparkline_shows_the_last_bins_only():
    fig = sparkline_figure(list(range(100)), tail=10)
    assert list(fig.data[0].y) == list(range(90, 100))
    assert fig.layout.height == 52 and fig.layout.width == 128


def test_questions_follow_the_snapshot_rank(snapshot):
    items = question_list(snapshot["questions"]).children
    assert [texts(item)[:2] for item in items] == [
        ["1", "Vraag nummer 1?"],
        ["2", "Vraag nummer 2?"],
    ]


def test_question_without_playbook_shows_the_gap_flag(snapshot):
    matched, gap = question_list(snapshot["questions"]).children
    assert "geen voorbereid antwoord" in texts(gap) and "gap" in gap.className
    assert "geen voorbereid antwoord" not in texts(matched)
    assert {"Treinstoring", "overeenkomst 72%", "Er rijden bussen."} <= set(texts(matched))


def test_question_shows_size_recent_growth_and_state():
    card = question_list([_question(1, gap=False, growth=2.1, state="growing")]).children[0]
    words = texts(card)
    assert "10" in words and "groeiend" in words and "2.1×" in words
    assert " 1 in 15 min" in words and "▲" in words  # a count, no "+" beside a ▼


@pytest.mark.parametrize(
    ("growth", "state", "arrow", "word"),
    [(1.3, "fading", "▼", None), (0.7, "growing", "▲", "groeiend"), (1.3, "stable", "▲", None)],
)
def test_the_arrow_never_contradicts_the_state_the_card_and_changes_line_show(
    growth, state, arrow, word
):
    card = question_list([_question(1, gap=False, growth=growth, state=state)]).children[0]
    words = texts(card)
    assert arrow in words and ({"▲", "▼", "▶"} - {arrow}).isdisjoint(words)
    assert word is None or word in words


def test_a_folded_question_gets_the_growth_and_state_of_both_together():
    from radar.operator import fold_cluster

    big = {"id": "q-1", "size": 20, "recent": 0, "growth": 0.0, "state": "fading"}
    fold_cluster(big, {"id": "q-2", "size": 12, "recent": 12, "growth": 12.0, "state": "new"})
    assert big["state"] == "growing" and big["growth"] > 1.5 and big["recent"] == 12
    calm = {"id": "q-3", "size": 60, "recent": 15, "growth": 1.0, "state": "stable"}
    fold_cluster(calm, {"id": "q-4", "size": 5, "recent": 0, "growth": 0.0, "state": "fading"})
    assert calm["state"] == "stable" and 0.9 <= calm["growth"] <= 1.0


def test_growth_on_a_near_empty_last_hour_is_capped_on_the_wall():
    card = question_list([_question(1, gap=False, growth=52.0, state="new")]).children[0]
    words = texts(card)
    assert "> 10×" in words and "52.0×" not in words


def test_questions_one_answer_serves_share_a_card_and_free_the_place():
    qs = [
        _question(1, gap=False, answer_id="duur"),
        _question(2, gap=False, answer_id="duur", text="Tot hoe laat duurt dit?"),
        _question(3, gap=True),
        _question(4, gap=False, answer_id="bus"),
    ]
    cards = question_list(qs).children
    assert [c.to_plotly_json()["props"]["data-cluster"] for c in cards] == ["q-1", "q-3", "q-4"]
    assert [texts(c)[0] for c in cards] == ["1", "2", "3"]  # places, not the radar's ranks
    related = [s for s in texts(cards[0]) if "verwant" in s]
    assert related == ["+1 verwant"]


def test_user_text_stays_plain_text():
    hostile = "<script>alert(1)</script> <b>html</b>"
    card = question_list([_question(1, gap=True, text=hostile)]).children[0]
    assert hostile in texts(card)
    assert "dangerously_allow_html" not in json.dumps(card.to_plotly_json(), default=str)


def test_more_questions_than_fit_are_counted():
    items = question_list([_question(r, gap=False) for r in range(1, 9)]).children
    assert len(items) == 6 and texts(items[-1]) == ["+ 3 andere vragen"]


def test_empty_lists_say_so():
    assert texts(question_list([])) == ["Nog geen terugkerende vragen."]


def test_body_has_graphs_alerts_and_changes_but_no_keyword_topics(snapshot):
    words = texts(body(snapshot))
    assert {"Dominante vragen", "Volume", "Sentiment", "Meldingen"} <= set(words)
    assert "Wat is er veranderd · 15 min" in words
    assert "3.2x het laatste uur" in words and "sinds 08:45" in words
    assert "Onderwerpen" not in words and "storing trein" not in words


def test_header_parts(snapshot):
    assert clock(snapshot) == "08:45:00"
    assert clock(None) == "--:--:--"
    assert totals(snapshot) == "20 berichten · 8 vragen · 50% negatief · venster 6 u"


@pytest.mark.parametrize(
    ("age", "text", "css"),
    [
        (12, "bijgewerkt 12 s geleden", "freshness fresh"),
        (29, "bijgewerkt 29 s geleden", "freshness fresh"),
        (31, "verouderd · bijgewerkt 31 s geleden", "freshness stale"),
        (7200, "verouderd · bijgewerkt 2 u geleden", "freshness stale"),
    ],
)
def test_freshness_turns_stale_after_three_refreshes(age, text, css):
    assert freshness(GENERATED, 10.0, now=GENERATED_EPOCH + age) == (text, css)


def test_format_age_units():
    assert [format_age(s) for s in (0, 89, 90, 3600, 5400)] == [
        "0 s",
        "89 s",
        "2 min",
        "60 min",
        "2 u",
    ]


def test_waiting_page_and_skeleton():
    assert "Wachten op de eerste momentopname…" in texts(waiting())
    page = skeleton(5000)
    assert page.children[0].interval == 5000
    assert "Crisisradar" in texts(page)


def test_every_text_exists_in_dutch_and_english():
    assert set(TEXT["nl"]) == set(TEXT["en"])
    assert t("gap") == "geen voorbereid antwoord" and t("gap", "fr") == t("gap", "nl")


def test_version_changes_with_content_even_within_one_second(snapshot):
    changed = {**snapshot, "totals": {**snapshot["totals"], "mentions": 21}}
    assert version(snapshot) == version(json.loads(json.dumps(snapshot)))
    assert version(snapshot) != version(changed)
    assert version(snapshot).startswith(GENERATED)


def test_wall_update_skips_an_unchanged_snapshot(snapshot):
    first = wall_update(snapshot, None, 1.0, 10.0)
    assert first[1] == "08:45:00" and first[3]["version"] == version(snapshot)
    again = wall_update(snapshot, first[3], 1.0, 10.0)
    assert again[:4] == (no_update,) * 4
    assert again[5].startswith("freshness")
    assert wall_update(snapshot, first[3], 2.0, 10.0)[0] is not no_update  # new screen size


def test_wall_update_keeps_the_last_picture_when_the_store_is_silent(snapshot):
    first = wall_update(snapshot, None, 1.0, 10.0)
    gone = wall_update(None, first[3], 1.0, 10.0)
    assert gone[:4] == (no_update,) * 4 and gone[5] == "freshness stale"


def test_wall_update_survives_a_malformed_snapshot(snapshot):
    broken = {**snapshot, "bins": [{"mentions": 1}]}  # no "start"
    assert wall_update(broken, None, 1.0, 10.0)[:4] == (no_update,) * 4


def test_reader_returns_none_when_redis_is_down():
    class Unreachable:
        def load_snapshot(self):
            raise redis.ConnectionError("connection refused")

    assert SnapshotReader(Unreachable()).load() is None


def test_swing_towards_relief_is_not_shown_in_alarm_red():
    from web.layout import alert_list

    alerts = [
        {"kind": "sentiment_swing", "before": 0.57, "after": 0.13, "message": "positiever"},
        {"kind": "sentiment_swing", "before": 0.2, "after": 0.6, "message": "negatiever"},
    ]
    classes = [li.className for li in alert_list(alerts).children]
    assert classes == ["alert alert-sentiment_swing swing-better", "alert alert-sentiment_swing"]


def test_markers_keep_ended_alerts_and_colour_relief_green():
    from web.figures import markers

    snap = {
        "window": {"start": "2026-11-22T06:00:00Z"},
        "alerts": [],
        "alert_log": [
            {
                "kind": "sentiment_swing",
                "since": "2026-11-22T07:10:00Z",
                "before": 0.3,
                "after": 0.7,
            },
            {
                "kind": "sentiment_swing",
                "since": "2026-11-22T08:30:00Z",
                "before": 0.7,
                "after": 0.2,
            },
            {"kind": "spike", "since": "2026-11-22T07:05:00Z"},
        ],
    }
    assert markers(snap, "sentiment") == [
        ("2026-11-22T07:10:00Z", "omslag", COLORS["negative"]),
        ("2026-11-22T08:30:00Z", "verbetering", COLORS["positive"]),
    ]
    assert markers(snap, "volume") == [("2026-11-22T07:05:00Z", "piek", COLORS["questions"])]


# -- issue 12 items 9-11: names in "what changed", badges, chart axes and markers ------------
def _drill_bins(empty: int, busy: int, start: str = "2026-11-22T05:30:00Z") -> list[dict]:
    """``empty`` quiet minutes (the window before a drill), then ``busy`` minutes of posts."""
    from radar.timeutil import iso, parse_time

    t0 = parse_time(start)
    return [
        _bin(iso(t0 + 60 * i), 0 if i < empty else 4, 0 if i < empty else 2, 0, 0, 0)
        for i in range(empty + busy)
    ]


def test_volume_chart_starts_at_the_drill_not_an_hour_before_it():
    # a 20x demo: the window's first 40 minutes are before the drill's first post
    fig = volume_figure({"bins": _drill_bins(40, 20)})
    assert fig.data[0].x[0].strftime("%H:%M") == "07:10"  # the first post (06:10 UTC)
    assert fig.layout.xaxis.range[0].strftime("%H:%M:%S") == "07:09:30"  # half a bin before
    assert sentiment_figure({"bins": _drill_bins(40, 20)}).layout.xaxis.range[0].minute == 9


def test_a_young_crisis_runs_into_the_future_not_back_into_the_quiet():
    fig = volume_figure({"bins": _drill_bins(40, 3)})
    lo, hi = fig.layout.xaxis.range
    assert lo.strftime("%H:%M:%S") == "07:09:30" and (hi - lo).total_seconds() == 600


@pytest.mark.parametrize("minutes", [3, 10, 25, 60, 118, 180, 360])
def test_time_ticks_keep_clear_of_the_axis_ends(minutes):
    from datetime import datetime, timedelta

    from web.figures import MAX_TICKS, TICK_EDGE, time_axis

    x = [datetime(2026, 11, 22, 6, 30) + timedelta(minutes=m) for m in range(minutes)]
    axis = time_axis(x)
    lo, hi = axis["range"]
    assert lo < x[0]  # the first bar is whole, and so is the first tick label beside the "0"
    assert 1 <= len(axis["tickvals"]) <= MAX_TICKS
    for tick in axis["tickvals"]:
        assert lo + TICK_EDGE * (hi - lo) <= tick <= hi - TICK_EDGE * (hi - lo)


def test_the_drill_start_on_a_round_time_has_no_tick_on_the_y_axis():
    fig = volume_figure({"bins": _drill_bins(0, 118)})  # 06:30 to 08:27, as docs/wall.png
    first = fig.layout.xaxis.tickvals[0]
    assert first.strftime("%H:%M") == "07:00"  # not 06:30, on the left edge


def test_marker_label_names_its_time_and_is_centred_on_its_line():
    bins = _drill_bins(0, 120)
    swing = {"kind": "sentiment_swing", "since": "2026-11-22T06:49:00Z", "before": 0.4}
    fig = sentiment_figure({"bins": bins, "alerts": [{**swing, "after": 0.7}]})
    (band, line), (label,) = fig.layout.shapes, fig.layout.annotations
    assert label.text == "omslag 07:49"  # the time is read from the label, not guessed
    assert label.x == line.x0 and label.xanchor == "center"
    # red on the red area of negative posts: the dashed line runs on a dark band
    assert line.line.color == COLORS["negative"] and line.line.dash == "dash"
    assert band.x0 == line.x0 and band.line.color == COLORS["background"]
    assert band.line.width > line.line.width


def test_marker_label_at_the_right_edge_ends_at_its_line():
    bins = _drill_bins(0, 120)
    spike = {"kind": "spike", "since": "2026-11-22T07:28:00Z"}
    (label,) = volume_figure({"bins": bins, "alerts": [spike]}).layout.annotations
    assert (label.text, label.xanchor) == ("piek 08:28", "right")


def test_chart_text_is_two_percent_of_a_1080p_screen():
    fig = volume_figure({"bins": _drill_bins(0, 60), "alerts": [{"kind": "spike",
                         "since": "2026-11-22T06:00:00Z"}]})  # fmt: skip
    assert fig.layout.font.size >= 0.02 * 1080 and fig.layout.xaxis.tickfont.size >= 0.02 * 1080
    assert fig.layout.annotations[0].font.size >= 0.02 * 1080


def test_changes_name_questions_by_their_card_headline(snapshot):
    from web.changes import changes_list
    from web.questions import card_title

    q = _question(3, gap=True, text="Hallo! Zijn mijn gegevens gelekt? Help", state="new")
    words = texts(changes_list({**snapshot, "questions": [q]}))
    assert words == ["Nieuw", card_title(q)] == ["Nieuw", "Zijn mijn gegevens gelekt?"]
    assert "label 3" not in words


def test_changes_leave_out_whole_headlines_that_do_not_fit_and_count_them(snapshot):
    from web.changes import changes_list

    long = "Weet iemand hoe lang het nog duurt bij Utrecht Centraal en of er bussen rijden?"
    old = "2026-11-22T06:00:00Z"  # first seen long ago: growing, not new
    qs = [_question(r, gap=True, text=long, state="growing", first_seen=old) for r in (1, 2, 3)]
    words = texts(changes_list({**snapshot, "questions": qs}))
    assert words == ["Groeiend", long, " +2 andere vragen"]


def test_state_and_related_badges_sit_in_the_trend_column_not_the_count_line():
    qs = [
        _question(1, gap=False, answer_id="duur", state="growing", growth=2.0),
        _question(2, gap=False, answer_id="duur"),
        _question(3, gap=False, answer_id="duur"),
    ]
    (card,) = question_list(qs).children
    main, trend = card.children[1], card.children[2]
    assert trend.className == "q-trend"
    assert [b.children for b in trend.children[1:]] == ["groeiend", "+2 verwant"]
    assert not [s for s in texts(main) if s in ("groeiend", "+2 verwant")]
