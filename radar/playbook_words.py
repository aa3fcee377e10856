"""Lexical support of a playbook match: the words of a text and whether a cluster's
keywords occur among an answer's own words (compounds and inflections included).

>>> supported(["bewijs"], frozenset(words("Download de vertragingsverklaring als bewijs")))
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from clustering.stopwords import STOP_WORDS

_WORD = re.compile(r"[^\W\d_]{3,}")


def words(text: str) -> list[str]:
    """Lower-cased words of three letters or more, accents kept.

    >>> words("Is er vervangend busvervoer? 8.15 u")
    ['vervangend', 'busvervoer']
    """
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


def supported(keywords: Sequence[str], vocabulary: frozenset[str]) -> bool:
    """True when a keyword (or a word of a keyword phrase) occurs in ``vocabulary``, also
    inside a compound or with another ending; no keywords at all count as support.

    >>> vocab = frozenset(words("Mijn baas wil bewijs; download de vertragingsverklaring"))
    >>> supported(["bewijs werk", "vastzat"], vocab), supported(["verklaringen"], vocab)
    (True, True)
    >>> supported(["fiets", "huren", "ovfietsen"], frozenset(words("Waar vertrekt de bus?")))
    False
    """
    terms = {stem(w) for k in keywords for w in words(k)}
    if not terms:
        return True
    stems = {stem(w) for w in vocabulary}
    for term in terms:
        for word in vocabulary:
            if term in word:
                return True
        for known in stems:
            if len(known) >= 4 and known in term:
                return True
    return False


_ENDINGS = ("ingen", "ing", "en", "es", "e", "s", "t")


def stem(word: str) -> str:
    """``word`` without one common Dutch or English ending, at least four letters kept.

    >>> [stem(w) for w in ["verklaringen", "duurt", "treinen", "bus"]]
    ['verklaring', 'duur', 'trein', 'bus']
    """
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)] if ending != "ingen" else word[:-2]
    return word
