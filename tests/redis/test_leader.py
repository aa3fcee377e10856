import threading

import pytest

from radar.leader import LeaderLock, Leadership
from radar.store import wait_for

pytestmark = pytest.mark.redis


def test_only_one_process_gets_the_lock(redis_client, store):
    a = LeaderLock(redis_client, store.keys.leader, ttl=5, token="a")
    b = LeaderLock(redis_client, store.keys.leader, ttl=5, token="b")
    assert a.acquire()
    assert not b.acquire()
    assert a.acquire()  # the holder may ask again
    assert a.holder() == "a"
    assert 0 < redis_client.pttl(store.keys.leader) <= 5000


def test_a_lost_lock_is_neither_renewed_nor_released(redis_client, store):
    a = LeaderLock(redis_client, store.keys.leader, ttl=5, token="a")
    b = LeaderLock(redis_client, store.keys.leader, ttl=5, token="b")
    assert a.acquire()
    redis_client.delete(store.keys.leader)  # as if it expired
    assert b.acquire()
    assert not a.renew()
    assert not a.release()
    assert b.holder() == "b"
    assert b.release()
    assert b.holder() is None


def test_the_lock_expires_when_the_holder_stops_renewing(redis_client, store):
    a = LeaderLock(redis_client, store.keys.leader, ttl=0.3, token="a")
    b = LeaderLock(redis_client, store.keys.leader, ttl=0.3, token="b")
    assert a.acquire()
    assert wait_for(b.acquire, timeout=2, interval=0.05)


def test_standby_takes_over_when_the_leader_stops(redis_client, store):
    stop_a, stop_b = threading.Event(), threading.Event()
    a = Leadership(LeaderLock(redis_client, store.keys.leader, 0.6, "a"), 0.6, stop_a).start()
    assert wait_for(a.is_leader, timeout=2)
    b = Leadership(LeaderLock(redis_client, store.keys.leader, 0.6, "b"), 0.6, stop_b).start()
    assert wait_for(lambda: not b.is_leader() and a.is_leader(), timeout=1)
    stop_a.set()
    a.join(2)  # releases the lock on the way out
    assert wait_for(b.is_leader, timeout=2)
    stop_b.set()
    b.join(2)
    assert redis_client.get(store.keys.leader) is None


def test_lag_counts_queued_pending_and_consumers(store):
    from radar.model import Mention

    assert store.lag() == {
        "queued": 0,
        "pending": 0,
        "consumers": 0,
        "added": 0,
        "dead_lettered": 0,
    }
    store.add_mentions([Mention.create(f"bericht nummer {i} over de trein") for i in range(5)])
    store.ensure_group()
    taken = store.read_mentions("w1", count=2)
    lag = store.lag()
    assert (lag["queued"], lag["pending"], lag["consumers"]) == (3, 2, 1)
    store.ack([i for i, _m in taken])
    assert store.lag()["pending"] == 0 and store.pending_count() == 3


def test_requeue_finds_mentions_marked_seen_but_never_queued(store):
    from radar.model import Mention

    ms = [Mention.create(f"waarom rijdt trein {i} vandaag niet naar Zwolle?") for i in range(3)]
    store.client.set(store.keys.seen(ms[0].id), 1)  # an ingest cut short after the marker
    assert store.add_mentions(ms) == 2
    assert store.requeue_missing(ms) == 3  # may queue twice; enrichment is idempotent by id
    assert store.pending_count() == 5


def test_metrics_and_healthz_routes(store, settings):
    import json

    from flask import Flask

    from radar.metrics import register_ops_routes
    from radar.model import Mention

    server = Flask("t")
    register_ops_routes(server, settings, store)
    client = server.test_client()
    store.count(mentions_enriched_total=7)
    answer = client.get("/metrics")
    assert answer.status_code == 200
    assert "radar_mentions_enriched_total 7" in answer.get_data(as_text=True)
    health = client.get("/healthz")
    assert health.status_code == 503  # no loop leads: nobody will write a snapshot
    assert json.loads(health.get_data())["reason"] == "no snapshot yet"
    store.client.set(store.keys.leader, "loop-1")
    quiet = client.get("/healthz")  # a loop leads, nothing arrived yet (clock = "data")
    assert quiet.status_code == 200
    assert json.loads(quiet.get_data())["reason"] == "waiting for the first mentions"
    store.add_mentions([Mention.create("Rijden er nog treinen naar Utrecht?")])
    assert client.get("/healthz").status_code == 503  # mentions wait, still no snapshot
    from radar.timeutil import iso

    store.save_snapshot({"generated": iso(__import__("time").time()), "refresh_ms": 40})
    assert client.get("/healthz").status_code == 200
    assert "radar_refresh_seconds 0.04" in client.get("/metrics").get_data(as_text=True)


def test_a_loop_that_lost_the_lock_mid_refresh_cannot_overwrite_the_new_snapshot(
    redis_client, store
):
    """The paused-leader case at the store: the lock moved while A computed its snapshot."""
    a = LeaderLock(redis_client, store.keys.leader, ttl=5, token="a")
    b = LeaderLock(redis_client, store.keys.leader, ttl=5, token="b")
    assert a.acquire()
    assert store.save_snapshot({"generated": "a-1"}, fence=a.token)
    redis_client.delete(store.keys.leader)  # A paused past its lease
    assert b.acquire()
    assert store.save_snapshot({"generated": "b-1"}, fence=b.token)
    history = redis_client.xlen(store.keys.snapshots)
    assert not store.save_snapshot({"generated": "a-2 (stale)"}, fence=a.token)
    assert store.load_snapshot() == {"generated": "b-1"}
    assert redis_client.xlen(store.keys.snapshots) == history  # nor in the history
