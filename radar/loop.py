"""The radar loop: every few seconds read the window, refresh, write the snapshot.

Thin I/O around :class:`radar.refresh.Radar`. The radar clock is the wall clock,
or with ``clock = "data"`` the newest mention's time (drills and replays).
"""

from __future__ import annotations

import logging
import threading
import time

from radar.config import Settings
from radar.operator import OperatorActions
from radar.refresh import Radar
from radar.store import Store

log = logging.getLogger(__name__)


def radar_now(settings: Settings, store: Store) -> float | None:
    """The radar clock; None in data mode while the store holds nothing yet."""
    if settings.clock == "data":
        return store.latest_published()
    return time.time()


def refresh_once(store: Store, radar: Radar, settings: Settings) -> dict | None:
    """Read the window, refresh, write the snapshot; returns it (None when no clock yet)."""
    now = radar_now(settings, store)
    if now is None:
        return None
    mentions, embeddings = store.window(now - settings.window_hours * 3600, now)
    snapshot = radar.refresh(
        mentions,
        embeddings,
        now,
        pending=store.pending_count(),
        operator=OperatorActions(store).state(),
    )
    store.save_snapshot(snapshot)
    store.trim(now - settings.retention_hours * 3600)
    log.info(
        "snapshot: %d mentions, %d dominant questions, %d topics in %d ms",
        len(mentions),
        len(snapshot["questions"]),
        len(snapshot["topics"]),
        snapshot["refresh_ms"],
    )
    return snapshot


def run_loop(store: Store, radar: Radar, settings: Settings, stop: threading.Event) -> None:
    """Refresh every ``refresh_seconds`` until ``stop`` is set; errors are logged, not fatal."""
    last_seen: tuple[int, float | None] | None = None
    while not stop.is_set():
        started = time.monotonic()
        state = (store.enriched_count(), store.latest_published())
        try:
            if state != last_seen or settings.clock == "wall":
                refresh_once(store, radar, settings)
                last_seen = state
        except Exception:
            log.exception("refresh failed; the previous snapshot stays on the wall")
        stop.wait(max(0.5, settings.refresh_seconds - (time.monotonic() - started)))
