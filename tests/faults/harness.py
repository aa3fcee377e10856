"""Real processes for fault tests: a redis-server with AOF that can be restarted, radar stages.

Each test starts its own ``redis-server`` (``--appendonly yes --appendfsync always``)
on a free port in a temporary folder, and the stages as ``python -m radar …``
subprocesses with ``--embedder hashing``. Logs of every process go to files in the
test's folder; :meth:`Stage.log` reads them for assertions and failure reports.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import redis

from radar.devserver import free_port, redis_server_binary
from radar.keys import Keys
from radar.store import wait_for

NAMESPACE = "faults"
KEYS = Keys(NAMESPACE)
# a stage that shows no readiness signal in this long is hung, not slow: a cold first
# compile of the clustering kernels on a loaded 2-core machine took over 100 s
READY_CEILING_SECONDS = 600.0


def _interactive_signals() -> None:
    """In the child before exec: SIGINT back to its default, so Python turns it into
    KeyboardInterrupt as it does for a program started from a terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class RedisProc:
    """A redis-server that writes every command to its append-only file before answering."""

    def __init__(self, folder: Path, port: int | None = None):
        self.folder = folder
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisProc:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [
                redis_server_binary(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--dir",
                str(self.folder),
            ],
            stdout=(self.folder / "redis.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        assert wait_for(self._answers, timeout=20, interval=0.05), "redis-server did not start"
        return self

    def _answers(self) -> bool:
        try:
            with redis.Redis(port=self.port, socket_connect_timeout=1) as client:
                return bool(client.ping())
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        """SIGTERM: Redis flushes its append-only file and exits."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port)


class Stage:
    """One ``python -m radar COMMAND …`` process with its log in a file."""

    def __init__(self, name: str, args: list[str], redis_url: str, folder: Path, **env: str):
        self.name = name
        self.logfile = folder / f"{name}.log"
        environment = {
            **os.environ,
            "RADAR_RECLAIM_IDLE_SECONDS": "2",
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        environment.pop("RADAR_CONFIG", None)
        command = [
            sys.executable,
            "-m",
            "radar",
            *args,
            "--redis-url",
            redis_url,
            "--namespace",
            NAMESPACE,
            "--embedder",
            "hashing",
        ]
        self.proc = subprocess.Popen(
            command,
            stdout=self.logfile.open("ab"),
            stderr=subprocess.STDOUT,
            env=environment,
            cwd=str(folder),
            # a stage run from a terminal gets Ctrl-C; under nohup or as a background job
            # the test runner itself ignores SIGINT and its children would inherit that
            preexec_fn=_interactive_signals,
        )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def log(self) -> str:
        return self.logfile.read_text(encoding="utf-8", errors="replace")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            if sig in (signal.SIGKILL, signal.SIGTERM):
                self.proc.wait(timeout=20)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def wait(self, timeout: float) -> int:
        return self.proc.wait(timeout=timeout)

    def wait_for_log(self, text: str, ceiling: float = READY_CEILING_SECONDS) -> bool:
        """Wait until ``text`` is in the log: a readiness signal, not a guess of how long
        imports and the first JIT compilation take on this machine. Fails at once when the
        process exits; ``ceiling`` only stops a hung stage from hanging the suite.

        >>> READY_CEILING_SECONDS >= 300
        True
        """

        def ready() -> bool:
            assert self.proc.poll() is None or text in self.log(), (
                f"{self.name} exited ({self.proc.returncode}) before '{text}':\n{self.log()}"
            )
            return text in self.log()

        return wait_for(ready, timeout=ceiling, interval=0.2)


def write_mentions(path: Path, n: int, spacing: float = 0.4, start: float | None = None) -> list:
    """``n`` distinct mentions (own ids, no near-duplicates) as JSONL; returns their ids."""
    import random

    rng = random.Random(n)
    words = [
        "trein",
        "bus",
        "storing",
        "utrecht",
        "amsterdam",
        "rotterdam",
        "vertraging",
        "perron",
        "spoor",
        "kaartje",
        "restitutie",
        "overstap",
        "station",
        "conducteur",
        "wissel",
        "sein",
        "stroom",
        "spits",
        "omleiding",
        "taxi",
        "fiets",
        "nacht",
        "ochtend",
        "avond",
        "koud",
        "warm",
        "wachten",
        "informatie",
        "app",
        "website",
        "bericht",
        "reiziger",
        "machinist",
        "tunnel",
        "brug",
        "zwolle",
        "arnhem",
        "eindhoven",
        "groningen",
        "leiden",
        "delft",
    ]
    start = time.time() - n * spacing if start is None else start
    ids = []
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            text = " ".join(rng.sample(words, 9)) + f" melding{i}?"
            mid = f"m{i:05d}"
            ids.append(mid)
            row = {"id": mid, "text": text, "published": start + i * spacing, "source": "faults"}
            handle.write(json.dumps(row) + "\n")
    return ids


def enriched_ids(client: redis.Redis) -> list[str]:
    return [i.decode() for i in client.zrange(KEYS.enriched, 0, -1)]


def backlog(client: redis.Redis) -> int:
    """Mentions queued or pending (acknowledged ones are deleted from the stream)."""
    try:
        return int(client.xlen(KEYS.mentions))
    except redis.ConnectionError:
        return -1


def drained(client: redis.Redis, n: int) -> bool:
    """All ``n`` mentions are in the index and nothing is queued or pending."""
    try:
        return client.zcard(KEYS.enriched) >= n and backlog(client) == 0
    except redis.ConnectionError:
        return False


def progress(client: redis.Redis) -> tuple[int, int]:
    """(mentions in the index, mentions queued or pending): what a stalled pipeline stops moving."""
    try:
        return int(client.zcard(KEYS.enriched)), backlog(client)
    except redis.ConnectionError:
        return -1, -1


def wait_while_moving(client: redis.Redis, n: int, stall: float = 90.0) -> tuple[bool, str]:
    """Wait until ``drained(client, n)``; give up only when nothing moved for ``stall`` seconds.

    A loaded machine makes the workers slow, not stuck: the wait follows their progress
    instead of a fixed time, with READY_CEILING_SECONDS against a pipeline that creeps.
    Returns (drained, a line that says where it stood) for the assertion message.

    >>> stall_default = wait_while_moving.__defaults__[0]
    >>> stall_default > 60  # longer than the reclaim idle time a killed worker's batch waits
    True
    """
    started = last_move = time.monotonic()
    seen = progress(client)
    while not drained(client, n):
        now = time.monotonic()
        if now - last_move > stall or now - started > READY_CEILING_SECONDS:
            break
        time.sleep(0.2)
        current = progress(client)
        if current != seen:
            seen, last_move = current, time.monotonic()
    done = drained(client, n)
    indexed, queued = progress(client)
    return (
        done,
        f"{indexed} of {n} indexed, {queued} queued or pending, after {time.monotonic() - started:.0f} s",
    )


def pending_of(client: redis.Redis, pid: int) -> int:
    """Pending entries of the consumer that runs in process ``pid``."""
    try:
        consumers = client.xinfo_consumers(KEYS.mentions, KEYS.enrich_group)
    except redis.ResponseError:
        return 0
    return sum(
        int(c["pending"])
        for c in consumers
        if f"-{pid}-" in (c["name"].decode() if isinstance(c["name"], bytes) else c["name"])
    )


def report(record_property, **counts) -> None:
    """Print the counts (visible with -s) and attach them to the JUnit report."""
    print("\nFAULT-COUNTS " + json.dumps(counts))
    for key, value in counts.items():
        record_property(key, value)
