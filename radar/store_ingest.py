"""Mentions into the store: ingest with exact and near-duplicate dropping, copy counts,
and queueing again what an outage cut short. Part of :class:`radar.store.Store`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import redis

from radar.dedupe import near_key
from radar.model import Mention
from radar.store_base import CHUNK, StoreBase, as_text

INGEST_CHUNK = 10_000
"""Mentions written by one ingest script (a 1 MB push body holds fewer real mentions)."""


@dataclass
class IngestCounts:
    """What one ingest call did: new mentions queued, exact and near duplicates dropped."""

    received: int = 0
    stored: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0

    @property
    def duplicates(self) -> int:
        return self.exact_duplicates + self.near_duplicates


class IngestMixin(StoreBase):
    """The ingest methods of :class:`radar.store.Store`."""

    _ingest: Any  # the registered INGEST script (radar.store_scripts)

    # -- ingest -------------------------------------------------------------------------
    def add_mentions(self, mentions: Iterable[Mention]) -> int:
        """Queue mentions for enrichment, dropping exact and near duplicates. Returns new count."""
        return self.ingest(mentions).stored

    def ingest(self, mentions: Iterable[Mention]) -> IngestCounts:
        """Queue new mentions; count exact duplicates (same id) and near-duplicate copies.

        A mention whose id was seen is dropped. A new id whose near-duplicate key
        (:func:`radar.dedupe.near_key`) belongs to a stored mention is not queued: it
        raises that mention's copy counter instead. Both markers expire with retention.

        Each part of up to :data:`INGEST_CHUNK` mentions is written by one Lua script
        (:data:`radar.store_scripts.INGEST`): all of it or nothing. A Redis error leaves
        nothing of the failed part marked, so a retry stores it; the error carries the
        counts of the parts written before it as ``exc.partial`` (an :class:`IngestCounts`).
        """
        batch = list(mentions)
        counts = IngestCounts(received=len(batch))
        ttl = max(1, int(self.retention_seconds))
        prefixes = (self.keys.seen(""), self.keys.near(""), self.keys.copies(""))
        for start in range(0, len(batch), INGEST_CHUNK):
            args: list[Any] = [ttl, *prefixes]
            for m in batch[start : start + INGEST_CHUNK]:
                key = near_key(m)
                args += (m.id, key or "", json.dumps(m.to_dict()), m.source, m.url)
            try:
                queued, exact, near = self._ingest(
                    keys=[self.keys.mentions, self.keys.metrics], args=args
                )
            except redis.RedisError as exc:
                exc.partial = counts  # type: ignore[attr-defined]
                raise
            counts.stored += int(queued)
            counts.exact_duplicates += int(exact)
            counts.near_duplicates += int(near)
        return counts

    def copies(self, ids: Sequence[str]) -> dict[str, int]:
        """How many times each mention was seen, itself included (1 when it had no copies)."""
        found: dict[str, int] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            raw = self.client.mget([self.keys.copies(i) for i in chunk])
            for mid, extra in zip(chunk, raw, strict=True):
                found[mid] = 1 + (int(extra) if extra is not None else 0)
        return found

    def requeue_missing(self, mentions: Sequence[Mention]) -> int:
        """Queue again mentions whose ingest an outage may have cut short. Returns how many.

        :meth:`ingest` marks an id as seen before it queues the mention; a connection lost
        in between would make a retry drop it as a duplicate. This queues every mention
        that is marked seen, not enriched, and not a near-duplicate copy of another
        mention. It may queue one twice; enrichment is idempotent by id, so that is harmless.
        """
        batch = list(mentions)
        with self.client.pipeline(transaction=False) as pipe:
            for m in batch:
                pipe.exists(self.keys.seen(m.id))
                pipe.zscore(self.keys.enriched, m.id)
                key = near_key(m)
                if key is None:
                    pipe.echo("")
                else:
                    pipe.get(self.keys.near(key))
            answers = pipe.execute()
        again = []
        for i, m in enumerate(batch):
            seen, enriched, first = answers[3 * i : 3 * i + 3]
            first_id = as_text(first).split("\x1f")[0] if first else ""
            if seen and enriched is None and first_id in ("", m.id):
                again.append(m)
        if again:
            with self.client.pipeline(transaction=False) as pipe:
                for m in again:
                    pipe.xadd(self.keys.mentions, {"m": json.dumps(m.to_dict())})
                pipe.execute()
        return len(again)
