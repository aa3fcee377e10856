"""Fixed one-minute windows counted in Redis: the push API's request limit and the operator
view's refused-token limit share them.

>>> minute(1795000030.0), seconds_left(1795000030.0)
(29916667, 50)
"""

from __future__ import annotations

import time

import redis

WINDOW_SECONDS = 60


def minute(now: float | None = None) -> int:
    """The window a moment falls in (epoch minute)."""
    return int((time.time() if now is None else now) // WINDOW_SECONDS)


def seconds_left(now: float | None = None) -> int:
    """Seconds until the next window starts (at least 1): what a refused client waits."""
    now = time.time() if now is None else now
    return max(1, WINDOW_SECONDS - int(now % WINDOW_SECONDS))


def count_one(client: redis.Redis, key: str) -> int:
    """Count one event under ``key`` (a window's key); the key expires after two windows."""
    with client.pipeline(transaction=True) as pipe:
        pipe.incr(key)
        pipe.expire(key, 2 * WINDOW_SECONDS)
        count, _ = pipe.execute()
    return int(count)
