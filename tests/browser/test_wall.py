"""The wall in a real headless Chromium against a real Redis: what a webcare team sees."""

from __future__ import annotations

import math
import time
from typing import Any

import pytest

from radar.operator import OperatorState, Published, apply_operator_state
from radar.snapshot_schema import SNAPSHOT_VERSION
from radar.timeutil import iso, parse_time
from web import create_app
from web.questions import card_title

pytestmark = [pytest.mark.browser]

HOSTILE = "Is <script>alert(1)</script> dit <b>html</b> veilig?"

# (id, label, representative, size, recent, growth, state, playbook or None, example)
QUESTIONS = [
    (
        "q-3f2a",
        "vervangende bussen",
        "Rijden er vervangende bussen tussen Utrecht en Amersfoort?",
        41,
        12,
        2.1,
        "growing",
        (
            "treinstoring",
            "Treinstoring",
            "vervangend-vervoer",
            "Tussen Utrecht en Amersfoort rijden bussen. Houd rekening met 30 minuten extra "
            "reistijd; kijk in de reisplanner voor de actuele vertrektijden.",
            0.72,
        ),
        "rijden er al bussen vanaf Utrecht Centraal??",
    ),
    (
        "q-91c0",
        "geld terug",
        "Krijg ik mijn geld terug als mijn trein is uitgevallen?",
        33,
        6,
        1.0,
        "stable",
        (
            "treinstoring",
            "Treinstoring",
            "geld-terug",
            "Bij een vertraging van 30 minuten of meer krijgt u geld terug via Mijn NS.",
            0.64,
        ),
        "kan ik mijn geld terugvragen voor vanochtend",
    ),
    (
        "q-5d77",
        "datalek gegevens",
        "Zijn mijn gegevens gelekt bij de storing in de app?",
        27,
        14,
        3.4,
        "new",
        None,
        "zijn mijn bankgegevens nu op straat komen te liggen?",
    ),
    (
        "q-08be",
        "hoe lang storing",
        "Hoe lang gaat de storing nog duren?",
        19,
        3,
        0.7,
        "fading",
        (
            "treinstoring",
            "Treinstoring",
            "duur",
            "We verwachten dat de storing tot 18:00 duurt.",
            0.58,
        ),
        "weet iemand hoe lang dit nog gaat duren",
    ),
    (
        "q-c4e9",
        "veilig",
        HOSTILE,
        11,
        5,
        1.6,
        "growing",
        None,
        "<b>html</b> en <script>alert(1)</script> als voorbeeld",
    ),
]
TOPICS = [
    ("t-1", "storing trein utrecht", 180, (0.62, 0.30, 0.08)),
    ("t-2", "app werkt niet", 95, (0.71, 0.25, 0.04)),
    ("t-3", "bussen vervangend vervoer", 88, (0.40, 0.45, 0.15)),
    ("t-4", "geld terug compensatie", 61, (0.35, 0.55, 0.10)),
    ("t-5", "dank personeel", 22, (0.05, 0.25, 0.70)),
]


def _cluster(kind: str, rank: int, counts: list[int], **fields: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "rank": rank,
        "keywords": fields["label"].split(),
        "counts": counts,
        "first_seen": fields.pop("first_seen"),
        "last_seen": fields.pop("last_seen"),
        **fields,
    }


