"""A Redis that refuses or a connection cut half-way must not lose mentions (issue 16, item 1).

Each test runs its own redis-server with a low ``maxmemory`` (``noeviction``: writes are
refused with OOM) or behind a proxy that cuts the connection mid-command. A batch that
failed must have marked nothing, and sending it again must queue every mention once.
"""

from __future__ import annotations

import contextlib
import json

import flask
import pytest
import redis

from clustering.embedders import HashingEmbedder
from radar.enrichment import Enricher, enrich_pending
from radar.keys import Keys
from radar.model import Mention
from radar.push import register_push_routes
from radar.store import Store
from tests.redis.servers import CuttingProxy, fill_to_headroom, free_memory, own_redis

pytestmark = pytest.mark.redis

TOKEN = "atomic-token-51c2"


def _mentions(n: int, tag: str = "") -> list[Mention]:
    return [
        Mention.create(
            f"Bericht {tag}{i}: staat de trein bij halte {i * 7919 % 10007} nog stil?",
            source="push",
            published=1_795_000_000.0 + i,
        )
        for i in range(n)
    ]


def _queued_ids(client: redis.Redis, keys: Keys) -> list[str]:
    return [json.loads(fields[b"m"])["id"] for _id, fields in client.xrange(keys.mentions)]


def _seen_count(client: redis.Redis, keys: Keys) -> int:
    return sum(1 for _ in client.scan_iter(match=keys.seen("*"), count=1000))


@pytest.mark.parametrize("headroom", [0, 60_000, 120_000, 250_000])
def test_pushes_refused_for_memory_are_stored_whole_on_retry(settings, headroom):
    """1,000 mentions in batches of 100 at a Redis near maxmemory, retried after it is freed."""
    batches = [_mentions(1000)[i : i + 100] for i in range(0, 1000, 100)]
    with own_redis() as client:
        store = Store(client, Keys("oom"), settings.retention_hours * 3600)
        client.set("filler", "x" * 200_000)
        fill_to_headroom(client, headroom)
        refused = 0
        for batch in batches:
            try:
                store.ingest(batch)
            except redis.RedisError as exc:
                assert "maxmemory" in str(exc)
                refused += 1
        # a refused batch marked nothing: every id marked seen is queued
        assert _seen_count(client, store.keys) == len(_queued_ids(client, store.keys))
        if headroom == 0:
            assert refused == len(batches)
        free_memory(client)
        again = [store.ingest(batch) for batch in batches]
        ids = _queued_ids(client, store.keys)
        assert len(ids) == 1000 and len(set(ids)) == 1000
        assert sum(c.stored for c in again) == 100 * refused
        assert store.counters()["mentions_ingested_total"] == 1000


def test_push_answers_503_for_memory_and_its_retry_stores_everything(settings):
    with own_redis() as client:
        store = Store(client, Keys("oom"), settings.retention_hours * 3600)
        server = flask.Flask("push-oom")
        register_push_routes(server, settings.replace(push_token=TOKEN), store)
        web = server.test_client()
        body = [{"text": m.text, "published": m.published} for m in _mentions(1000)]
        auth = {"Authorization": f"Bearer {TOKEN}"}
        client.set("filler", "x" * 100_000)
        fill_to_headroom(client, -10_000)  # over the limit
        answer = web.post("/api/mentions", json=body, headers=auth)
        assert answer.status_code == 503, answer.json
        assert "nothing stored" in answer.json["error"]
        assert _seen_count(client, store.keys) == 0
        free_memory(client)
        answer = web.post("/api/mentions", json=body, headers=auth)
        assert answer.status_code == 202
        assert answer.json == {"received": 1000, "stored": 1000, "duplicates": 0}
        assert len(set(_queued_ids(client, store.keys))) == 1000


@pytest.mark.parametrize("budget", [3_000, 9_000, 15_000])
def test_a_connection_cut_mid_write_loses_nothing_on_retry(settings, budget):
    """The first connection is cut after ``budget`` bytes, in the middle of the batch."""
    batch = _mentions(100, tag="cut")
    with own_redis() as direct:
        port = direct.connection_pool.connection_kwargs["port"]
        proxy = CuttingProxy(port, budget)
        client = redis.Redis(port=proxy.port)
        try:
            store = Store(client, Keys("cut"), settings.retention_hours * 3600)
            # the client's own retries may or may not have got through
            with contextlib.suppress(redis.RedisError):
                store.ingest(batch)
            assert proxy.cut.is_set()
            store.ingest(batch)  # the caller's retry
            ids = _queued_ids(direct, store.keys)
            assert sorted(ids) == sorted(m.id for m in batch)
        finally:
            client.close()
            proxy.close()


@pytest.mark.parametrize("headroom", [60_000, 120_000, 200_000])
def test_a_store_refused_for_memory_is_enriched_completely_after_reclaim(settings, headroom):
    """The worker's save fails on OOM; after memory is freed every mention is indexed."""
    fast = settings.replace(reclaim_idle_seconds=0.001, batch_size=100)
    with own_redis() as client:
        store = Store(client, Keys("oom"), fast.retention_hours * 3600)
        store.ensure_group()
        store.ingest(_mentions(500, tag="w"))
        enricher = Enricher(fast, HashingEmbedder())
        fill_to_headroom(client, headroom)
        failures = 0
        for _attempt in range(20):
            try:
                if not enrich_pending(store, enricher, "w1", block_ms=None):
                    break
            except redis.RedisError as exc:
                assert "maxmemory" in str(exc)
                failures += 1
                if failures == 3:
                    break
        assert failures, "the store never ran out of memory"
        free_memory(client)
        while enrich_pending(store, enricher, "w2", block_ms=None):
            pass
        lag = store.lag()
        assert (lag["queued"], lag["pending"]) == (0, 0)
        assert store.enriched_count() == 500
        ids = [m.id for m in _mentions(500, tag="w")]
        assert len(store.window(0, 2e9)[0]) == 500
        assert all(client.zscore(store.keys.enriched, i) is not None for i in ids)
