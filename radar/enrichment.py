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

import json
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
from radar.enrich.heads import Heads, load_heads, question_cues, sentiment_cues
from radar.enrich.language import detect_languages
from radar.health import Outage, is_outage
from radar.model import (
    SENTIMENTS,
    EnrichedMention,
    Mention,
    mask_personal_data,
    pseudonymise,
    strip_urls,
)
from radar.store import Store, Unreadable

log = logging.getLogger(__name__)


class Enricher:
    """Enriches batches of mentions; the embedder is the expensive part."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder,
        pseudonym_key: bytes | None = None,
        heads: bool = True,
    ):
        """``pseudonym_key``: the secret for author pseudonyms; else ``settings.pseudonym_key``;
        else a random key of this enricher only (``radar analyze``: one author keeps one
        pseudonym within a run, and nobody can recompute it from a known handle).
        ``heads=False`` keeps the rules and the lexicon even where trained heads exist
        (for measuring them)."""
        self.settings = settings
        self.embedder = embedder
        self.use_heads = heads
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

    @staticmethod
    def languages(mentions: Sequence[Mention]) -> list[str]:
        """The language of each mention, the batch read at once (lingua on every core);
        what :meth:`annotate` detects when it is not told."""
        return detect_languages([strip_urls(m.text) for m in mentions], [m.lang for m in mentions])

    def annotate(self, mention: Mention, lang: str | None = None) -> EnrichedMention:
        """Language, question and sentiment of one mention (no embedding).

        The rules read the post as written (a retweeted news account's handle tells a
        headline from a question); only the protected text is kept. ``lang``: the
        mention's language from :meth:`languages`, else it is detected here.
        """
        raw = mention.text
        mention = self.protect(mention)
        plain = strip_urls(raw)
        lang = lang or detect_language(plain, hint=mention.lang)
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
        """Annotate and embed a batch; rows of the matrix align with the returned mentions.

        With heads trained on this embedder (:func:`radar.enrich.heads.load_heads`), the
        question and sentiment come from them, read off the vectors just made; the vector
        itself stays the one of the rule-based embedding text (no second embedding).
        """
        raws = [m.text for m in mentions]  # as posted: protect() masks the mention's text
        langs = self.languages(mentions)
        enriched = [self.annotate(m, lang) for m, lang in zip(mentions, langs, strict=True)]
        vectors = self.embed_unique(self.embedding_texts(enriched))
        self.refine(enriched, raws, vectors)
        return enriched, vectors

    def refine(
        self, enriched: Sequence[EnrichedMention], raws: Sequence[str], vectors: np.ndarray
    ) -> bool:
        """Question and sentiment from the heads trained on this embedder, where there are
        heads (``raws``: the posts as written; ``vectors``: their rows); False when the
        heads were not asked. The worker's :meth:`enrich` and ``radar analyze`` both call
        this, so they agree."""
        if not len(enriched) or not self.use_heads:
            return False
        heads = load_heads(self.embedder.name, vectors.shape[1])
        apply_heads(heads, enriched, raws, vectors, self.settings.question_threshold)
        return True

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


def apply_heads(
    heads: Heads,
    enriched: Sequence[EnrichedMention],
    raws: Sequence[str],
    vectors: np.ndarray,
    threshold: float,
) -> None:
    """Question and sentiment of each mention from the trained heads, where there are heads.

    The cues reuse what :meth:`Enricher.annotate` computed: the rule question score, and
    the lexicon's reading of the URL-free text (memoised in :mod:`radar.enrich.sentiment`);
    the sentiment fusion's ``question_score`` cue is the question head's score.
    """
    rule = [m.question_score for m in enriched]
    if heads.question is not None:
        cues = np.vstack(
            [
                question_cues(raw, m.lang or "", score)
                for raw, m, score in zip(raws, enriched, rule, strict=True)
            ]
        )
        for m, score in zip(enriched, heads.question.scores(vectors, cues, raws), strict=True):
            m.question_score = round(float(score), 4)
            m.is_question = m.question_score >= threshold
    if heads.sentiment is not None:
        # the fusion reads the question head's score where there is one (info is neutral)
        info = [m.question_score for m in enriched] if heads.question is not None else rule
        cues = np.vstack(
            [
                sentiment_cues(strip_urls(raw), m.lang or "", score)
                for raw, m, score in zip(raws, enriched, info, strict=True)
            ]
        )
        langs = [m.lang or "" for m in enriched]
        probabilities = heads.sentiment.probabilities(vectors, cues, langs)
        for m, p in zip(enriched, probabilities, strict=True):
            m.sentiment = SENTIMENTS[int(np.argmax(p))]
            m.sentiment_score = round(float(p[2] - p[0]), 4)


def enrich_pending(store: Store, enricher: Enricher, consumer: str, block_ms: int | None) -> int:
    """Process one batch from the group (reclaimed stale messages first). Returns its size."""
    idle_ms = int(enricher.settings.reclaim_idle_seconds * 1000)
    batch = store.reclaim_mentions(
        consumer, min_idle_ms=idle_ms, count=enricher.settings.batch_size
    )
    if not batch:  # a dead worker's batch at once, not after reclaim_idle_seconds
        batch, silent = store.claim_from_silent(
            consumer, SILENT_WORKER_SECONDS, enricher.settings.batch_size
        )
        if silent:
            log.warning(
                "took over %d mention(s) of %s (no heartbeat for over %.0f s)",
                len(batch),
                ", ".join(silent),
                SILENT_WORKER_SECONDS,
            )
    reclaimed = len(batch)
    if not batch:
        batch = store.read_mentions(consumer, enricher.settings.batch_size, block_ms)
    if not batch:
        return 0
    message_ids = [msg_id for msg_id, _m in batch]
    parked = [(i, m.payload, m.reason, m.mention_id) for i, m in batch if isinstance(m, Unreadable)]
    readable = [(i, m) for i, m in batch if isinstance(m, Mention)]
    # done = in the index: save_enriched writes it in the same transaction as the document
    known = store.indexed([m.id for _id, m in readable])
    fresh = [(i, m) for i, m in readable if m.id not in known]
    stored = len(fresh)
    if fresh:
        try:
            _enrich_and_store(store, enricher, [m for _i, m in fresh])
        except Exception as exc:
            if is_outage(exc):
                raise  # Redis is away: the whole batch stays pending and is retried
            # one bad mention must cost only itself: store the others one by one
            failed = _isolate(store, enricher, fresh)
            parked += failed
            stored -= len(failed)
    if parked:
        store.dead_letter(parked)
        log.warning(
            "parked %d mention(s) in the dead-letter stream: %s",
            len(parked),
            "; ".join(f"{i}: {reason}" for i, _p, reason, _m in parked[:3]),
        )
    store.ack(message_ids)
    store.count(mentions_enriched_total=stored, mentions_reclaimed_total=reclaimed)
    return len(batch)


def _enrich_and_store(store: Store, enricher: Enricher, mentions: Sequence[Mention]) -> None:
    enriched, vectors = enricher.enrich(mentions)
    store.save_enriched(enriched, vectors)


def _isolate(
    store: Store, enricher: Enricher, batch: Sequence[tuple[str, Mention]]
) -> list[tuple[str, str, str, str]]:
    """Enrich and store each mention alone; returns the ones that fail, with the reason."""
    failed = []
    for msg_id, mention in batch:
        try:
            _enrich_and_store(store, enricher, [mention])
        except Exception as exc:
            if is_outage(exc):
                raise
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            payload = json.dumps(mention.to_dict(), default=str)
            failed.append((msg_id, payload, reason, mention.id))
    return failed


HEARTBEAT_SECONDS = 5.0  # a worker tells the store it is alive this often (radar status)
SILENT_WORKER_SECONDS = 30.0
"""A worker silent this long is dead: its pending mentions are taken over (six missed beats;
a batch that takes longer than this between two beats is taken over, and done twice, harmlessly)."""


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
            if is_outage(exc):  # OOM, READONLY, MISCONF…: an outage too, not a traceback
                stop.wait(outage.failed(exc))
                continue
            log.exception("enrichment batch failed; retrying in 2 s")
            stop.wait(2)
        except Exception:  # keep the worker alive; the message stays pending and is reclaimed
            log.exception("enrichment batch failed; retrying in 2 s")
            stop.wait(2)
