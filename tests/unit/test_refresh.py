import pytest

from clustering.embedders import HashingEmbedder
from radar.config import Settings
from radar.enrichment import Enricher
from radar.model import Mention
from radar.playbooks import Answer, Playbook, PlaybookIndex
from radar.refresh import Radar
from tests.fakes import by_first_word

pytestmark = pytest.mark.unit
START = 1_795_330_000.0
EMBEDDER = HashingEmbedder()


def _enriched(texts_and_times):
    enricher = Enricher(Settings(), EMBEDDER)
    mentions = [Mention.create(t, source="x", published=ts) for t, ts in texts_and_times]
    return enricher.enrich(mentions)


def _index():
    book = Playbook(
        "treinstoring",
        "Treinstoring",
        "",
        "actief",
        {"name": "Jan"},
        (),
        ("Rijden er nog treinen?",),
        (
            Answer(
                "dienstregeling",
                (
                    "Rijden er nog treinen?",
                    "Rijden de treinen weer?",
                    "Rijden er treinen naar Utrecht?",
                ),
                ("A1", "A2", "A3"),
                "treinstoring",
            ),
            Answer(
                "geld",
                ("Krijg ik mijn geld terug?", "Geld terug?", "Hoe krijg ik geld terug?"),
                ("G1", "G2", "G3"),
                "treinstoring",
            ),
        ),
    )
    return PlaybookIndex.build([book], EMBEDDER.embed)


def _stream():
    rows = []
    for i in range(12):
        rows.append((f"Rijden er nog treinen naar station {i}?", START + 60 * i))
    for i in range(6):
        rows.append((f"Waar kan ik mijn auto parkeren bij P{i}?", START + 600 + 60 * i))
    for i in range(5):
        rows.append((f"Alweer vertraging, schandalig {i}!", START + 120 * i))
    return rows


def test_refresh_finds_questions_matches_playbooks_and_flags_gaps():
    mentions, vectors = _enriched(_stream())
    radar = Radar(Settings(window_hours=1.0), _index(), clusterer=by_first_word)
    snap = radar.refresh(mentions, vectors, now=START + 1200)
    by_word = {q["label"]: q for q in snap["questions"]}
    assert set(by_word) == {"rijden", "waar"}
    rijden, waar = by_word["rijden"], by_word["waar"]
    assert rijden["size"] == 12 and rijden["playbook"]["answer_id"] == "dienstregeling"
    assert rijden["playbook"]["answer"] in {"A1", "A2", "A3"} and not rijden["gap"]
    assert waar["playbook"] is None and waar["gap"]
    assert snap["gaps"] == [waar["id"]]
    assert [q["rank"] for q in snap["questions"]] == [1, 2]
    assert sum(b["mentions"] for b in snap["bins"]) == len(mentions)
    assert len(snap["bins"]) == 60
    assert "_centroid" not in rijden and "reason" in rijden


def test_ids_and_wordings_stay_put_across_refreshes():
    mentions, vectors = _enriched(_stream())
    radar = Radar(Settings(window_hours=1.0), _index(), clusterer=by_first_word)
    first = radar.refresh(mentions, vectors, now=START + 1200)
    second = radar.refresh(mentions[3:], vectors[3:], now=START + 1260)
    ids = lambda snap: {q["label"]: q["id"] for q in snap["questions"]}  # noqa: E731
    assert ids(first) == ids(second)
    answer = lambda snap: [q["playbook"]["answer"] for q in snap["questions"] if q["playbook"]]  # noqa: E731
    assert answer(first) == answer(second)


def test_assignments_cover_every_mention():
    mentions, vectors = _enriched(_stream())
    radar = Radar(Settings(window_hours=1.0), None, clusterer=by_first_word)
    snap = radar.refresh(mentions, vectors, now=START + 1200)
    assert len(radar.topic_of) == len(radar.question_of) == len(mentions)
    question_ids = {q["id"] for q in snap["questions"]}
    assert {c for c in radar.question_of if c} == question_ids
    assert all(
        c is None for c, m in zip(radar.question_of, mentions, strict=False) if not m.is_question
    )


def test_alert_onsets_stay_in_the_log_after_the_alert_ends():
    burst = [
        (f"Alweer vertraging bij station {i}, schandalig!", START + 3600 + 10 * i)
        for i in range(30)
    ]
    mentions, vectors = _enriched(burst)
    radar = Radar(Settings(window_hours=3.0), None, clusterer=by_first_word)
    during = radar.refresh(mentions, vectors, now=START + 3600 + 300)
    assert [a["kind"] for a in during["alerts"]] == ["spike"]
    later = radar.refresh(mentions, vectors, now=START + 3600 + 3000)  # the burst is old news
    assert "spike" not in [a["kind"] for a in later["alerts"]]
    assert [(a["kind"], a["since"]) for a in later["alert_log"]] == [
        ("spike", during["alerts"][0]["since"])
    ]
    outside = radar.refresh(mentions[:0], vectors[:0], now=START + 3600 + 4 * 3600)
    assert outside["alert_log"] == []  # onsets before the window start are dropped


