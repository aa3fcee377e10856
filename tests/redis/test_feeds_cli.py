"""``radar ingest --once`` and ``radar feeds status|remove`` against a real Redis."""

import pytest

from radar.cli import main
from radar.metrics import collect, render
from tests.feedserver import FeedServer, rss

pytestmark = pytest.mark.redis

DOCS = {
    "/a/nos.rss": rss("Nieuws", [("Storing bij NS", "Geen treinen rond Utrecht")]),
    "/b/nos.rss": rss("Regio", [("Bussen ingezet", "Vervangend vervoer rijdt")]),
}


def test_adhoc_feeds_on_one_host_keep_separate_health_and_metrics(
    store, settings, redis_url, capsys
):
    with FeedServer(DOCS).running() as server:
        urls = [server.base + "/a/nos.rss", server.base + "/b/nos.rss"]
        code = main(
            [
                "ingest",
                "--once",
                "--redis-url",
                redis_url,
                "--feed",
                urls[0],
                "--feed",
                urls[1],
                "--feed",
                urls[0],
            ]
        )
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert len(out) == 2 and all(" ok" in line for line in out)
    assert store.pending_count() == 2
    host = urls[0].split("://")[1].split("/")[0]
    metrics = render(collect(store, settings))
    up = sorted(line for line in metrics.splitlines() if line.startswith("radar_feed_up{"))
    assert up == [
        f'radar_feed_up{{feed="{host}/a/nos.rss",url="{urls[0]}"}} 1',
        f'radar_feed_up{{feed="{host}/b/nos.rss",url="{urls[1]}"}} 1',
    ]

    assert main(["feeds", "status", "--redis-url", redis_url]) == 0
    status = capsys.readouterr().out.splitlines()
    assert len(status) == 2 and all(line.endswith("(not in the config)") for line in status)

    assert main(["feeds", "remove", f"{host}/a/nos.rss", "--redis-url", redis_url]) == 0
    assert capsys.readouterr().out.startswith(f"removed {host}/a/nos.rss")
    assert [s["url"] for s in store.all_feed_states()] == [urls[1]]
    assert store.pending_count() == 2  # the feed's mentions stay

    assert main(["feeds", "remove", "nope", "--redis-url", redis_url]) == 1
    err = capsys.readouterr().err
    assert err == f"Error: feeds remove: no feed 'nope'; known: {host}/b/nos.rss\n"


def test_ingest_once_fails_when_every_feed_fails(store, redis_url, capsys):
    with FeedServer(DOCS).running() as server:
        code = main(
            ["ingest", "--once", "--redis-url", redis_url, "--feed", server.base + "/missing.rss"]
        )
    captured = capsys.readouterr()
    assert code == 1
    assert "HTTP 404 Not Found" in captured.out
    assert captured.err.splitlines()[-1] == "Error: all 1 feed(s) failed; see the lines above"


def test_feed_flag_that_is_no_url_is_one_line(redis_url, capsys):
    assert main(["ingest", "--once", "--redis-url", redis_url, "--feed", "nos.nl/rss"]) == 1
    assert capsys.readouterr().err == (
        "Error: --feed: 'nos.nl/rss' is not an http(s) URL; give the full address, "
        "e.g. https://nos.nl/rss\n"
    )


def test_live_feeds_on_the_data_clock_are_a_warning_naming_what_they_do(
    store, redis_url, capsys, monkeypatch
):
    monkeypatch.setenv("RADAR_CLOCK", "data")
    with FeedServer(DOCS).running() as server:
        args = ["ingest", "--once", "--redis-url", redis_url, "--feed", server.base + "/a/nos.rss"]
        assert main(args) == 0
    err = capsys.readouterr().err
    assert 'warning: clock = "data" with 1 live feed(s)' in err
    assert "mentions older than retention_hours (48 h) before that are trimmed" in err
