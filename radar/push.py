"""HTTP push: ``POST /api/mentions`` for bridges from social platforms.

The body is a JSON list of mention objects with the fields of an input file (``text``
required; ``id``, ``published``, ``author``, ``source``, ``url``, ``lang`` optional;
other fields pass through). Checks, in this order:

==========  ================================================================
503         no token configured (``push_token`` / ``RADAR_PUSH_TOKEN``)
429         the client (remote address) sent more than ``push_rate_per_minute``
            requests this minute (a Redis fixed-window counter; counts every
            request, also those with a wrong token, so guessing is slow too)
401         missing or wrong ``Authorization: Bearer <token>`` (constant-time)
413         body over ``push_max_bytes``
400         malformed body: ``{"error": "item 3: 'text' is missing"}`` (index 0-based);
            nothing of the batch is stored
202         ``{"received": n, "stored": k, "duplicates": d}``
==========  ================================================================

Mentions go through :meth:`radar.store.Store.ingest` like every other source, so
exact and near duplicates are dropped (the same batch sent twice is stored once)
and the enrichment worker pseudonymises authors and masks e-mail and phone numbers.
Flask is the caller's: :func:`register_push_routes` adds the route to any Flask app
(the wall's ``app.server``); this module imports no ``web`` code. Tokens are never logged.
"""

from __future__ import annotations

import hmac
import json
import logging
import math
import time
from typing import Any

import redis

from radar.clock import undated_time
from radar.config import Settings
from radar.errors import InvalidMention
from radar.files import FieldMap
from radar.model import Mention
from radar.ratelimit import count_one, minute, seconds_left
from radar.store import Store
from radar.timeutil import parse_time

log = logging.getLogger(__name__)

ROUTE = "/api/mentions"
OPTIONAL_TEXT_FIELDS = ("id", "author", "source", "url", "lang")
_KNOWN = ("text", "published", "source_type", *OPTIONAL_TEXT_FIELDS)


MAX_REASONS = 20
"""Refused items named in a push answer (the count covers all)."""


class PushError(ValueError):
    """A malformed push body; the message is the one-line reason sent back."""


def parse_batch(body: bytes, now: float | None = None) -> list[Mention]:
    """Mentions of a push body, or PushError naming the item index and field.

    >>> [m.text for m in parse_batch(b'[{"text": "Rijdt de trein?", "author": "@jan"}]')]
    ['Rijdt de trein?']
    >>> parse_batch(b'[{"text": "ok"}, {"txt": "typo"}]')
    Traceback (most recent call last):
    ...
    radar.push.PushError: item 1: 'text' is missing
    """
    data = _items(body)
    now = time.time() if now is None else now
    return [_item_to_mention(item, index, now) for index, item in enumerate(data)]


