"""Which member of a question cluster a spokesperson reads out as its headline.

The most central post is the cluster's meaning, but not always a sentence to read out:
it may carry a typo ("de terin niet reed"), a one-off place name, or no question at
all. :func:`headline_member` looks at the few most central members and takes the one
that asks (its headline, :func:`radar.enrich.focus.headline_text`, ends in '?'), whose
words are spelt as the members spell them, and whose names the cluster shares; the
centre breaks ties. Pure: texts in, an index out.

>>> members = ["Rijdt de trein naar Utrecht?", "rijdt de terin nog?", "Rijdt de trein nog?",
...            "Rijdt de trein nog naar Culemborg?", "rijdt de trein nog", "Trein nog?"]
>>> central = ["rijdt de terin nog?", "Rijdt de trein nog naar Culemborg?",
...            "Hoi! Rijdt de trein nog? Sta op het perron."]
>>> headline_text(central[headline_member(central, members)])
'Rijdt de trein nog?'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from radar.enrich.focus import headline_text

CANDIDATES = 6
"""Central members considered (closest to the centroid first)."""
SHARED_NAME = 0.25
"""A capitalised word (not opening a sentence) is a shared name when at least this share
of the members write it; other names are one poster's place or person."""
RANK_COST = 0.04
"""What one step away from the centre costs: spelling and names decide, the centre
breaks near-ties."""
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)([^\W\d_][\w'-]*)")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def member_frequencies(members: Sequence[str]) -> tuple[Counter[str], int, Counter[str]]:
    """In how many members each lower-cased word occurs, the member count, and in how
    many members it is written capitalised inside a sentence (as a name is).

    >>> counts, n, capitals = member_frequencies(["Trein naar Zwolle?", "de trein", "De bus"])
    >>> counts["trein"], counts["de"], n, capitals["zwolle"], capitals["trein"]
    (2, 2, 3, 1, 0)
    """
    counts: Counter[str] = Counter()
    capitals: Counter[str] = Counter()
    for text in members:
        words = _words(text)
        starts = {m.group(1) for m in _SENTENCE_START.finditer(text)}
        counts.update({w.lower() for w in words})
        capitals.update({w.lower() for w in words if _capitalised(w) and w not in starts})
    return counts, len(members), capitals


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word[1:2].islower()


def headline_score(candidate: str, counts: Counter[str], n: int, capitals: Counter[str]) -> float:
    """How well a member reads out as the cluster's headline (higher is better).

    One point when its headline asks; plus the mean share of members that write each of
    its words; minus 0.3 for each word no other member writes (a typo, in a cluster of
    five or more); minus a half for each name (a word the members who write it mostly
    capitalise) fewer than :data:`SHARED_NAME` of the members write; minus 0.2 for a
    name written in lower case.
    """
    headline = headline_text(candidate)
    words = _words(headline)
    if not words or n == 0:
        return -1.0
    lowered = [w.lower() for w in words]
    spelling = sum(min(counts[w], n) / n for w in lowered) / len(words)
    typos = sum(1 for w in lowered if counts[w] <= 1) if n >= 5 else 0
    names = [w for w, low in zip(words, lowered, strict=True) if capitals[low] * 2 > counts[low]]
    lone = sum(1 for w in names if counts[w.lower()] / n < SHARED_NAME)
    lower_names = sum(1 for w in names[1:] if w[:1].islower())
    asks = 1.0 if headline.rstrip().endswith("?") else 0.0
    return asks + spelling - 0.3 * typos - 0.5 * lone - 0.2 * lower_names


def headline_member(central: Sequence[str], members: Sequence[str]) -> int:
    """Index in ``central`` (members closest to the centroid first) of the headline post."""
    if len(central) <= 1:
        return 0
    counts, n, capitals = member_frequencies(members)
    scores = [
        headline_score(text, counts, n, capitals) - RANK_COST * rank
        for rank, text in enumerate(central[:CANDIDATES])
    ]
    return max(range(len(scores)), key=lambda i: (scores[i], -i))


def card_title(q: Mapping[str, Any]) -> str:
    """A question's headline, on the wall and in the operator view: the operator's name
    for it when renamed, else the most central real question, its asking part only
    (:func:`radar.enrich.focus.headline_text`; the card's example shows a post whole).

    >>> card_title({"label": "trein · utrecht", "representative": "Hoi! Rijdt de trein? Iemand?"})
    'Rijdt de trein?'
    >>> card_title({"label": "Treinen Utrecht", "renamed": True, "representative": "x"})
    'Treinen Utrecht'
    """
    if q.get("renamed") and q.get("label"):
        return str(q["label"])
    if q.get("representative") and q.get("kind", "question") == "question":
        return headline_text(str(q["representative"]))
    return str(q.get("representative") or q.get("label") or "")
