"""One bad value costs that value only: validated at the edges, parked by the worker.

Issue 16 items 3, 4 and 9, against a real Redis: a queued mention whose time is NaN,
whose language is a number, or whose JSON is broken used to fail its whole batch of
64 on every retry; an OOM answer filled the worker log with tracebacks.
"""

import json
import logging
import threading

import pytest

from clustering.embedders import HashingEmbedder
from radar.enrichment import Enricher, enrich_pending, run_worker
from radar.errors import InvalidMention
from radar.files import read_mentions
from radar.health import health
from radar.keys import Keys
from radar.model import Mention
from radar.push import PushError, parse_batch
from radar.store import Store, wait_for
from tests.redis.servers import fill_to_headroom, free_memory, own_redis

pytestmark = pytest.mark.redis

START = 1_795_330_000.0


def _good(n: int) -> list[Mention]:
    return [
        Mention.create(f"Rijden er nog treinen naar station {i}?", source="x", published=START + i)
        for i in range(n)
    ]


class Brittle(HashingEmbedder):
    """Fails on one text, as a model can on one odd input."""

    def embed(self, texts):
        if any("ontplof" in t for t in texts):
            raise RuntimeError("the model choked on this text")
        return super().embed(texts)


def _queue_raw(redis_client, store, payloads: list[str]) -> None:
    for payload in payloads:
        redis_client.xadd(store.keys.mentions, {"m": payload})


def test_bad_entries_are_parked_and_the_rest_of_the_batch_is_stored(store, settings, redis_client):
    store.ensure_group()
    store.add_mentions(_good(20))
    row = {"id": "nan-1", "text": "tijd is NaN", "published": START}
    _queue_raw(
        redis_client,
        store,
        [
            json.dumps(row).replace(f"{START}", "NaN"),  # the JSON literal NaN
            json.dumps({**row, "id": "lang-5", "lang": 5}),
            json.dumps({**row, "id": "year-3000", "published": 32503680000.0}),
            '{"id": "cut", "text": "afgebro',
        ],
    )
    store.add_mentions([Mention.create("Het ontploft hier bijna", published=START + 50)])
    store.add_mentions(_good(30)[20:])
    enricher = Enricher(settings.replace(batch_size=64), Brittle(), b"key")
    while enrich_pending(store, enricher, "w1", block_ms=None):
        pass
    assert store.enriched_count() == 30  # every good mention, in one pass
    assert store.pending_count() == 0  # nothing left to fail again
    parked = {d["id"]: d["reason"] for d in store.dead_letters()}
    assert len(parked) == 5
    reasons = sorted(parked.values())
    assert any("'published' is not a finite time" in r for r in reasons)
    assert any("'lang' must be a language code" in r for r in reasons)
    assert any("more than a day in the future" in r for r in reasons)
    assert any(r.startswith("not JSON") for r in reasons)
    assert any("the model choked" in r for r in reasons)
    assert int(redis_client.hget(store.keys.metrics, "mentions_dead_lettered_total")) == 5
    _ok, details = health(store, settings)
    assert details["enrichment_dead_lettered"] == 5


@pytest.mark.parametrize(
    "item, reason",
    [
        ({"text": "x", "published": float("nan")}, "'published' is not a time"),
        ({"text": "x", "published": "inf"}, "'published' is not a time"),
        ({"text": "x", "published": 1e308}, "more than a day in the future"),
        ({"text": "x", "published": "9999-12-31T23:59:59Z"}, "more than a day in the future"),
        ({"text": "x", "lang": 5}, "'lang' must be a language code"),
    ],
)
def test_push_refuses_impossible_values_naming_the_item(item, reason):
    body = json.dumps([{"text": "goed"}, item]).encode()
    with pytest.raises(PushError, match=rf"^item 1: .*{reason}"):
        parse_batch(body)


def test_import_skips_impossible_values_naming_the_line_and_keeps_the_rest(tmp_path):
    path = tmp_path / "m.jsonl"
    lines = [
        json.dumps({"text": "goed 1", "published": START}),
        '{"text": "nan", "published": NaN}',
        json.dumps({"text": "year 9999", "published": "9999-12-31T23:59:59Z"}),
        json.dumps({"text": "lang", "published": START, "lang": 5}),
        json.dumps({"text": "goed 2", "published": START + 1}),
    ]
    path.write_text("\n".join(lines) + "\n")
    skipped = []
    got = [m.text for _n, m in read_mentions(path, errors="skip", on_skip=skipped.append)]
    assert got == ["goed 1", "goed 2"]
    assert [str(e).split(":")[1] for e in skipped] == ["2", "3", "4"]
    assert all(isinstance(e, InvalidMention) for e in skipped)
    assert "'published' is not a finite time" in str(skipped[0])


def test_a_long_text_is_cut_at_ingest_and_says_how_long_it_was():
    m = Mention.create("woord " * 100_000)
    assert len(m.text) == 10_000 and m.extra["text_chars"] == 599_999


def test_oom_is_one_line_and_a_retry_not_a_traceback(settings, caplog):
    """A Redis that refuses writes (OOM) is an outage: one warning, backoff, then recovery,
    and nothing parked: against a real redis-server of the test's own, near maxmemory."""
    fast = settings.replace(batch_size=100)
    with own_redis() as client:
        store = Store(client, Keys("oom"), fast.retention_hours * 3600)
        store.ensure_group()
        store.ingest(_good(300))
        fill_to_headroom(client, 20_000)
        caplog.set_level(logging.WARNING, logger="radar.enrichment")
        stop = threading.Event()
        enricher = Enricher(fast, HashingEmbedder(), b"key")
        worker = threading.Thread(target=run_worker, args=(store, enricher, "w1", stop, 100))
        worker.start()
        try:
            assert wait_for(lambda: "Redis refuses writes" in caplog.text, timeout=120)
            free_memory(client)
            assert wait_for(lambda: store.enriched_count() == 300, timeout=120), caplog.text
        finally:
            stop.set()
            worker.join(30)
        text = caplog.text
        assert "Traceback" not in text and "batch failed" not in text, text
        assert text.count("Redis refuses writes (") == 1, text
        assert "Redis is back" in text
        assert store.dead_letters() == []  # an outage parks nothing


def test_deeply_nested_json_is_a_one_line_refusal_on_push_and_import(tmp_path):
    deep = "[" * 5000 + "]" * 5000
    with pytest.raises(PushError, match="nests JSON too deeply"):
        parse_batch(deep.encode())
    path = tmp_path / "deep.jsonl"
    path.write_text(json.dumps({"text": "goed"}) + "\n" + '{"text": ' + deep + "}\n")
    skipped = []
    got = [m.text for _n, m in read_mentions(path, errors="skip", on_skip=skipped.append)]
    assert got == ["goed"] and "2: JSON nested too deeply" in str(skipped[0])


def test_links_and_sources_carry_no_script():
    m = Mention.create("x", url="javascript:alert(1)", source="<img src=x onerror=alert(1)>NOS")
    assert m.url == "" and m.source == "NOS"


def test_status_and_metrics_show_what_is_parked(store, settings, redis_client):
    from radar.metrics import collect, render, status_lines

    store.ensure_group()
    _queue_raw(redis_client, store, ['{"id": "x", "text": "t", "published": NaN}'])
    enrich_pending(store, Enricher(settings, HashingEmbedder(), b"k"), "w1", block_ms=None)
    assert "1 parked in the dead-letter stream" in "\n".join(status_lines(store, settings))
    assert "radar_mentions_dead_lettered 1" in render(collect(store, settings))
