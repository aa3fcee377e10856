"""Enrichment: language, question, sentiment and embedding for a batch of mentions.

:class:`Enricher` is pure computation over a batch (the embedder is passed in);
:func:`run_worker` is the thin I/O edge that consumes the ``mentions`` stream
through the consumer group, stores results, and only then acknowledges.

>>> from clustering.embedders import HashingEmbedder
>>> from radar.config import Settings
>>> from radar.model import Mention
>>> enricher = Enricher(Settings(), HashingEmbedder())
>>> [m], vectors = enricher.enrich([Mention.create("Rijden er nog treinen naar Utrecht?")])
>>> m.is_question, m.lang, vectors.shape
(True, 'nl', (1, 256))
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Sequence

import numpy as np
import redis

from clustering.embedders import Embedder
from radar.config import Settings
from radar.enrich import detect_language, question_score, score_sentiment
from radar.enrich.focus import embedding_text
from radar.health import Outage
from radar.model import EnrichedMention, Mention, mask_personal_data, pseudonymise, strip_urls
from radar.store import Store

log = logging.getLogger(__name__)


class Enricher:
    """Enriches batches of mentions; the embedder is the expensive part."""

    def __init__(self, settings: Settings, embedder: Embedder, pseudonym_key: bytes | None = None):
        """``pseudonym_key``: the secret for author pseudonyms; else ``settings.pseudonym_key``;
        else a random key of this enricher only (``radar analyze``: one author keeps one
        pseudonym within a run, and nobody can recompute it from a known handle)."""
        self.settings = settings
        self.embedder = embedder
        configured = settings.pseudonym_key.encode() if settings.pseudonym_key else None
        self.pseudonym_key = pseudonym_key or configured or secrets.token_bytes(32)

    def protect(self, mention: Mention) -> Mention:
        """Pseudonymise the author and mask e-mail and phone numbers, unless configured off."""
        if self.settings.keep_personal_data:
            return mention
        mention.text = mask_personal_data(mention.text)
        if mention.author and not mention.author.startswith("anon-"):
            mention.author = pseudonymise(mention.author, self.pseudonym_key)
        return mention

    def annotate(self, mention: Mention) -> EnrichedMention:
        """Language, question and sentiment of one mention (no embedding).

        The rules read the post as written (a retweeted news account's handle tells a
        headline from a question); only the protected text is kept.
        """
        raw = mention.text
        mention = self.protect(mention)
        plain = strip_urls(raw)
        lang = detect_language(plain, hint=mention.lang)
        # The raw text: question_score strips URLs itself and reads "question + link" as a
        # shared item (see radar.enrich.questions.link_penalty).
        q_score = float(question_score(raw, lang))
        label, s_score = score_sentiment(plain, lang)
        mention.lang = lang
        return EnrichedMention(
            **vars(mention),  # shallow: the mention is not used after this (asdict deep-copies)
            is_question=q_score >= self.settings.question_threshold,
            question_score=round(q_score, 4),
            sentiment=label,
            sentiment_score=round(float(s_score), 4),
        )

    def enrich(self, mentions: Sequence[Mention]) -> tuple[list[EnrichedMention], np.ndarray]:
        """Annotate and embed a batch; rows of the matrix align with the returned mentions."""
        enriched = [self.annotate(m) for m in mentions]
        return enriched, self.embed_unique(self.embedding_texts(enriched))

    def embed_unique(self, texts: Sequence[str]) -> np.ndarray:
        """Embed each distinct text once; rows align with ``texts``.

        >>> from clustering.embedders import HashingEmbedder
        >>> enricher = Enricher(Settings(), HashingEmbedder(dim=8))
        >>> vectors = enricher.embed_unique(["storing", "trein", "storing"])
        >>> vectors.shape, bool((vectors[0] == vectors[2]).all())
        ((3, 8), True)
        """
        row_of: dict[str, int] = {}
        rows = [row_of.setdefault(text, len(row_of)) for text in texts]
        unique = self.embedder.embed(list(row_of))
        if len(row_of) == len(texts):
            return unique
        return unique[np.asarray(rows, dtype=np.intp)]

    @staticmethod
    def embedding_texts(enriched: Sequence[EnrichedMention]) -> list[str]:
        """What each mention is embedded by: its question or message without names and noise."""
        return [embedding_text(m.text, m.lang or "", m.is_question) for m in enriched]


def enrich_pending(store: Store, enricher: Enricher, consumer: str, block_ms: int | None) -> int:
    """Process one batch from the group (reclaimed stale messages first). Returns its size."""
    idle_ms = int(enricher.settings.reclaim_idle_seconds * 1000)
    batch = store.reclaim_mentions(
        consumer, min_idle_ms=idle_ms, count=enricher.settings.batch_size
    )
    reclaimed = len(batch)
    if not batch:
        batch = store.read_mentions(consumer, enricher.settings.batch_size, block_ms)
    if not batch:
        return 0
    message_ids = [msg_id for msg_id, _m in batch]
    # done = in the index: save_enriched writes it in the same transaction as the document
    known = store.indexed([m.id for _id, m in batch])
    fresh = [m for _id, m in batch if m.id not in known]
    if fresh:
        enriched, vectors = enricher.enrich(fresh)
        store.save_enriched(enriched, vectors)
    store.ack(message_ids)
    store.count(mentions_enriched_total=len(fresh), mentions_reclaimed_total=reclaimed)
    return len(batch)


HEARTBEAT_SECONDS = 5.0  # a worker tells the store it is alive this often (radar status)


def run_worker(
    store: Store, enricher: Enricher, consumer: str, stop: threading.Event, block_ms: int = 1000
) -> None:
    """Enrich until ``stop`` is set. Acks only after results are stored."""
    outage = Outage(f"worker {consumer}", log)
    grouped = False
    beat = 0.0
    log.info("enrichment worker %s started (%s)", consumer, enricher.embedder.name)
    while not stop.is_set():
        try:
            if not grouped:
                store.ensure_group()
                grouped = True
            if time.monotonic() - beat >= HEARTBEAT_SECONDS:
                store.worker_heartbeat(consumer)
                beat = time.monotonic()
            enrich_pending(store, enricher, consumer, block_ms)
            outage.recovered()
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            stop.wait(outage.failed(exc))  # one line per outage; the batch stays pending
        except redis.ResponseError as exc:
            if "NOGROUP" in str(exc):  # Redis came back without its data: make the group again
                grouped = False
                continue
            log.exception("enrichment batch failed; retrying in 2 s")
            stop.wait(2)
        except Exception:  # keep the worker alive; the message stays pending and is reclaimed
            log.exception("enrichment batch failed; retrying in 2 s")
            stop.wait(2)
