"""Trained heads on the mention's embedding: is it a question, and its sentiment.

Both heads are linear models over features the worker already has: the vector of
the mention's embedding text and a few rule cues (:func:`question_cues`,
:func:`sentiment_cues`). Their weights are package data (``radar/enrich/data/*.npz``,
with a ``*.json`` provenance file each), written by ``scripts/train_heads.py``.

A head is tied to the embedder it was trained on: :func:`load_heads` returns no
head for another embedder (or another dimension), and the worker keeps the rule
score and the lexicon for it, so any sentence-transformers model still works.

>>> heads = load_heads("hashing", 256)
>>> heads.question is None and heads.sentiment is None
True
>>> question_cues("Rijden er nog treinen naar Utrecht?", "nl").shape == (len(QUESTION_CUES),)
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from radar.enrich.ngrams import NGRAM_COLUMNS, ngram_matrix
from radar.enrich.questions import (
    _REQUEST_ANY,
    clause_cues,
    clauses,
    normalise_post,
    question_score,
)
from radar.enrich.sentiment import lexicon_parts, normalise_score

__all__ = [
    "QUESTION_CUES",
    "SENTIMENT_CUES",
    "Heads",
    "QuestionHead",
    "SentimentHead",
    "load_heads",
    "question_cues",
    "sentiment_cues",
]

QUESTION_CUES = (
    "rule_score",
    "has_qmark",
    "qmark_clauses",
    "best_clause",
    "qmark_cue",
    "wh_cue",
    "verb_first_cue",
    "request_cue",
    "any_request",
    "rhetorical",
    "exclaim_question",
    "link",
    "reply",
    "lang_nl",
    "log_words",
)
"""Names of the rule cues the question head reads beside the embedding."""

SENTIMENT_CUES = (
    "lexicon_score",
    "lexicon_positive",
    "lexicon_negative",
    "emoji",
    "emphasis",
    "courtesy",
    "question_score",
    "lang_nl",
)
"""Names of the lexicon cues the sentiment fusion reads beside the head's log-odds."""

DATA = "data"


def question_cues(text: str, lang: str, rule_score: float | None = None) -> np.ndarray:
    """Rule cues of a raw post, in the order of :data:`QUESTION_CUES` (float32).

    ``rule_score``: :func:`~radar.enrich.questions.question_score` of the post when the
    caller has it already (the worker does), else it is computed.

    >>> cues = dict(zip(QUESTION_CUES, question_cues("Graag info over de bus", "nl")))
    >>> round(float(cues["request_cue"]), 2), float(cues["has_qmark"])
    (0.6, 0.0)
    """
    post = normalise_post(text)
    parts = clauses(post) if post else []
    marks = [part for part in parts if part.rstrip().endswith("?")]
    best = qmark = wh = verb = request = 0.0
    rhetorical = 0.0
    for part in parts:
        cues = clause_cues(part, lang)
        best = max(best, cues.score)
        qmark = max(qmark, cues.qmark)
        wh = max(wh, cues.wh)
        verb = max(verb, cues.verb)
        request = max(request, cues.request)
        if "?" in part and cues.rhetorical:
            rhetorical = 1.0
    low = post.lower()
    return np.array(
        [
            question_score(text, lang) if rule_score is None else rule_score,
            float("?" in post),
            min(len(marks), 3) / 3,
            min(max(best, -1.0), 1.5),
            qmark,
            wh,
            verb,
            request,
            float(bool(_REQUEST_ANY.search(low))),
            rhetorical,
            float("?!" in post or "!?" in post),
            float("http" in text or "www." in text),
            float(text.lstrip().startswith("@")),
            float(lang == "nl"),
            math.log1p(len(post.split())) / 4,
        ],
        dtype=np.float32,
    )


