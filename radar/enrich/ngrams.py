"""Hashed word n-grams of a post: the question head's lexical features.

The embedding of a post says what it is about; whether it *asks* is often in a few
words the embedding blurs ("weet iemand", "kan ik", "toch?", "@user waar heb je dat
gelezen?"). The question head therefore also reads the word 1–2-grams of the
normalised, lower-cased post ('?' and '!' as words), hashed into a fixed number of
columns, so the shipped model needs no vocabulary file: one weight per column, stored
sparsely (``radar/enrich/data/question_head.npz``).

Measured in one run (outer 5-fold CV on nl_posts + the CrisisLex question labels,
the folds of ``scripts/train_heads.py``): embedding + rule cues F1 0.437; + word
n-grams 0.477; + word and character 2–5-gram n-grams 0.476–0.484, for about 80 µs a
post more (the character analyser is most of the head's time), so words only.

>>> matrix = ngram_matrix(["Weet iemand of de trein rijdt?", "Wat een dag."])
>>> matrix.shape == (2, NGRAM_COLUMNS), matrix.nnz
(True, 18)
>>> round(float(matrix[0].multiply(matrix[0]).sum()), 3)  # unit length
1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from radar.enrich.text import normalise_post

NGRAM_COLUMNS = 2**18
"""Hashed columns; collisions are rare at this size for the tens of thousands of
distinct n-grams a labelled set holds."""
WORD_TOKENS = r"[\w']+|[?!]"
"""Words, and '?' and '!' as tokens of their own ("rijdt ?" and "rijdt ?!" differ)."""


@lru_cache(maxsize=1)
def _vectorizer():  # noqa: ANN202 - an sklearn HashingVectorizer
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        ngram_range=(1, 2),
        n_features=NGRAM_COLUMNS,
        alternate_sign=False,
        norm="l2",
        token_pattern=WORD_TOKENS,
        lowercase=False,
    )


def ngram_text(post: str) -> str:
    """What the n-grams are taken from: the normalised post (no RT prefix, leading
    handles, URLs or '#'), lower-cased.

    >>> ngram_text("RT @nos: Weet iemand of de trein rijdt? https://t.co/x")
    'weet iemand of de trein rijdt?'
    """
    return normalise_post(post).lower()


def ngram_matrix(posts: Sequence[str]):  # noqa: ANN201 - a scipy CSR matrix
    """(len(posts), NGRAM_COLUMNS) sparse matrix of the posts' hashed word n-grams."""
    return _vectorizer().transform([ngram_text(post) for post in posts])
