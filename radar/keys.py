"""Every Redis key name of the radar, built in one place.

All keys of one namespace share the hash tag ``{ns}`` so they live on one
Redis Cluster slot (multi-key commands and transactions keep working).

>>> k = Keys("radar")
>>> k.mentions
'radar:{radar}:mentions'
>>> k.embedding("abc")
'radar:{radar}:emb:abc'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Keys:
    """Key names of one namespace."""

    namespace: str = "radar"

    def _key(self, *parts: str) -> str:
        return ":".join(("radar", "{" + self.namespace + "}", *parts))

    @property
    def mentions(self) -> str:
        """Stream of raw, normalised mentions waiting for enrichment."""
        return self._key("mentions")

    @property
    def enrich_group(self) -> str:
        """Consumer group name of the enrichment workers on :attr:`mentions`."""
        return "enrichers"

    @property
    def enriched(self) -> str:
        """Sorted set: mention id scored by its published time (epoch seconds)."""
        return self._key("enriched")

    def seen(self, mention_id: str) -> str:
        """Marker that a mention id was ingested (exact duplicate filter); expires."""
        return self._key("seen", mention_id)

    def doc(self, mention_id: str) -> str:
        """JSON of one enriched mention."""
        return self._key("doc", mention_id)

    def embedding(self, mention_id: str) -> str:
        """float32 bytes of one mention's embedding, stored once."""
        return self._key("emb", mention_id)

    @property
    def snapshot(self) -> str:
        """The current snapshot document (JSON) the wall renders."""
        return self._key("snapshot")

    @property
    def snapshots(self) -> str:
        """Stream of past snapshots (capped) for timelines and reports."""
        return self._key("snapshots")

    def feed(self, url_hash: str) -> str:
        """Hash with one feed's ETag, Last-Modified, health and errors."""
        return self._key("feed", url_hash)

    @property
    def corrections(self) -> str:
        """Hash: mention id -> JSON of the crisis team's corrections (question, sentiment)."""
        return self._key("corrections")

    @property
    def dead_letter(self) -> str:
        """Stream of mentions a worker could not enrich or store, each with its reason."""
        return self._key("dead-letter")

    @property
    def feeds(self) -> str:
        """Set of the url hashes of all known feeds."""
        return self._key("feeds")

    @property
    def pseudonym_key(self) -> str:
        """Secret used to pseudonymise authors when none is configured."""
        return self._key("pseudonym-key")

    @property
    def leader(self) -> str:
        """Lock held by the one radar loop that may write snapshots."""
        return self._key("leader")

    @property
    def playbook_usage(self) -> str:
        """Hash: playbook answer wording id -> last time it was suggested."""
        return self._key("playbook-usage")

    def near(self, near_key: str) -> str:
        """Id of the first mention with this near-duplicate key (see radar.dedupe); expires."""
        return self._key("near", near_key)

    def copies(self, mention_id: str) -> str:
        """Counter of the near-duplicate copies a stored mention received; expires."""
        return self._key("copies", mention_id)

    def operator_fails(self, client: str, window: int) -> str:
        """Fixed-window counter of one client's refused operator tokens (window = epoch minute)."""
        return self._key("operator-fails", client, str(window))

    def push_rate(self, client: str, window: int) -> str:
        """Fixed-window request counter of one push client (window = epoch minute)."""
        return self._key("push-rate", client, str(window))

    @property
    def operator_published(self) -> str:
        """Hash: cluster id -> JSON of the answer the operator published last for it."""
        return self._key("operator", "published")

    @property
    def operator_labels(self) -> str:
        """Hash: cluster id -> label chosen by an operator."""
        return self._key("operator", "labels")

    @property
    def operator_merged(self) -> str:
        """Hash: cluster id -> id of the cluster an operator merged it into."""
        return self._key("operator", "merged")

    @property
    def operator_dismissed(self) -> str:
        """Set of cluster ids an operator dismissed."""
        return self._key("operator", "dismissed")

    @property
    def operator_log(self) -> str:
        """Stream (capped): every operator action with its time, for reports and audits."""
        return self._key("operator", "log")

    @property
    def workers(self) -> str:
        """Sorted set: enrichment worker name -> time of its last heartbeat."""
        return self._key("workers")

    @property
    def metrics(self) -> str:
        """Hash: counter name -> value (Prometheus counters shared by every process)."""
        return self._key("metrics")
