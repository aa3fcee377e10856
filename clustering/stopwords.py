"""Stop words for cluster keywords and labels: the ``stop-words`` package's lists of the
languages crisis posts come in, scikit-learn's English list, and the project's own
additions (``clustering/data/stop_words.txt``: Dutch fillers and question words of webcare
posts, social-media noise).

>>> "de" in STOP_WORDS and "the" in STOP_WORDS and "rt" in STOP_WORDS
True
>>> "zullen" in STOP_WORDS and "que" in STOP_WORDS and "trein" not in STOP_WORDS
True
"""

from __future__ import annotations

from importlib.resources import files

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from stop_words import get_stop_words

LANGUAGES = ("dutch", "german", "french", "spanish", "italian", "portuguese")
"""The radar's languages and those of the crisis sets it is measured on (CrisisLex holds
Spanish, Italian and Portuguese events): their function words never name a topic. Not the
package's English list: its 1,333 words hold crisis words ("help", "home", "affected",
"high" of "High River"); scikit-learn's English list is used instead."""


def _own_words() -> frozenset[str]:
    text = files("clustering").joinpath("data/stop_words.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


STOP_WORDS: frozenset[str] = (
    frozenset(ENGLISH_STOP_WORDS)
    | frozenset(w.lower() for lang in LANGUAGES for w in get_stop_words(lang))
    | _own_words()
)
