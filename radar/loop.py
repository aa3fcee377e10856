"""The radar loop: every few seconds read the window, refresh, write the snapshot.

Thin I/O around :class:`radar.refresh.Radar`. The radar clock is the wall clock,
or with ``clock = "data"`` the newest mention's time (drills and replays).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import redis

from radar.clock import radar_now
from radar.config import Settings
from radar.health import Outage
from radar.operator import OperatorActions
from radar.refresh import Radar
from radar.store import Store

log = logging.getLogger(__name__)

WARM_MENTIONS = 100
"""A standby's dry refresh counts as warm-up from this window size (a real model fit)."""


def refresh_once(
    store: Store, radar: Radar, settings: Settings, write: bool = True, fence: str | None = None
) -> dict | None:
    """Read the window, refresh, write the snapshot; returns it (None when no clock yet,
    or when ``fence``, this loop's leader-lock token, no longer holds the lock).

    ``write=False`` computes without writing (a standby warming its models).
    """
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
    if not write:
        return snapshot
    if not store.save_snapshot(snapshot, fence=fence):
        store.count(snapshots_fenced_total=1)
        log.warning(
            "leader: the lock moved to another loop during this refresh; its snapshot was not "
            "written (the new leader's stays)"
        )
        return None
    store.trim(now - settings.retention_hours * 3600)
    log.info(
        "snapshot: %d mentions, %d dominant question(s), %d topic(s) in %d ms",
        len(mentions),
        len(snapshot["questions"]),
        len(snapshot["topics"]),
        snapshot["refresh_ms"],
    )
    return snapshot


def run_loop(
    store: Store,
    radar: Radar,
    settings: Settings,
    stop: threading.Event,
    is_leader: Callable[[], bool] | None = None,
    fence: str | None = None,
) -> None:
    """Refresh every ``refresh_seconds`` until ``stop`` is set; errors are logged, not fatal.

    With ``is_leader`` (see :mod:`radar.leader`) only while it answers True: a standby
    loop checks twice a second and refreshes as soon as it leads. It runs one refresh
    without writing as soon as the window holds mentions, so the first fit (imports,
    JIT compilation: tens of seconds) is paid before it has to take over. With ``fence``
    (the leader lock's token) each snapshot is written only while the lock holds it, so
    a loop paused mid-refresh past its lease cannot overwrite its successor's snapshot.
    A Redis outage is one log line, retried with backoff.
    """
    outage = Outage("radar loop", log)
    warm, warm_next = False, 0.0
    while not stop.is_set():
        started = time.monotonic()
        if is_leader is not None and not is_leader():
            if not warm and time.monotonic() >= warm_next:
                warm_next = time.monotonic() + 10.0
                try:
                    snapshot = refresh_once(store, radar, settings, write=False) or {}
                    warm = snapshot.get("totals", {}).get("mentions", 0) >= WARM_MENTIONS
                    if warm:
                        log.info("standby: models warmed on the current window")
                except Exception as exc:
                    log.warning("standby: warm-up refresh failed (%s)", exc)
            stop.wait(0.5)
            continue
        pause = settings.refresh_seconds
        try:
            # refresh even when nothing new arrived: the wall's freshness shows the radar lives
            refresh_once(store, radar, settings, fence=fence)
            store.count(refreshes_total=1)
            outage.recovered()
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            pause = outage.failed(exc)
        except Exception:
            log.exception("refresh failed; the previous snapshot stays on the wall")
        stop.wait(max(0.5, pause - (time.monotonic() - started)))
