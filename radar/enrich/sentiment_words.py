"""Sentiment words of one clause: lexicon lookup, modifiers and contrast.

Steps 1-3 of :mod:`radar.enrich.sentiment`: :func:`sentiment_items` finds the phrases
and words with a lexicon weight (both languages, phrases first, words also by stem),
:func:`apply_modifiers` applies negation, intensifiers, downtoners and capitals, and
:func:`contrast_weights` makes the clause after "maar"/"but" weigh more. Weights and
stem endings are package data (:mod:`radar.enrich.sentiment_rules`).

>>> toks = "niet blij maar wel top geholpen".split()
>>> weights = contrast_weights(toks, "nl")
>>> [(toks[item.start], round(apply_modifiers(item, toks, "nl") * weights[item.start], 2))
...  for item in sentiment_items(toks, toks, "nl")]
[('blij', -0.6), ('top', 3.0)]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from radar.enrich.lexicon import Lexicon, general_nl, load_lexicon
from radar.enrich.sentiment_rules import (
    NEGATION_FACTOR,
    NEGATION_SCOPE,
    NEGATORS_AFTER_VERB_NL,
    SUFFIXES,
)

__all__ = ["Item", "apply_modifiers", "contrast_weights", "sentiment_items"]

_NL = load_lexicon("nl")
_EN = load_lexicon("en")
_NL_GENERAL = general_nl()
_MAX_PHRASE = 5

_REPEAT = re.compile(r"(\w)\1{2,}")
_NL_SUFFIXES = SUFFIXES["nl"]
_EN_SUFFIXES = SUFFIXES["en"]


@dataclass(frozen=True)
class Item:
    """A sentiment-bearing word or phrase found in a clause."""

    start: int
    """Index of its first token in the clause."""
    valence: float
    """Lexicon weight."""
    caps: bool = False
    """Written in capitals for emphasis."""
    size: int = 1
    """Number of tokens (phrases are longer than one)."""


def _lexicon(lang: str) -> Lexicon:
    return _NL if lang == "nl" else _EN


_MODIFIERS = {
    lexicon.name: frozenset(lexicon.intensifiers) | frozenset(lexicon.downtoners) | lexicon.negators
    for lexicon in (_NL, _EN)
}
"""Per lexicon: the words that modify the next one (intensifiers, downtoners, negators)."""

_PHRASE_HEADS = frozenset(phrase.split()[0] for lexicon in (_NL, _EN) for phrase in lexicon.phrases)
"""First words of the lexicon phrases: no phrase can start at any other word."""


_MEMO_SIZE = 65536
_MEMO: dict[str, dict[str, tuple[float | None, float | None]]] = {
    lexicon.name: {} for lexicon in (_NL, _EN)
}
"""Per primary lexicon: word → :func:`_word_weights` (emptied when it reaches ``_MEMO_SIZE``)."""


def _word_weights(word: str, primary: Lexicon) -> tuple[float | None, float | None]:
    """A word's weight in ``primary`` (through letter repeats and suffixes; for Dutch, the
    general adjectives of ``lexicon_nl_general.tsv`` after the crisis words), and
    the weight it counts with: that one, else the other lexicon's entry for the exact word
    (code-switching; negators and short words excepted). Memoised per lexicon.

    >>> _word_weights("schandalige", _NL), _word_weights("awesome", _NL)
    ((-2.5, -2.5), (None, 2.6))
    >>> _word_weights("onbeleefde", _NL)[0] < 0
    True
    """
    memo = _MEMO[primary.name]
    found = memo.get(word)
    if found is None:
        suffixes = _NL_SUFFIXES if primary is _NL else _EN_SUFFIXES
        own = _lookup_uncached(word, primary.words, suffixes)
        if own is None and primary is _NL:  # a general Dutch adjective, weighing less
            own = _lookup_uncached(word, _NL_GENERAL, suffixes)
        counted = own
        if own is None and word not in primary.negators and len(word) > 3:
            secondary = _EN if primary is _NL else _NL
            counted = secondary.words.get(word)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        found = memo[word] = (own, counted)
    return found


def _lookup_uncached(
    word: str, words: Mapping[str, float], suffixes: tuple[str, ...]
) -> float | None:
    if word in words:
        return words[word]
    short = _REPEAT.sub(r"\1\1", word)
    if short != word:
        for candidate in (short, _REPEAT.sub(r"\1", word)):
            if candidate in words:
                return words[candidate]
    for suffix in suffixes:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            stem = word[: -len(suffix)]
            if stem in words:
                return words[stem]
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in words:
                return words[stem[:-1]]  # "schandalligge" style doubling
    return None


def sentiment_items(tokens: list[str], raw: list[str], lang: str) -> list[Item]:
    """Phrases and words with a lexicon weight, phrases first (longest match).

    ``tokens`` are lower-cased, ``raw`` the same tokens as written. Both
    languages' lexicons are consulted, the post's own language first.

    >>> toks = "top geregeld en bedankt".split()
    >>> [(i.start, i.valence) for i in sentiment_items(toks, toks, "nl")]
    [(0, 2.6), (3, 2.2)]
    """
    primary = _lexicon(lang)
    secondary = _EN if primary is _NL else _NL
    modifiers = _MODIFIERS[primary.name]
    memo = _MEMO[primary.name]
    items: list[Item] = []
    count = len(tokens)
    i = 0
    while i < count:
        word = tokens[i]
        if word in _PHRASE_HEADS:  # the longest phrase starting here, if any
            for size in range(min(_MAX_PHRASE, count - i), 1, -1):
                phrase = " ".join(tokens[i : i + size])
                weight = primary.phrases.get(phrase, secondary.phrases.get(phrase))
                if weight is not None:
                    caps = all(_is_caps(w) for w in raw[i : i + size])
                    items.append(Item(i, weight, caps, size))
                    break
            else:
                size = 0
            if size:
                i += size
                continue
        if i + 1 < count and word in modifiers:
            # a modifier before a weighted word only modifies it ("heel goed", "niet blij")
            nxt = tokens[i + 1]
            if (memo.get(nxt) or _word_weights(nxt, primary))[0] is not None:
                i += 1
                continue
        weight = (memo.get(word) or _word_weights(word, primary))[1]
        if weight:
            items.append(Item(i, weight, _is_caps(raw[i])))
        i += 1
    return items


def _is_caps(word: str) -> bool:
    return len(word) >= 3 and word.isupper()


def apply_modifiers(
    item: Item, tokens: list[str], lang: str, taken: frozenset[int] = frozenset()
) -> float:
    """An item's weight after negation, intensifiers, downtoners and capitals.

    ``taken`` holds the token positions inside matched phrases: the "geen" of
    "geen probleem" does not negate the "bedankt" that follows.

    >>> toks = "ik ben niet blij".split()
    >>> apply_modifiers(Item(3, 2.0), toks, "nl") < 0
    True
    >>> toks = "heel erg bedankt".split()
    >>> apply_modifiers(Item(2, 2.2), toks, "nl") > 2.2
    True
    """
    lexicon = _lexicon(lang)
    value = item.valence
    start = item.start
    before = tokens[max(0, start - NEGATION_SCOPE) : start]
    for offset, word in enumerate(reversed(before[-2:])):
        factor = lexicon.intensifiers.get(word) or _EN.intensifiers.get(word)
        if factor and (offset == 0 or word not in lexicon.contrast):
            value *= factor if offset == 0 else 1 + (factor - 1) / 2
            break
        factor = lexicon.downtoners.get(word) or _EN.downtoners.get(word)
        if factor:
            value *= factor
            break
    first = max(0, start - NEGATION_SCOPE)
    for position in range(start - 1, first - 1, -1):
        word = tokens[position]
        if position in taken or word in lexicon.contrast:
            break
        if word in lexicon.negators or word in _EN.negators or word.endswith("n't"):
            value *= NEGATION_FACTOR
            break
    else:
        if lang == "nl" and _negated_after(tokens, start + item.size - 1, lexicon):
            value *= NEGATION_FACTOR
    if item.caps:
        value *= 1.4
    return value


def _negated_after(tokens: list[str], start: int, lexicon: Lexicon) -> bool:
    """Dutch puts "niet"/"nooit" after a finite verb: "het lukt niet", "dat helpt nooit"."""
    after = tokens[start + 1 : start + 2]
    return bool(after) and after[0] in NEGATORS_AFTER_VERB_NL and start + 2 >= len(tokens)


def contrast_weights(tokens: list[str], lang: str) -> list[float]:
    """Weight of each token's position: after the last "maar"/"but" 1.5, before it 0.5.

    >>> contrast_weights("goed idee maar slecht uitgevoerd".split(), "nl")
    [0.5, 0.5, 0.5, 1.5, 1.5]
    """
    lexicon = _lexicon(lang)
    last = -1
    for index, word in enumerate(tokens):
        if word in lexicon.contrast and 0 < index < len(tokens) - 1:
            last = index
    if last < 0:
        return [1.0] * len(tokens)
    return [0.5 if index <= last else 1.5 for index in range(len(tokens))]
