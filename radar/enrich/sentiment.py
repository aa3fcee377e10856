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
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from radar.enrich.lexicon import Lexicon, emoji_weights, general_nl, load_lexicon

__all__ = [
    "EMOJI",
    "NEUTRAL_BAND",
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

NEUTRAL_BAND = 0.1
"""Scores with an absolute value below this are labelled neutral."""

ALPHA = 6.0
"""Squashing constant: a single strong word (weight 2.2) scores about 0.67."""

NEGATION_SCOPE = 3
"""How many words before a sentiment word a negator reaches."""

NEGATION_FACTOR = -0.6
"""A negated word keeps part of its strength with the opposite sign."""

QUESTION_POSITIVE_FACTOR = 0.3
"""Positive words in a question clause ("is het al opgelost?") count for less."""

COURTESY_IN_QUESTION_FACTOR = 0.1
"""Thanks in a post that asks something is courtesy ("Tot hoe laat duurt dit? Alvast
bedankt!"), not relief: a courtesy word of the lexicon (``courtesy``) counts this share
of its weight when the post has a "?" or a request marker ("alvast", "graag", "please")."""

IRONY_FACTOR = -0.8
"""Praise in a post about a disruption without any relief word is sarcasm ("Intercity
geschrapt, lekker begin van de dag"), unless a contrast weighs the clauses ("maar wel top
geholpen"): a praise word of the lexicon (``irony``) counts
with this factor (negative) instead."""

IMPATIENCE_WORDS = frozenset({"eindelijk", "finally", "ooit", "ever"})
"""Relief words that signal impatience in a question ("wanneer is het eindelijk opgelost?")."""

IMPATIENCE_WEIGHT = -1.0
"""Weight of an impatience word in a question clause."""

EMOJI: Mapping[str, float] = emoji_weights()["emoji"]
"""Emoji → weight (variation selectors are ignored)."""

EMOTICONS: Mapping[str, float] = emoji_weights()["emoticons"]
"""Emoticons (lower-cased) → weight."""

COURTESY_EMOJI: Mapping[str, float] = emoji_weights()["courtesy"]
"""Emoji that say "please" (🙏): courtesy in a post that asks, like the courtesy words."""

_NL = load_lexicon("nl")
_EN = load_lexicon("en")
_NL_GENERAL = general_nl()
_MAX_PHRASE = 5

_RT = re.compile(r"^\s*(?:RT|MT)\s*:?\s*@\w+\s*:?\s*", re.IGNORECASE)
_URL = re.compile(r"https?://\S*|www\.\S+")
_MENTION = re.compile(r"@\w+")
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#\d+);")
_EMOTICON = re.compile(
    r"(?<![\w:/])(?:>:\(|:'\(|<\/3|<3|[:;=][-']?[)\](dDpP/@sS|]|\(:|\):|[xX][dD])(?![\w])"
)
_CLAUSE = re.compile(r"[^.!?;\n]+[.!?;\n]*")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_REPEAT = re.compile(r"(\w)\1{2,}")
_NL_SUFFIXES = ("e", "en", "s", "er", "ste", "st", "n", "t", "d", "je", "jes")
_EN_SUFFIXES = ("s", "es", "ly", "ed", "d")


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

_EMOJI_CHARS = re.compile("[" + "".join(re.escape(char) for char in EMOJI) + "]")
_EMOJI_SPAN = re.compile(f"[{re.escape(min(EMOJI))}-{re.escape(max(EMOJI))}]")
"""From the lowest to the highest emoji: one range, searched far faster than the list above."""
_EMOTICON_CHARS = re.compile(r"[:;=<>()xX]")
"""Every emoticon has one of these."""
_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))
_ASCII_CAPITALS = bytes(range(ord("A"), ord("Z") + 1))


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
    return bool(after) and after[0] in {"niet", "nooit"} and start + 2 >= len(tokens)


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


def emoji_valence(text: str) -> float:
    """Summed weight of emoji and emoticons (at most three of each kind count).

    >>> emoji_valence("vertraging 😡😡"), emoji_valence("dank je :)")
    (-5.0, 1.6)
    """
    total = 0.0
    counts: dict[str, int] = {}
    for char in _EMOJI_CHARS.findall(text) if _EMOJI_SPAN.search(text) else ():
        weight = EMOJI.get(char)
        if weight is not None:
            counts[char] = counts.get(char, 0) + 1
            if counts[char] <= 3:
                total += weight
    for match in _EMOTICON.finditer(text) if _EMOTICON_CHARS.search(text) else ():
        weight = EMOTICONS.get(match.group(0).lower())
        if weight is not None:
            total += weight
    return total


def is_shouting(text: str) -> bool:
    """Whether a post is written in capitals: 12 letters or more, over 80 % of them capitals.

    >>> is_shouting("WAAROM RIJDT ER WEER NIKS?"), is_shouting("Waarom rijdt er weer niks?")
    (True, False)
    """
    if text.isascii():  # the same count, without a Python loop over the characters
        data = text.encode("ascii")
        letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
        capitals = len(data) - len(data.translate(None, _ASCII_CAPITALS))
    else:
        letters = sum(map(str.isalpha, text))
        capitals = sum(map(str.isupper, filter(str.isalpha, text)))
    return letters >= 12 and capitals > 0.8 * letters


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
