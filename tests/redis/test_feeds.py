import threading
import time

import numpy as np
import pytest

from radar.config import FeedSource
from radar.feeds import poll_feed, run_feeds, url_hash
from radar.store import wait_for
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
    with FeedServer(DOCS, hang_seconds=30).running() as server:
        source = FeedSource(name="slow", url=server.base + "/hang")
        started = time.monotonic()
        assert poll_feed(store, source, timeout=0.5) == 0
        # far below the server's 30 s: the fetch's own timeout ended it (margin for a busy CPU)
        assert time.monotonic() - started < 10
    assert "no answer within 0.5 s" in store.feed_state(url_hash(source.url))["last_error"]


def _settings_with(settings, sources, **extra):
    return settings.replace(feeds=tuple(sources), **extra)


def test_hanging_feed_does_not_delay_the_others(store, settings):
    fast = {
        f"/f{i}.rss": rss(f"Feed {i}", [(f"Bericht {i} over de storing", "")]) for i in range(6)
    }
    with FeedServer(fast, hang_seconds=60).running() as server:
        sources = [FeedSource(name="slow", url=server.base + "/hang")] + [
            FeedSource(name=p.strip("/"), url=server.base + p) for p in fast
        ]
        config = _settings_with(settings, sources, feed_timeout_seconds=8.0)
        started = time.monotonic()
        worker = threading.Thread(
            target=run_feeds, args=(store, config, threading.Event()), kwargs={"once": True}
        )
        worker.start()
        assert wait_for(lambda: store.pending_count() == 6, timeout=8.0, interval=0.02)
        fast_done = time.monotonic() - started
        worker.join(timeout=60)
        round_done = time.monotonic() - started
    assert not worker.is_alive()
    # margins for a busy machine: the fast feeds are in before the slow one's 8 s timeout,
    # and the round ends at that timeout, far below the server's 60 s hang
    assert fast_done < 7.5, f"fast feeds took {fast_done:.2f} s behind a hanging one"
    assert 7.5 < round_done < 40  # the hanging feed's own timeout, not the server's 60 s
    slow = store.feed_state(url_hash(sources[0].url))
    assert (
        slow["last_error"] == f"{sources[0].url}: no answer within 8 s; the server is slow or down"
    )


def test_permanent_redirect_is_followed_and_reported(store):
    with FeedServer(DOCS, redirects={"/old.rss": (301, "/nos.rss")}).running() as server:
        source = FeedSource(name="old", url=server.base + "/old.rss")
        assert poll_feed(store, source) == 2
        state = store.feed_state(url_hash(source.url))
    assert state["final_url"] == server.base + "/nos.rss"
    assert state["last_warning"] == (
        f"{source.url}: moved permanently to {server.base}/nos.rss; update the feed URL"
    )
    assert state["last_error"] == ""


def test_declared_latin1_encoding_is_read(store):
    body = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>JN</title>'
        "<item><title>Incêndio destrói armazém em Lisboa</title><link>https://jn.example/1</link>"
        "</item></channel></rss>"
    ).encode("latin-1")
    with FeedServer({"/pt.rss": body}).running() as server:
        source = FeedSource(name="jn", url=server.base + "/pt.rss")
        assert poll_feed(store, source) == 1
    store.ensure_group()
    ((_id, mention),) = store.read_mentions("t", 10)
    assert mention.text == "Incêndio destrói armazém em Lisboa"


def test_partly_broken_feed_keeps_what_parsed(store):
    body = rss("Nieuws", [("Storing bij NS in Utrecht", "Geen treinen")]) + b"<junk>"
    with FeedServer({"/bozo.rss": body}).running() as server:
        source = FeedSource(name="bozo", url=server.base + "/bozo.rss")
        assert poll_feed(store, source) == 1
        state = store.feed_state(url_hash(source.url))
    assert state["last_error"] == ""
    assert state["last_warning"].startswith(f"{source.url}: partly broken feed (")
    assert state["last_warning"].endswith("kept the 1 entries that parsed")
    assert "\n" not in state["last_warning"]


def test_oversized_feed_is_refused_and_nothing_stored(store):
    big = rss("Groot", [(f"Bericht nummer {i} met wat tekst", "x" * 200) for i in range(200)])
    with FeedServer({"/big.rss": big}).running() as server:
        source = FeedSource(name="big", url=server.base + "/big.rss")
        assert poll_feed(store, source, max_bytes=10_000) == 0
    state = store.feed_state(url_hash(source.url))
    assert state["last_error"] == (
        f"{source.url}: {len(big)} bytes, over the 10000 bytes cap; not read"
    )
    assert store.pending_count() == 0


def test_body_that_names_a_local_file_is_not_opened(store, tmp_path):
    secret = tmp_path / "secret.rss"
    secret.write_bytes(rss("Geheim", [("Dit mag nooit binnenkomen via een feed", "")]))
    with FeedServer({"/path.rss": str(secret).encode()}).running() as server:
        source = FeedSource(name="path", url=server.base + "/path.rss")
        assert poll_feed(store, source) == 0
    assert store.pending_count() == 0
    assert "not a readable feed" in store.feed_state(url_hash(source.url))["last_error"]


def test_syndicated_news_is_stored_once_with_its_copies(store):
    title = "Landelijke storing treft treinverkeer rond Utrecht"
    docs = {
        f"/{name}.rss": rss(name, [(title, f"Bericht van {name}: {i} treinen rijden niet")])
        for i, name in enumerate(["nos", "ad", "nu"])
    }
    with FeedServer(docs).running() as server:
        total = sum(
            poll_feed(store, FeedSource(name=p.strip("/"), url=server.base + p)) for p in docs
        )
    assert total == 1
    store.ensure_group()
    ((_id, first),) = store.read_mentions("t", 10)
    assert store.copies([first.id]) == {first.id: 3}


def test_broken_feed_without_a_readable_entry_is_a_failure(store):
    truncated = b'<?xml version="1.0"?><rss version="2.0"><channel><item><title></title><link>x'
    with FeedServer({"/cut.rss": truncated}).running() as server:
        source = FeedSource(name="cut", url=server.base + "/cut.rss")
        assert poll_feed(store, source) == 0
    state = store.feed_state(url_hash(source.url))
    assert state["last_error"].startswith(f"{source.url}: broken feed (")
    assert state["last_error"].endswith(
        "with no readable entry; check the feed URL or tell its publisher"
    )
    assert not state.get("last_success")


UNDATED = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
    b"<item><title>Zonder datum</title><description>Rijden er nog bussen?</description>"
    b"<link>https://news.example/undated</link></item></channel></rss>"
)


@pytest.mark.parametrize(("clock", "on_the_data_clock"), [("data", True), ("wall", False)])
def test_an_undated_item_never_moves_a_replay_clock_to_today(store, clock, on_the_data_clock):
    from radar.model import EnrichedMention, Mention

    replayed = Mention.create("Storing bij NS", published=1795333500.0)  # 2026-11-22 07:45
    store.save_enriched(
        [EnrichedMention.from_mention(replayed)], np.zeros((1, 8), dtype=np.float32)
    )
    with FeedServer({"/undated.rss": UNDATED}).running() as server:
        source = FeedSource(name="u", url=server.base + "/undated.rss")
        assert poll_feed(store, source, clock=clock) == 1
    store.ensure_group()
    ((_id, mention),) = store.read_mentions("t", count=5)
    assert (mention.published == 1795333500.0) is on_the_data_clock
    assert on_the_data_clock or mention.published > time.time() - 60
