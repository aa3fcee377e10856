"""Replay a recorded stream into the store with its original spacing, compressed.

Drills, tests and benchmarks: mentions are pushed in their recorded order (sorted by
time; ties keep the input order); mention *i* is due ``(published_i - published_0) /
speed`` seconds after the start. Every write takes all mentions that are due, never
one that is not, so a slow write makes the next ones late but never early.
``on_push`` sees each write and the moment it finished, for drift measurements.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

import redis

from radar.health import Outage
from radar.model import Mention
from radar.store import Store

log = logging.getLogger(__name__)

PushHook = Callable[[Sequence[Mention], float], None]
"""``on_push(batch, elapsed)``: a write finished ``elapsed`` seconds after the replay began."""


def schedule(mentions: Sequence[Mention], speed: float) -> list[tuple[float, Mention]]:
    """(due seconds after the start, mention) in replay order.

    >>> ms = [Mention.create(t, published=p) for t, p in [("b", 60.0), ("a", 0.0), ("c", 60.0)]]
    >>> [(due, m.text) for due, m in schedule(ms, speed=60)]
    [(0.0, 'a'), (1.0, 'b'), (1.0, 'c')]
    """
    if speed <= 0:
        raise ValueError(f"speed must be positive, got {speed}")
    ordered = sorted(mentions, key=lambda m: m.published)
    if not ordered:
        return []
    origin = ordered[0].published
    return [((m.published - origin) / speed, m) for m in ordered]


def replay_mentions(
    store: Store,
    mentions: Sequence[Mention],
    speed: float,
    stop: threading.Event | None = None,
    on_progress: Callable[[int], None] | None = None,
    batch_window: float = 0.0,
    on_push: PushHook | None = None,
) -> int:
    """Push ``mentions`` with their spacing compressed ``speed`` times. Returns mentions stored.

    Mentions due within ``batch_window`` seconds of the first due one may share its
    write (0: only those already due). ``stop`` ends the replay early.
    """
    stop = stop or threading.Event()
    plan = schedule(mentions, speed)
    started = time.monotonic()
    stored = 0
    i = 0
    while i < len(plan) and not stop.is_set():
        wait = plan[i][0] - (time.monotonic() - started)
        if wait > 0 and stop.wait(wait):
            break
        horizon = max(time.monotonic() - started, plan[i][0] + batch_window)
        j = i
        while j < len(plan) and plan[j][0] <= horizon:
            j += 1
        batch = [
            replace(m, source_type="replay") if m.source_type == "file" else m
            for _due, m in plan[i:j]
        ]
        stored += add_retrying(store, batch, stop)
        if on_push:
            on_push(batch, time.monotonic() - started)
        if on_progress:
            on_progress(j - i)
        i = j
    return stored


def add_retrying(store: Store, batch: Sequence[Mention], stop: threading.Event) -> int:
    """``store.add_mentions`` that waits out a Redis outage (one log line) and retries.

    A write cut short may have marked mentions seen without queueing them; after an
    outage the batch is written again and :meth:`Store.requeue_missing` queues those.
    """
    outage = Outage("replay", log)
    while True:
        try:
            stored = store.add_mentions(batch)
            if outage.down:
                stored += store.requeue_missing(batch)
            outage.recovered()
            return stored
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            if stop.wait(outage.failed(exc)):
                return 0
