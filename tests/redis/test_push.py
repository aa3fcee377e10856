"""POST /api/mentions against a real Redis, through Flask's test client."""

from __future__ import annotations

import json
import logging

import flask
import numpy as np
import pytest

from clustering.embedders import HashingEmbedder
from radar.enrichment import Enricher, enrich_pending
from radar.push import register_push_routes

pytestmark = pytest.mark.redis

TOKEN = "test-token-3f9a"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BATCH = [
    {"text": "Rijden er nog treinen tussen Utrecht en Amersfoort?", "author": "@jan"},
    {"text": "Storing bij NS, niemand weet iets", "source": "x", "published": 1795333500},
    {"id": "tw-1", "text": "Hoe lang duurt de storing nog?", "url": "https://x.example/1"},
]


@pytest.fixture
def push_settings(settings):
    return settings.replace(push_token=TOKEN, push_max_bytes=4096, push_rate_per_minute=5)


def _client(settings, store):
    server = flask.Flask("push-test")
    register_push_routes(server, settings, store)
    return server.test_client()


def test_request_without_or_with_wrong_token_is_refused(store, push_settings):
    client = _client(push_settings, store)
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        answer = client.post("/api/mentions", json=BATCH, headers=headers)
        assert answer.status_code == 401
        assert answer.json == {
            "error": "missing or wrong token: send 'Authorization: Bearer <token>'"
        }
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert store.pending_count() == 0


