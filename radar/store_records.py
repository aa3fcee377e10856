"""The store's small records: snapshots and their history, feed states, shared counters
and the pseudonym key. Part of :class:`radar.store.Store`."""

from __future__ import annotations

import json
import secrets
from typing import Any

from radar.store_base import StoreBase, as_text

SNAPSHOT_HISTORY = 500


class RecordsMixin(StoreBase):
    """The snapshot, feed-state, counter and secret methods of :class:`radar.store.Store`."""

    _fenced_snapshot: Any  # the registered FENCED_SNAPSHOT script (radar.store_scripts)

    # -- counters -----------------------------------------------------------------------
    def count(self, **counters: int) -> None:
        """Add to shared counters (``mentions_enriched_total=64``) kept in the store."""
        with self.client.pipeline(transaction=False) as pipe:
            for name, value in counters.items():
                pipe.hincrby(self.keys.metrics, name, int(value))
            pipe.execute()

    def counters(self) -> dict[str, int]:
        """Every shared counter by name."""
        raw = self.client.hgetall(self.keys.metrics)
        return {as_text(k): int(v) for k, v in raw.items()}

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
        return {as_text(k): as_text(v) for k, v in raw.items()}

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
        return [self.feed_state(as_text(h)) for h in sorted(self.client.smembers(self.keys.feeds))]

    # -- secrets ------------------------------------------------------------------------
    def pseudonym_secret(self) -> bytes:
        """The namespace's pseudonymisation key, created once and kept in the store."""
        self.client.set(self.keys.pseudonym_key, secrets.token_hex(32), nx=True)
        return self.client.get(self.keys.pseudonym_key)
