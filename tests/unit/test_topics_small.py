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


def test_a_window_of_links_and_handles_only_still_clusters():
    """Nothing left for c-TF-IDF after links and handles go: the fit labels by the posts."""
    from clustering.topics import cluster_window

    rng = np.random.default_rng(0)
    centres = rng.normal(size=(2, 32))
    vectors = np.vstack([centres[i % 2] + 0.05 * rng.normal(size=32) for i in range(80)])
    texts = [f"@user{i} https://t.co/x{i}" for i in range(80)]
    result = cluster_window(texts, vectors.astype(np.float32))
    assert result.clusters
    assert all(len({int(i) % 2 for i in c.members}) == 1 for c in result.clusters)


def test_eight_posts_asking_one_question_are_a_question():
    """A new user fed 8 wordings of 'rijden er nog treinen?' and got 0 dominant questions:
    windows under 10 posts were never clustered, though 5 alike make a question."""
    from clustering.topics import cluster_window

    rng = np.random.default_rng(3)
    base = rng.normal(size=16)
    vectors = np.vstack([base + 0.05 * rng.normal(size=16) for _ in range(8)]).astype(np.float32)
    result = cluster_window([f"rijden er nog treinen {i}?" for i in range(8)], vectors)
    assert [c.size for c in result.clusters] == [8]
    assert cluster_window(["een", "twee"], vectors[:2]).clusters == []
