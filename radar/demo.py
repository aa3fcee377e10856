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

DEMO_FROM_MINUTE = 14.0
"""Where ``radar demo`` starts replaying, in drill minutes: the first question wave is
building (it starts at minute 10 and reaches five posts around minute 15). What came
before is stored at once, as a radar started during a running crisis would backfill
it; ``--from 0`` replays from the first post."""


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


def split_at_minute(mentions: list[Mention], minute: float) -> tuple[list[Mention], list[Mention]]:
    """(stored at once, replayed): the mentions before and from ``minute`` of the drill.

    >>> ms = [Mention(id=str(i), text="x", published=60.0 * i) for i in range(5)]
    >>> [len(part) for part in split_at_minute(ms, 2.5)], split_at_minute(ms, 0)[0]
    ([3, 2], [])
    """
    if not mentions or minute <= 0:
        return [], list(mentions)
    cut = mentions[0].published + 60.0 * minute
    return [m for m in mentions if m.published < cut], [m for m in mentions if m.published >= cut]


def drill_clock(mentions: list[Mention], done: int) -> str:
    """Drill time (Dutch clock) of the ``done``-th mention, for progress lines.

    >>> from radar.model import Mention
    >>> m = [Mention(id="a", text="x", published=1764567000.0)]
    >>> drill_clock(m, 1)
    '06:30'
    """
    from zoneinfo import ZoneInfo

    at = mentions[min(max(done, 1), len(mentions)) - 1].published
    return datetime.fromtimestamp(at, ZoneInfo(DRILL_TZ)).strftime("%H:%M")


class DrillProgress:
    """Prints the drill's clock every ``every`` mentions and a clear line when it ends."""

    def __init__(self, mentions: list[Mention], every: int = 200):
        self.mentions, self.every = mentions, every
        self.done = 0

    def update(self, count: int) -> None:
        before, self.done = self.done, self.done + count
        if self.done // self.every > before // self.every and self.done < len(self.mentions):
            share = 100 * self.done / len(self.mentions)
            print(
                f"drill {drill_clock(self.mentions, self.done)}: {self.done} posts ({share:.0f}%)",
                flush=True,  # a log file or a pipe shows the drill's clock as it goes
            )

    def ended(self) -> str:
        last = drill_clock(self.mentions, len(self.mentions))
        return (
            f"The drill has ended (drill clock {last}, all {len(self.mentions)} posts replayed): "
            "the wall keeps its final state. Ctrl-C stops the demo; "
            "`radar demo --speed X` (or `make demo SPEED=X`) plays it again at another speed."
        )


def run_demo(
    settings: Settings, speed: float, seed: int = 7, from_minute: float = DEMO_FROM_MINUTE
) -> int:
    from radar.replay import replay_mentions
    from radar.services import check_port_free, start_pipeline, start_thread, stop_threads
    from radar.store import open_store
    from web.app import serve

    if speed <= 0:
        raise RadarError(f"--speed {speed:g}: the replay speed must be above 0 (e.g. 20)")
    if not 0 <= from_minute < 180:
        raise RadarError(
            f"--from {from_minute:g}: the drill minute to start from must be 0 to 179 "
            f"(default {DEMO_FROM_MINUTE:g}; 0 replays from the first post)"
        )
    check_port_free(settings.web_host, settings.web_port)
    mentions = drill_mentions(seed)
    progress = DrillProgress(mentions)
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
        backfill, replayed = split_at_minute(mentions, from_minute)
        span = (mentions[-1].published - mentions[0].published - 60.0 * from_minute) / speed
        print(
            f"Crisis radar demo: {len(mentions)} posts of a rail-outage drill "
            f"({drill_clock(mentions, 1)}–{drill_clock(mentions, len(mentions))}), "
            f"replayed at {speed:g}x: about {span / 60:.0f} min once the models are loaded.",
            flush=True,
        )
        if backfill:
            print(
                f"The first {from_minute:g} drill minutes ({len(backfill)} posts, up to "
                f"{drill_clock(mentions, len(backfill))}) are stored at once, as a radar started "
                "during a crisis backfills them; `--from 0` replays from the first post.",
                flush=True,
            )
            store.add_mentions(backfill)
            progress.update(len(backfill))
        print(
            f"Loading models … the wall is on http://{settings.web_host}:{settings.web_port}",
            flush=True,
        )
        threads = start_pipeline(settings, store, stop, with_feeds=False)

        def replay() -> None:
            replay_mentions(store, replayed, speed, stop, on_progress=progress.update)
            if not stop.is_set():
                print(progress.ended(), flush=True)

        threads.append(start_thread("replay", replay))
        try:
            serve(settings, store, settings.web_host, settings.web_port)
        finally:
            stop_threads(stop, threads)
    return 0
