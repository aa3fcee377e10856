"""Leader election for the radar loop: one Redis lock with a renewed TTL.

Several ``radar loop`` processes may run; only the one holding the lock writes
snapshots. The lock is ``SET key token NX PX ttl`` with a random token, renewed
every ttl/3 by a compare-and-pexpire script and released by compare-and-delete,
so a process never extends or deletes a lock it lost. A standby tries to take
the lock about every second and so takes over within about one ttl after the
leader died (even by ``kill -9``).

:class:`Election` is the pure part (when am I leader, when to try next);
:class:`LeaderLock` the Redis commands; :class:`Leadership` the thread joining them.

>>> e = Election(ttl=15.0)
>>> e.update(now=100.0, held=True)
>>> e.is_leader(now=105.0), e.is_leader(now=115.5), e.next_try(now=105.0)
(True, False, 110.0)
>>> e.update(now=106.0, held=False)
>>> e.is_leader(now=106.0), e.next_try(now=106.0)
(False, 107.0)
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time

import redis

log = logging.getLogger(__name__)

_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class Election:
    """Leadership as seen from one process, from the outcomes of its lock attempts.

    ``update(now, held)`` records an attempt made at ``now`` (acquire or renew) and
    whether this process holds the lock afterwards. A leader counts itself leader
    only until ``now + ttl * safety`` of its last successful attempt, so it stops
    writing before the lock can have passed to another process.
    """

    def __init__(self, ttl: float, standby_poll: float = 1.0, safety: float = 0.9):
        self.ttl = ttl
        self.standby_poll = min(standby_poll, ttl / 3)
        self.safety = safety
        self._valid_until = float("-inf")
        self._held = False

    def update(self, now: float, held: bool) -> None:
        self._held = held
        if held:
            self._valid_until = now + self.ttl * self.safety

    def is_leader(self, now: float) -> bool:
        return self._held and now < self._valid_until

    def next_try(self, now: float) -> float:
        """When to renew (leader: every ttl/3) or try to take over (standby)."""
        return now + (self.ttl / 3 if self._held else self.standby_poll)


class LeaderLock:
    """The lock commands on one key; ``token`` identifies this process."""

    def __init__(self, client: redis.Redis, key: str, ttl: float, token: str | None = None):
        self.client = client
        self.key = key
        self.ttl_ms = max(1, int(ttl * 1000))
        self.token = token or f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(4)}"
        self._renew = client.register_script(_RENEW)
        self._release = client.register_script(_RELEASE)

    def acquire(self) -> bool:
        """Take the lock when nobody holds it (or when this process already does)."""
        if self.client.set(self.key, self.token, nx=True, px=self.ttl_ms):
            return True
        return self.renew()

    def renew(self) -> bool:
        """Extend the lock if this process still holds it."""
        return bool(self._renew(keys=[self.key], args=[self.token, self.ttl_ms]))

    def release(self) -> bool:
        """Give the lock up if this process still holds it."""
        return bool(self._release(keys=[self.key], args=[self.token]))

    def holder(self) -> str | None:
        raw = self.client.get(self.key)
        return raw.decode() if isinstance(raw, bytes) else raw


class Leadership:
    """A thread that keeps (or waits for) the lock; ask :meth:`is_leader` before writing."""

    def __init__(self, lock: LeaderLock, ttl: float, stop: threading.Event):
        self.lock = lock
        self.election = Election(ttl)
        self.stop = stop
        self._thread = threading.Thread(target=self._run, name="leader", daemon=True)
        self._announced = False
        self._leading = False

    def start(self) -> Leadership:
        self._thread.start()
        return self

    @property
    def thread(self) -> threading.Thread:
        """The thread that holds the lock; it releases it once ``stop`` is set."""
        return self._thread

    def join(self, timeout: float | None = None) -> None:
        """Wait for the thread to release the lock after ``stop`` was set."""
        self._thread.join(timeout)

    def is_leader(self) -> bool:
        return self.election.is_leader(time.monotonic())

    def _attempt(self) -> bool:
        now = time.monotonic()
        try:
            renewing = self.election.is_leader(now)
            held = self.lock.renew() if renewing else self.lock.acquire()
        except redis.RedisError:  # cannot confirm: count as not held; the loop logs outages
            held = False
        self.election.update(now, held)
        # against what this thread last saw, not the lease: a process paused past its lease
        # (SIGSTOP, a long GC, a frozen VM) finds it expired and must still say it lost
        if held and not self._leading:
            log.info("leader: this loop (%s) now writes the snapshots", self.lock.token)
        elif self._leading and not held:
            log.warning("leader: lost the lock; standing by")
        elif not held and not self._announced:
            log.info("leader: another loop leads; this one (%s) stands by", self.lock.token)
        self._announced, self._leading = True, held
        return held

    def _run(self) -> None:
        while not self.stop.is_set():
            self._attempt()
            self.stop.wait(max(0.05, self.election.next_try(time.monotonic()) - time.monotonic()))
        try:
            if self.lock.release():
                log.info("leader: lock released")
        except redis.RedisError:
            pass
