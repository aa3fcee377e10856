"""Poll RSS/Atom feeds with feedparser: conditional GET, timeouts, size cap, backoff.

:func:`fetch_feed` is the network edge (one HTTP GET, redirects followed and
recorded); :func:`parse_feed` reads any declared encoding and keeps what parsed of
a partly broken ("bozo") feed; :func:`entries_to_mentions` turns entries into
mentions; :func:`poll_feed` ties them to the store's per-feed state, so one broken
feed is one line in its state and the log and never stops the rest.
:func:`run_feeds` polls the feeds concurrently, so a hanging server costs only its
own timeout.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import http.client
import io
import logging
import random
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from radar.clock import undated_time
from radar.config import FeedSource, Settings
from radar.errors import ConfigError, FeedError, InvalidMention
from radar.feed_guard import read_with_deadline, redirect_problem
from radar.model import Mention
from radar.store import Store

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
MAX_PARALLEL = 8
MAX_BACKOFF_SECONDS = 3600.0
USER_AGENT = "crisis-radar/0.1 (+https://github.com/crisis-radar)"
_TAG = re.compile(r"<[^>]+>")
_CHUNK = 64 * 1024


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
    content_type: str = ""
    url: str = ""
    redirects: list[tuple[int, str]] = field(default_factory=list)

    @property
    def moved_permanently(self) -> str | None:
        """The new URL when every redirect on the way was permanent (301/308)."""
        if self.redirects and all(code in (301, 308) for code, _u in self.redirects):
            return self.redirects[-1][1]
        return None


class _RecordingRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects like urllib does and remembers (status, new URL) of each."""

    def __init__(self) -> None:
        self.chain: list[tuple[int, str]] = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        problem = redirect_problem(req.full_url, newurl)
        if problem:
            raise FeedError(f"{req.full_url}: {problem}")
        if urlsplit(newurl).hostname != urlsplit(req.full_url).hostname:
            log.warning("%s: redirected to another host, %s", req.full_url, newurl)
        self.chain.append((code, newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _size(size: int) -> str:
    """Bytes for people.

    >>> _size(5 * 1024 * 1024), _size(10_000)
    ('5 MB', '10000 bytes')
    """
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"
    return f"{size} bytes"


def fetch_feed(
    url: str,
    etag: str | None = None,
    modified: str | None = None,
    timeout: float = 10.0,
    max_bytes: int = MAX_BYTES,
) -> FetchResult:
    """GET a feed with conditional headers; FeedError naming the URL on any failure.

    ``timeout`` bounds the connection, each read and the whole transfer (checked
    between chunks); bodies over ``max_bytes`` are refused without being kept.
    """
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    )
    if etag:
        request.add_header("If-None-Match", etag)
    if modified:
        request.add_header("If-Modified-Since", modified)
    redirects = _RecordingRedirects()
    opener = urllib.request.build_opener(redirects)
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FeedError(
                    f"{url}: {declared} bytes, over the {_size(max_bytes)} cap; not read"
                )
            body = read_with_deadline(
                response, url, timeout, max_bytes, _CHUNK, _size(max_bytes), deadline
            )
            return FetchResult(
                response.status,
                body,
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
                response.headers.get("Content-Type", ""),
                response.url,
                redirects.chain,
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return FetchResult(304, None, etag, modified, url=url, redirects=redirects.chain)
        reason = " ".join(str(exc.reason).split())  # a redirect loop's reason spans lines
        raise FeedError(f"{url}: HTTP {exc.code} {reason}; check the feed URL") from None
    except FeedError:
        raise
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FeedError(
                f"{url}: no answer within {timeout:g} s; the server is slow or down"
            ) from None
        raise FeedError(
            f"{url}: cannot connect ({exc.reason}); check the URL and the network"
        ) from None
    except TimeoutError:
        raise FeedError(
            f"{url}: no answer within {timeout:g} s; the server is slow or down"
        ) from None
    except (OSError, http.client.HTTPException) as exc:
        raise FeedError(
            f"{url}: connection failed ({exc.__class__.__name__}: {exc}); "
            "check the URL and the network"
        ) from None
    except ValueError as exc:  # e.g. an unknown URL scheme
        raise FeedError(f"{url}: not a URL the radar can fetch ({exc})") from None


def _clean(value: str) -> str:
    return html.unescape(_TAG.sub(" ", value or "")).strip()


def _entry_text(entry) -> str:
    title = _clean(entry.get("title") or "")
    summary = _clean(entry.get("summary") or "")
    if summary and title and summary.startswith(title):
        return summary
    return f"{title}. {summary}".strip(" .") if summary else title


def _entry_time(entry) -> float | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)  # plain lookup: no feedparser fallback and its warning
        if value:
            try:
                return float(calendar.timegm(value))
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def entries_to_mentions(parsed, source: FeedSource, now: float | None = None) -> list[Mention]:
    """Mentions of a parsed feed, filtered by the source's include/exclude terms.

    Entries with neither title nor text are skipped. The entry title is kept in
    ``extra["title"]``: syndicated copies of one news item share it (near-duplicates).
    """
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
        title = _clean(entry.get("title") or "")
        try:
            mention = Mention.create(
                text,
                source=source.name,
                source_type=kind,
                published=_entry_time(entry) or now,
                author=str(entry.get("author") or ""),
                url=str(entry.get("link") or ""),
                lang=source.lang,
                extra={"title": title} if title else None,
            )
        except InvalidMention as exc:  # one bad entry costs that entry, not the feed
            log.warning("%s: skipped entry %s: %s", source.url, entry.get("link") or "?", exc)
            continue
        out.append(mention)
    return out


def parse_feed(body: bytes, url: str, content_type: str = ""):
    """feedparser on bytes, honouring the declared encoding (HTTP header, XML declaration).

    Partly broken ("bozo") feeds keep what parsed; a document without any entry
    that is not a feed raises FeedError naming the URL and the cause.
    """
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        # a stream, never bytes: feedparser opens a bytes argument as a file name first
        parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    except Exception as exc:  # feedparser has no error hierarchy of its own
        raise FeedError(f"{url}: feed parser failed ({exc.__class__.__name__}: {exc})") from None
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = _one_line(getattr(parsed, "bozo_exception", None) or "") or (
            "not an RSS or Atom document"
        )
        raise FeedError(
            f"{url}: not a readable feed ({reason}); check that the URL serves RSS or Atom"
        )
    return parsed


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


def _warning(url: str, parsed, entries: int, without_text: int, moved: str | None) -> str:
    """One line about what was wrong but not fatal with this poll ('' when nothing)."""
    problems = []
    if parsed is not None and parsed.bozo and parsed.entries:
        problems.append(
            f"partly broken feed ({_one_line(parsed.get('bozo_exception', ''))}); "
            f"kept the {entries} entries that parsed"
        )
    if without_text:
        problems.append(f"{without_text} of {entries} entries have no title or text; skipped")
    if moved:
        problems.append(f"moved permanently to {moved}; update the feed URL")
    return f"{url}: " + "; ".join(problems) if problems else ""


def poll_feed(
    store: Store,
    source: FeedSource,
    timeout: float = 10.0,
    max_bytes: int = MAX_BYTES,
    clock: str = "wall",
) -> int:
    """Poll one feed once, record its health in the store. Returns new mentions stored.

    An entry without a date gets the time of the poll; on the data clock (``clock``, the
    settings' radar clock) the newest mention's time instead (:func:`radar.clock.undated_time`),
    so an undated item never moves a replay's clock to today.

    The feed state (``radar feeds status``) holds last success, last status, items,
    new mentions, near-duplicate copies, next poll, and one line per problem:
    ``last_error`` (nothing read; the poll backs off exponentially) or ``last_warning``
    (partly broken feed, entries without text, permanent redirect).
    """
    key = url_hash(source.url)
    state = store.feed_state(key)
    now = time.time()
    document: dict[str, str | None] = {}
    try:
        result = fetch_feed(
            source.url, state.get("etag"), state.get("last_modified"), timeout, max_bytes
        )
        new = items = copies = 0
        if result.status == 304:
            if state.get("parse_error"):  # unchanged since it failed to parse: still broken
                raise FeedError(state["parse_error"])
            items = int(state.get("items") or 0)
            warning = state.get("last_warning", "")
        else:
            document = {"etag": result.etag, "last_modified": result.last_modified}
            parsed = parse_feed(result.body or b"", source.url, result.content_type)
            undated = undated_time(clock, store, wall=now)
            mentions = entries_to_mentions(parsed, source, undated)
            without_text = sum(1 for e in parsed.entries if not _entry_text(e).strip())
            if parsed.bozo and without_text == len(parsed.entries):
                # broken, and nothing usable survived: a failure, not a warning
                raise FeedError(
                    f"{source.url}: broken feed ({_one_line(parsed.get('bozo_exception', ''))}) "
                    "with no readable entry; check the feed URL or tell its publisher"
                )
            items = len(mentions)
            counts = store.ingest(mentions)
            new, copies = counts.stored, counts.near_duplicates
            warning = _warning(
                source.url, parsed, len(parsed.entries), without_text, result.moved_permanently
            )
            if warning:
                log.warning("%s", warning)
        store.set_feed_state(
            key,
            name=source.name,
            url=source.url,
            final_url=result.url or source.url,
            etag=result.etag,
            last_modified=result.last_modified,
            last_success=now,
            last_status=result.status,
            items=items,
            new=new,
            copies=copies,
            failures=0,
            last_error="",
            parse_error="",
            last_warning=warning,
            next_poll=now + source.interval_seconds,
        )
        return new
    except FeedError as exc:
        failures = int(state.get("failures") or 0) + 1
        backoff = min(source.interval_seconds * 2**failures, MAX_BACKOFF_SECONDS)
        # a document that arrived but did not parse keeps its validators: until it
        # changes, the server answers 304 and the same error stands without a download
        broken = {**document, "parse_error": str(exc)} if document else {}
        store.set_feed_state(
            key,
            name=source.name,
            url=source.url,
            last_error=str(exc),
            last_error_at=now,
            failures=failures,
            next_poll=now + max(backoff, source.interval_seconds),
            **broken,
        )
        log.warning("%s", exc)
        return 0


def _poll_guarded(
    store: Store, source: FeedSource, timeout: float, max_bytes: int, clock: str
) -> int:
    """poll_feed that never raises: a store outage or a bug is one logged line per feed."""
    try:
        return poll_feed(store, source, timeout, max_bytes, clock)
    except Exception as exc:
        log.error("%s: poll failed (%s: %s)", source.url, exc.__class__.__name__, _one_line(exc))
        return 0


def _next_due(store: Store, source: FeedSource) -> float:
    """When to poll ``source`` again: its recorded next poll plus up to 10 % jitter."""
    try:
        next_poll = float(store.feed_state(url_hash(source.url)).get("next_poll") or 0)
    except Exception as exc:  # store outage: try again after the interval
        log.error("%s: cannot read feed state (%s)", source.url, _one_line(exc))
        next_poll = 0.0
    next_poll = next_poll or time.time() + source.interval_seconds
    return next_poll + random.uniform(0, 0.1 * source.interval_seconds)


def run_feeds(
    store: Store,
    settings: Settings,
    stop: threading.Event,
    once: bool = False,
    max_parallel: int = MAX_PARALLEL,
) -> None:
    """Poll every enabled feed at its interval (with jitter) until ``stop``; ``once``: one round.

    Up to ``max_parallel`` feeds are fetched at once; a feed is never polled twice at
    the same time, and a slow one delays only itself (by at most its timeout).
    """
    sources = list({f.url: f for f in settings.feeds if f.enabled}.values())
    if not sources:
        return
    timeout = settings.feed_timeout_seconds
    max_bytes = settings.feed_max_bytes
    due = {f.url: time.time() for f in sources}
    running: dict[Future, FeedSource] = {}
    pool = ThreadPoolExecutor(
        max_workers=max(1, min(max_parallel, len(sources))), thread_name_prefix="feed"
    )
    try:
        while not stop.is_set():
            now = time.time()
            busy = {s.url for s in running.values()}
            for source in sources:
                if source.url not in busy and now >= due[source.url]:
                    future = pool.submit(
                        _poll_guarded, store, source, timeout, max_bytes, settings.clock
                    )
                    running[future] = source
            if once:
                wait(list(running))
                return
            next_due = min(
                (due[s.url] for s in sources if s not in running.values()),
                default=now + 1.0,
            )
            pause = min(max(next_due - time.time(), 0.05), 0.5)
            done, _pending = wait(list(running), timeout=pause, return_when=FIRST_COMPLETED)
            if not running:
                stop.wait(pause)
            for future in done:
                source = running.pop(future)
                due[source.url] = _next_due(store, source)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def feed_sources_from_urls(urls: Iterable[str]) -> tuple[FeedSource, ...]:
    """Ad-hoc feeds from ``--feed URL`` flags, named after host and path (unique per URL).

    >>> [f.name for f in feed_sources_from_urls(["https://nos.nl/rss/", "http://x.org/a.xml"])]
    ['nos.nl/rss', 'x.org/a.xml']
    >>> feed_sources_from_urls(["nos.nl/rss"])
    Traceback (most recent call last):
    radar.errors.ConfigError: --feed: 'nos.nl/rss' is not an http(s) URL; give the full address, e.g. https://nos.nl/rss
    """
    from urllib.parse import urlparse

    out = []
    for url in dict.fromkeys(u.strip() for u in urls):
        parts = urlparse(url)
        if parts.scheme not in ("http", "https", "file") or not (parts.netloc or parts.path):
            raise ConfigError(
                f"--feed: {url!r} is not an http(s) URL; give the full address, "
                "e.g. https://nos.nl/rss"
            )
        name = (parts.netloc + parts.path.rstrip("/")) or url
        if parts.query:
            name += "?" + parts.query
        out.append(FeedSource(name=name, url=url))
    return tuple(out)
