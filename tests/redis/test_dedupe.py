"""Near-duplicates against a real Redis: one mention per story, copies counted."""

import json

import pytest

from clustering.embedders import HashingEmbedder
from radar.enrichment import Enricher, enrich_pending
from radar.model import Mention

pytestmark = pytest.mark.redis

NEWS = "Landelijke storing legt treinverkeer rond Utrecht stil"
QUESTION = "Wanneer rijden de treinen weer tussen Utrecht en Amersfoort?"


def _stream():
    posts = [
        Mention.create(QUESTION, source="x", author="@a", published=100.0),
        Mention.create(f"RT @a: {QUESTION}", source="x", author="@b", published=101.0),
        Mention.create(
            f"RT @a: {QUESTION} https://t.co/q1", source="x", author="@c", published=102.0
        ),
        Mention.create(f'"@a: {QUESTION}"', source="x", author="@d", published=103.0),
        Mention.create("Help!", source="x", author="@e", published=104.0),
        Mention.create("RT @e: Help!", source="x", author="@f", published=105.0),  # too short
    ]
    feeds = [
        Mention.create(
            f"{NEWS}. {summary}",
            source=source,
            source_type="rss",
            url=url,
            published=110.0 + i,
            extra={"title": NEWS},
        )
        for i, (source, summary, url) in enumerate(
            [
                ("nos", "Geen treinen tot 12 uur.", "https://nos.nl/a?utm_source=rss"),
                ("ad", "Reizigers stranden.", "https://ad.nl/b"),
                ("nu", "NS zet bussen in.", "https://nu.nl/c?utm_campaign=x"),
            ]
        )
    ]
    tracked = Mention.create(
        f"{NEWS} https://nos.nl/a?utm_source=twitter", source="y", published=120.0
    )
    return posts + feeds + [tracked]


def test_retweets_and_syndicated_copies_collapse_into_one_mention_per_story(store):
    counts = store.ingest(_stream())
    assert (counts.received, counts.stored, counts.near_duplicates) == (10, 4, 6)
    store.ensure_group()
    stored = {m.text: m for _i, m in store.read_mentions("t", 20)}
    assert set(stored) == {QUESTION, "Help!", "RT @e: Help!", f"{NEWS}. Geen treinen tot 12 uur."}
    copies = store.copies([m.id for m in stored.values()])
    assert copies[stored[QUESTION].id] == 4
    assert copies[stored[f"{NEWS}. Geen treinen tot 12 uur."].id] == 4  # 2 feeds + 1 tweet
    assert copies[stored["Help!"].id] == 1


def test_sending_the_same_copies_again_counts_nothing_twice(store):
    store.ingest(_stream())
    again = store.ingest(_stream())
    assert (again.stored, again.exact_duplicates, again.near_duplicates) == (0, 10, 0)
    store.ensure_group()
    first = next(m for _i, m in store.read_mentions("t", 20) if m.text == QUESTION)
    assert store.copies([first.id]) == {first.id: 4}


def test_copies_reach_the_enriched_window_and_the_export(store, settings, tmp_path, monkeypatch):
    from radar.cli import main

    store.ingest(_stream())
    store.ensure_group()
    enricher = Enricher(settings, HashingEmbedder(), b"k")
    while enrich_pending(store, enricher, "w", None):
        pass
    # a copy that arrives after enrichment still counts
    store.ingest([Mention.create(f"RT @zz: {QUESTION}", source="x", published=130.0)])
    window, vectors = store.window(0, 1000)
    by_text = {m.text: m.copies for m in window}
    assert by_text[QUESTION] == 5 and by_text["Help!"] == 1
    assert len(vectors) == len(window) == 4

    out = tmp_path / "mentions.jsonl"
    settings_args = ["--redis-url", settings.redis_url, "--embedder", "hashing"]
    monkeypatch.setenv("RADAR_CLOCK", "data")  # the window ends at the newest mention
    assert main(["export", "mentions", "--out", str(out), *settings_args]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["text"]: r["copies"] for r in rows}[QUESTION] == 5
    assert {"is_question", "sentiment", "sentiment_score", "lang", "copies"} <= set(rows[0])


def test_an_edited_feed_item_is_not_counted_as_its_own_copy(store):
    def item(summary):
        return Mention.create(
            f"{NEWS}. {summary}",
            source="nos",
            source_type="rss",
            url="https://nos.nl/a",
            extra={"title": NEWS},
        )

    assert store.ingest([item("Geen treinen tot 12 uur.")]).stored == 1
    edited = store.ingest([item("Geen treinen tot 14 uur (bijgewerkt).")])
    assert (edited.stored, edited.near_duplicates) == (0, 1)
    store.ensure_group()
    ((_i, first),) = store.read_mentions("t", 10)
    assert store.copies([first.id]) == {first.id: 1}


def test_export_on_the_data_clock_suggests_a_longer_window_not_the_clock_it_has(
    store, settings, tmp_path, monkeypatch, capsys
):
    from radar.cli import main

    old = Mention.create("Rijden er nog treinen?", source="x", published=1000.0)
    new = Mention.create("Wanneer komt de bus?", source="x", published=1000.0 + 7 * 3600)
    store.ingest([old, new])
    store.ensure_group()
    enricher = Enricher(settings, HashingEmbedder(), b"k")
    while enrich_pending(store, enricher, "w", None):
        pass
    monkeypatch.setenv("RADAR_CLOCK", "data")
    args = ["--redis-url", settings.redis_url, "--embedder", "hashing"]
    assert main(["export", "mentions", "--out", str(tmp_path / "m.jsonl"), *args]) == 0
    err = capsys.readouterr().err
    assert "1 enriched mentions are stored but outside the 6 h window" in err
    assert "a longer window_hours (RADAR_WINDOW_HOURS) exports them" in err
    assert 'set clock = "data"' not in err
