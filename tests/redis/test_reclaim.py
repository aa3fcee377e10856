"""A dead worker's batch is taken over as soon as its heartbeat has stopped (issue 16 item 10)."""

import time

import pytest

from clustering.embedders import HashingEmbedder
from radar.enrichment import SILENT_WORKER_SECONDS, Enricher, enrich_pending
from radar.model import Mention

pytestmark = pytest.mark.redis


def _mentions(n: int) -> list[Mention]:
    return [
        Mention.create(f"Komt bus {i} nog langs halte Noord?", published=1.0e9 + i)
        for i in range(n)
    ]


def test_a_silent_workers_batch_is_taken_over_before_the_reclaim_idle_time(store, settings):
    slow_reclaim = settings.replace(reclaim_idle_seconds=3600.0, batch_size=10)
    store.ensure_group()
    store.add_mentions(_mentions(10))
    now = time.time()
    store.worker_heartbeat("dead", now=now - SILENT_WORKER_SECONDS - 5)
    assert len(store.read_mentions("dead", 10)) == 10  # then it died holding the batch
    store.worker_heartbeat("alive", now=now)
    enricher = Enricher(slow_reclaim, HashingEmbedder(), b"key")
    assert enrich_pending(store, enricher, "alive", block_ms=None) == 10
    assert store.enriched_count() == 10 and store.pending_count() == 0


def test_a_beating_workers_batch_is_left_alone(store, settings):
    slow_reclaim = settings.replace(reclaim_idle_seconds=3600.0, batch_size=10)
    store.ensure_group()
    store.add_mentions(_mentions(10))
    store.worker_heartbeat("busy")
    assert len(store.read_mentions("busy", 10)) == 10
    enricher = Enricher(slow_reclaim, HashingEmbedder(), b"key")
    assert enrich_pending(store, enricher, "other", block_ms=None) == 0
    assert store.lag()["pending"] == 10