def _items(body: bytes) -> list:
    """The JSON list of a push body; PushError when the body is not one."""
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise PushError("body is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise PushError(f"body is not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise PushError("body nests JSON too deeply; send a flat list of mention objects") from None
    if not isinstance(data, list):
        raise PushError('body must be a JSON list of mention objects, e.g. [{"text": "…"}]')
    return data


def parse_items(body: bytes, now: float | None = None) -> tuple[list[Mention], list[str]]:
    """The good mentions of a push body and one reason per refused item: a bad item costs
    that item only. PushError when the body itself is unusable or no item is good.

    >>> good, refused = parse_items(b'[{"text": "ok"}, {"text": "x", "published": "NaN"}]')
    >>> [m.text for m in good], refused
    (['ok'], ["item 1: 'published' is not a time ('NaN'); use ISO 8601 or epoch seconds"])
    """
    now = time.time() if now is None else now
    good, refused = [], []
    for index, item in enumerate(_items(body)):
        try:
            good.append(_item_to_mention(item, index, now))
        except PushError as exc:
            refused.append(str(exc))
    if refused and not good:
        raise PushError(
            refused[0] + (f" (and {len(refused) - 1} more)" if len(refused) > 1 else "")
        )
    return good, refused


def _item_to_mention(item: Any, index: int, now: float) -> Mention:
    where = f"item {index}"
    if not isinstance(item, dict):
        raise PushError(f"{where}: expected an object, got {type(item).__name__}")
    if "text" not in item:
        raise PushError(f"{where}: 'text' is missing")
    text = item["text"]
    if not isinstance(text, str):
        raise PushError(f"{where}: 'text' must be a string")
    if not text.strip():
        raise PushError(f"{where}: 'text' is empty")
    for name in OPTIONAL_TEXT_FIELDS:
        value = item.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise PushError(f"{where}: {name!r} must be a string")
    published = now
    raw_time = item.get("published")
    if raw_time not in (None, ""):
        if isinstance(raw_time, bool) or not isinstance(raw_time, str | int | float):
            raise PushError(f"{where}: 'published' must be ISO 8601 text or epoch seconds")
        try:
            published = parse_time(raw_time)
            if not math.isfinite(published):
                raise ValueError(raw_time)
        except (ValueError, OverflowError, OSError):
            raise PushError(
                f"{where}: 'published' is not a time ({raw_time!r}); use ISO 8601 or epoch seconds"
            ) from None
    given_id = item.get("id")
    # "user", "screen_name", … name the writer as "author" does: pseudonymised, not extra
    author_field = FieldMap().author_column(item)
    lang = item.get("lang")
    if lang not in (None, "") and not isinstance(lang, str):
        raise PushError(f"{where}: 'lang' must be a language code such as 'nl', got {lang!r}")
    try:
        return Mention.create(
            text,
            id=str(given_id) if given_id not in (None, "") else None,
            source=str(item.get("source") or "push"),
            source_type="push",
            published=published,
            author=str(item.get(author_field) or "") if author_field else "",
            url=str(item.get("url") or ""),
            lang=lang or None,
            extra={k: v for k, v in item.items() if k not in _KNOWN and k != author_field},
        )
    except InvalidMention as exc:
        raise PushError(f"{where}: {exc}") from None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or exc.__class__.__name__


def token_matches(header: str | None, token: str) -> bool:
    """Constant-time check of an ``Authorization: Bearer <token>`` header.

    >>> token_matches("Bearer s3cret", "s3cret"), token_matches("Bearer s3cre", "s3cret")
    (True, False)
    >>> token_matches(None, "s3cret"), token_matches("s3cret", "s3cret")
    (False, False)
    """
    scheme, _, given = (header or "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


def over_rate(store: Store, client: str, limit: int, now: float | None = None) -> int:
    """Count one request of ``client`` in this minute; seconds to wait when over ``limit``."""
    now = time.time() if now is None else now
    if count_one(store.client, store.keys.push_rate(client, minute(now))) <= limit:
        return 0
    return seconds_left(now)


def register_push_routes(server, settings: Settings, store: Store) -> None:
    """Add ``POST /api/mentions`` to the Flask app ``server`` (e.g. a Dash app's ``.server``)."""
    from flask import jsonify, request

    def answer(status: int, headers: dict[str, str] | None = None, **body: Any):
        response = jsonify(body)
        response.status_code = status
        for name, value in (headers or {}).items():
            response.headers[name] = value
        return response

    def push_mentions():
        token = settings.push_token
        if not token:
            return answer(503, error="push disabled: set RADAR_PUSH_TOKEN")
        client = request.remote_addr or "unknown"
        try:
            wait_seconds = over_rate(store, client, settings.push_rate_per_minute)
        except redis.RedisError as exc:
            log.error("push from %s: store unavailable (%s)", client, _one_line(exc))
            return answer(503, error="store unavailable; nothing stored, retry later")
        if wait_seconds:
            log.warning(
                "push from %s refused: over %d requests per minute",
                client,
                settings.push_rate_per_minute,
            )
            return answer(
                429,
                {"Retry-After": str(wait_seconds)},
                error=f"too many requests: at most {settings.push_rate_per_minute} per minute; "
                f"retry in {wait_seconds} s",
            )
        if not token_matches(request.headers.get("Authorization"), token):
            log.warning("push from %s refused: missing or wrong token", client)
            return answer(
                401,
                {"WWW-Authenticate": 'Bearer realm="radar"'},
                error="missing or wrong token: send 'Authorization: Bearer <token>'",
            )
        limit = settings.push_max_bytes
        too_large = answer(413, error=f"body larger than {limit} bytes; send smaller batches")
        if request.content_length is not None and request.content_length > limit:
            return too_large
        body = request.stream.read(limit + 1)
        if len(body) > limit:
            return too_large
        try:
            mentions, refused = parse_items(body, undated_time(settings.clock, store))
        except PushError as exc:
            log.warning("push from %s refused: %s", client, exc)
            return answer(400, error=str(exc))
        if refused:
            log.warning("push from %s: %d item(s) refused: %s", client, len(refused), refused[0])
        try:
            counts = store.ingest(mentions)
        except redis.RedisError as exc:
            log.error("push from %s: store unavailable (%s)", client, _one_line(exc))
            partial = getattr(exc, "partial", None)
            if partial is not None and partial.stored + partial.duplicates:
                return answer(
                    503,
                    error="store unavailable; part of the batch was stored, retry the whole "
                    "batch later (what was stored counts as duplicates)",
                )
            return answer(503, error="store unavailable; nothing stored, retry later")
        log.info(
            "push from %s: %d received, %d new, %d duplicates",
            client,
            counts.received,
            counts.stored,
            counts.duplicates,
        )
        extra = {"refused": refused[:MAX_REASONS], "refused_count": len(refused)} if refused else {}
        return answer(
            202,
            received=counts.received + len(refused),  # every item sent, refused ones included
            stored=counts.stored,
            duplicates=counts.duplicates,
            **extra,
        )

    def other_method():
        # without this the wall's catch-all page route would answer GET with 200
        response = answer(405, error=f"use POST {ROUTE} with a JSON list of mentions")
        response.headers["Allow"] = "POST"
        return response

    server.add_url_rule(ROUTE, "radar_push_mentions", push_mentions, methods=["POST"])
    server.add_url_rule(
        ROUTE, "radar_push_other", other_method, methods=["GET", "PUT", "PATCH", "DELETE"]
    )
