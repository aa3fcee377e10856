"""Enriched mentions in the store: their documents and embeddings, the index by published
time, and the window read from it. Part of :class:`radar.store.Store`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from radar.model import EnrichedMention
from radar.store_base import CHUNK, StoreBase, as_text


class EnrichedMixin(StoreBase):
    """The enriched-mention methods of :class:`radar.store.Store`."""

    if TYPE_CHECKING:  # from radar.store_ingest.IngestMixin

        def copies(self, ids: Sequence[str]) -> dict[str, int]: ...

    # -- enriched mentions and embeddings -----------------------------------------------
    def save_enriched(self, mentions: Sequence[EnrichedMention], embeddings: np.ndarray) -> None:
        """Store enriched mentions and their embeddings (idempotent by id).

        One MULTI/EXEC transaction: each mention's JSON and float32 vector with the
        retention TTL, then one ``ZADD`` for the whole batch. Redis refuses the whole
        transaction when it is out of memory or read-only, so a mention is never left
        with a document but without its place in the index (:meth:`indexed` is what the
        worker checks before it acknowledges a reclaimed batch).
        """
        ttl = int(self.retention_seconds)
        vectors = np.asarray(embeddings, dtype=np.float32)
        doc, embedding = self.keys.doc, self.keys.embedding
        with self.client.pipeline(transaction=True) as pipe:
            command = pipe.execute_command
            for m, vector in zip(mentions, vectors, strict=True):
                command("SET", doc(m.id), json.dumps(m.to_dict()), "EX", ttl)
                command("SET", embedding(m.id), vector.tobytes(), "EX", ttl)
            if mentions:
                pipe.zadd(self.keys.enriched, {m.id: m.published for m in mentions})
            pipe.execute()

    def indexed(self, ids: Sequence[str]) -> set[str]:
        """Those ids that are in the enriched index (stored completely)."""
        found: set[str] = set()
        for start in range(0, len(ids), CHUNK):
            chunk = list(ids[start : start + CHUNK])
            with self.client.pipeline(transaction=False) as pipe:
                for mid in chunk:
                    pipe.zscore(self.keys.enriched, mid)
                scores = pipe.execute()
            found.update(mid for mid, score in zip(chunk, scores, strict=True) if score is not None)
        return found

    def embeddings(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored embeddings of those ids that have one."""
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            for mid, raw in zip(
                chunk, self.client.mget([self.keys.embedding(i) for i in chunk]), strict=False
            ):
                if raw is not None:
                    found[mid] = np.frombuffer(raw, dtype=np.float32)
        return found

    def window(self, start: float, end: float) -> tuple[list[EnrichedMention], np.ndarray]:
        """Enriched mentions published in [start, end] and their embeddings (rows aligned)."""
        ids = [as_text(i) for i in self.client.zrangebyscore(self.keys.enriched, start, end)]
        mentions: list[EnrichedMention] = []
        vectors: list[np.ndarray] = []
        for begin in range(0, len(ids), CHUNK):
            chunk = ids[begin : begin + CHUNK]
            docs = self.client.mget([self.keys.doc(i) for i in chunk])
            embs = self.client.mget([self.keys.embedding(i) for i in chunk])
            copies = self.copies(chunk)
            for mid, doc, emb in zip(chunk, docs, embs, strict=True):
                if doc is None or emb is None:
                    continue  # expired between the two reads
                mention = EnrichedMention.from_dict(json.loads(doc))
                mention.copies = copies[mid]
                mentions.append(mention)
                vectors.append(np.frombuffer(emb, dtype=np.float32))
        matrix = np.vstack(vectors) if vectors else np.zeros((0, 0), dtype=np.float32)
        return mentions, matrix

    def latest_published(self) -> float | None:
        """Published time of the newest enriched mention (the data clock)."""
        newest = self.client.zrange(self.keys.enriched, -1, -1, withscores=True)
        return float(newest[0][1]) if newest else None

    def enriched_count(self) -> int:
        return int(self.client.zcard(self.keys.enriched))

    def trim(self, older_than: float) -> int:
        """Forget enriched mentions published before ``older_than`` (docs expire by TTL)."""
        return int(self.client.zremrangebyscore(self.keys.enriched, "-inf", f"({older_than}"))
