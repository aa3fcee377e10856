"""The lexical signal of a full fit (clustering.lexical): words the window shares pull
posts together that the embedding alone cannot tell apart, and nothing else changes."""

import numpy as np
import pytest

from clustering.lexical import with_lexical

pytestmark = pytest.mark.unit


def test_posts_that_share_words_move_closer_than_posts_that_do_not():
    texts = ["transfer money to savings", "transfer money to savings now",
             "what is my balance", "what is my balance today"] * 3  # fmt: skip
    same = np.ones((len(texts), 4), np.float32)  # an embedding that tells nothing apart
    joined = with_lexical(texts, same, 0.4)
    sims = joined @ joined.T
    assert sims[0, 1] > sims[0, 2] + 0.05  # transfer~transfer above transfer~balance
    assert np.allclose(np.linalg.norm(joined, axis=1), 1.0)


def test_a_window_without_shared_words_keeps_its_embeddings():
    vectors = np.eye(3, 5, dtype=np.float32)
    assert with_lexical(["een", "twee", "drie"], vectors, 0.4) is vectors
    assert with_lexical(["a b", "a b", "a b"], vectors, 0.0) is vectors
