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
import html
import math
import re
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from radar.errors import InvalidMention

SOURCE_TYPES = ("rss", "atom", "file", "push", "replay", "demo")
MAX_AHEAD_SECONDS = 86_400.0
"""A mention may be stamped up to a day ahead of the clock (time zones, skewed servers);
later is a wrong time, and on the data clock it would move the radar's 'now'."""
MAX_TEXT_CHARS = 10_000
"""Longer texts are cut at ingest (``extra['text_chars']`` keeps the original length)."""
SENTIMENTS = ("negative", "neutral", "positive")

_SPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_URL = re.compile(r"https?://\S+")
# "RT @user:", "MT @user", "“@user:" — the quoted post's author (organisations are
# addressed without these prefixes and stay readable)
_QUOTED_AUTHOR = re.compile(r"(\b(?:RT|MT|rt|mt)\s*:?\s*|[“\"]\s*)@\w+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<![\w/])(?:\+|00)?\d(?:[\s.-]?\d){8,12}(?![\w/])")


def normalise_text(text: str) -> str:
    """Unicode NFC, no control characters, single spaces, stripped; HTML character
    references decoded (tweets as exported carry "&amp;", "&gt;"); a lone surrogate (a
    broken ``\\u`` escape in the input) becomes U+FFFD, so the text can be stored.

    >>> normalise_text("  Trein\\u00a0 rijdt\\n\\tniet ")
    'Trein rijdt niet'
    >>> normalise_text("kapot " + chr(0xDC80))
    'kapot \ufffd'
    >>> normalise_text("thoughts &amp; prayers &gt; all")
    'thoughts & prayers > all'
    """
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))
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


_TAG = re.compile(r"<[^>]*>")
SOURCE_CHARS = 200


def safe_url(url: str) -> str:
    """The URL when it is http(s), else empty: exports and the wall never carry
    ``javascript:``, ``data:`` or ``file:`` links.

    >>> safe_url("https://nos.nl/a"), safe_url("javascript:alert(1)"), safe_url(" HTTP://x.nl ")
    ('https://nos.nl/a', '', 'HTTP://x.nl')
    """
    url = str(url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


def _plain(value: str) -> str:
    """A name without markup or control characters, at most SOURCE_CHARS long.

    >>> _plain("<b>NOS</b><script>x</script>")
    'NOS x'
    """
    return normalise_text(_TAG.sub(" ", str(value or "")))[:SOURCE_CHARS]


def published_time(value: float, now: float | None = None) -> float:
    """A mention's time as epoch seconds, or InvalidMention when it cannot be one.

    >>> published_time(1764567000)
    1764567000.0
    >>> published_time(1e308)
    Traceback (most recent call last):
    radar.errors.InvalidMention: 'published' lies more than a day in the future (1e+308); check the time field and its time zone
    """
    try:
        stamp = float(value)
    except (TypeError, ValueError, OverflowError):
        raise InvalidMention(f"'published' is not a time ({value!r})") from None
    if not math.isfinite(stamp):
        raise InvalidMention(f"'published' is not a finite time ({value!r})")
    if stamp > (time.time() if now is None else now) + MAX_AHEAD_SECONDS:
        raise InvalidMention(
            f"'published' lies more than a day in the future ({value!r}); "
            "check the time field and its time zone"
        )
    return stamp


def stored_problem(data: Any) -> str | None:
    """Why a queued mention (decoded JSON) cannot be enriched, or None when it can.

    Checked again by the worker: a mention queued by an older version, by hand or by a
    path that skipped :meth:`Mention.create` must cost only itself, not its batch.

    >>> stored_problem({"id": "a", "text": "x", "published": 1.0, "lang": 5})
    "'lang' must be a language code such as 'nl', got 5"
    >>> stored_problem({"id": "a", "text": "x", "published": 1.0}) is None
    True
    >>> stored_problem({"id": "a", "text": "bad " + chr(0xDC80), "published": 1.0})
    "'text' is not valid Unicode (a lone surrogate, as from a broken escape)"
    """
    if not isinstance(data, dict):
        return f"not a mention object ({type(data).__name__})"
    if not isinstance(data.get("id"), str) or not data["id"]:
        return "no 'id'"
    text = data.get("text")
    if not isinstance(text, str):
        return "'text' must be text"
    if len(text) > MAX_TEXT_CHARS:
        return f"'text' has {len(text)} characters, over {MAX_TEXT_CHARS} (not cut at ingest)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "'text' is not valid Unicode (a lone surrogate, as from a broken escape)"
    lang = data.get("lang")
    if lang is not None and not isinstance(lang, str):
        return f"'lang' must be a language code such as 'nl', got {lang!r}"
    published = data.get("published")
    if isinstance(published, bool) or not isinstance(published, int | float):
        return f"'published' is not a time ({published!r})"
    try:
        published_time(published)
    except InvalidMention as exc:
        return str(exc)
    unknown = set(data) - set(Mention.__dataclass_fields__)
    if unknown:
        return f"unknown fields {sorted(unknown)}"
    return None


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
        """Normalise the text and compute the id (unless the input gave one).

        Every edge (push, import, feeds, replay) makes its mentions here, so the checks
        live here: InvalidMention for a time that is not finite or more than a day
        ahead, or a language that is not text; a text over MAX_TEXT_CHARS is cut.

        >>> Mention.create("x", published=float("nan"))
        Traceback (most recent call last):
        radar.errors.InvalidMention: 'published' is not a finite time (nan)
        >>> len(Mention.create("ab " * 5000).text), Mention.create("ab " * 5000).extra
        (10000, {'text_chars': 14999})
        """
        if not isinstance(text, str):
            raise InvalidMention(f"'text' must be text, got {type(text).__name__}")
        if lang is not None and not isinstance(lang, str):
            raise InvalidMention(f"'lang' must be a language code such as 'nl', got {lang!r}")
        stamp = time.time() if published is None else published_time(published)
        url, source = safe_url(url), _plain(source)
        clean = normalise_text(text)
        extra = dict(extra or {})
        if len(clean) > MAX_TEXT_CHARS:
            extra["text_chars"] = len(clean)
            clean = clean[:MAX_TEXT_CHARS]
        return cls(
            id=id or mention_id(source, identity_text(clean), url),
            text=clean,
            published=stamp,
            source=source,
            source_type=source_type,
            author=author,
            url=url,
            lang=lang,
            extra=extra,
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
