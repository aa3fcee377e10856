"""Sentiment marks that are not words: emoji, emoticons and a post written in capitals.

Step 4 of :mod:`radar.enrich.sentiment`. The weights are package data (``emoji.json``,
read by :func:`radar.enrich.lexicon.emoji_weights`).

>>> emoji_valence("top 👍"), is_shouting("ALWEER VERTRAGING BIJ DE NS")
(1.8, True)
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from radar.enrich.lexicon import emoji_weights

__all__ = ["COURTESY_EMOJI", "EMOJI", "EMOTICONS", "emoji_valence", "is_shouting"]

EMOJI: Mapping[str, float] = emoji_weights()["emoji"]
"""Emoji → weight (variation selectors are ignored)."""

EMOTICONS: Mapping[str, float] = emoji_weights()["emoticons"]
"""Emoticons (lower-cased) → weight."""

COURTESY_EMOJI: Mapping[str, float] = emoji_weights()["courtesy"]
"""Emoji that say "please" (🙏): courtesy in a post that asks, like the courtesy words."""

_EMOTICON = re.compile(
    r"(?<![\w:/])(?:>:\(|:'\(|<\/3|<3|[:;=][-']?[)\](dDpP/@sS|]|\(:|\):|[xX][dD])(?![\w])"
)
_EMOJI_CHARS = re.compile("[" + "".join(re.escape(char) for char in EMOJI) + "]")
_EMOJI_SPAN = re.compile(f"[{re.escape(min(EMOJI))}-{re.escape(max(EMOJI))}]")
"""From the lowest to the highest emoji: one range, searched far faster than the list above."""
_EMOTICON_CHARS = re.compile(r"[:;=<>()xX]")
"""Every emoticon has one of these."""
_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))
_ASCII_CAPITALS = bytes(range(ord("A"), ord("Z") + 1))


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
