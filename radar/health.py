"""Staying up through Redis outages, and whether the radar is healthy.

:class:`Outage` turns a run of connection errors into one log line when the store
goes away, one when it is back, and a growing pause in between (no traceback
flood). :func:`wait_for_redis` holds a long-running stage until Redis answers.
:func:`health` is what ``/healthz`` and ``radar status`` report.

>>> import logging
>>> outage = Outage("worker", logging.getLogger("doc"), first=0.5, cap=4.0)
>>> [outage.failed(ConnectionError("down")) for _ in range(5)]
[0.5, 1.0, 2.0, 4.0, 4.0]
>>> outage.down, outage.recovered(), outage.down
(True, True, False)
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import redis

from radar.config import Settings

log = logging.getLogger(__name__)


REFUSALS = ("OOM ", "READONLY ", "MISCONF ", "LOADING ", "MASTERDOWN ", "NOREPLICAS ", "BUSY ")
"""Error prefixes of a Redis that answers but refuses to work: out of memory, a replica,
a failed disk save, loading its data, a lost master, a script running."""
_PIPELINE_CAUSE = "caused error: "
_REFUSED = (
    redis.exceptions.OutOfMemoryError,  # redis-py strips the "OOM" code from these messages
    redis.exceptions.ReadOnlyError,
    redis.exceptions.ExecAbortError,  # a transaction refused as a whole (OOM while queueing)
    redis.exceptions.TryAgainError,
)


def is_outage(exc: BaseException) -> bool:
    """True for errors that mean "Redis is not available now" (retry later, one log line),
    not "this request is bad".

    >>> is_outage(redis.ResponseError("OOM command not allowed when used memory > 'maxmemory'."))
    True
    >>> is_outage(redis.ResponseError("value is not a valid float")), is_outage(redis.TimeoutError())
    (False, True)
    >>> is_outage(redis.ResponseError("Command # 1 (SET k OOM) of pipeline caused error: MISCONF x"))
    True
    >>> is_outage(redis.exceptions.OutOfMemoryError("command not allowed when used memory > …"))
    True
    """
    if isinstance(exc, (redis.ConnectionError, redis.TimeoutError, *_REFUSED)):
        return True
    if not isinstance(exc, redis.ResponseError):
        return False
    message = str(exc)  # a pipeline names its command first (with the data: not searched)
    if _PIPELINE_CAUSE in message:
        message = message.split(_PIPELINE_CAUSE, 1)[1]
    return message.startswith(REFUSALS) or message.startswith("EXECABORT")


class Outage:
    """Back-off and one-line logging for a stage that talks to Redis."""

    def __init__(self, what: str, logger: logging.Logger, first: float = 0.5, cap: float = 10.0):
        self.what = what
        self.log = logger
        self.first = first
        self.cap = cap
        self.failures = 0
        self.since: float | None = None

    @property
    def down(self) -> bool:
        return self.failures > 0

    def failed(self, exc: BaseException) -> float:
        """Record a failure; returns the seconds to wait before the next try."""
        if not self.failures:
            self.since = time.monotonic()
            refused = isinstance(exc, redis.ResponseError | redis.exceptions.BusyLoadingError)
            state = "refuses writes" if refused else "unreachable"
            self.log.warning(
                "%s: Redis %s (%s); retrying with backoff", self.what, state, _one_line(exc)
            )
        self.failures += 1
        return min(self.cap, self.first * 2 ** (self.failures - 1))

    def recovered(self) -> bool:
        """Record a success; True (and one log line) when it ends an outage."""
        if not self.failures:
            return False
        lasted = time.monotonic() - (self.since or time.monotonic())
        self.log.warning("%s: Redis is back after %.1f s", self.what, lasted)
        self.failures = 0
        self.since = None
        return True


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or exc.__class__.__name__


def wait_for_redis(url: str, what: str, stop: threading.Event | None = None) -> bool:
    """Block until the Redis at ``url`` answers a PING (or ``stop`` is set). True when up."""
    stop = stop or threading.Event()
    outage = Outage(what, log, first=0.5, cap=5.0)
    while not stop.is_set():
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        try:
            client.ping()
            outage.recovered()
            return True
        except redis.ConnectionError as exc:
            if stop.wait(outage.failed(exc)):
                return False
        finally:
            client.close()
    return False


def snapshot_age(snapshot: dict[str, Any] | None, now: float | None = None) -> float | None:
    """Seconds since the snapshot was generated; None without one."""
    if not snapshot or not snapshot.get("generated"):
        return None
    from radar.timeutil import parse_time

    return (now or time.time()) - parse_time(snapshot["generated"])


WORKER_ALIVE_SECONDS = 30.0  # a worker with a heartbeat this recent counts as running


def health(store, settings: Settings, now: float | None = None) -> tuple[bool, dict[str, Any]]:
    """(healthy, details): Redis answers and the snapshot is younger than N refreshes."""
    limit = settings.health_max_intervals * settings.refresh_seconds
    try:
        store.client.ping()
        snapshot = store.load_snapshot()
        lag = store.lag()
        lag["workers_alive"] = store.workers_alive(WORKER_ALIVE_SECONDS, now)
        leader = store.client.get(store.keys.leader)
        enriched = store.enriched_count() if snapshot is None else None
    except redis.RedisError as exc:
        return False, {"status": "fail", "redis": f"unreachable ({_one_line(exc)})"}
    age = snapshot_age(snapshot, now)
    details: dict[str, Any] = {
        "redis": "ok",
        "snapshot_age_seconds": None if age is None else round(age, 1),
        "snapshot_max_age_seconds": limit,
        "leader": leader.decode() if isinstance(leader, bytes) else leader,
        **{f"enrichment_{k}": v for k, v in lag.items()},
    }
    if age is None and leader and not enriched and not (lag["queued"] or lag["pending"]):
        # clock = "data" and nothing arrived yet: a quiet start, not a stuck radar
        ok, details["reason"] = True, "waiting for the first mentions"
    elif age is None:
        ok, details["reason"] = False, "no snapshot yet"
    elif age > limit:
        ok, details["reason"] = False, f"snapshot is {age:.0f} s old (limit {limit:g} s)"
    else:
        ok = True
    details["status"] = "ok" if ok else "fail"
    return ok, details
