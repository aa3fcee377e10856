"""Topic keywords never carry @handles (the privacy mask included), links or RT marks."""

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
