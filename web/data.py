"""Reading the snapshot for the wall: the only place the web package touches the store.

The wall never computes anything the radar loop already computed; it reads the
current snapshot document and asks whether it changed since the last render.

>>> version({"generated": "2026-11-22T07:45:00Z", "questions": []})[:21]
'2026-11-22T07:45:00Z|'
>>> version(None) is None
True
"""

from __future__ import annotations

import json
import logging
import time
import zlib
from collections.abc import Mapping
from typing import Any

import redis

from radar.errors import RadarError
from radar.store import Store
from radar.timeutil import parse_time

log = logging.getLogger(__name__)

Snapshot = dict[str, Any]


class SnapshotReader:
    """Reads the current snapshot through a :class:`~radar.store.Store` passed in."""

    def __init__(self, store: Store):
        self.store = store

    def load(self) -> Snapshot | None:
        """The current snapshot, or None when there is none yet or the store is unreachable."""
        try:
            snapshot = self.store.load_snapshot()
        except (redis.RedisError, RadarError, ValueError) as exc:
            log.warning("cannot read the snapshot: %s", exc)
            return None
        return snapshot if isinstance(snapshot, dict) else None


def version(snapshot: Mapping[str, Any] | None) -> str | None:
    """A cheap identity of a snapshot: its ``generated`` time plus a checksum of the content.

    ``generated`` has one-second resolution, so the checksum keeps two snapshots
    written within the same second apart.
    """
    if snapshot is None:
        return None
    digest = zlib.crc32(json.dumps(snapshot, sort_keys=True, default=str).encode())
    return f"{snapshot.get('generated', '')}|{digest:08x}"


def age_seconds(generated: str | None, now: float | None = None) -> float | None:
    """Seconds since ``generated`` (ISO text), or None when unknown or unreadable.

    >>> age_seconds("2026-11-22T07:45:00Z", now=1795333512.0)
    12.0
    """
    if not generated:
        return None
    try:
        return max(0.0, (time.time() if now is None else now) - parse_time(generated))
    except (TypeError, ValueError):
        return None
