import time

import pytest

from radar.config import FeedSource
from radar.feeds import poll_feed, url_hash
from tests.feedserver import FeedServer, atom, rss

pytestmark = pytest.mark.redis

DOCS = {
    "/nos.rss": rss(
        "Nieuws",
        [
            ("Storing bij NS", "Geen treinen rond Utrecht"),
            ("Bussen ingezet", "Vervangend vervoer <b>rijdt</b>"),
        ],
    ),
    "/blog.atom": atom("Blog", ["Stroom weer terug", "Wanneer komt de stroom terug?"]),
    "/broken.rss": b"<html><body>this is not a feed</body></html>",
}


def test_good_feeds_are_stored_and_broken_ones_reported(store):
    with FeedServer(DOCS).running() as server:
        sources = [
            FeedSource(name=p.strip("/"), url=server.base + p)
            for p in ["/nos.rss", "/blog.atom", "/broken.rss", "/missing.rss"]
        ]
        counts = [poll_feed(store, s) for s in sources]
    assert counts == [2, 2, 0, 0]
    assert store.pending_count() == 4
    broken = store.feed_state(url_hash(sources[2].url))
    assert broken["last_error"].startswith(f"{sources[2].url}: not a readable feed")
    missing = store.feed_state(url_hash(sources[3].url))
    assert missing["last_error"] == f"{sources[3].url}: HTTP 404 Not Found; check the feed URL"
    assert missing["failures"] == "1"


def test_second_poll_of_unchanged_feed_transfers_no_body(store):
    with FeedServer(DOCS).running() as server:
        source = FeedSource(name="nos", url=server.base + "/nos.rss")
        assert poll_feed(store, source) == 2
        assert poll_feed(store, source) == 0
        assert server.bodies_sent == 1
        assert store.feed_state(url_hash(source.url))["last_status"] == "304"
    assert store.pending_count() == 2


def test_include_terms_filter_entries(store):
    with FeedServer(DOCS).running() as server:
        source = FeedSource(name="nos", url=server.base + "/nos.rss", include=("vervangend",))
        assert poll_feed(store, source) == 1


def test_hanging_feed_fails_after_its_timeout(store):
    with FeedServer(DOCS, hang_seconds=3).running() as server:
        source = FeedSource(name="slow", url=server.base + "/hang")
        started = time.monotonic()
        assert poll_feed(store, source, timeout=0.5) == 0
        assert time.monotonic() - started < 2.5
    assert "no answer within 0.5 s" in store.feed_state(url_hash(source.url))["last_error"]
