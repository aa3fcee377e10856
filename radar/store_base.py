"""What the parts of the store share: a Store's attributes, the chunk size, bytes to text."""

from __future__ import annotations

import redis

from radar.keys import Keys

CHUNK = 1000
"""Keys read, checked or deleted per Redis call."""


class StoreBase:
    """The state each part of :class:`radar.store.Store` works on (set by its ``__init__``):
    the client passed in, the namespace's key names and the retention time."""

    client: redis.Redis
    keys: Keys
    retention_seconds: float


def as_text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
