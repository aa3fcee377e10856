"""The enrichment queue in the store: the consumer group, reading and reclaiming mentions,
workers' heartbeats, dead letters and the backlog. Part of :class:`radar.store.Store`."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass

import redis

from radar.model import Mention, stored_problem
from radar.store_base import StoreBase, as_text

DEAD_LETTER_MAX = 10_000
"""Parked mentions kept (a capped stream; the oldest go first)."""
DEAD_LETTER_PAYLOAD = 4_000
"""Characters of a parked mention's JSON kept beside its reason."""


class QueueMixin(StoreBase):
    """The enrichment-queue methods of :class:`radar.store.Store`."""

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
            (as_text(msg_id), decode_mention(fields))
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
        return [(as_text(msg_id), decode_mention(fields)) for msg_id, fields in messages if fields]

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
            as_text(n): s for n, s in self.client.zrange(self.keys.workers, 0, -1, withscores=True)
        }
        taken: list[tuple[str, Mention | Unreadable]] = []
        silent = []
        for info in consumers:
            name = as_text(info["name"])
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
            taken += [(as_text(i), decode_mention(f)) for i, f in claimed if f]
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
        return [{as_text(k): as_text(v) for k, v in fields.items()} for _id, fields in entries]

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
            if as_text(group.get("name", b"")) == self.keys.enrich_group:
                lag["pending"] = int(group.get("pending", 0))
                lag["consumers"] = int(group.get("consumers", 0))
        lag["queued"] = max(0, length - lag["pending"])
        lag["dead_lettered"] = int(self.client.xlen(self.keys.dead_letter))
        return lag

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
