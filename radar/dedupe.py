"""Near-duplicates: retweets, quotes, syndicated news and re-tagged links count as copies.

Exact duplicates (same id) are dropped by the store. Near-duplicates are different
mentions that carry the same message: ``RT @x: …``, a quoted ``"@x: …"``, the same
news item syndicated over several feeds (same title, other URL and source), the
same text with other tracking links. They share a *near-duplicate key*: a hash of
the canonical text. The store keeps the first mention of a key and counts the rest
as its copies (a reach signal), so a story shows up once on the wall.

>>> canonical_text("RT @NOS: Treinverkeer rond #Utrecht plat! https://t.co/abc")
'treinverkeer rond utrecht plat'
>>> near_key_of_text("RT @NOS: Treinverkeer rond #Utrecht plat! https://t.co/abc") == (
...     near_key_of_text("Treinverkeer rond Utrecht plat https://nos.nl/x?utm_source=tw"))
True
>>> near_key_of_text("Help!") is None  # too short to call a copy: exact id only
True
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Sequence

from radar.model import Mention

MIN_WORDS = 4
"""Canonical texts shorter than this keep their exact key only ("ja", "Help!")."""

FEED_TYPES = ("rss", "atom")

_URL = re.compile(r"(?:https?://|www\.)\S+|\b(?:t\.co|bit\.ly|ow\.ly|buff\.ly)/\S+", re.I)
# "RT @x:", "MT @x", "QT @x:" and chains of them, at the start
_RETWEET = re.compile(r"^(?:\s*(?:rt|mt|qt)\b\s*:?\s*@\w+\s*:?)+", re.I)
# a manual quote: '"@x: text"' or '“@x: text”'
_QUOTED = re.compile(r"""^\s*["“'‘]\s*@\w+\s*:\s*(.*?)\s*["”'’]?\s*$""", re.S)
# replies and mentions in front: "@ns @prorail waarom …"
_LEADING_MENTIONS = re.compile(r"^(?:\s*@\w+[\s:,]*)+")
# attribution at the end: "… via @nos", "… (via @nos)"
_TRAILING_VIA = re.compile(r"[\s(]+(?:via|by|door)\s+@\w+\W*$", re.I)
_ELLIPSIS = re.compile(r"(?:…|\.\.\.)\s*$")
_NOT_WORD = re.compile(r"[^\w\s]|_")
_SPACE = re.compile(r"\s+")


def canonical_text(text: str) -> str:
    """The message of a post without retweet/quote prefixes, mentions in front, links, case.

    >>> canonical_text('"@prorail: Storing tussen Utrecht en Amersfoort" via @ns')
    'storing tussen utrecht en amersfoort'
    >>> canonical_text("@NS_online @ProRail Waarom rijdt er niets?! #storing")
    'waarom rijdt er niets storing'
    """
    text = unicodedata.normalize("NFKC", html.unescape(text or ""))
    text = _URL.sub(" ", text)
    text = _RETWEET.sub(" ", text)
    quoted = _QUOTED.match(text)
    if quoted:
        text = quoted.group(1)
    text = _LEADING_MENTIONS.sub(" ", text)
    text = _TRAILING_VIA.sub(" ", text)
    text = _ELLIPSIS.sub(" ", text)
    text = _NOT_WORD.sub(" ", text.replace("#", ""))
    return _SPACE.sub(" ", text).strip().casefold()


def _digest(canonical: str) -> str:
    return hashlib.blake2b(canonical.encode(), digest_size=8).hexdigest()


def near_key_of_text(text: str) -> str | None:
    """Near-duplicate key of a text, or None when it is too short to tell copies apart."""
    canonical = canonical_text(text)
    if len(canonical.split()) < MIN_WORDS:
        return None
    return _digest(canonical)


def near_key(mention: Mention) -> str | None:
    """Near-duplicate key of a mention: feed items by their title, everything else by text.

    Syndicated news keeps its title over feeds while summaries and links differ.

    >>> a = Mention.create("Storing bij NS voorbij. Treinen rijden weer.", source="nos",
    ...     source_type="rss", url="https://nos.nl/1", extra={"title": "Storing bij NS voorbij"})
    >>> b = Mention.create("Storing bij NS voorbij. Vanaf 9 uur weer treinen", source="ad",
    ...     source_type="rss", url="https://ad.nl/2", extra={"title": "Storing bij NS voorbij"})
    >>> near_key(a) == near_key(b) is not None
    True
    """
    title = mention.extra.get("title") if mention.source_type in FEED_TYPES else None
    if isinstance(title, str) and title.strip():
        key = near_key_of_text(title)
        if key is not None:
            return key
    return near_key_of_text(mention.text)


def duplicates_of(mentions: Sequence[Mention]) -> list[int | None]:
    """For each mention, the position of the earlier mention it duplicates (same id, or
    the same near-duplicate key: retweets, quotes, syndicated copies), None for originals.

    The offline twin of :meth:`radar.store.Store.ingest`'s rules.

    >>> texts = ["Rijden er nog treinen naar Utrecht vandaag?", "Stroom is uit in Arnhem",
    ...          "RT @jan: Rijden er nog treinen naar Utrecht vandaag?",
    ...          "Stroom is uit in Arnhem"]
    >>> duplicates_of([Mention.create(t, source="x", published=0.0) for t in texts])
    [None, None, 0, 1]
    """
    first_id: dict[str, int] = {}
    first_near: dict[str, int] = {}
    out: list[int | None] = []
    for i, mention in enumerate(mentions):
        if mention.id in first_id:
            out.append(first_id[mention.id])
            continue
        key = near_key(mention)
        if key is not None and key in first_near:
            out.append(first_near[key])
            continue
        first_id[mention.id] = i
        if key is not None:
            first_near[key] = i
        out.append(None)
    return out
