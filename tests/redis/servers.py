"""Real redis-servers with faults for the store's atomicity tests.

:func:`own_redis` starts a redis-server of the test's own on a free port (so a low
``maxmemory`` cannot disturb the session's server); :class:`CuttingProxy` forwards a
TCP connection to it and cuts the first connection after a byte budget, mid-command.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import redis

from radar.devserver import free_port, redis_server_binary
from radar.store import wait_for


@contextmanager
def own_redis() -> Iterator[redis.Redis]:
    """A fresh redis-server (noeviction, no persistence); yields a client; stops it."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="radar-oom-") as folder:
        proc = subprocess.Popen(
            [redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", folder, "--maxmemory-policy", "noeviction"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        client = redis.Redis(port=port)

        def answers() -> bool:
            with contextlib.suppress(redis.ConnectionError):
                return bool(client.ping())
            return False

        try:
            assert wait_for(answers, timeout=20, interval=0.05), "redis-server did not start"
            yield client
        finally:
            client.close()
            proc.terminate()
            proc.wait(timeout=20)


def fill_to_headroom(client: redis.Redis, headroom: int) -> None:
    """Set ``maxmemory`` to the memory in use plus ``headroom`` bytes (negative: over it)."""
    client.config_set("maxmemory", 0)
    used = int(client.info("memory")["used_memory"])
    client.config_set("maxmemory", max(1, used + headroom))


def free_memory(client: redis.Redis) -> None:
    client.config_set("maxmemory", 0)


class CuttingProxy:
    """TCP proxy to ``port``; the first connection is cut after ``budget`` client bytes.

    Later connections pass everything, like a network that fails once. ``cut`` is set
    when the cut happened.
    """

    def __init__(self, port: int, budget: int):
        self.target = port
        self.budget = budget
        self.cut = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._first = True
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                conn, _addr = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            budget = self.budget if self._first else None
            self._first = False
            threading.Thread(target=self._pipe, args=(conn, upstream, budget), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, conn, None), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, budget: int | None) -> None:
        sent = 0
        try:
            while data := source.recv(65536):
                if budget is not None and sent + len(data) > budget:
                    sink.sendall(data[: budget - sent])
                    self.cut.set()
                    break
                sink.sendall(data)
                sent += len(data)
        except OSError:
            pass
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
