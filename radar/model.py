"""Domain types: a mention as ingested and as enriched, plus their stable id.

>>> m = Mention.create("Rijden er nog  treinen naar Utrecht?", source="x", published=0.0)
>>> m.text
'Rijden er nog treinen naar Utrecht?'
>>> m.id == mention_id("x", "rijden er nog treinen naar utrecht?", "")
True
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Any

SOURCE_TYPES = ("rss", "atom", "file", "push", "replay", "demo")
SENTIMENTS = ("negative", "neutral", "positive")

_SPACE = re.compile(r"\s+")
_URL = re.compile(r"https?://\S+")
# "RT @user:", "MT @user", "“@user:" — the quoted post's author (organisations are
# addressed without these prefixes and stay readable)
_QUOTED_AUTHOR = re.compile(r"(\b(?:RT|MT|rt|mt)\s*:?\s*|[“\"]\s*)@\w+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<![\w/])(?:\+|00)?\d(?:[\s.-]?\d){8,12}(?![\w/])")


def normalise_text(text: str) -> str:
    """Unicode NFC, no control characters, single spaces, stripped.

    >>> normalise_text("  Trein\\u00a0 rijdt\\n\\tniet ")
    'Trein rijdt niet'
    """
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return _SPACE.sub(" ", text).strip()


def identity_text(text: str) -> str:
    """Text as used in the id: normalised, case-folded.

    >>> identity_text("Trein  RIJDT niet")
    'trein rijdt niet'
    """
    return normalise_text(text).casefold()


def mention_id(source: str, identity: str, url: str) -> str:
    """Stable id of a mention: hash of source + normalised text + url (16 hex digits)."""
    digest = hashlib.blake2b(f"{source}\x1f{identity}\x1f{url}".encode(), digest_size=8)
    return digest.hexdigest()


def mask_personal_data(text: str) -> str:
    """Mask e-mail addresses, phone numbers and the author handle of a retweeted or
    quoted post (it names the person the pseudonymised author field hides).

    >>> mask_personal_data("Mail jan@voorbeeld.nl of bel 06-12345678")
    'Mail [e-mail] of bel [telefoon]'
    >>> mask_personal_data('RT @piet: Geen stroom. “@kim: hier ook” @NS_online')
    'RT @anon: Geen stroom. “@anon: hier ook” @NS_online'
    """
    text = _EMAIL.sub("[e-mail]", text)
    text = _QUOTED_AUTHOR.sub(r"\1@anon", text)
    return _PHONE.sub("[telefoon]", text)


def pseudonymise(author: str, key: bytes) -> str:
    """Keyed hash of an author handle: stable per key, not reversible without it.

    >>> pseudonymise("@jan", b"k") == pseudonymise("@JAN ", b"k")
    True
    """
    if not author:
        return ""
    mac = hmac.new(key, author.strip().casefold().encode(), hashlib.sha256)
    return "anon-" + mac.hexdigest()[:12]


def strip_urls(text: str) -> str:
    """Text without URLs (for models; the URL is kept in the mention's ``url``)."""
    return _SPACE.sub(" ", _URL.sub(" ", text)).strip()


@dataclass
class Mention:
    """One post, article or message as ingested."""

    id: str
    text: str
    published: float  # epoch seconds, UTC
    source: str = ""
    source_type: str = "file"
    author: str = ""
    url: str = ""
    lang: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(
        cls,
        text: str,
        *,
        source: str = "",
        source_type: str = "file",
        published: float | None = None,
        author: str = "",
        url: str = "",
        lang: str | None = None,
        extra: dict[str, Any] | None = None,
        id: str | None = None,
    ) -> Mention:
        """Normalise the text and compute the id (unless the input gave one)."""
        clean = normalise_text(text)
        return cls(
            id=id or mention_id(source, identity_text(clean), url),
            text=clean,
            published=time.time() if published is None else float(published),
            source=source,
            source_type=source_type,
            author=author,
            url=url,
            lang=lang,
            extra=dict(extra or {}),
        )

    def to_dict(self) -> dict[str, Any]:
        """The fields as a plain dict (``extra`` copied one level; values are JSON types)."""
        data = dict(self.__dict__)
        data["extra"] = dict(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass
class EnrichedMention(Mention):
    """A mention plus what enrichment learned about it. The embedding is stored apart."""

    is_question: bool = False
    question_score: float = 0.0
    sentiment: str = "neutral"
    sentiment_score: float = 0.0
    copies: int = 1

    @classmethod
    def from_mention(cls, mention: Mention, **enrichment: Any) -> EnrichedMention:
        return cls(**mention.to_dict(), **enrichment)