def sentiment_cues(text: str, lang: str, rule_score: float | None = None) -> np.ndarray:
    """Lexicon cues of a post, in the order of :data:`SENTIMENT_CUES` (float32).

    ``rule_score``: the post's question score when the caller has it: the worker passes
    the question head's score (the fusion was trained on it), else the rule score.

    >>> cues = dict(zip(SENTIMENT_CUES, sentiment_cues("Hoe laat gaat de bus? Bedankt!", "nl")))
    >>> float(cues["courtesy"]), float(cues["lexicon_negative"])
    (1.0, 0.0)
    """
    parts = lexicon_parts(text, lang)
    total = parts.total
    return np.array(
        [
            normalise_score(total) if total else 0.0,
            normalise_score(parts.positive),
            normalise_score(parts.negative),
            normalise_score(parts.emoji),
            parts.factor - 1.0,
            float(parts.courtesy),
            question_score(text, lang) if rule_score is None else rule_score,
            float(lang == "nl"),
        ],
        dtype=np.float32,
    )


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def _softmax(x: np.ndarray) -> np.ndarray:
    shifted = np.exp(x - x.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class QuestionHead:
    """Logistic regression over ``[vector, standardised cues, hashed n-grams]``.

    ``threshold`` (a logit, chosen on a validation split) is folded into :meth:`scores`:
    a score of 0.5 is the head's decision boundary, so the worker's
    ``question_threshold`` keeps its meaning. ``ngram_weights`` (one per column of
    :func:`radar.enrich.ngrams.ngram_matrix`) is ``None`` for a head trained without
    n-grams; such a head ignores the posts.
    """

    weights: np.ndarray
    bias: float
    cue_mean: np.ndarray
    cue_scale: np.ndarray
    threshold: float
    provenance: dict[str, Any]
    ngram_weights: np.ndarray | None = None

    def scores(
        self, vectors: np.ndarray, cues: np.ndarray, posts: Sequence[str] | None = None
    ) -> np.ndarray:
        """Question score in [0, 1] per row (0.5 at the tuned threshold); ``posts`` are
        the raw posts of the rows, needed when the head reads n-grams."""
        features = np.hstack([vectors, (cues - self.cue_mean) / self.cue_scale])
        logits = features @ self.weights + self.bias - self.threshold
        if self.ngram_weights is not None:
            if posts is None or len(posts) != len(logits):
                raise ValueError("this question head reads n-grams: pass the rows' posts")
            logits = logits + ngram_matrix(posts) @ self.ngram_weights
        return _sigmoid(logits)


FUSED_LANGS = frozenset({"nl", "unknown", ""})
"""Languages whose posts get the fused sentiment (head + lexicon): Dutch, which the fusion
learnt on, and posts too short to tell (the radar is Dutch first). Other languages get the
embedding head alone: its lexicon cues are Dutch-tuned, and the fusion learnt on Dutch
posts only. Measured in one run (``eval/eval_enrichment.py --only-heads``, macro-F1, head
alone vs fused): TweetEval test 0.607 vs 0.591, UMSAB test 0.593 vs 0.560 (English 0.628
vs 0.611); Dutch nl_posts (out of fold) 0.575 vs 0.662."""


def fused_rows(langs: Sequence[str]) -> np.ndarray:
    """Which rows get the fused sentiment, by their detected language.

    >>> fused_rows(["nl", "en", "unknown"]).tolist()
    [True, False, True]
    """
    return np.array([lang in FUSED_LANGS for lang in langs], dtype=bool)


@dataclass(frozen=True)
class SentimentHead:
    """A 3-class head on the vector, fused with the lexicon cues by a second linear layer."""

    weights: np.ndarray
    """(dim, 3): negative, neutral, positive."""
    bias: np.ndarray
    fuse_weights: np.ndarray
    """(3 + cues, 3) over the head's log-probabilities and the standardised cues."""
    fuse_bias: np.ndarray
    cue_mean: np.ndarray
    cue_scale: np.ndarray
    provenance: dict[str, Any]

    def head_probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """The embedding head alone (no lexicon)."""
        return _softmax(vectors @ self.weights + self.bias)

    def probabilities(
        self, vectors: np.ndarray, cues: np.ndarray, langs: Sequence[str] | None = None
    ) -> np.ndarray:
        """Probabilities of negative, neutral, positive per row: fused with the lexicon,
        except for rows whose language ``langs`` names and the fusion was not learnt on
        (:data:`FUSED_LANGS`): those get the embedding head alone."""
        head = self.head_probabilities(vectors)
        logp = np.log(np.clip(head, 1e-6, 1.0))
        features = np.hstack([logp, (cues - self.cue_mean) / self.cue_scale])
        fused = _softmax(features @ self.fuse_weights + self.fuse_bias)
        if langs is None:
            return fused
        return np.where(fused_rows(langs)[:, None], fused, head)


@dataclass(frozen=True)
class Heads:
    """The heads that fit one embedder; ``None`` where the rules stay in charge."""

    question: QuestionHead | None = None
    sentiment: SentimentHead | None = None


def _provenance(name: str) -> dict[str, Any]:
    path = resources.files("radar.enrich") / DATA / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _arrays(name: str) -> dict[str, np.ndarray] | None:
    path = resources.files("radar.enrich") / DATA / f"{name}.npz"
    if not path.is_file():
        return None
    with path.open("rb") as handle, np.load(handle) as stored:
        return {
            key: stored[key] if stored[key].dtype.kind in "iu" else stored[key].astype(np.float32)
            for key in stored.files
        }


def _fits(provenance: dict[str, Any], embedder: str, dim: int) -> bool:
    return provenance.get("embedder") == embedder and provenance.get("dim") == dim


def _dense_ngram_weights(arrays: dict[str, np.ndarray]) -> np.ndarray | None:
    """The n-gram weights, stored sparsely (``ngram_index``, ``ngram_value``), as one
    dense column vector; ``None`` for a head without n-grams."""
    if "ngram_index" not in arrays:
        return None
    dense = np.zeros(NGRAM_COLUMNS, np.float32)
    dense[arrays["ngram_index"].astype(np.int64)] = arrays["ngram_value"]
    return dense


@lru_cache(maxsize=8)
def load_heads(embedder: str, dim: int) -> Heads:
    """The shipped heads trained on ``embedder`` (its ``name``) with vectors of ``dim``.

    Heads of another embedder are not loaded: their weights mean nothing on its vectors.
    """
    question = sentiment = None
    meta = _provenance("question_head")
    arrays = _arrays("question_head") if _fits(meta, embedder, dim) else None
    if arrays is not None:
        question = QuestionHead(
            arrays["weights"],
            float(arrays["bias"][0]),
            arrays["cue_mean"],
            arrays["cue_scale"],
            float(arrays["threshold"][0]),
            meta,
            _dense_ngram_weights(arrays),
        )
    meta = _provenance("sentiment_head")
    arrays = _arrays("sentiment_head") if _fits(meta, embedder, dim) else None
    if arrays is not None:
        sentiment = SentimentHead(
            arrays["weights"],
            arrays["bias"],
            arrays["fuse_weights"],
            arrays["fuse_bias"],
            arrays["cue_mean"],
            arrays["cue_scale"],
            meta,
        )
    return Heads(question, sentiment)
