"""The sentiment lexicons, read from package data (``radar/enrich/data``).

- ``lexicon_nl.json``, ``lexicon_en.json``: hand-written crisis and webcare lexicons
  (words, phrases, negators, intensifiers, downtoners, contrast words), weights -3..+3;
- ``lexicon_nl_general.tsv``: general Dutch adjectives (``word<TAB>weight``), written by
  ``scripts/build_nl_general_lexicon.py`` from Pattern's Dutch lexicon; consulted only
  for words the Dutch crisis lexicon does not know;
- ``emoji.json``: emoji and emoticons → weight.

Each file is read once per process.

>>> nl = load_lexicon("nl")
>>> nl.words["schandalig"] < 0 < nl.words["bedankt"], "niet" in nl.negators
(True, True)
>>> general_nl()["aardig"] > 0 > general_nl()["onaardig"]
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

__all__ = ["LANGUAGES", "Lexicon", "emoji_weights", "general_nl", "load_lexicon"]

LANGUAGES = ("nl", "en")
"""Languages with a lexicon; any other language reads the English one."""


@dataclass(frozen=True)
class Lexicon:
    """One language's sentiment lexicon."""

    name: str
    words: Mapping[str, float]
    """Single-word weights (also looked up by stem)."""
    phrases: Mapping[str, float]
    """Multi-word expressions, matched before single words."""
    negators: frozenset[str]
    """Words that flip the polarity of the next few words."""
    intensifiers: Mapping[str, float]
    """Words that strengthen the next sentiment word (factor)."""
    downtoners: Mapping[str, float]
    """Words that weaken the next sentiment word (factor)."""
    contrast: frozenset[str]
    """"maar", "but": the clause after them weighs more."""
    courtesy: frozenset[str] = frozenset()
    """Thanks and request words that are courtesy in a post that asks ("alvast bedankt")."""
    request_markers: frozenset[str] = frozenset()
    """Words that make a post a request even without a "?" ("alvast", "graag", "please")."""
    irony: frozenset[str] = frozenset()
    """Praise that is sarcasm next to a disruption ("geschrapt, lekker begin van de dag")."""
    disruption: frozenset[str] = frozenset()
    """Words and phrases of something going wrong (phrases are matched as text)."""
    relief: frozenset[str] = frozenset()
    """Words and phrases of it being over: with one of them, praise is meant."""


def _data(name: str) -> str:
    return (resources.files("radar.enrich") / "data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=4)
def load_lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang`` (``"nl"``; anything else gets English)."""
    lang = lang if lang in LANGUAGES else "en"
    raw = json.loads(_data(f"lexicon_{lang}.json"))
    return Lexicon(
        name=lang,
        words=MappingProxyType({k: float(v) for k, v in raw["words"].items()}),
        phrases=MappingProxyType({k: float(v) for k, v in raw["phrases"].items()}),
        negators=frozenset(raw["negators"]),
        intensifiers=MappingProxyType({k: float(v) for k, v in raw["intensifiers"].items()}),
        downtoners=MappingProxyType({k: float(v) for k, v in raw["downtoners"].items()}),
        contrast=frozenset(raw["contrast"]),
        **{
            key: frozenset(raw.get(key, ()))
            for key in ("courtesy", "request_markers", "irony", "disruption", "relief")
        },
    )


@lru_cache(maxsize=1)
def general_nl() -> Mapping[str, float]:
    """General Dutch adjectives → weight (at most 1.5 either way)."""
    words: dict[str, float] = {}
    for line in _data("lexicon_nl_general.tsv").splitlines()[1:]:
        word, _, weight = line.partition("\t")
        if word and weight:
            words[word] = float(weight)
    return MappingProxyType(words)


@lru_cache(maxsize=1)
def emoji_weights() -> Mapping[str, Mapping[str, float]]:
    """``{"emoji": {char: weight}, "emoticons": {lower-cased emoticon: weight},
    "courtesy": {char: weight}}`` (courtesy: the emoji that mean "please" in a request)."""
    raw = json.loads(_data("emoji.json"))
    tables = {
        kind: MappingProxyType({k: float(v) for k, v in raw[kind].items()})
        for kind in ("emoji", "emoticons")
    }
    tables["courtesy"] = MappingProxyType(
        {char: tables["emoji"][char] for char in raw.get("courtesy", ())}
    )
    return MappingProxyType(tables)
