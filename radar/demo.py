"""``radar demo``: the generated Dutch rail-outage drill, replayed fast, on the wall.

Runs every stage in this process against a fresh embedded store (or the
configured Redis, in the ``demo`` namespace, which is cleared first).
"""

from __future__ import annotations

import logging
import tempfile
import threading
from datetime import UTC, datetime, timedelta

from radar.config import Settings
from radar.errors import RadarError
from radar.files import FieldMap, row_to_mention
from radar.model import Mention

log = logging.getLogger(__name__)


DRILL_TZ = "Europe/Amsterdam"


def morning_rush(now: datetime | None = None) -> datetime:
    """06:30 Dutch time of the latest morning that lies three hours or more in the past:
    the drill's posts say "goedemorgen", so its clock should read morning too.

    >>> morning_rush(datetime(2026, 12, 1, 19, 0, tzinfo=UTC)).isoformat()
    '2026-12-01T05:30:00+00:00'
    >>> morning_rush(datetime(2026, 12, 1, 7, 0, tzinfo=UTC)).isoformat()
    '2026-11-30T05:30:00+00:00'
    """
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(DRILL_TZ)
    local = (now or datetime.now(UTC)).astimezone(zone)
    start = local.replace(hour=6, minute=30, second=0, microsecond=0)
    if start > local - timedelta(hours=3):
        start -= timedelta(days=1)
    return start.astimezone(UTC)


def drill_mentions(seed: int = 7, start: datetime | None = None) -> list[Mention]:
    """The generated rail-outage scenario as mentions, ready to replay (the demo runs it
    on the data clock, so the wall reads the morning rush whatever the time of day)."""
    from radar.scenario import generate_rail_outage

    start = start or morning_rush()
    rows = generate_rail_outage(start, seed=seed)
    return [
        row_to_mention(row, f"drill:{i}", FieldMap(), source_type="demo")
        for i, row in enumerate(rows, 1)
    ]


def run_demo(settings: Settings, speed: float = 120.0, seed: int = 7) -> int:
    from radar.replay import replay_mentions
    from radar.services import start_pipeline, start_thread, stop_threads
    from radar.store import open_store
    from web.app import serve

    mentions = drill_mentions(seed)
    with (
        tempfile.TemporaryDirectory(prefix="radar-demo-") as folder,
        open_store(settings, folder) as store,
    ):
        if settings.redis_url:
            if settings.namespace != "demo" and (store.enriched_count() or store.pending_count()):
                raise RadarError(
                    f"namespace {settings.namespace!r} on {settings.redis_url} holds mentions and "
                    "the demo starts by clearing its namespace; use --namespace demo (the "
                    "default) or an empty namespace"
                )
            store.clear()
        stop = threading.Event()
        print(
            f"Crisis radar demo: {len(mentions)} posts of a rail-outage drill, replayed at {speed:g}x."
        )
        print(f"Loading models … the wall is on http://{settings.web_host}:{settings.web_port}")
        threads = start_pipeline(settings, store, stop, with_feeds=False)
        threads.append(start_thread("replay", replay_mentions, store, mentions, speed, stop))
        try:
            serve(settings, store, settings.web_host, settings.web_port)
        finally:
            stop_threads(stop, threads)
    return 0
