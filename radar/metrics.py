"""``/metrics`` (Prometheus text format) and ``/healthz`` for the wall's server.

Counters live in the store (``radar:{ns}:metrics``, a hash) so they survive restarts
and add up over every process; gauges are read when scraped. :func:`render` is pure.

>>> print(render([("radar_enrichment_queue", "gauge", "mentions waiting", {}, 3)]), end="")
# HELP radar_enrichment_queue mentions waiting
# TYPE radar_enrichment_queue gauge
radar_enrichment_queue 3
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable

import redis

from radar.config import Settings
from radar.health import health, snapshot_age
from radar.wording import counted

Sample = tuple[str, str, str, dict[str, str], float | int]
"""(metric name, type, help, labels, value)."""

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _labels(labels: dict[str, str]) -> str:
    if not labels:
        return ""
    inner = ",".join(
        f'{k}="{str(v).replace(chr(92), chr(92) * 2).replace(chr(10), " ").replace(chr(34), chr(92) + chr(34))}"'
        for k, v in sorted(labels.items())
    )
    return "{" + inner + "}"


def render(samples: Iterable[Sample]) -> str:
    """Prometheus exposition text; HELP and TYPE once per metric name."""
    lines: list[str] = []
    declared: set[str] = set()
    for name, kind, help_text, labels, value in samples:
        if name not in declared:
            declared.add(name)
            lines += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
        text = repr(float(value)) if isinstance(value, float) else str(int(value))
        lines.append(f"{name}{_labels(labels)} {text}")
    return "\n".join(lines) + "\n"


def collect(store, settings: Settings, now: float | None = None) -> list[Sample]:
    """Every sample, read from the store now."""
    now = now or time.time()
    lag = store.lag()
    counters = store.counters()
    snapshot = store.load_snapshot()
    samples: list[Sample] = [
        ("radar_up", "gauge", "1 when Redis answers", {}, 1),
        (
            "radar_mentions_ingested_total",
            "counter",
            "new mentions queued for enrichment (after duplicate filtering)",
            {},
            max(lag["added"], counters.get("mentions_ingested_total", 0)),
        ),
        (
            "radar_mentions_duplicates_total",
            "counter",
            "mentions dropped as exact or near duplicates (near ones count as copies)",
            {},
            counters.get("mentions_duplicates_total", 0),
        ),
        (
            "radar_mentions_enriched_total",
            "counter",
            "mentions enriched and stored by the workers",
            {},
            counters.get("mentions_enriched_total", 0),
        ),
        (
            "radar_mentions_reclaimed_total",
            "counter",
            "mentions taken over from workers that left them unacknowledged",
            {},
            counters.get("mentions_reclaimed_total", 0),
        ),
        (
            "radar_enrichment_queue",
            "gauge",
            "mentions not yet delivered to a worker",
            {},
            lag["queued"],
        ),
        (
            "radar_enrichment_pending",
            "gauge",
            "mentions delivered to a worker and not yet acknowledged",
            {},
            lag["pending"],
        ),
        (
            "radar_enrichment_consumers",
            "gauge",
            "workers known to the consumer group",
            {},
            lag["consumers"],
        ),
        (
            "radar_refreshes_total",
            "counter",
            "snapshots written by the radar loop",
            {},
            counters.get("refreshes_total", 0),
        ),
        (
            "radar_mentions_dead_lettered",
            "gauge",
            "mentions parked in the dead-letter stream (could not be enriched or stored)",
            {},
            lag.get("dead_lettered", 0),
        ),
        (
            "radar_snapshots_fenced_total",
            "counter",
            "snapshots refused because the writing loop had lost the leader lock",
            {},
            counters.get("snapshots_fenced_total", 0),
        ),
    ]
    if snapshot:
        samples.append(
            (
                "radar_refresh_seconds",
                "gauge",
                "duration of the last refresh",
                {},
                float(snapshot.get("refresh_ms", 0)) / 1000,
            )
        )
        samples.append(
            (
                "radar_snapshot_age_seconds",
                "gauge",
                "seconds since the snapshot was generated",
                {},
                round(float(snapshot_age(snapshot, now) or 0.0), 3),
            )
        )
        totals = snapshot.get("totals", {})
        samples.append(
            (
                "radar_window_mentions",
                "gauge",
                "enriched mentions in the window",
                {},
                int(totals.get("mentions", 0)),
            )
        )
    states = store.all_feed_states()
    for state in states:
        labels = {"feed": state.get("name", "?"), "url": state.get("url", "?")}
        samples.append(
            (
                "radar_feed_up",
                "gauge",
                "1 when the feed's last poll succeeded",
                labels,
                0 if state.get("last_error") else 1,
            )
        )
    for state in states:
        labels = {"feed": state.get("name", "?"), "url": state.get("url", "?")}
        samples.append(
            (
                "radar_feed_last_success_timestamp_seconds",
                "gauge",
                "time of the feed's last successful poll",
                labels,
                float(state.get("last_success") or 0),
            )
        )
    samples.append(
        (
            "radar_feed_errors",
            "gauge",
            "feeds whose last poll failed",
            {},
            sum(1 for s in states if s.get("last_error")),
        )
    )
    return samples


def register_ops_routes(server, settings: Settings, store) -> None:
    """``GET /metrics`` and ``GET /healthz`` on the Flask server of the Dash app."""
    from flask import Response

    @server.route("/metrics", methods=["GET"])
    def metrics():
        try:
            body = render(collect(store, settings))
        except redis.RedisError:
            body = render([("radar_up", "gauge", "1 when Redis answers", {}, 0)])
        return Response(body, mimetype=None, content_type=CONTENT_TYPE)

    @server.route("/healthz", methods=["GET"])
    def healthz():
        ok, details = health(store, settings)
        return Response(
            json.dumps(details), status=200 if ok else 503, content_type="application/json"
        )


def status_lines(store, settings: Settings) -> list[str]:
    """What ``radar status`` prints: health, lag, leader, counters."""
    ok, details = health(store, settings)
    lines = [
        f"health: {details['status']}" + (f" ({details['reason']})" if "reason" in details else "")
    ]
    if details.get("redis") != "ok":
        lines.append(f"redis: {details.get('redis')}")
        return lines
    age = details["snapshot_age_seconds"]
    lines.append(
        f"enrichment: {details['enrichment_queued']} queued, {details['enrichment_pending']} pending, "
        f"{counted(int(details['enrichment_workers_alive']), 'worker')} running "
        f"({details['enrichment_consumers']} names known to the consumer group)"
        + (
            f"; {details['enrichment_dead_lettered']} parked in the dead-letter stream "
            f"({store.keys.dead_letter}; each with its reason)"
            if details.get("enrichment_dead_lettered")
            else ""
        )
    )
    lines.append(
        f"snapshot: {'none' if age is None else f'{age:.1f} s old'}; leader: "
        + (details["leader"] or "none")
    )
    counters = store.counters()
    lines.append(
        "counters: " + (", ".join(f"{k} {v}" for k, v in sorted(counters.items())) or "none yet")
    )
    return lines
