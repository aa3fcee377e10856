"""Replay a recorded stream into the store with its original spacing, compressed.

Drills and tests: mentions are pushed in their recorded order; the gap between
two mentions is the original gap divided by ``speed``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from radar.model import Mention
from radar.store import Store

log = logging.getLogger(__name__)


def replay_mentions(
    store: Store,
    mentions: Sequence[Mention],
    speed: float,
    stop: threading.Event | None = None,
    on_progress: Callable[[int], None] | None = None,
    batch_window: float = 0.05,
) -> int:
    """Push ``mentions`` (sorted by time) with compressed timing. Returns mentions stored.

    Mentions due within ``batch_window`` real seconds of each other go in one write.
    """
    stop = stop or threading.Event()
    ordered = sorted(mentions, key=lambda m: m.published)
    if not ordered:
        return 0
    origin = ordered[0].published
    started = time.monotonic()
    stored = 0
    i = 0
    while i < len(ordered) and not stop.is_set():
        due = (ordered[i].published - origin) / speed
        wait = due - (time.monotonic() - started)
        if wait > 0 and stop.wait(wait):
            break
        elapsed = time.monotonic() - started
        j = i
        while (
            j < len(ordered) and (ordered[j].published - origin) / speed <= elapsed + batch_window
        ):
            j += 1
        batch = [
            replace(m, source_type="replay") if m.source_type == "file" else m for m in ordered[i:j]
        ]
        stored += store.add_mentions(batch)
        if on_progress:
            on_progress(j - i)
        i = j
    return stored
