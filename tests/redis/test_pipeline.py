"""The walking skeleton end to end against a real Redis: ingest -> enrich -> refresh -> snapshot."""

import threading

import pytest

from clustering.embedders import HashingEmbedder
from radar.enrichment import Enricher, enrich_pending, run_worker
from radar.loop import refresh_once
from radar.model import Mention
from radar.refresh import Radar
from radar.store import wait_for
from tests.fakes import by_first_word

pytestmark = pytest.mark.redis

QUESTIONS = ["Rijden er nog treinen naar Utrecht?", "Is er vervangend vervoer naar Amersfoort?"]


def _stream(n=40, start=1_795_330_000.0):
    texts = [
        QUESTIONS[i % 2] + f" ({i})" if i % 3 else f"Alweer vertraging, schandalig! #{i}"
        for i in range(n)
    ]
    return [
        Mention.create(t, source="x", author=f"@user{i}", published=start + 30 * i)
        for i, t in enumerate(texts)
    ]


def test_worker_enriches_every_mention_once_and_acks(store, settings):
    store.add_mentions(_stream())
    store.ensure_group()
    enricher = Enricher(settings, HashingEmbedder(), b"key")
    while enrich_pending(store, enricher, "w1", block_ms=None):
        pass
    assert store.pending_count() == 0
    assert store.enriched_count() == 40
    mentions, vectors = store.window(0, 2e9)
    assert vectors.shape == (40, 256)
    assert all(m.author.startswith("anon-") for m in mentions)
    questions = [m for m in mentions if m.is_question]
    assert len(questions) == 26 and all(m.lang == "nl" for m in questions)
    assert all(m.sentiment == "negative" for m in mentions if "schandalig" in m.text)


def test_worker_thread_and_refresh_write_a_snapshot(store, settings):
    settings = settings.replace(clock="data", window_hours=1.0)
    stop = threading.Event()
    worker = threading.Thread(
        target=run_worker, args=(store, Enricher(settings, HashingEmbedder()), "w1", stop, 100)
    )
    worker.start()
    try:
        store.add_mentions(_stream())
        assert wait_for(lambda: store.enriched_count() == 40, timeout=20)
    finally:
        stop.set()
        worker.join(10)
    snapshot = refresh_once(store, Radar(settings, clusterer=by_first_word), settings)
    assert store.load_snapshot() == snapshot
    labels = sorted(q["representative"].split()[0] for q in snapshot["questions"])
    assert labels == ["Is", "Rijden"]
    assert {q["size"] for q in snapshot["questions"]} == {13}
    assert sum(b["mentions"] for b in snapshot["bins"]) == 40
    assert snapshot["totals"]["questions"] == 26
    assert all(q["gap"] for q in snapshot["questions"])  # no playbooks given
