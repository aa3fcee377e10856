"""Sentiment of a post: lexicon plus rules, tuned for crisis and webcare language.

Steps, each a small function:

1. :func:`sentiment_items` finds sentiment-bearing phrases and words (Dutch
   and English lexicons, phrases first, Dutch words also by stem);
2. :func:`apply_modifiers` applies negation ("niet blij", "not bad"),
   intensifiers ("heel", "really"), downtoners ("beetje", "slightly") and
   all-caps emphasis;
3. :func:`contrast_weights` makes the clause after "maar"/"but" weigh more;
4. :func:`emoji_valence` adds emoji and emoticons;
5. exclamation marks strengthen the total, a question clause weakens its
   positive words ("wanneer is het eindelijk opgelost?");
6. :func:`normalise_score` squashes the total into [-1, 1] and
   :func:`label_for` gives the label with a neutral band.


The pieces: :mod:`radar.enrich.sentiment_words` (steps 1-3),
:mod:`radar.enrich.marks` (step 4), :mod:`radar.enrich.sentiment_rules` (the weights
and word lists, package data) and :mod:`radar.enrich.lexicon`. Their public names are
importable from here too.

>>> score_sentiment("Gelukkig rijden ze weer, top geregeld!", "nl")[0]
'positive'
>>> score_sentiment("Schandalig, al uren vertraging 😡", "nl")[0]
'negative'
>>> score_sentiment("De trein vertrekt om 8.15 van spoor 5.", "nl")
('neutral', 0.0)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from radar.enrich.marks import COURTESY_EMOJI, EMOJI, EMOTICONS, emoji_valence, is_shouting
from radar.enrich.sentiment_rules import (
    ALPHA,
    COURTESY_IN_QUESTION_FACTOR,
    IMPATIENCE_WEIGHT,
    IMPATIENCE_WORDS,
    IRONY_FACTOR,
    NEGATION_FACTOR,
    NEGATION_SCOPE,
    NEUTRAL_BAND,
    QUESTION_POSITIVE_FACTOR,
)
from radar.enrich.sentiment_words import (
    Item,
    _lexicon,
    apply_modifiers,
    contrast_weights,
    sentiment_items,
)

__all__ = [
    "ALPHA",
    "COURTESY_EMOJI",
    "COURTESY_IN_QUESTION_FACTOR",
    "EMOJI",
    "EMOTICONS",
    "IMPATIENCE_WEIGHT",
    "IMPATIENCE_WORDS",
    "IRONY_FACTOR",
    "NEGATION_FACTOR",
    "NEGATION_SCOPE",
    "NEUTRAL_BAND",
    "QUESTION_POSITIVE_FACTOR",
    "Item",
    "LexiconParts",
    "apply_modifiers",
    "contrast_weights",
    "emoji_valence",
    "is_shouting",
    "label_for",
    "lexicon_parts",
    "normalise_score",
    "score_sentiment",
    "sentiment_items",
]

_RT = re.compile(r"^\s*(?:RT|MT)\s*:?\s*@\w+\s*:?\s*", re.IGNORECASE)
_URL = re.compile(r"https?://\S*|www\.\S+")
_MENTION = re.compile(r"@\w+")
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#\d+);")
_CLAUSE = re.compile(r"[^.!?;\n]+[.!?;\n]*")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def normalise_score(total: float) -> float:
    """Squash a summed weight into [-1, 1].

    >>> normalise_score(0.0), round(normalise_score(2.2), 2), normalise_score(-1e9) > -1.0001
    (0.0, 0.67, True)
    """
    return total / math.sqrt(total * total + ALPHA)


def label_for(score: float, band: float = NEUTRAL_BAND) -> str:
    """``"negative"``, ``"neutral"`` or ``"positive"`` with a neutral band.

    >>> label_for(-0.5), label_for(0.05), label_for(0.3)
    ('negative', 'neutral', 'positive')
    """
    if score <= -band:
        return "negative"
    if score >= band:
        return "positive"
    return "neutral"


def _clean(text: str) -> str:
    text = _ENTITY.sub(" ", text)
    text = _RT.sub("", text)
    text = _URL.sub(" ", text)
    text = _MENTION.sub(" ", text)
    return text.replace("#", " ").replace("\ufe0f", "")


@dataclass(frozen=True)
class LexiconParts:
    """What the lexicon finds in a post, before squashing (the sentiment head's cues)."""

    positive: float
    """Summed weight of the positive words and phrases (after modifiers)."""
    negative: float
    """Summed weight of the negative ones (zero or below)."""
    emoji: float
    """Emoji and emoticons."""
    factor: float
    """Emphasis from exclamation marks and capitals (1.0 without)."""
    courtesy: bool
    """Thanks in a post that asks something (counted as courtesy, not relief)."""
    irony: bool = False
    """Praise next to a disruption, counted as sarcasm (see ``IRONY_FACTOR``)."""

    @property
    def total(self) -> float:
        return (self.positive + self.negative + self.emoji) * self.factor


@lru_cache(maxsize=4096)
def lexicon_parts(text: str, lang: str) -> LexiconParts:
    """The lexicon's positive and negative totals of a post (see :func:`score_sentiment`).

    Memoised: the worker's sentiment head reads the same post's parts again.

    >>> parts = lexicon_parts("Goed geregeld, maar wel een schandalige vertraging!", "nl")
    >>> parts.positive > 0 > parts.negative, parts.factor
    (True, 1.08)
    """
    cleaned = _clean(text)
    shouting = is_shouting(cleaned)
    lexicon = _lexicon(lang)
    low = cleaned.lower()
    words = frozenset(_TOKEN.findall(low.replace("’", "'")))
    asks = "?" in cleaned or not words.isdisjoint(lexicon.request_markers)
    ironic = _mentions(lexicon.disruption, words, low) and not _mentions(lexicon.relief, words, low)
    positive = negative = 0.0
    courtesy = irony = False
    for clause in _CLAUSE.findall(cleaned):
        raw = _TOKEN.findall(clause.replace("’", "'"))
        if not raw:
            continue
        tokens = [word.lower() for word in raw]
        if shouting:
            raw = tokens  # a whole post in capitals is not emphasis word by word
        weights = contrast_weights(tokens, lang)
        is_question = "?" in clause
        items = sentiment_items(tokens, raw, lang)
        taken = frozenset(
            position
            for item in items
            if item.size > 1
            for position in range(item.start, item.start + item.size)
        )
        for item in items:
            value = apply_modifiers(item, tokens, lang, taken) * weights[item.start]
            if is_question and tokens[item.start] in IMPATIENCE_WORDS:
                value = IMPATIENCE_WEIGHT
            elif (
                asks
                and value > 0
                and item.size == 1  # a phrase ("graag gedaan") means what it says
                and tokens[item.start] in lexicon.courtesy
            ):
                value *= COURTESY_IN_QUESTION_FACTOR
                courtesy = True
            elif (
                ironic
                and value > 0
                and weights[item.start] == 1.0  # "vertraging, maar wel top geholpen" is meant
                and not lexicon.irony.isdisjoint(tokens[item.start : item.start + item.size])
            ):
                value *= IRONY_FACTOR
                irony = True
            elif is_question and value > 0:
                value *= QUESTION_POSITIVE_FACTOR
            if value > 0:
                positive += value
            else:
                negative += value
    emoji = emoji_valence(cleaned)
    if asks and emoji:
        for char, weight in COURTESY_EMOJI.items():
            if weight > 0 and (count := min(cleaned.count(char), 3)):
                emoji -= count * weight * (1 - COURTESY_IN_QUESTION_FACTOR)
                courtesy = True
    factor = 1.0
    if positive or negative or emoji:
        exclamations = min(cleaned.count("!"), 4)
        factor = 1.0 + 0.08 * exclamations + (0.15 if shouting else 0.0)
    return LexiconParts(positive, negative, emoji, round(factor, 4), courtesy, irony)


def _mentions(terms: frozenset[str], words: frozenset[str], low: str) -> bool:
    """Whether a post holds one of ``terms``: words by token, phrases as text."""
    return any(term in low if " " in term else term in words for term in terms)


def score_sentiment(text: str, lang: str) -> tuple[str, float]:
    """Label and score in [-1, 1] of a post's sentiment.

    ``lang`` picks the primary lexicon (``"nl"``; anything else uses English);
    words from the other lexicon still count, as code-switching is common.

    >>> score_sentiment("Ik ben niet blij met deze service", "nl")[0]
    'negative'
    >>> score_sentiment("Geen probleem, bedankt!", "nl")[0]
    'positive'
    >>> score_sentiment("Delays again, but great job by the staff", "en")[0]
    'positive'
    """
    total = lexicon_parts(text, lang).total
    score = round(normalise_score(total), 4) if total else 0.0
    return label_for(score), score