def test_an_alert_back_within_the_cool_down_is_the_same_alert():
    def burst(at: float) -> list:
        return [(f"Alweer vertraging {at} nummer {i}, schandalig!", at + 10 * i) for i in range(30)]

    t0 = START + 3600
    rows = burst(t0) + burst(t0 + 1200) + burst(t0 + 5000)
    mentions, vectors = _enriched(rows)
    radar = Radar(Settings(window_hours=3.0), None, clusterer=by_first_word)

    def spikes(now: float) -> list:
        upto = [i for i, m in enumerate(mentions) if m.published <= now]
        snap = radar.refresh([mentions[i] for i in upto], vectors[upto], now=now)
        return [a["since"] for a in snap["alerts"] if a["kind"] == "spike"], snap["alert_log"]

    first, _ = spikes(t0 + 300)
    assert spikes(t0 + 900)[0] == []  # ended
    again, log = spikes(t0 + 1500)  # back after 10 minutes: within the 30-minute cool-down
    assert again == first and len(log) == 1
    assert spikes(t0 + 2400)[0] == []
    later, log = spikes(t0 + 5300)  # back long after: a new alert, a second marker
    assert later != first and len(log) == 2


def test_a_mixed_cluster_gets_the_answer_of_the_question_it_shows():
    import numpy as np

    words = ["trein", "geld"]

    def embed(texts):
        return np.array([[float(w in t) for w in words] for t in texts])

    book = Playbook(
        "t",
        "Trein",
        "",
        "actief",
        {},
        (),
        (),
        (
            Answer("trein", ("trein?", "de trein?"), ("a", "b", "c"), "t"),
            Answer("geld", ("geld?", "geld terug?"), ("d", "e", "f"), "t"),
        ),
    )
    radar = Radar(Settings(playbook_threshold=0.6), PlaybookIndex.build([book], embed))
    question = {
        "id": "q1",
        "size": 20,
        "keywords": ["trein", "geld"],
        # members mostly ask about money, but the central post shown asks about trains
        "_centroid": np.array([0.45, 0.89]),
        "_headline_vector": np.array([1.0, 0.0]),
        "gap": True,
    }
    radar._match_playbooks([question])
    assert question["playbook"]["answer_id"] == "trein" and not question["gap"]


def test_a_questions_headline_stays_while_the_question_stays():
    """A new user saw one card read "Rijdt de trein van 7:19 naar Schiphol nog?" and later
    "Gaat mijn sprinter van 7:08 nog?": the headline member now stays while it is a member
    and the cluster has not grown by a quarter; then it may be chosen afresh."""
    rows = [(f"Rijden er nog treinen naar station {i}?", START + 60 * i) for i in range(12)]
    radar = Radar(Settings(window_hours=1.0), _index(), clusterer=by_first_word)

    def headline(count: int) -> str:
        mentions, vectors = _enriched(rows[:count])
        (question,) = radar.refresh(mentions, vectors, now=START + 60 * count)["questions"]
        return question["representative"]

    headline(8)
    (cid,) = radar.headlines
    radar.headlines[cid] = (8, _enriched(rows[3:4])[0][0].id)  # as if post 3 had been chosen
    assert headline(9) == rows[3][0]  # kept: still a member, 9 is within a quarter of 8
    assert headline(10) == rows[3][0]
    assert radar.headlines[cid][0] == 8
    headline(12)  # grown by half: chosen afresh, at the new size
    assert radar.headlines[cid][0] == 12


def test_what_the_radar_remembers_of_a_question_goes_a_window_after_the_question():
    """Names, headlines, first sight and wordings are kept per cluster id; a crisis of days
    must not keep every cluster it ever saw."""
    rows = [(f"Rijden er nog treinen naar station {i}?", START + 60 * i) for i in range(12)]
    radar = Radar(Settings(window_hours=1.0), _index(), clusterer=by_first_word)
    mentions, vectors = _enriched(rows)
    (question,) = radar.refresh(mentions, vectors, now=START + 720)["questions"]
    cid = question["id"]
    assert cid in radar.headlines and cid in radar.first_seen and radar.names
    later, none = _enriched([("Mooi weer vandaag", START + 3000)])
    radar.refresh(later, none, now=START + 720 + 3000)  # listed 50 min ago: kept
    assert cid in radar.headlines
    radar.refresh(later, none, now=START + 720 + 3700)  # gone for more than the window
    assert cid not in radar.headlines and cid not in radar.first_seen
    assert cid not in radar.last_listed and cid not in radar.wording
    assert not any((k if isinstance(k, str) else k[0]) == cid for k in radar.names)


def test_a_published_question_reshaped_by_a_refit_stays_published_under_its_new_id():
    from radar.operator import OperatorState, Published

    radar = Radar(Settings(window_hours=1.0), _index(), clusterer=by_first_word)
    first = [(f"Rijden er nog treinen naar station {i}?", START + 60 * i) for i in range(6)]
    mentions, vectors = _enriched(first)
    (question,) = radar.refresh(mentions, vectors, now=START + 400)["questions"]
    # the next fit puts those six among many other posts: no match by overlap or centre
    radar.questions.min_overlap, radar.questions.min_similarity = 1.1, 1.1
    more = first + [(f"Rijden de bussen vanaf halte {i} nog?", START + 400 + i) for i in range(30)]
    mentions, vectors = _enriched(more)
    qid = question["id"]
    published = Published(qid, "treinstoring", "dienstregeling", "k", "X", START + 300, "A1")
    state = OperatorState(published={qid: published}, labels={qid: "Treinen"})
    cards = radar.refresh(mentions, vectors, now=START + 460, operator=state)["questions"]
    heir = radar.questions.successors[qid]  # the cluster that holds the six posts now
    (after,) = [q for q in cards if q["id"] == heir]
    assert heir != qid and qid not in {q["id"] for q in cards}
    assert after["label"] == "Treinen" and after["published"]["channel"] == "X"
