"""The lexical signal of a full fit (clustering.lexical): words the window shares pull
posts together that the embedding alone cannot tell apart, and nothing else changes."""

import numpy as np
import pytest

from clustering.lexical import with_lexical

pytestmark = pytest.mark.unit


def test_posts_that_share_words_move_closer_than_posts_that_do_not():
    texts = ["transfer money to savings", "transfer money to savings now",
             "what is my balance", "what is my balance today"] * 3  # fmt: skip
    noise = np.random.default_rng(0).normal(scale=1e-3, size=(len(texts), 4))
    same = (1.0 + noise).astype(np.float32)  # embeddings that tell nothing apart
    joined = with_lexical(texts, same, 0.4)
    sims = joined @ joined.T
    assert sims[0, 1] > sims[0, 2] + 0.05  # transfer~transfer above transfer~balance
    assert np.allclose(np.linalg.norm(joined, axis=1), 1.0)


def test_a_window_without_shared_words_keeps_its_embeddings():
    vectors = np.eye(3, 5, dtype=np.float32)
    assert with_lexical(["een", "twee", "drie"], vectors, 0.4) is vectors
    assert with_lexical(["a b", "a b", "a b"], vectors, 0.0) is vectors


def test_posts_with_one_embedding_stay_one_point():
    """Dutch questions are embedded without place names; the words must not part them."""
    texts = ["rijden er treinen tussen utrecht en zwolle", "rijden er treinen tussen leiden en gouda",
             "geld terug voor mijn kaartje", "geld terug voor mijn abonnement"] * 2  # fmt: skip
    vectors = np.array([[1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 1, 0.1]] * 2, np.float32)
    joined = with_lexical(texts, vectors, 0.4)
    assert np.allclose(joined[0], joined[1])  # one embedding: one point
    assert not np.allclose(joined[2], joined[3])  # two embeddings: their own words
