"""A post's text before the question rules read it: no retweet prefix, links or tags.

:func:`normalise_post` strips a retweet prefix, HTML entities, URLs, leading @mentions
and '#' signs; :func:`clauses` cuts the result into clauses with their closing
punctuation. The question rules, the embedding text and the heads all start here.

>>> clauses(normalise_post("RT @nos: Storing bij #NS: wat moet je weten? http://t.co/x"))
['Storing bij NS:', 'wat moet je weten?']
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["clauses", "normalise_post"]

_RT = re.compile(r"^\s*(?:RT|MT)\s*:?\s*@\w+\s*:?\s*", re.IGNORECASE)
_URL = re.compile(r"https?://\S*|www\.\S+|\bt\.co/\S+|http…|https…")
_LEADING_MENTIONS = re.compile(r"^(?:\s*[@.]@?\w+[:,]?)+\s*")
_MENTION = re.compile(r"@(\w+)")
_EDGE_TAGS = re.compile(r"^(?:\s*[#@]\w+[:,]?)+\s+|(?:\s+[#@]\w+[.!]?)+\s*$")
_HASHTAG = re.compile(r"#(\w+)")
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#\d+);")
_CLAUSE = re.compile(r".+?(?:[.!?;:\n]+(?=\s|$)|$)|[.!?;:]+")


@lru_cache(maxsize=4096)
def normalise_post(text: str) -> str:
    """The post without retweet prefix, URLs, leading @mentions and '#' signs.

    >>> normalise_post("RT @nos: Storing bij #NS in Utrecht http://t.co/abc #trein")
    'Storing bij NS in Utrecht'
    >>> normalise_post("@NS_online rijdt de trein nog?")
    'rijdt de trein nog?'
    """
    text = _ENTITY.sub(" ", text)
    while True:
        stripped = _RT.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    if "http" in text or "www." in text or "t.co/" in text:  # what every _URL form holds
        text = _URL.sub(" ", text)
    if "#" in text or "@" in text:
        text = _EDGE_TAGS.sub("", text)
    text = _LEADING_MENTIONS.sub("", text)
    text = _MENTION.sub(r"\1", text)
    text = _HASHTAG.sub(r"\1", text)
    return " ".join(text.split())  # single spaces, stripped (str.split's whitespace is \s)


def clauses(text: str) -> list[str]:
    """The clauses of a normalised post, each with its closing punctuation.

    >>> clauses("Storing bij NS: wat moet je weten? Lees meer")
    ['Storing bij NS:', 'wat moet je weten?', 'Lees meer']
    """
    return [part.strip() for part in _CLAUSE.findall(text) if part.strip()]
