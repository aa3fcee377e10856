import numpy as np
import pytest

from radar.config import load_settings
from radar.errors import StoreError
from radar.metrics import collect
from radar.model import EnrichedMention, Mention
from radar.store import open_store

pytestmark = pytest.mark.redis


def _mentions(n, start=1000.0, word="bericht"):
    return [Mention.create(f"{word} nummer {i}", source="t", published=start + i) for i in range(n)]


def test_exact_duplicates_are_dropped(store):
    batch = _mentions(5)
    assert store.add_mentions(batch) == 5
    assert store.add_mentions(batch + _mentions(2, start=2000.0, word="ander")) == 2
    assert store.pending_count() == 7


def test_duplicates_are_counted_once_in_the_stream(store):
    batch = _mentions(5)
    store.add_mentions(batch)
    store.add_mentions(batch)
    assert store.pending_count() == 5


def test_consumer_group_reads_acks_and_reclaims(store):
    store.add_mentions(_mentions(4))
    store.ensure_group()
    store.ensure_group()  # idempotent
    first = store.read_mentions("dead-worker", count=10)
    assert len(first) == 4
    reclaimed = store.reclaim_mentions("live-worker", min_idle_ms=0, count=10)
    assert {m.id for _i, m in reclaimed} == {m.id for _i, m in first}
    store.ack([i for i, _m in reclaimed])
    assert store.pending_count() == 0
    assert store.read_mentions("live-worker", count=10) == []


def test_window_returns_mentions_with_aligned_embeddings(store):
    ms = [EnrichedMention.from_mention(m, is_question=True) for m in _mentions(3)]
    vectors = np.eye(3, 8, dtype=np.float32)
    store.save_enriched(ms, vectors)
    got, matrix = store.window(1000.0, 1001.5)
    assert [m.id for m in got] == [ms[0].id, ms[1].id]
    assert np.array_equal(matrix, vectors[:2])
    assert store.latest_published() == 1002.0
    assert set(store.embeddings([ms[2].id, "missing"])) == {ms[2].id}


def test_snapshot_is_replaced_and_kept_in_history(store):
    assert store.load_snapshot() is None
    store.save_snapshot({"n": 1})
    store.save_snapshot({"n": 2, "tekst": "één"})
    assert store.load_snapshot() == {"n": 2, "tekst": "één"}
    assert [s["n"] for s in store.snapshot_history()] == [1, 2]


def test_keys_of_a_namespace_share_one_cluster_slot(store):
    store.add_mentions(_mentions(2))
    store.save_snapshot({"n": 1})
    keys = [k.decode() for k in store.client.keys("*")]
    assert keys and all(k.startswith("radar:{radar}:") for k in keys)


def test_unreachable_redis_is_one_clear_line():
    settings = load_settings(env={}, overrides={"redis_url": "redis://127.0.0.1:1/0"})
    with pytest.raises(StoreError) as info, open_store(settings):
        pass
    message = str(info.value)
    assert message.startswith("cannot reach Redis at redis://127.0.0.1:1/0")
    assert "unset for the embedded store" in message and "\n" not in message


def test_embedded_store_needs_no_server(tmp_path):
    settings = load_settings(env={}, overrides={"embedded_dir": str(tmp_path)})
    with open_store(settings) as store:
        assert store.add_mentions(_mentions(2)) == 2
        assert store.add_mentions(_mentions(3)) == 1
        assert store.pending_count() == 3
        # counted by the store itself: the bundled server's XINFO has no entries-added
        samples = {name: value for name, _kind, _help, _labels, value in collect(store, settings)}
        assert samples["radar_mentions_ingested_total"] == 3
        assert samples["radar_mentions_duplicates_total"] == 2


def test_workers_alive_counts_recent_heartbeats_only(store, settings):
    from radar.metrics import status_lines

    store.worker_heartbeat("old", now=1000.0)
    store.worker_heartbeat("w1")
    store.worker_heartbeat("w2")
    assert store.workers_alive(30.0) == 2
    line = status_lines(store, settings)[1]
    assert line.startswith("enrichment: 0 queued, 0 pending, 2 workers running (")


def test_demo_refuses_to_clear_a_namespace_that_holds_mentions(redis_url, redis_client):
    from radar.config import load_settings
    from radar.demo import run_demo
    from radar.errors import RadarError
    from radar.keys import Keys
    from radar.model import Mention
    from radar.store import Store

    live = Store(redis_client, Keys("live"), 3600)
    live.add_mentions([Mention.create("Rijden er nog treinen naar Utrecht?")])
    settings = load_settings(
        env={}, overrides={"redis_url": redis_url, "namespace": "live", "embedder": "hashing"}
    )
    with pytest.raises(RadarError, match="'live' on .* holds mentions"):
        run_demo(settings, speed=20.0)
    assert live.pending_count() == 1  # nothing was cleared
