"""The sentiment scorer's weights and word lists, read from ``data/sentiment_rules.json``.

The lexicons themselves are :mod:`radar.enrich.lexicon`; this is what the scoring steps
of :mod:`radar.enrich.sentiment` apply to them. Read once per process, at import.

>>> NEUTRAL_BAND, NEGATION_SCOPE, "eindelijk" in IMPATIENCE_WORDS
(0.1, 3, True)
>>> SUFFIXES["nl"][:3], sorted(NEGATORS_AFTER_VERB_NL)
(('e', 'en', 's'), ['niet', 'nooit'])
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

__all__ = [
    "ALPHA",
    "COURTESY_IN_QUESTION_FACTOR",
    "IMPATIENCE_WEIGHT",
    "IMPATIENCE_WORDS",
    "IRONY_FACTOR",
    "NEGATION_FACTOR",
    "NEGATION_SCOPE",
    "NEGATORS_AFTER_VERB_NL",
    "NEUTRAL_BAND",
    "QUESTION_POSITIVE_FACTOR",
    "SUFFIXES",
    "load_rules",
]

RULES_FILE = "sentiment_rules.json"


@lru_cache(maxsize=1)
def load_rules() -> Mapping[str, Any]:
    """The tables of ``sentiment_rules.json`` as stored, without their ``"_doc"``s."""
    raw = json.loads(
        (resources.files("radar.enrich") / "data" / RULES_FILE).read_text(encoding="utf-8")
    )
    return MappingProxyType(
        {
            name: {key: value for key, value in table.items() if key != "_doc"}
            for name, table in raw.items()
            if name != "_doc"
        }
    )


_WEIGHTS = load_rules()["weights"]

NEUTRAL_BAND: float = _WEIGHTS["neutral_band"]
"""Scores with an absolute value below this are labelled neutral."""

ALPHA: float = _WEIGHTS["alpha"]
"""Squashing constant: a single strong word (weight 2.2) scores about 0.67."""

NEGATION_SCOPE: int = _WEIGHTS["negation_scope"]
"""How many words before a sentiment word a negator reaches."""

NEGATION_FACTOR: float = _WEIGHTS["negation_factor"]
"""A negated word keeps part of its strength with the opposite sign."""

QUESTION_POSITIVE_FACTOR: float = _WEIGHTS["question_positive_factor"]
"""Positive words in a question clause ("is het al opgelost?") count for less."""

COURTESY_IN_QUESTION_FACTOR: float = _WEIGHTS["courtesy_in_question_factor"]
"""Thanks in a post that asks something is courtesy ("Tot hoe laat duurt dit? Alvast
bedankt!"), not relief: a courtesy word of the lexicon (``courtesy``) counts this share
of its weight when the post has a "?" or a request marker ("alvast", "graag", "please")."""

IRONY_FACTOR: float = _WEIGHTS["irony_factor"]
"""Praise in a post about a disruption without any relief word is sarcasm ("Intercity
geschrapt, lekker begin van de dag"), unless a contrast weighs the clauses ("maar wel top
geholpen"): a praise word of the lexicon (``irony``) counts
with this factor (negative) instead."""

IMPATIENCE_WORDS = frozenset(load_rules()["impatience_words"]["words"])
"""Relief words that signal impatience in a question ("wanneer is het eindelijk opgelost?")."""

IMPATIENCE_WEIGHT: float = _WEIGHTS["impatience_weight"]
"""Weight of an impatience word in a question clause."""

SUFFIXES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {lang: tuple(endings) for lang, endings in load_rules()["suffixes"].items()}
)
"""Per language, the endings stripped (in this order) to find a word's stem."""

NEGATORS_AFTER_VERB_NL = frozenset(load_rules()["negators_after_verb"]["nl"])
"""Dutch negations after a finite verb: "het lukt niet", "dat helpt nooit"."""