def make_snapshot(now: float | None = None, questions=QUESTIONS, hours: float = 3.0) -> dict:
    """A realistic version-1 snapshot (radar/snapshot_schema.py): 1-minute bins over ``hours``."""
    now = time.time() if now is None else now
    end = math.floor(now / 60) * 60
    n_bins = int(hours * 60)
    starts = [end - 60 * (n_bins - 1 - i) for i in range(n_bins)]
    bins = []
    for i, start in enumerate(starts):
        surge = max(0, i - (n_bins - 45))  # the crisis starts 45 minutes ago
        mentions = 2 + (i % 3) + surge // 2
        questions_n = mentions // 3 + surge // 5
        negative = min(mentions, 1 + surge // 2)
        positive = 1 if mentions - negative > 1 else 0
        bins.append(
            {
                "start": iso(start),
                "mentions": mentions,
                "questions": questions_n,
                "negative": negative,
                "neutral": mentions - negative - positive,
                "positive": positive,
                "sentiment": round(-negative / mentions, 2),
            }
        )
    qs = []
    for rank, (cid, label, text, size, recent, growth, state, pb, example) in enumerate(
        questions, start=1
    ):
        counts = [0] * (n_bins - 45) + [
            round(size / 45 * (j / 22) ** growth * (1 + 0.4 * ((j * rank) % 3 - 1)))
            for j in range(45)
        ]
        playbook = (
            None
            if pb is None
            else dict(
                zip(("id", "title", "answer_id", "answer", "score"), pb, strict=True),
                expert="Team Reisinformatie",
            )
        )
        qs.append(
            _cluster(
                "question",
                rank,
                counts,
                id=cid,
                label=label,
                representative=text,
                examples=[example, f"{label}?"],
                size=size,
                recent=recent,
                growth=growth,
                sentiment={"negative": 0.6, "neutral": 0.3, "positive": 0.1, "mean": -0.42},
                first_seen=iso(end - 40 * 60),
                last_seen=iso(end),
                state=state,
                playbook=playbook,
                gap=playbook is None,
            )
        )
    topics = [
        _cluster(
            "topic",
            rank,
            [size // n_bins] * n_bins,
            id=tid,
            label=label,
            representative=f"{label} vandaag",
            examples=[],
            size=size,
            recent=size // 4,
            growth=1.2,
            first_seen=iso(starts[0]),
            last_seen=iso(end),
            state="stable",
            sentiment={
                "negative": neg,
                "neutral": neu,
                "positive": pos,
                "mean": round(pos - neg, 2),
            },
            playbook=None,
            gap=False,
        )
        for rank, (tid, label, size, (neg, neu, pos)) in enumerate(TOPICS, start=1)
    ]
    total = {
        k: sum(b[k] for b in bins)
        for k in ("mentions", "questions", "negative", "neutral", "positive")
    }
    return {
        "version": SNAPSHOT_VERSION,
        "generated": iso(now),
        "now": iso(now),
        "refresh_seconds": 10.0,
        "window": {
            "start": iso(starts[0]),
            "end": iso(end + 60),
            "hours": hours,
            "bin_minutes": 1.0,
        },
        "totals": {**total, "pending": 0},
        "bins": bins,
        "questions": qs,
        "topics": topics,
        "alerts": [
            {
                "kind": "spike",
                "cluster": None,
                "message": "3.2x het laatste uur; 41 berichten in 10 min",
                "since": iso(end - 12 * 60),
            },
            {
                "kind": "new_question",
                "cluster": "q-5d77",
                "message": "Nieuwe vraag: Zijn mijn gegevens gelekt?",
                "since": iso(end - 8 * 60),
            },
            {
                "kind": "sentiment_swing",
                "cluster": None,
                "message": "negatief van 20% naar 61% in 30 min",
                "since": iso(end - 25 * 60),
            },
        ],
        "gaps": [q["id"] for q in qs if q["gap"]],
    }


def card(rank: int, part: str = "") -> str:
    return f"#questions > li.question:nth-child({rank}) {part}".strip()


def assert_fits(dash_duo, width: int, height: int) -> None:
    """The page is exactly the screen and nothing scrolls, sideways or down."""
    inner_w, inner_h, scroll_w, scroll_h = dash_duo.driver.execute_script(
        "const d = document.documentElement;"
        " return [window.innerWidth, window.innerHeight, d.scrollWidth, d.scrollHeight]"
    )
    assert (inner_w, inner_h) == (width, height)
    assert scroll_w <= width and scroll_h <= height


def wait_for_wall(dash_duo, snapshot: dict) -> None:
    for rank, q in enumerate(snapshot["questions"], start=1):
        dash_duo.wait_for_text_to_equal(card(rank, ".q-text"), card_title(q))
        dash_duo.wait_for_text_to_equal(card(rank, ".q-size"), str(q["size"]))


def test_wall_shows_ranked_questions_answers_and_gaps(
    dash_duo, settings, store, viewport, screenshot
):
    snapshot = make_snapshot()
    store.save_snapshot(snapshot)
    viewport(1920, 1080)
    dash_duo.start_server(create_app(settings, store))

    wait_for_wall(dash_duo, snapshot)
    for rank, q in enumerate(snapshot["questions"], start=1):
        if q["gap"]:
            dash_duo.wait_for_text_to_equal(card(rank, ".gap-text"), "geen voorbereid antwoord")
            assert "gap" in dash_duo.find_element(card(rank)).get_attribute("class")
        else:
            dash_duo.wait_for_text_to_equal(card(rank, ".a-title"), q["playbook"]["title"])
            dash_duo.wait_for_contains_text(card(rank, ".a-text"), q["playbook"]["answer"][:40])
            assert not dash_duo.find_elements(card(rank, ".gap-text"))
    dash_duo.wait_for_text_to_equal(card(1, ".a-score"), "overeenkomst 72%")
    dash_duo.wait_for_contains_text("#alerts", "Nieuwe vraag")
    dash_duo.wait_for_contains_text("#topics", "storing trein utrecht")
    dash_duo.wait_for_contains_text(".freshness", "bijgewerkt")
    assert dash_duo.find_elements("#volume-graph .main-svg")
    assert dash_duo.find_elements("#sentiment-graph .main-svg")
    assert_fits(dash_duo, 1920, 1080)
    screenshot("wall-1920")
    assert dash_duo.get_logs() == []


def test_user_html_in_posts_is_shown_as_text(dash_duo, settings, store):
    snapshot = make_snapshot()
    store.save_snapshot(snapshot)
    dash_duo.start_server(create_app(settings, store))

    dash_duo.wait_for_text_to_equal(card(5, ".q-text"), HOSTILE)
    example = dash_duo.find_element(card(5, ".q-example-text"))
    assert example.get_attribute("textContent") == snapshot["questions"][4]["examples"][0]
    assert not dash_duo.find_elements("#questions b, #questions script")
    assert dash_duo.get_logs() == []


def test_wall_updates_when_the_radar_writes_a_new_snapshot(dash_duo, settings, store):
    store.save_snapshot(make_snapshot())
    dash_duo.start_server(create_app(settings.replace(refresh_seconds=1.0), store))
    dash_duo.wait_for_text_to_equal(card(1, ".q-size"), "41")

    changed = [list(q) for q in QUESTIONS]
    changed[0][2], changed[0][3] = "Waar vind ik de vervangende bussen op Utrecht Centraal?", 58
    store.save_snapshot(make_snapshot(questions=[tuple(q) for q in changed]))

    dash_duo.wait_for_text_to_equal(card(1, ".q-text"), changed[0][2], timeout=10)
    dash_duo.wait_for_text_to_equal(card(1, ".q-size"), "58")
    dash_duo.wait_for_text_to_equal(card(2, ".q-size"), "33")
    assert dash_duo.get_logs() == []


def test_waiting_page_until_the_first_snapshot(dash_duo, settings, store):
    dash_duo.start_server(create_app(settings.replace(refresh_seconds=1.0), store))
    dash_duo.wait_for_text_to_equal(".waiting-text", "Wachten op de eerste momentopname…")
    dash_duo.wait_for_text_to_equal("#freshness", "nog niet bijgewerkt")

    snapshot = make_snapshot()
    store.save_snapshot(snapshot)
    wait_for_wall(dash_duo, snapshot)
    dash_duo.wait_for_no_elements(".waiting-text")
    assert dash_duo.get_logs() == []


def test_old_snapshot_is_marked_stale(dash_duo, settings, store):
    store.save_snapshot(make_snapshot(now=time.time() - 600))
    dash_duo.start_server(create_app(settings, store))
    dash_duo.wait_for_contains_text("#freshness", "verouderd")
    dash_duo.wait_for_contains_class("#freshness", "stale")
    assert dash_duo.get_logs() == []


def test_wall_renders_on_a_4k_screen(dash_duo, settings, store, viewport, screenshot):
    snapshot = make_snapshot()
    store.save_snapshot(snapshot)
    viewport(3840, 2160)  # driver.set_window_size, corrected for the window's own chrome
    dash_duo.start_server(create_app(settings, store))

    wait_for_wall(dash_duo, snapshot)
    dash_duo.wait_for_text_to_equal(card(3, ".gap-text"), "geen voorbereid antwoord")
    assert_fits(dash_duo, 3840, 2160)
    screenshot("wall-3840")
    assert dash_duo.get_logs() == []


def published_snapshot() -> dict:
    """The realistic snapshot after an operator published the bus answer 9 minutes ago."""
    snapshot = make_snapshot()
    now = parse_time(snapshot["now"])
    wording = snapshot["questions"][0]["playbook"]["answer"]
    state = OperatorState(
        published={
            "q-3f2a": Published(
                "q-3f2a", "treinstoring", "vervangend-vervoer", "treinstoring/vervangend-vervoer/0",
                "X", now - 9 * 60, wording,
            )
        },
        labels={"q-91c0": "Geld terug bij uitval"},
    )  # fmt: skip
    snapshot["questions"] = apply_operator_state(
        snapshot["questions"], state, snapshot["bins"], now
    )
    return snapshot


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_wall_shows_published_answer_changes_and_markers(
    dash_duo, settings, store, viewport, screenshot, size
):
    snapshot = published_snapshot()
    store.save_snapshot(snapshot)
    viewport(*size)
    dash_duo.start_server(create_app(settings, store))

    dash_duo.wait_for_contains_text(card(1, ".p-when"), "gepubliceerd")
    dash_duo.wait_for_contains_text(card(1, ".p-when"), "via X")
    change = snapshot["questions"][0]["after_publish"]["change"]
    assert change is not None
    dash_duo.wait_for_contains_text(card(1, ".p-effect"), "sinds publicatie")
    dash_duo.wait_for_text_to_equal(card(2, ".q-text"), "Geld terug bij uitval")
    dash_duo.wait_for_contains_text("#changes", "Nieuw")
    dash_duo.wait_for_contains_text("#changes", "datalek gegevens")
    dash_duo.wait_for_contains_text("#changes", "Gepubliceerd")
    dash_duo.wait_for_contains_text("#volume-graph", "gepubliceerd")
    volume = dash_duo.find_element("#volume-graph").get_attribute("textContent")
    assert "piek" in volume and "gepubliceerd" in volume
    assert "omslag" in dash_duo.find_element("#sentiment-graph").get_attribute("textContent")
    assert_fits(dash_duo, *size)
    screenshot(f"wall-published-{size[0]}")
    assert dash_duo.get_logs() == []


def test_wall_speaks_english_with_lang_parameter(dash_duo, settings, store):
    store.save_snapshot(published_snapshot())
    dash_duo.start_server(create_app(settings, store))
    dash_duo.driver.get(f"{dash_duo.server_url}/?lang=en")
    dash_duo.wait_for_text_to_equal(".questions-panel h2", "Dominant questions")
    dash_duo.wait_for_contains_text(card(1, ".p-when"), "published")
    dash_duo.wait_for_contains_text("#changes", "New")
    assert dash_duo.get_logs() == []