def test_push_is_disabled_without_a_configured_token(store, settings):
    answer = _client(settings, store).post("/api/mentions", json=BATCH, headers=AUTH)
    assert answer.status_code == 503
    assert answer.json == {"error": "push disabled: set RADAR_PUSH_TOKEN"}


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"[{", "body is not valid JSON (Expecting property name enclosed in double quotes"),
        (b'{"text": "x"}', "body must be a JSON list of mention objects"),
        (json.dumps(["tekst"]).encode(), "item 0: expected an object, got str"),
        (
            json.dumps([{"txt": "x"}, {"txt": "y"}]).encode(),
            "item 0: 'text' is missing (and 1 more)",
        ),
        (json.dumps([{"text": 5}]).encode(), "item 0: 'text' must be a string"),
        (json.dumps([{"text": "  "}]).encode(), "item 0: 'text' is empty"),
        (json.dumps([{"text": "x", "url": ["a"]}]).encode(), "item 0: 'url' must be a string"),
        (
            json.dumps([{"text": "x", "published": "gisteren"}]).encode(),
            "item 0: 'published' is not a time ('gisteren'); use ISO 8601 or epoch seconds",
        ),
    ],
)
def test_malformed_body_gets_400_with_one_line_reason(store, push_settings, body, reason):
    answer = _client(push_settings, store).post(
        "/api/mentions", data=body, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert answer.status_code == 400
    assert set(answer.json) == {"error"}
    assert answer.json["error"].startswith(reason)
    assert "\n" not in answer.json["error"]
    assert store.pending_count() == 0  # nothing of a batch without one good item is stored


def test_a_bad_item_costs_that_item_only(store, push_settings):
    body = [BATCH[0], "tekst", BATCH[1], {"txt": "x"}, {"text": "y", "published": 1e308}]
    answer = _client(push_settings, store).post("/api/mentions", json=body, headers=AUTH)
    assert answer.status_code == 202
    assert answer.json["stored"] == 2 and answer.json["refused_count"] == 3
    assert answer.json["refused"][0] == "item 1: expected an object, got str"
    assert answer.json["refused"][1] == "item 3: 'text' is missing"
    assert "more than a day in the future" in answer.json["refused"][2]
    assert store.pending_count() == 2


def test_valid_batch_is_stored_once_even_when_sent_twice(store, push_settings):
    client = _client(push_settings, store)
    first = client.post("/api/mentions", json=BATCH, headers=AUTH)
    assert first.status_code == 202
    assert first.json == {"received": 3, "stored": 3, "duplicates": 0}
    again = client.post("/api/mentions", json=BATCH, headers=AUTH)
    assert again.status_code == 202
    assert again.json == {"received": 3, "stored": 0, "duplicates": 3}
    assert store.pending_count() == 3
    store.ensure_group()
    pushed = {m.id: m for _i, m in store.read_mentions("t", 10)}
    assert "tw-1" in pushed
    assert {m.source_type for m in pushed.values()} == {"push"}


def test_retweets_in_a_push_count_as_copies(store, push_settings):
    text = "Treinen rijden weer tussen Utrecht en Amersfoort"
    batch = [
        {"text": text},
        {"text": f"RT @ns: {text} https://t.co/x1"},
        {"text": f"RT @a: {text}"},
    ]
    answer = _client(push_settings, store).post("/api/mentions", json=batch, headers=AUTH)
    assert answer.json == {"received": 3, "stored": 1, "duplicates": 2}


def test_body_over_the_size_cap_gets_413(store, push_settings):
    big = [{"text": "Storing " * 50} for _ in range(20)]
    answer = _client(push_settings, store).post("/api/mentions", json=big, headers=AUTH)
    assert answer.status_code == 413
    assert answer.json == {"error": "body larger than 4096 bytes; send smaller batches"}
    assert store.pending_count() == 0


def test_client_over_the_rate_limit_gets_429(store, push_settings):
    client = _client(push_settings, store)
    codes = [
        client.post("/api/mentions", json=[{"text": f"bericht {i}"}], headers=AUTH).status_code
        for i in range(7)
    ]
    assert codes == [202] * 5 + [429] * 2
    last = client.post("/api/mentions", json=[], headers=AUTH)
    assert last.status_code == 429
    assert last.json["error"].startswith("too many requests: at most 5 per minute")
    assert 1 <= int(last.headers["Retry-After"]) <= 60
    keys = [k.decode() for k in store.client.keys("*push-rate*")]
    assert keys and all(k.startswith("radar:{radar}:push-rate:") for k in keys)


def test_pushed_personal_data_is_masked_in_the_stored_document(store, push_settings, caplog):
    batch = [
        {
            "text": "Mijn trein valt uit, mail me op jan.jansen@voorbeeld.nl of bel 06-12345678",
            "author": "@janjansen",
        },
        {"text": "RT @pietpost: Wanneer is de stroom terug in Arnhem?", "user": "@kimkok"},
    ]
    with caplog.at_level(logging.DEBUG):
        answer = _client(push_settings, store).post("/api/mentions", json=batch, headers=AUTH)
    assert answer.status_code == 202
    assert TOKEN not in caplog.text  # tokens are never logged
    store.ensure_group()
    enricher = Enricher(push_settings, HashingEmbedder(), b"key")
    assert enrich_pending(store, enricher, "w1", None) == 2
    docs = sorted(store.client.get(k).decode() for k in store.client.keys("*:doc:*"))
    assert len(docs) == 2
    everything = "".join(docs)
    assert "jan.jansen@voorbeeld.nl" not in everything and "12345678" not in everything
    for handle in ("@janjansen", "@kimkok", "@pietpost"):
        assert handle not in everything
    texts = {json.loads(d)["text"] for d in docs}
    assert "RT @anon: Wanneer is de stroom terug in Arnhem?" in texts
    assert all(json.loads(d)["author"].startswith("anon-") for d in docs)


def test_the_wall_server_accepts_pushes(store, push_settings):
    from web.app import create_app

    client = create_app(push_settings, store).server.test_client()
    answer = client.post("/api/mentions", json=BATCH[:1], headers=AUTH)
    assert answer.status_code == 202
    assert answer.json["stored"] == 1
    # the wall's catch-all page route must not answer other methods with a page
    wrong = client.get("/api/mentions")
    assert (wrong.status_code, wrong.headers["Allow"]) == (405, "POST")
    assert wrong.json["error"] == "use POST /api/mentions with a JSON list of mentions"


def test_an_undated_push_on_the_data_clock_gets_the_data_clock_time(store, push_settings):
    from radar.model import EnrichedMention, Mention

    replayed = Mention.create("Storing bij NS", published=1795333500.0)
    store.save_enriched(
        [EnrichedMention.from_mention(replayed)], np.zeros((1, 8), dtype=np.float32)
    )
    client = _client(push_settings.replace(clock="data"), store)
    answer = client.post("/api/mentions", json=[{"text": "Rijden er bussen?"}], headers=AUTH)
    assert answer.status_code == 202, answer.json
    store.ensure_group()
    ((_id, mention),) = store.read_mentions("t", count=5)
    assert mention.published == 1795333500.0
