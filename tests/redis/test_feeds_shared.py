"""The 30 real-world feed documents of ``shared/data/feeds`` through the real poller.

The folder comes from ``RADAR_SHARED_DATA`` (or ``../shared/data`` next to the repo);
nothing is copied into the repository. The documents are served by a local HTTP
server with their declared encodings, polled through :func:`radar.feeds.poll_feed`
into a real Redis, then polled again (conditional GET: 304, no bodies).
"""

from __future__ import annotations

import io
import logging

import pytest

from radar.config import FeedSource
from radar.feeds import poll_feed, url_hash
from tests.conftest import SHARED_DATA
from tests.feedserver import FeedServer, content_type, documents_from_folder

pytestmark = pytest.mark.redis

FEEDS = SHARED_DATA / "feeds"


def _expected(documents: dict[str, bytes]) -> tuple[int, set[str], int]:
    """(storable items, broken documents, entries feedparser finds), independent of radar."""
    import html
    import re

    import feedparser

    tag = re.compile(r"<[^>]+>")
    storable = 0
    found = 0
    broken = set()
    for path, body in documents.items():
        parsed = feedparser.parse(
            io.BytesIO(body), response_headers={"content-type": content_type(path, body)}
        )
        found += len(parsed.entries)
        if not parsed.entries and (parsed.bozo or not parsed.get("version")):
            broken.add(path)
            continue
        seen = set()
        for e in parsed.entries:
            title = html.unescape(tag.sub(" ", e.get("title") or "")).strip()
            summary = html.unescape(tag.sub(" ", e.get("summary") or "")).strip()
            if not (title or summary):
                continue  # nothing to store: no title, no text
            seen.add((" ".join(title.split()), " ".join(summary.split()), e.get("link") or ""))
        storable += len(seen)  # exact duplicates (same text and link in one feed) once
    return storable, broken, found


@pytest.mark.skipif(
    not FEEDS.is_dir(),
    reason=f"shared feed documents not found at {FEEDS}; set RADAR_SHARED_DATA to the data folder",
)
def test_real_world_feeds_are_stored_once_and_broken_ones_reported(store, caplog):
    documents = documents_from_folder(FEEDS)
    assert len(documents) == 30
    storable, broken, found = _expected(documents)
    with FeedServer(documents).running() as server:
        sources = {
            path: FeedSource(name=path.strip("/"), url=server.base + path) for path in documents
        }
        with caplog.at_level(logging.WARNING, logger="radar.feeds"):
            new = {path: poll_feed(store, source) for path, source in sources.items()}
        states = {path: store.feed_state(url_hash(s.url)) for path, s in sources.items()}
        stored = store.pending_count()
        copies = sum(int(state.get("copies") or 0) for state in states.values())

        # every parsable item once: as a mention, or as a counted copy of one
        assert sum(new.values()) == stored
        assert stored + copies == storable
        # each broken document: one line in its feed state naming the URL and the cause
        failed = {path for path, state in states.items() if state["last_error"]}
        assert failed == broken
        for path in broken:
            error = states[path]["last_error"]
            assert error.startswith(f"{sources[path].url}: not a readable feed (")
            assert "\n" not in error
        assert all(not s["last_error"] for p, s in states.items() if p not in broken)
        # the ISO-8859-1 Portuguese feed is read in its declared encoding
        assert states["/encoding.rss"]["items"] == "40"
        assert all("\n" not in (s.get("last_warning") or "") for s in states.values())

        bodies = server.bodies_sent
        again = [poll_feed(store, source) for source in sources.values()]
        assert sum(again) == 0
        assert server.bodies_sent == bodies, "unchanged feeds sent their bodies again"
        assert store.pending_count() == stored
        second = {path: store.feed_state(url_hash(s.url)) for path, s in sources.items()}
        assert all(second[p]["last_status"] == "304" for p in documents if p not in broken)
        assert all(second[p]["last_error"] == states[p]["last_error"] for p in broken)

    warnings = [s["last_warning"] for s in states.values() if s.get("last_warning")]
    print(
        f"\nshared feeds: {len(documents)} documents, {len(documents) - len(broken)} parsed, "
        f"{len(broken)} broken ({', '.join(sorted(broken))}), {found} entries found, "
        f"{storable} storable items, {stored} mentions stored + {copies} near-duplicate copies, "
        f"{len(warnings)} feeds with a warning"
    )
