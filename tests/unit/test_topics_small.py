"""Topic keywords without handles or links, and small windows fitted by average linkage."""

import numpy as np
import pytest

from clustering.topics import ctfidf_keywords

pytestmark = pytest.mark.unit


def test_handles_links_and_masks_are_not_keywords():
    texts = [
        f"RT @anon: @NS_online rijden er treinen naar Utrecht {i}? https://t.co/abc{i} #storing"
        for i in range(6)
    ] + [f"@anon stroom uitgevallen in Zwolle {i} @Enexis www.enexis.nl/storing" for i in range(6)]
    keywords = ctfidf_keywords(texts, np.array([0] * 6 + [1] * 6), top_n=8)
    every = {w for words in keywords.values() for w in words}
    assert {"anon", "ns_online", "enexis", "abc0"}.isdisjoint(every), every
    assert "treinen" in keywords[0] and "storing" in keywords[0]
    assert "stroom" in keywords[1]


def test_a_small_window_keeps_its_questions_at_a_full_fit():
    """Below SMALL_WINDOW a fit is average linkage: 24 questions in two groups stay two."""
    from clustering.embedders import HashingEmbedder
    from clustering.topics import SMALL_WINDOW, cluster_window

    texts = [f"rijden er nog treinen naar utrecht {i}" for i in range(12)] + [
        f"krijg ik mijn geld terug voor het kaartje {i}" for i in range(12)
    ]
    assert len(texts) < SMALL_WINDOW
    result = cluster_window(texts, HashingEmbedder().embed(texts))
    groups = sorted(sorted(int(i) // 12 for i in c.members) for c in result.clusters)
    assert groups == [[0] * 12, [1] * 12]


def test_exact_neighbours_are_the_nearest_by_cosine_and_repeatable():
    """What UMAP gets as precomputed_knn: each row itself first, then its nearest by cosine."""
    from clustering.topics import exact_neighbours

    rng = np.random.default_rng(3)
    points = rng.normal(size=(300, 16)).astype(np.float32)
    indices, distances = exact_neighbours(points, 15, block=64)  # blocks smaller than n
    unit = points / np.linalg.norm(points, axis=1, keepdims=True)
    brute = 1.0 - unit.astype(np.float64) @ unit.T.astype(np.float64)
    assert (indices[:, 0] == np.arange(300)).all()
    assert np.allclose(distances, np.take_along_axis(brute, indices.astype(int), axis=1), atol=1e-5)
    assert np.allclose(distances, np.sort(brute, axis=1)[:, :15], atol=1e-5)
    assert (np.diff(distances, axis=1) >= 0).all()
    again = exact_neighbours(points[::-1].copy()[::-1], 15)
    assert (again[0] == indices).all() and (again[1] == distances).all()
