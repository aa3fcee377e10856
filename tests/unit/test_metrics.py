import logging

import pytest
import redis

from radar.config import load_settings
from radar.health import Outage, health
from radar.keys import Keys
from radar.metrics import render
from radar.store import Store

pytestmark = pytest.mark.unit


def test_render_declares_each_metric_once_and_escapes_labels():
    text = render(
        [
            ("radar_feed_up", "gauge", "feed ok", {"feed": 'nos "binnenland"'}, 1),
            ("radar_feed_up", "gauge", "feed ok", {"feed": "ad"}, 0),
            ("radar_refresh_seconds", "gauge", "last refresh", {}, 0.25),
        ]
    )
    assert text.splitlines() == [
        "# HELP radar_feed_up feed ok",
        "# TYPE radar_feed_up gauge",
        'radar_feed_up{feed="nos \\"binnenland\\""} 1',
        'radar_feed_up{feed="ad"} 0',
        "# HELP radar_refresh_seconds last refresh",
        "# TYPE radar_refresh_seconds gauge",
        "radar_refresh_seconds 0.25",
    ]


def test_an_outage_is_one_warning_line_however_many_retries(caplog):
    outage = Outage("worker w1", logging.getLogger("t"))
    with caplog.at_level(logging.WARNING):
        delays = [outage.failed(ConnectionError("refused")) for _ in range(8)]
        outage.recovered()
        outage.recovered()
    assert delays[:3] == [0.5, 1.0, 2.0] and max(delays) == 10.0
    assert [r.getMessage().split(":")[0] for r in caplog.records] == ["worker w1", "worker w1"]
    assert "unreachable" in caplog.records[0].getMessage()
    assert "back after" in caplog.records[1].getMessage()


def test_secrets_stay_out_of_the_settings_repr():
    s = load_settings(
        env={"RADAR_PUSH_TOKEN": "p-secret", "RADAR_OPERATOR_TOKEN": "o-secret"},
        overrides={"pseudonym_key": "k-secret"},
    )
    assert s.push_token == "p-secret"
    assert "secret" not in repr(s)


def test_health_fails_with_the_reason_when_redis_is_down():
    from radar.devserver import free_port

    port = free_port()  # nothing listens there
    store = Store(redis.Redis(port=port, socket_connect_timeout=1), Keys("t"))
    ok, details = health(store, load_settings(env={}))
    assert not ok
    assert details["status"] == "fail"
    assert details["redis"].startswith(f"unreachable (Error 111 connecting to localhost:{port}.")
