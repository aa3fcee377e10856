"""Poll RSS/Atom feeds with feedparser: conditional GET, timeouts, size cap, backoff.

:func:`fetch_feed` is the network edge (one HTTP GET); :func:`entries_to_mentions`
turns parsed entries into mentions; :func:`poll_feed` ties them to the store's
per-feed state, so one broken feed is one logged line and never stops the rest.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import logging
import random
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass

from radar.config import FeedSource, Settings
from radar.errors import FeedError
from radar.model import Mention
from radar.store import Store

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = "crisis-radar/0.1 (+https://github.com/crisis-radar)"
_TAG = re.compile(r"<[^>]+>")


def url_hash(url: str) -> str:
    """Short stable key of a feed URL.

    >>> url_hash("https://example.org/rss")
    'c1da853fbc01ffdf'
    """
    return hashlib.blake2b(url.encode(), digest_size=8).hexdigest()


@dataclass
class FetchResult:
    status: int
    body: bytes | None
    etag: str | None
    last_modified: str | None


def fetch_feed(
    url: str, etag: str | None = None, modified: str | None = None, timeout: float = 10.0
) -> FetchResult:
    """GET a feed with conditional headers; FeedError naming the URL on any failure."""
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    )
    if etag:
        request.add_header("If-None-Match", etag)
    if modified:
        request.add_header("If-Modified-Since", modified)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise FeedError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB; not read")
            return FetchResult(
                response.status,
                body,
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return FetchResult(304, None, etag, modified)
        raise FeedError(f"{url}: HTTP {exc.code} {exc.reason}; check the feed URL") from None
    except urllib.error.URLError as exc:
        raise FeedError(
            f"{url}: cannot connect ({exc.reason}); check the URL and the network"
        ) from None
    except TimeoutError:
        raise FeedError(
            f"{url}: no answer within {timeout:g} s; the server is slow or down"
        ) from None
    except OSError as exc:
        raise FeedError(
            f"{url}: connection failed ({exc}); check the URL and the network"
        ) from None


def _entry_text(entry) -> str:
    title = entry.get("title") or ""
    summary = entry.get("summary") or ""
    summary = html.unescape(_TAG.sub(" ", summary))
    title = html.unescape(_TAG.sub(" ", title))
    if summary and title and summary.strip().startswith(title.strip()):
        return summary
    return f"{title}. {summary}".strip(" .") if summary else title


def _entry_time(entry) -> float | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return float(calendar.timegm(value))
    return None


def entries_to_mentions(parsed, source: FeedSource, now: float | None = None) -> list[Mention]:
    """Mentions of a parsed feed, filtered by the source's include/exclude terms."""
    now = time.time() if now is None else now
    kind = "atom" if str(parsed.get("version", "")).startswith("atom") else "rss"
    out = []
    for entry in parsed.entries:
        text = _entry_text(entry)
        if not text.strip():
            continue
        folded = text.casefold()
        if source.include and not any(t.casefold() in folded for t in source.include):
            continue
        if any(t.casefold() in folded for t in source.exclude):
            continue
        out.append(
            Mention.create(
                text,
                source=source.name,
                source_type=kind,
                published=_entry_time(entry) or now,
                author=str(entry.get("author") or ""),
                url=str(entry.get("link") or ""),
                lang=source.lang,
            )
        )
    return out


def parse_feed(body: bytes, url: str):
    """feedparser on bytes; partly broken ('bozo') feeds keep what parsed."""
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = getattr(parsed, "bozo_exception", None) or "not an RSS or Atom document"
        raise FeedError(
            f"{url}: not a readable feed ({reason}); check that the URL serves RSS or Atom"
        )
    return parsed


def poll_feed(store: Store, source: FeedSource, timeout: float = 10.0) -> int:
    """Poll one feed once, record its health in the store. Returns new mentions stored."""
    key = url_hash(source.url)
    state = store.feed_state(key)
    now = time.time()
    try:
        result = fetch_feed(source.url, state.get("etag"), state.get("last_modified"), timeout)
        new = 0
        items = 0
        if result.status != 304 and result.body is not None:
            parsed = parse_feed(result.body, source.url)
            mentions = entries_to_mentions(parsed, source, now)
            items = len(mentions)
            new = store.add_mentions(mentions)
        store.set_feed_state(
            key,
            name=source.name,
            url=source.url,
            etag=result.etag,
            last_modified=result.last_modified,
            last_success=now,
            last_status=result.status,
            items=items,
            new=new,
            failures=0,
            last_error="",
            next_poll=now + source.interval_seconds,
        )
        return new
    except FeedError as exc:
        failures = int(state.get("failures") or 0) + 1
        backoff = min(source.interval_seconds * 2**failures, 3600.0)
        store.set_feed_state(
            key,
            name=source.name,
            url=source.url,
            last_error=str(exc),
            last_error_at=now,
            failures=failures,
            next_poll=now + backoff,
        )
        log.warning("%s", exc)
        return 0


def run_feeds(store: Store, settings: Settings, stop: threading.Event, once: bool = False) -> None:
    """Poll every enabled feed at its interval (with jitter) until ``stop``; ``once``: one round."""
    sources = [f for f in settings.feeds if f.enabled]
    due = {f.url: time.time() for f in sources}
    while not stop.is_set():
        for source in sources:
            if time.time() >= due[source.url]:
                poll_feed(store, source)
                state = store.feed_state(url_hash(source.url))
                next_poll = float(state.get("next_poll") or time.time() + source.interval_seconds)
                due[source.url] = next_poll + random.uniform(0, 0.1 * source.interval_seconds)
        if once:
            return
        stop.wait(max(0.5, min(due.values(), default=time.time() + 5) - time.time()))


def feed_sources_from_urls(urls: Iterable[str]) -> tuple[FeedSource, ...]:
    """Ad-hoc feeds from ``--feed URL`` flags, named after their host."""
    from urllib.parse import urlparse

    return tuple(FeedSource(name=urlparse(u).netloc or u, url=u) for u in urls)
