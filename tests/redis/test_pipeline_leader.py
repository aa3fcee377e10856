"""``radar run`` / ``radar demo`` run every stage in one process: the loop there takes the
leader lock like ``radar loop``, so health names it and a second process stands by."""

from __future__ import annotations

import threading

import pytest

from radar.health import health
from radar.services import start_pipeline, stop_threads
from radar.store import wait_for

pytestmark = pytest.mark.redis


def test_the_one_process_pipeline_names_its_leader_and_releases_the_lock(store, settings):
    stop = threading.Event()
    threads = start_pipeline(settings, store, stop, with_feeds=False)
    try:
        assert wait_for(lambda: health(store, settings)[1]["leader"], timeout=120)
        leader = health(store, settings)[1]["leader"]
        assert leader.count("-") >= 2  # host-pid-token, as `radar status` prints it
    finally:
        stop_threads(stop, threads, timeout=30)
    assert store.client.get(store.keys.leader) is None  # handed over at shutdown


def test_a_second_pipeline_on_the_same_store_stands_by(store, settings, caplog):
    caplog.set_level("INFO", logger="radar.leader")
    first, second = threading.Event(), threading.Event()
    threads = start_pipeline(settings, store, first, with_feeds=False)
    try:
        assert wait_for(lambda: store.client.get(store.keys.leader), timeout=120)
        holder = store.client.get(store.keys.leader)
        others = start_pipeline(settings, store, second, with_feeds=False)
        try:
            assert wait_for(lambda: "stands by" in caplog.text, timeout=60), caplog.text
            assert store.client.get(store.keys.leader) == holder
        finally:
            stop_threads(second, others, timeout=30)
        assert store.client.get(store.keys.leader) == holder
    finally:
        stop_threads(first, threads, timeout=30)
