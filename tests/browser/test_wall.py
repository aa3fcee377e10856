"""The wall in a real headless Chromium against a real Redis: what a webcare team sees."""

from __future__ import annotations

import math
import re
import time
from typing import Any

import pytest

from radar.operator import OperatorState, Published, apply_operator_state
from radar.snapshot_schema import SNAPSHOT_VERSION
from radar.timeutil import iso, parse_time
from web import create_app
from web.figures import local_time
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
                "message": "nieuwe vraag: Zijn mijn gegevens gelekt bij de storing in de app? (6×)",
                "since": iso(end - 8 * 60),
            },
            {
                "kind": "sentiment_swing",
                "cluster": None,
                "message": "sentiment negatiever: negatief 44% → 71% van de meningen",
                "before": 0.44,
                "after": 0.71,
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


def wait_for_wall(dash_duo, snapshot: dict, timeout: float = 30) -> None:
    """Until every card shows its headline and size (the first render of a process also
    builds the language detector the headlines need: seconds on a busy machine)."""
    for rank, q in enumerate(snapshot["questions"], start=1):
        dash_duo.wait_for_text_to_equal(card(rank, ".q-text"), card_title(q), timeout=timeout)
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

    dash_duo.wait_for_text_to_equal(card(5, ".q-text"), HOSTILE, timeout=30)
    example = dash_duo.find_element(card(5, ".q-example-text"))
    assert example.get_attribute("textContent") == snapshot["questions"][4]["examples"][0]
    assert not dash_duo.find_elements("#questions b, #questions script")
    assert dash_duo.get_logs() == []


def test_wall_updates_when_the_radar_writes_a_new_snapshot(dash_duo, settings, store):
    store.save_snapshot(make_snapshot())
    dash_duo.start_server(create_app(settings.replace(refresh_seconds=1.0), store))
    dash_duo.wait_for_text_to_equal(card(1, ".q-size"), "41", timeout=30)

    changed = [list(q) for q in QUESTIONS]
    changed[0][2], changed[0][3] = "Waar vind ik de vervangende bussen op Utrecht Centraal?", 58
    store.save_snapshot(make_snapshot(questions=[tuple(q) for q in changed]))

    dash_duo.wait_for_text_to_equal(card(1, ".q-text"), changed[0][2], timeout=30)
    dash_duo.wait_for_text_to_equal(card(1, ".q-size"), "58")
    dash_duo.wait_for_text_to_equal(card(2, ".q-size"), "33")
    assert dash_duo.get_logs() == []


def test_waiting_page_until_the_first_snapshot(dash_duo, settings, store):
    dash_duo.start_server(create_app(settings.replace(refresh_seconds=1.0), store))
    dash_duo.wait_for_text_to_equal(
        ".waiting-text", "Wachten op de eerste momentopname…", timeout=30
    )
    dash_duo.wait_for_text_to_equal("#freshness", "nog niet bijgewerkt")

    snapshot = make_snapshot()
    store.save_snapshot(snapshot)
    wait_for_wall(dash_duo, snapshot)
    dash_duo.wait_for_no_elements(".waiting-text")
    assert dash_duo.get_logs() == []


def test_old_snapshot_is_marked_stale(dash_duo, settings, store):
    store.save_snapshot(make_snapshot(now=time.time() - 600))
    dash_duo.start_server(create_app(settings, store))
    dash_duo.wait_for_contains_text("#freshness", "verouderd", timeout=30)
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

    dash_duo.wait_for_contains_text(card(1, ".p-when"), "gepubliceerd", timeout=30)
    dash_duo.wait_for_contains_text(card(1, ".p-when"), "via X")
    change = snapshot["questions"][0]["after_publish"]["change"]
    assert change is not None
    dash_duo.wait_for_contains_text(card(1, ".p-effect"), "sinds publicatie")
    dash_duo.wait_for_text_to_equal(card(2, ".q-text"), "Geld terug bij uitval")
    dash_duo.wait_for_contains_text("#changes", "Nieuw")
    dash_duo.wait_for_contains_text("#changes", card_title(snapshot["questions"][2]))
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
    dash_duo.wait_for_text_to_equal(".questions-panel h2", "Dominant questions", timeout=30)
    dash_duo.wait_for_contains_text(card(1, ".p-when"), "published")
    dash_duo.wait_for_contains_text("#changes", "New")
    assert dash_duo.get_logs() == []


# -- readability and layout at a wall's distance (issue 12 items 8-12) ------------------------
SIZES = [(1920, 1080), (3840, 2160)]

SMALL_TEXT_JS = """
const limit = arguments[0] * window.innerHeight, small = [];
const walker = document.createTreeWalker(document.querySelector('.wall'), NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const text = walker.currentNode.textContent.trim(), el = walker.currentNode.parentElement;
  const box = el.getBoundingClientRect();
  if (!text || !box.width || !box.height) continue;
  const size = parseFloat(getComputedStyle(el).fontSize);
  if (size < limit) small.push([text.slice(0, 40), size]);
}
return small;
"""

CLIPPED_JS = """
// elements matching the selector whose content is cut: overflowing their own box, or
// reaching outside an ancestor that hides overflow
const out = [];
for (const el of document.querySelectorAll(arguments[0])) {
  const box = el.getBoundingClientRect(), text = el.textContent.trim().slice(0, 60);
  if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
    out.push([text, 'overflows itself']);
    continue;
  }
  for (let up = el.parentElement; up; up = up.parentElement) {
    if (getComputedStyle(up).overflow === 'visible') continue;
    const outer = up.getBoundingClientRect();
    if (box.left < outer.left - 1 || box.right > outer.right + 1 ||
        box.top < outer.top - 1 || box.bottom > outer.bottom + 1) {
      out.push([text, 'cut by ' + up.className]);
      break;
    }
  }
}
return out;
"""

CHART_BOXES_JS = """
const box = e => { const r = e.getBoundingClientRect();
                   return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
const graph = document.querySelector(arguments[0]);
return {
  svg: box(graph.querySelector('.main-svg')),
  xticks: [...graph.querySelectorAll('.xtick text')].map(box),
  yticks: [...graph.querySelectorAll('.ytick text')].map(box),
  lines: [...graph.querySelectorAll('.layer-above .shapelayer path')]
      .filter(p => (p.style.strokeDasharray || 'none') !== 'none').map(box),  // not the band
  labels: [...graph.querySelectorAll('.annotation')].map(
      a => ({...box(a), text: a.textContent})),
};
"""


def wait_for_charts(dash_duo, timeout: float = 30) -> None:
    """Until both charts have their ticks and marker labels drawn."""
    dash_duo.wait_for_element("#volume-graph .xtick text", timeout=timeout)
    dash_duo.wait_for_element("#sentiment-graph .annotation", timeout=timeout)
    dash_duo.wait_for_element("#volume-graph .annotation", timeout=timeout)


@pytest.mark.parametrize("size", SIZES)
def test_no_text_on_the_wall_is_smaller_than_2_percent_of_the_screen_height(
    dash_duo, settings, store, viewport, size
):
    snapshot = published_snapshot()  # answers, gaps, expert and published lines, markers
    store.save_snapshot(snapshot)
    viewport(*size)
    dash_duo.start_server(create_app(settings, store))
    wait_for_wall(dash_duo, snapshot)
    wait_for_charts(dash_duo)
    dash_duo.wait_for_contains_text(card(1, ".p-when"), "gepubliceerd")

    small = dash_duo.driver.execute_script(SMALL_TEXT_JS, 0.02)
    assert small == [], f"text below 2 % of {size[1]} px: {small}"
    assert_fits(dash_duo, *size)
    assert dash_duo.get_logs() == []


def related_snapshot() -> dict:
    """The bus question, growing, serves two lower questions with the same answer: its card
    carries "groeiend" and "+2 verwant"."""
    questions = [list(q) for q in QUESTIONS]
    for row in (questions[1], questions[3]):
        row[7] = (*QUESTIONS[0][7][:4], row[7][4])  # the bus answer
    return make_snapshot(questions=[tuple(q) for q in questions])


@pytest.mark.parametrize("size", SIZES)
def test_badges_show_whole_beside_a_growing_badge(dash_duo, settings, store, viewport, size):
    store.save_snapshot(related_snapshot())
    viewport(*size)
    dash_duo.start_server(create_app(settings, store))
    dash_duo.wait_for_text_to_equal(card(1, ".badge-related"), "+2 verwant", timeout=30)
    dash_duo.wait_for_text_to_equal(card(1, ".badge-growing"), "groeiend")

    assert dash_duo.driver.execute_script(CLIPPED_JS, ".badge") == []
    assert dash_duo.driver.execute_script(CLIPPED_JS, ".q-meta > span") == []
    assert dash_duo.get_logs() == []


def test_a_single_question_takes_one_fifth_of_the_column_not_all_of_it(dash_duo, settings, store):
    store.save_snapshot(make_snapshot(questions=QUESTIONS[:1]))
    dash_duo.start_server(create_app(settings, store))
    dash_duo.wait_for_text_to_equal(card(1, ".q-size"), "41", timeout=30)

    card_h, list_h = dash_duo.driver.execute_script(
        "const h = s => document.querySelector(s).getBoundingClientRect().height;"
        " return [h('#questions > li.question'), h('#questions')];"
    )
    assert card_h <= list_h / 5 + 1, (card_h, list_h)
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("size", SIZES)
def test_changes_name_questions_by_their_card_headline_uncut(
    dash_duo, settings, store, viewport, size
):
    snapshot = published_snapshot()
    store.save_snapshot(snapshot)
    viewport(*size)
    dash_duo.start_server(create_app(settings, store))
    new = card_title(snapshot["questions"][2])  # "Zijn mijn gegevens gelekt bij de storing …"
    dash_duo.wait_for_contains_text("#changes .change-new", new, timeout=30)

    titles = {card_title(q) for q in snapshot["questions"]}
    for labels in dash_duo.find_elements("#changes .change-labels"):
        # each question by its headline, as on its card; no keyword label
        assert set(labels.get_attribute("textContent").split(" · ")) <= titles
    assert dash_duo.driver.execute_script(CLIPPED_JS, "#changes .change") == []
    assert not dash_duo.find_elements("#topics")  # keyword topics repeated the cards
    assert dash_duo.get_logs() == []


def _overlaps(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and (b["top"] < a["bottom"])
    )


@pytest.mark.parametrize("size", SIZES)
def test_chart_labels_are_clear_of_each_other_and_markers_name_their_line(
    dash_duo, settings, store, viewport, size
):
    snapshot = published_snapshot()
    store.save_snapshot(snapshot)
    viewport(*size)
    dash_duo.start_server(create_app(settings, store))
    wait_for_charts(dash_duo)

    swing = next(a for a in snapshot["alerts"] if a["kind"] == "sentiment_swing")
    swing_at = local_time(swing["since"]).strftime("%H:%M")
    for graph in ("#volume-graph", "#sentiment-graph"):
        boxes = dash_duo.driver.execute_script(CHART_BOXES_JS, graph)
        for x in boxes["xticks"]:
            assert not any(_overlaps(x, y) for y in boxes["yticks"]), (graph, x)
        assert len(boxes["lines"]) == len(boxes["labels"]) > 0
        for line, label in zip(boxes["lines"], boxes["labels"], strict=True):
            at = (line["left"] + line["right"]) / 2
            # the label touches its own line (centred on it where it fits) and is not cut off
            assert label["left"] - 2 <= at <= label["right"] + 2, (graph, label, at)
            assert boxes["svg"]["left"] <= label["left"] and label["right"] <= boxes["svg"]["right"]
    sentiment = dash_duo.find_element("#sentiment-graph").get_attribute("textContent")
    assert f"omslag {swing_at}" in sentiment
    assert dash_duo.driver.execute_script(CLIPPED_JS, "#alerts .alert") == []
    dash_duo.wait_for_contains_text("#alerts", "negatief 44% → 71% van de meningen")
    assert dash_duo.get_logs() == []


def test_first_time_tick_is_clear_of_the_y_axis_when_the_data_starts_on_the_half_hour(
    dash_duo, settings, store
):
    # bins from a round half hour on, as the drill (06:30): a tick on the left edge, centred,
    # ran into the y axis's "0"
    start = math.floor(time.time() / 1800) * 1800 - 3 * 3600
    snapshot = make_snapshot(now=start + 179 * 60 + 30)
    assert snapshot["bins"][0]["start"] == iso(start)
    store.save_snapshot(snapshot)
    dash_duo.start_server(create_app(settings, store))
    dash_duo.wait_for_element("#volume-graph .xtick text", timeout=30)
    dash_duo.wait_for_element("#sentiment-graph .xtick text", timeout=30)

    for graph in ("#volume-graph", "#sentiment-graph"):
        boxes = dash_duo.driver.execute_script(CHART_BOXES_JS, graph)
        assert boxes["xticks"] and boxes["yticks"]
        for x in boxes["xticks"]:
            assert not any(_overlaps(x, y) for y in boxes["yticks"]), (graph, x)
            assert boxes["svg"]["left"] <= x["left"] and x["right"] <= boxes["svg"]["right"]
    assert dash_duo.get_logs() == []


def test_changes_count_the_questions_they_leave_out_as_questions(
    dash_duo, settings, store, viewport
):
    """A new user read the bare "+2" beside "Afnemend" as two posts more."""
    snapshot = published_snapshot()
    old = snapshot["questions"][-1]["first_seen"]
    for q in snapshot["questions"]:  # every question growing for a while: one line, too long
        q.update(state="growing", first_seen=old, published=None)
    store.save_snapshot(snapshot)
    viewport(1920, 1080)
    dash_duo.start_server(create_app(settings, store))
    dash_duo.wait_for_element("#changes .change-growing .change-more", timeout=30)
    more = dash_duo.find_element("#changes .change-growing .change-more")
    assert re.fullmatch(r"\+(?:1 andere vraag|\d+ andere vragen)", more.text.strip()), more.text
    shown = dash_duo.find_element("#changes .change-growing .change-labels").text.split(" · ")
    left = int(more.text.strip().split()[0])
    assert len(shown) + left == len(snapshot["questions"])
    assert dash_duo.driver.execute_script(CLIPPED_JS, "#changes .change") == []
    assert dash_duo.get_logs() == []
