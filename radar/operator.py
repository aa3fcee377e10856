"""Operator choices: published answers, renames, merges and dismissals, and how they apply.

:class:`OperatorActions` writes the choices of the webcare team to the store
(names from :mod:`radar.keys`); :meth:`OperatorActions.state` reads them back as
one :class:`OperatorState`. The radar loop passes that state to
:meth:`radar.refresh.Radar.refresh`, which folds it into the ranked clusters with
the pure :func:`apply_operator_state`:

- a renamed cluster shows the operator's label (``"renamed": true``);
- a merged cluster is folded into its target (sizes and counts added, the target
  keeps its id and lists the merged ids in ``"merged"``);
- a dismissed cluster is left out;
- a published answer is attached as ``"published"`` with ``"after_publish"``:
  the cluster's rate per 15 minutes before and after publishing ("did it help?").

>>> state = OperatorState(labels={"q-1": "Bussen"}, dismissed=frozenset({"q-2"}))
>>> qs = [{"id": "q-1", "label": "bus", "rank": 1}, {"id": "q-2", "label": "x", "rank": 2}]
>>> [(q["id"], q["label"], q["rank"]) for q in apply_operator_state(qs, state, [], 0.0)]
[('q-1', 'Bussen', 1)]
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from radar.errors import RadarError
from radar.keys import Keys
from radar.ratelimit import count_one, minute, seconds_left
from radar.signals import merged_growth, state_of
from radar.snapshot_schema import RECENT_MINUTES
from radar.timeutil import iso, parse_time

MAX_LABEL = 120
LOG_LENGTH = 10_000
BEFORE_MINUTES = 60  # "did it help?": the rate in the hour before publishing …
RATE_MINUTES = RECENT_MINUTES  # … and since, both per 15 minutes
MIN_EFFECT_MINUTES = 5  # no did-it-help figure until the answer has been out this long

Cluster = dict[str, Any]


class OperatorError(RadarError):
    """An operator action that cannot be done (unknown cluster, merge into itself, …)."""


@dataclass(frozen=True)
class Published:
    """One answer an operator published for a cluster."""

    cluster_id: str
    playbook_id: str
    answer_id: str
    wording_key: str
    channel: str
    at: float
    wording: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "playbook_id": self.playbook_id,
            "answer_id": self.answer_id,
            "wording_key": self.wording_key,
            "channel": self.channel,
            "at": self.at,
            "wording": self.wording,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Published:
        return cls(
            str(data["cluster_id"]),
            str(data.get("playbook_id") or ""),
            str(data.get("answer_id") or ""),
            str(data.get("wording_key") or ""),
            str(data.get("channel") or ""),
            float(data["at"]),
            str(data.get("wording") or ""),
        )


@dataclass(frozen=True)
class OperatorState:
    """Everything operators decided, as the radar needs it on a refresh."""

    published: Mapping[str, Published] = field(default_factory=dict)  # latest per cluster
    labels: Mapping[str, str] = field(default_factory=dict)
    merged: Mapping[str, str] = field(default_factory=dict)  # cluster id -> target id
    dismissed: frozenset[str] = frozenset()
    wording_used: Mapping[str, float] = field(default_factory=dict)  # wording key -> time

    def target(self, cluster_id: str) -> str:
        """Where ``cluster_id`` ends up after following merges (chains resolved).

        >>> OperatorState(merged={"a": "b", "b": "c"}).target("a")
        'c'
        """
        seen = {cluster_id}
        while cluster_id in self.merged and self.merged[cluster_id] not in seen:
            cluster_id = self.merged[cluster_id]
            seen.add(cluster_id)
        return cluster_id


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _kind(cluster_id: str) -> str:
    """The cluster's kind from its id prefix (``q3`` and ``q-3f2a`` are questions).

    >>> _kind("q12"), _kind("t-3f2a")
    ('q', 't')
    """
    return cluster_id.lstrip()[:1]


class OperatorActions:
    """Operator actions on one namespace of the store (passed in, never global)."""

    def __init__(self, store: Any):
        self.store = store
        self.client = store.client
        self.keys: Keys = store.keys

    # -- refused tokens ---------------------------------------------------------------------
    def locked_out(self, client: str, limit: int, now: float | None = None) -> int:
        """Seconds ``client`` must wait because it had ``limit`` refused tokens this minute
        (0: it may try). Guessing the token costs a minute per ``limit`` guesses."""
        count = self.client.get(self.keys.operator_fails(client, minute(now)))
        return seconds_left(now) if int(count or 0) >= limit else 0

    def token_refused(self, client: str, now: float | None = None) -> int:
        """Count one refused token of ``client`` this minute; returns the count so far."""
        return count_one(self.client, self.keys.operator_fails(client, minute(now)))

    # -- actions ---------------------------------------------------------------------------
    def publish(
        self,
        cluster_id: str,
        playbook_id: str,
        answer_id: str,
        wording_key: str,
        channel: str,
        at: float,
        wording: str = "",
    ) -> Published:
        """Record that an answer went out; the wording counts as used (rotation)."""
        if not channel.strip():
            raise OperatorError("publish: choose the channel the answer went out on")
        if not wording_key.startswith(f"{playbook_id}/{answer_id}/"):
            raise OperatorError(f"publish: wording {wording_key!r} is not one of {answer_id!r}")
        item = Published(
            _need(cluster_id), playbook_id, answer_id, wording_key, channel.strip(), at, wording
        )
        with self.client.pipeline(transaction=True) as pipe:
            pipe.hset(self.keys.operator_published, cluster_id, json.dumps(item.to_dict()))
            pipe.hset(self.keys.playbook_usage, wording_key, repr(float(at)))
            self._log(pipe, "publish", **item.to_dict())
            pipe.execute()
        return item

    def rename(self, cluster_id: str, label: str) -> None:
        """Show ``label`` for the cluster from the next refresh on; an empty label resets."""
        label = " ".join(label.split())
        if len(label) > MAX_LABEL:
            raise OperatorError(f"rename: keep the label under {MAX_LABEL} characters")
        with self.client.pipeline(transaction=True) as pipe:
            if label:
                pipe.hset(self.keys.operator_labels, _need(cluster_id), label)
            else:
                pipe.hdel(self.keys.operator_labels, _need(cluster_id))
            self._log(pipe, "rename", cluster_id=cluster_id, label=label)
            pipe.execute()

    def merge(self, cluster_id: str, into_id: str) -> None:
        """Fold ``cluster_id`` into ``into_id`` (same kind) from the next refresh on."""
        _need(cluster_id), _need(into_id)
        if _kind(cluster_id) != _kind(into_id):
            raise OperatorError("merge: a question merges into a question, a topic into a topic")
        if self.state().target(into_id) == cluster_id or cluster_id == into_id:
            raise OperatorError(f"merge: {into_id} is already part of {cluster_id}")
        with self.client.pipeline(transaction=True) as pipe:
            pipe.hset(self.keys.operator_merged, cluster_id, into_id)
            self._log(pipe, "merge", cluster_id=cluster_id, into=into_id)
            pipe.execute()

    def dismiss(self, cluster_id: str) -> None:
        """Leave the cluster out of the dominant questions and gaps from the next refresh on."""
        with self.client.pipeline(transaction=True) as pipe:
            pipe.sadd(self.keys.operator_dismissed, _need(cluster_id))
            self._log(pipe, "dismiss", cluster_id=cluster_id)
            pipe.execute()

    def _log(self, pipe: Any, action: str, **fields: Any) -> None:
        log_action(pipe, self.keys, action, **fields)

    # -- reading ---------------------------------------------------------------------------
    def state(self) -> OperatorState:
        """All operator choices, read in one round trip."""
        with self.client.pipeline(transaction=False) as pipe:
            pipe.hgetall(self.keys.operator_published)
            pipe.hgetall(self.keys.operator_labels)
            pipe.hgetall(self.keys.operator_merged)
            pipe.smembers(self.keys.operator_dismissed)
            pipe.hgetall(self.keys.playbook_usage)
            published, labels, merged, dismissed, usage = pipe.execute()
        return OperatorState(
            published={_text(k): Published.from_dict(json.loads(v)) for k, v in published.items()},
            labels={_text(k): _text(v) for k, v in labels.items()},
            merged={_text(k): _text(v) for k, v in merged.items()},
            dismissed=frozenset(_text(v) for v in dismissed),
            wording_used={_text(k): float(v) for k, v in usage.items()},
        )

    def history(self, count: int = 100) -> list[dict[str, Any]]:
        """The last ``count`` actions, newest first."""
        entries = self.client.xrevrange(self.keys.operator_log, count=count)
        return [json.loads(fields[b"e"]) for _id, fields in entries]


def log_action(pipe: Any, keys: Keys, action: str, **fields: Any) -> None:
    """Append one operator action to the audit stream (``operator:log``), in ``pipe``."""
    entry = json.dumps({"action": action, **fields}, ensure_ascii=False)
    pipe.xadd(keys.operator_log, {"e": entry}, maxlen=LOG_LENGTH, approximate=True)


def _need(cluster_id: str) -> str:
    if not isinstance(cluster_id, str) or not cluster_id.strip():
        raise OperatorError("choose a cluster first")
    return cluster_id


# -- applying the state (pure) -------------------------------------------------------------


def remember_wording_use(
    chosen: MutableMapping[str, tuple[str, str]],
    used: MutableMapping[str, float],
    state: OperatorState,
) -> None:
    """Take the stored wording use times; a question whose wording went out gets a new one.

    ``chosen`` maps cluster id to the suggested ``(wording key, text)``; ``used`` maps
    wording key to its last use. Both are the radar's, updated in place.

    >>> chosen, used = {"q-1": ("p/a/0", "Eén")}, {"p/a/0": 5.0}
    >>> pub = Published("q-1", "p", "a", "p/a/0", "X", 9.0)
    >>> remember_wording_use(chosen, used, OperatorState({"q-1": pub}, wording_used={"p/a/0": 9.0}))
    >>> chosen, used
    ({}, {'p/a/0': 9.0})
    """
    for key, at in state.wording_used.items():
        used[key] = max(used.get(key, -math.inf), at)
    for cluster_id, item in state.published.items():
        if cluster_id in chosen and chosen[cluster_id][0] == item.wording_key:
            del chosen[cluster_id]


def inherited(state: OperatorState | None, successors: Mapping[str, str]) -> OperatorState | None:
    """``state`` with each retired cluster's publication, name and dismissal also on its
    successor (:attr:`clustering.identity.IdentityTracker.successors`), where the successor
    has none of its own: a refit that reshapes a published question keeps it published.

    >>> s = OperatorState(labels={"q5": "Geld terug"}, dismissed=frozenset({"q7"}))
    >>> t = inherited(s, {"q5": "q26", "q7": "q27"})
    >>> t.labels["q26"], "q27" in t.dismissed
    ('Geld terug', True)
    """
    if state is None or not successors:
        return state

    def heir(cluster_id: str) -> str:
        seen = {cluster_id}
        while cluster_id in successors and successors[cluster_id] not in seen:
            cluster_id = successors[cluster_id]
            seen.add(cluster_id)
        return cluster_id

    published = dict(state.published)
    labels = dict(state.labels)
    for old in successors:
        new = heir(old)
        if old in state.published and new not in published:
            published[new] = state.published[old]
        if old in state.labels and new not in labels:
            labels[new] = state.labels[old]
    dismissed = state.dismissed | {heir(old) for old in state.dismissed if old in successors}
    return OperatorState(published, labels, state.merged, dismissed, state.wording_used)


def apply_operator_state(
    clusters: Sequence[Cluster],
    state: OperatorState | None,
    bins: Sequence[Mapping[str, Any]],
    now: float,
) -> list[Cluster]:
    """The ranked clusters with the operators' choices applied (a new list; input untouched).

    ``bins`` are the snapshot's time bins (``start`` ISO times) that each cluster's
    ``counts`` align with; ``now`` is the radar clock.
    """
    out = [dict(c) for c in clusters]
    if state is None:
        return out
    out = _merge(out, state)
    out = [c for c in out if c["id"] not in state.dismissed]
    for c in out:
        if c["id"] in state.labels:
            c["label"] = state.labels[c["id"]]
            c["renamed"] = True
        if c["id"] in state.published:
            c["published"], c["after_publish"] = _published(c, state.published[c["id"]], bins, now)
    if any(c.get("rank") for c in out):
        out.sort(key=lambda c: -float(c.get("score") or 0.0))  # stable: ties keep their order
        for rank, c in enumerate(out, start=1):
            c["rank"] = rank
    return out


def _merge(clusters: list[Cluster], state: OperatorState) -> list[Cluster]:
    heads: dict[str, Cluster] = {}
    for c in clusters:  # clusters that stay themselves
        if state.target(c["id"]) == c["id"]:
            heads[c["id"]] = c
    for c in clusters:  # a part whose target is gone carries on under the target's id
        target_id = state.target(c["id"])
        if target_id not in heads:
            c["merged"] = [*c.get("merged", []), c["id"]]
            c["id"] = target_id
            heads[target_id] = c
    out: list[Cluster] = []
    for c in clusters:
        head = heads[state.target(c["id"])] if c["id"] not in heads else heads[c["id"]]
        if head is c:
            out.append(c)
        else:
            fold_cluster(head, c)
    return out


FOLD_MIN_RECENT = 5
"""Mentions in the last 15 minutes a folded question needs to read as growing (the
smallest cluster the radar lists; the window's own minimum is not known here)."""


def fold_cluster(target: Cluster, source: Cluster) -> None:
    """Add ``source`` to ``target``: sizes, counts, sentiment mix, examples; the growth and
    the state are those of the two together, so the card's arrow and the changes line agree.

    >>> a = {"id": "q-1", "size": 60, "recent": 2, "growth": 0.3, "state": "fading"}
    >>> fold_cluster(a, {"id": "q-2", "size": 12, "recent": 12, "growth": 12.0, "state": "new"})
    >>> a["growth"], a["state"]
    (1.89, 'growing')
    """
    size_t, size_s = int(target.get("size") or 0), int(source.get("size") or 0)
    total = size_t + size_s
    mix_t, mix_s = target.get("sentiment") or {}, source.get("sentiment") or {}
    if total and (mix_t or mix_s):
        target["sentiment"] = {
            k: round(
                (float(mix_t.get(k) or 0) * size_t + float(mix_s.get(k) or 0) * size_s) / total, 3
            )
            for k in ("negative", "neutral", "positive", "mean")
        }
    before_t = {k: target.get(k) for k in ("recent", "growth", "size")}
    for k in ("size", "recent"):
        target[k] = int(target.get(k) or 0) + int(source.get(k) or 0)
    if total:
        target["growth"] = round(
            merged_growth(
                [
                    (
                        int(q.get("recent") or 0),
                        float(q.get("growth") or 0),
                        int(q.get("size") or 0),
                    )
                    for q in (before_t, source)
                ]
            ),
            2,
        )
        states = {target.get("state"), source.get("state")}
        if states != {"new"} and states & {"new", "growing", "stable", "fading"}:
            target["state"] = state_of(
                float(target["growth"]), int(target.get("recent") or 0), FOLD_MIN_RECENT
            )
    if "score" in target or "score" in source:
        target["score"] = round(
            float(target.get("score") or 0) + float(source.get("score") or 0), 2
        )
    a, b = list(target.get("counts") or []), list(source.get("counts") or [])
    if a or b:
        n = max(len(a), len(b))
        target["counts"] = [
            (a[i] if i < len(a) else 0) + (b[i] if i < len(b) else 0) for i in range(n)
        ]
    for k, pick in (("first_seen", min), ("last_seen", max)):
        values = [v for v in (target.get(k), source.get(k)) if v]
        if values:
            target[k] = pick(values, key=parse_time)
    target["examples"] = (list(target.get("examples") or []) + [source.get("representative")])[:3]
    if not target.get("playbook") and source.get("playbook"):
        target["playbook"], target["gap"] = source["playbook"], False
    target["merged"] = [*target.get("merged", []), source["id"], *source.get("merged", [])]


def _published(
    cluster: Cluster, item: Published, bins: Sequence[Mapping[str, Any]], now: float
) -> tuple[dict[str, Any], dict[str, Any]]:
    published = {
        "at": iso(item.at),
        "channel": item.channel,
        "wording": item.wording,
        "wording_key": item.wording_key,
        "playbook_id": item.playbook_id,
        "answer_id": item.answer_id,
    }
    return published, after_publish(cluster.get("counts") or [], bins, item.at, now)


def after_publish(
    counts: Sequence[int],
    bins: Sequence[Mapping[str, Any]],
    at: float,
    now: float,
    before_minutes: float | None = None,
) -> dict[str, Any]:
    """Did it help? Mentions per 15 min before ``at`` and since ``at``.

    "Before" is as long as "since" (at least 15 minutes, at most an hour) unless
    ``before_minutes`` says otherwise. ``change`` is the relative change (-0.4 = 40 %
    fewer); None when there is no "before" to compare with, or while the answer has
    been out less than ``MIN_EFFECT_MINUTES`` (a minute of silence is no effect yet).
    The bin holding ``at`` counts as "after".

    >>> bins = [{"start": iso(600.0 * i)} for i in range(6)]  # 10-minute bins from 0 s
    >>> after_publish([4, 4, 4, 2, 1, 1], bins, at=1800.0, now=3600.0, before_minutes=30)
    {'before_rate': 6.0, 'after_rate': 2.0, 'change': -0.67, 'minutes': 30}
    """
    if not bins:
        return {"before_rate": None, "after_rate": None, "change": None, "minutes": 0}
    starts = [parse_time(b["start"]) for b in bins]
    bin_s = (starts[1] - starts[0]) if len(starts) > 1 else 60.0
    n = min(len(starts), len(counts))
    at_bin = math.floor((at - starts[0]) / bin_s)
    if before_minutes is None:
        before_minutes = min(BEFORE_MINUTES, max(RATE_MINUTES, (now - at) / 60))
    lo = max(0, at_bin - math.ceil(before_minutes * 60 / bin_s))
    before_bins = max(0, min(at_bin, n) - lo)
    after_start = starts[0] + max(at_bin, 0) * bin_s
    after_s = max(bin_s, now - after_start)
    after_count = sum(counts[max(at_bin, 0) : n])
    before_count = sum(counts[lo : max(at_bin, 0)]) if at_bin > 0 else 0
    per = RATE_MINUTES * 60
    after_rate = round(after_count * per / after_s, 1)
    before_rate = round(before_count * per / (before_bins * bin_s), 1) if before_bins else None
    change = round((after_rate - before_rate) / before_rate, 2) if before_rate else None
    if now - at < MIN_EFFECT_MINUTES * 60:
        change = None
    return {
        "before_rate": before_rate,
        "after_rate": after_rate,
        "change": change,
        "minutes": max(0, round((now - at) / 60)),
    }
