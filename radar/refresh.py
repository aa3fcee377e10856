"""One radar refresh: window in, snapshot out.

:class:`Radar` holds what must survive between refreshes (cluster identities,
first-seen times, the wording chosen per question) and turns a window of
enriched mentions plus embeddings into the snapshot document described in
:mod:`radar.snapshot_schema`. It does no I/O: :mod:`radar.loop` feeds it.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from clustering.identity import IdentityTracker
from clustering.incremental import WindowClusterer
from clustering.topics import (
    ClusterParams,
    WindowClustering,
    auto_min_cluster_size,
    cluster_window,
)
from radar.alert_memory import AlertMemory
from radar.config import Settings
from radar.enrich.focus import headline_text
from radar.fold import fold_same_answer
from radar.model import EnrichedMention
from radar.naming import Naming
from radar.operator import (
    OperatorState,
    apply_operator_state,
    inherited,
    remember_wording_use,
)
from radar.playbooks import PlaybookIndex, pick_wording
from radar.signals import (
    RECENT_SECONDS,
    AlertRules,
    bin_index,
    counts_per_bin,
    growth_ratio,
    lifecycle_state,
    recency_weight,
    sentiment_mix,
    spike_alert,
    stable_order,
    swing_alert,
)
from radar.snapshot_schema import SNAPSHOT_VERSION
from radar.timeutil import iso, parse_time

log = logging.getLogger(__name__)

Clusterer = Callable[[Sequence[str], np.ndarray, ClusterParams], WindowClustering]


@dataclass
class _Frame:
    """The window's mentions as aligned arrays."""

    mentions: list[EnrichedMention]
    embeddings: np.ndarray
    times: np.ndarray
    bins: np.ndarray
    negative: np.ndarray

    def subset(self, mask: np.ndarray) -> _Frame:
        idx = np.flatnonzero(mask)
        return _Frame(
            [self.mentions[i] for i in idx],
            self.embeddings[idx] if len(idx) else self.embeddings[:0],
            self.times[idx],
            self.bins[idx],
            self.negative[idx],
        )


HEADLINE_MARGIN = 0.10
"""A cluster's answer must also fit the question shown as its headline (the central post
:func:`radar.headline.headline_member` picks): within this margin of the headline's best
answer; otherwise the headline's own match is used.
A cluster that mixes "Kan ik nog met de trein naar Leiden?" with "Kan ik mijn treinkaartje
vergoed krijgen?" matched the refund answer on its centroid under the travel headline."""

KEYWORDS_FOR_MATCH = 5  # a cluster's top c-TF-IDF keywords a playbook answer must share


@dataclass
class Radar:
    """Stateful refresher; call :meth:`refresh` once per interval."""

    settings: Settings
    playbooks: PlaybookIndex | None = None
    clusterer: Clusterer = cluster_window
    rules: AlertRules = field(default_factory=AlertRules)
    background_refits: bool = False

    def __post_init__(self) -> None:
        self.questions = IdentityTracker(prefix="q")
        self.topics = IdentityTracker(prefix="t")
        params = ClusterParams(min_cluster_size=self.settings.min_cluster_size)
        self.window_clusterers = {
            kind: WindowClusterer(params, fit=self.clusterer, background=self.background_refits)
            for kind in ("question", "topic")
        }
        self.previous_order: list[str] = []
        self.first_seen: dict[str, float] = {}
        self.last_listed: dict[str, float] = {}
        """Cluster id -> the last refresh time it was a cluster: what :meth:`_forget` reads."""
        self.naming = Naming()
        self.wording: dict[str, tuple[str, str]] = {}
        self.wording_used: dict[str, float] = {}
        self.alert_memory = AlertMemory(cooldown=self.rules.cooldown)
        self.topic_of: list[str | None] = []
        self.question_of: list[str | None] = []
        self._assigned: list[str | None] = []

    @property
    def names(self) -> dict[str | tuple[str, frozenset[str]], tuple[int, str]]:
        return self.naming.names

    @property
    def headlines(self) -> dict[str, tuple[int, str]]:
        return self.naming.headlines

    # -- the refresh ----------------------------------------------------------------------
    def refresh(
        self,
        mentions: Sequence[EnrichedMention],
        embeddings: np.ndarray,
        now: float,
        pending: int = 0,
        operator: OperatorState | None = None,
    ) -> dict[str, Any]:
        """The snapshot for the window ending at ``now``, with the operators' choices applied."""
        started = time.perf_counter()
        s = self.settings
        window_s = s.window_hours * 3600
        bin_s = s.bin_minutes * 60
        n_bins = max(1, math.ceil(window_s / bin_s))
        start = now - n_bins * bin_s
        times = np.array([m.published for m in mentions], dtype=float)
        frame = _Frame(
            list(mentions),
            np.asarray(embeddings, dtype=np.float32),
            times,
            bin_index(times, start, bin_s, n_bins),
            np.array([m.sentiment == "negative" for m in mentions], dtype=bool),
        )
        is_question = np.array([m.is_question for m in mentions], dtype=bool)
        questions = self._clusters(
            frame.subset(is_question), "question", self.questions, now, n_bins
        )
        self.question_of = [None] * len(mentions)
        for position, index in enumerate(np.flatnonzero(is_question)):
            self.question_of[index] = self._assigned[position]
        topics = self._clusters(frame, "topic", self.topics, now, n_bins)
        self.topic_of = self._assigned
        if operator is not None:
            remember_wording_use(self.wording, self.wording_used, operator)
        self._match_playbooks(questions)
        questions, folded = fold_same_answer(questions)
        self.question_of = [folded.get(cid, cid) if cid else cid for cid in self.question_of]
        self._rank(questions, now)
        bins = self._bins(frame, is_question, start, bin_s, n_bins)
        questions = apply_operator_state(
            questions, inherited(operator, self.questions.successors), bins, now
        )
        topics = apply_operator_state(
            topics, inherited(operator, self.topics.successors), bins, now
        )
        for cluster in questions + topics:
            for private in [k for k in cluster if k.startswith("_")]:
                del cluster[private]
        snapshot = {
            "version": SNAPSHOT_VERSION,
            "generated": iso(time.time()),
            "now": iso(now),
            "refresh_seconds": s.refresh_seconds,
            "window": {
                "start": iso(start),
                "end": iso(now),
                "hours": s.window_hours,
                "bin_minutes": s.bin_minutes,
            },
            "totals": self._totals(frame, is_question, pending),
            "bins": bins,
            "questions": questions[: s.max_questions],
            "topics": topics,
            "alerts": self._alerts(frame, questions, now),
            "alert_log": self.alert_memory.in_window(now - s.window_hours * 3600),
            "gaps": [q["id"] for q in questions[: s.max_questions] if q["gap"]],
        }
        self._forget(now - max(window_s, self.rules.cooldown))
        snapshot["refresh_ms"] = round((time.perf_counter() - started) * 1000)
        return snapshot

    def _forget(self, before: float) -> None:
        """Drop what the radar remembers of clusters not listed since ``before`` (a whole
        window ago): first sight, name, headline, chosen wording. A crisis of days would
        otherwise grow these with every cluster it saw (ended alerts: :class:`AlertMemory`)."""
        gone = {cid for cid, seen in self.last_listed.items() if seen < before}
        for cid in gone:
            del self.last_listed[cid]
            for table in (self.first_seen, self.wording):
                table.pop(cid, None)
        self.naming.forget(gone)
        for tracker in (self.questions, self.topics):
            tracker.successors = {
                old: new for old, new in tracker.successors.items() if new not in gone
            }

    # -- parts ----------------------------------------------------------------------------
    def _clusters(
        self, frame: _Frame, kind: str, tracker: IdentityTracker, now: float, n_bins: int
    ) -> list[dict[str, Any]]:
        texts = [m.text for m in frame.mentions]
        mcs = self.settings.min_cluster_size or auto_min_cluster_size(len(texts))
        clusterer = self.window_clusterers[kind]
        clusterer.update([m.id for m in frame.mentions], texts, frame.embeddings)
        result = clusterer.result
        tracker.update(
            [([frame.mentions[i].id for i in c.members], c.centroid) for c in result.clusters]
        )
        out = []
        self._assigned = [None] * len(frame.mentions)
        for cid, cluster in zip(tracker.ids, result.clusters, strict=True):
            members = cluster.members
            for i in members:
                self._assigned[i] = cid
            times = frame.times[members]
            first = self.first_seen.setdefault(cid, float(times.min()))
            self.last_listed[cid] = now
            member_mentions = [frame.mentions[i] for i in members]
            representative = (
                self.naming.headline(cid, frame, members, member_mentions)
                if kind == "question"
                else cluster.representative
            )
            examples = [  # the most central post is an example when it is not the headline
                i for i in (cluster.representative, *cluster.examples) if i != representative
            ][: len(cluster.examples)]
            out.append(
                {
                    "id": cid,
                    "kind": kind,
                    "rank": 0,
                    "label": self.naming.label(cid, frame, members, cluster.keywords)
                    or frame.mentions[representative].text[:40],
                    "keywords": cluster.keywords,
                    "representative": frame.mentions[representative].text,
                    "examples": [frame.mentions[i].text for i in examples],
                    "representative_id": frame.mentions[representative].id,
                    "example_ids": [frame.mentions[i].id for i in examples],
                    "size": int(len(members)),
                    "recent": int(np.sum(times > now - RECENT_SECONDS)),
                    "growth": round(growth_ratio(times, now), 2),
                    "sentiment": sentiment_mix(
                        [m.sentiment for m in member_mentions],
                        [m.sentiment_score for m in member_mentions],
                    ),
                    "first_seen": iso(first),
                    "last_seen": iso(float(times.max())),
                    "counts": counts_per_bin(frame.bins[members], n_bins),
                    "state": lifecycle_state(first, times, now, mcs),
                    "playbook": None,
                    "gap": kind == "question",
                    "_centroid": cluster.centroid,
                    "_headline_vector": frame.embeddings[representative],
                    "_weight": recency_weight(times, now),
                }
            )
        self.naming.relabel_shared(out, frame, result.clusters)
        return out

    def _match_playbooks(self, questions: list[dict[str, Any]]) -> None:
        if self.playbooks is None or not questions:
            return
        centroids = np.vstack([q["_centroid"] for q in questions])
        headlines = np.vstack([q["_headline_vector"] for q in questions])
        options = {
            "volumes": [q["size"] for q in questions],
            "scenarios": self.settings.scenarios,
            "keywords": [q["keywords"][:KEYWORDS_FOR_MATCH] for q in questions],
        }
        threshold = self.settings.playbook_threshold
        by_centroid = self.playbooks.match(centroids, threshold, **options)
        by_headline = self.playbooks.match(headlines, threshold, **options)
        headline_scores = self.playbooks.scores(headlines)
        matches = [
            centroid_match
            if centroid_match is not None
            and headline_scores[
                i, self.playbooks.slot(centroid_match.playbook_id, centroid_match.answer_id)
            ]
            >= headline_scores[i].max() - HEADLINE_MARGIN
            else headline_match
            for i, (centroid_match, headline_match) in enumerate(
                zip(by_centroid, by_headline, strict=True)
            )
        ]
        nearest = self.playbooks.nearest(centroids)
        for q, match, (book_id, answer_id, score) in zip(questions, matches, nearest, strict=True):
            if match is None:
                # the best answer that did not qualify: lets a person judge the gap flag
                q["nearest"] = {"id": book_id, "answer_id": answer_id, "score": score}
                continue
            answer = self.playbooks.answer(match.playbook_id, match.answer_id)
            key = (match.playbook_id, match.answer_id)
            chosen = self.wording.get(q["id"])
            if chosen is None or not chosen[0].startswith(f"{key[0]}/{key[1]}/"):
                chosen = pick_wording(answer, self.wording_used, match.playbook_id)
                self.wording[q["id"]] = chosen
                self.wording_used[chosen[0]] = time.time()
            q["playbook"] = {
                "id": match.playbook_id,
                "title": match.playbook_title,
                "answer_id": match.answer_id,
                "answer": chosen[1],
                "wording_key": chosen[0],
                "expert": match.expert,
                "score": round(float(match.score), 3),
                "example": match.example,
                "in_scenario": match.in_scenario,
            }
            q["gap"] = False

    def _rank(self, questions: list[dict[str, Any]], now: float) -> None:
        """Order by recency-weighted volume; the reason lists what made the score."""
        for q in questions:
            novelty = 1.3 if q["state"] == "new" else 1.0
            growth = min(max(q["growth"], 0.5), 4.0) ** 0.5
            q["score"] = round(q["_weight"] * novelty * growth, 2)
            q["reason"] = (
                f"{q['recent']} in 15 min, {q['size']} in venster, groei {q['growth']:.1f}×"
                + ("; nieuw" if q["state"] == "new" else "")
                + ("; geen voorbereid antwoord" if q["gap"] else "")
            )
        order = stable_order(self.previous_order, {q["id"]: q["score"] for q in questions})
        position = {cid: i for i, cid in enumerate(order)}
        questions.sort(key=lambda q: position[q["id"]])
        for rank, q in enumerate(questions, start=1):
            q["rank"] = rank
        self.previous_order = order

    def _totals(self, frame: _Frame, is_question: np.ndarray, pending: int) -> dict[str, int]:
        labels = [m.sentiment for m in frame.mentions]
        return {
            "mentions": len(frame.mentions),
            "questions": int(is_question.sum()),
            "negative": labels.count("negative"),
            "neutral": labels.count("neutral"),
            "positive": labels.count("positive"),
            "pending": int(pending),
        }

    def _bins(
        self, frame: _Frame, is_question: np.ndarray, start: float, bin_s: float, n_bins: int
    ) -> list[dict[str, Any]]:
        scores = np.array([m.sentiment_score for m in frame.mentions], dtype=float)
        series = {
            "mentions": counts_per_bin(frame.bins, n_bins),
            "questions": counts_per_bin(frame.bins[is_question], n_bins),
        }
        for label in ("negative", "neutral", "positive"):
            mask = np.array([m.sentiment == label for m in frame.mentions], dtype=bool)
            series[label] = counts_per_bin(frame.bins[mask], n_bins)
        score_sum = (
            np.bincount(frame.bins, weights=scores, minlength=n_bins)
            if len(scores)
            else np.zeros(n_bins)
        )
        out = []
        for b in range(n_bins):
            n = series["mentions"][b]
            row = {"start": iso(start + b * bin_s)}
            row.update({name: values[b] for name, values in series.items()})
            row["sentiment"] = round(float(score_sum[b]) / n, 3) if n else None
            out.append(row)
        return out

    def _alerts(
        self, frame: _Frame, questions: list[dict[str, Any]], now: float
    ) -> list[dict[str, Any]]:
        alerts: list[dict[str, Any]] = []
        overall = [
            spike_alert(frame.times, now, self.rules),
            swing_alert(
                frame.times,
                frame.negative,
                now,
                self.rules,
                opinionated=np.array([m.sentiment != "neutral" for m in frame.mentions], bool),
            ),
        ]
        for alert in overall:
            if alert:
                alert["cluster"] = None
                alerts.append(alert)
        for q in questions:
            if q["state"] == "new":
                alerts.append(
                    {
                        "kind": "new_question",
                        "cluster": q["id"],
                        "message": f"nieuwe vraag: {headline_text(q['representative'])[:80]}"
                        f" ({q['size']}×)",
                    }
                )
        return self.alert_memory.track(alerts, now)


def snapshot_age(snapshot: Mapping[str, Any], now: float | None = None) -> float:
    """Seconds since the snapshot was generated (wall clock)."""

    return (now or time.time()) - parse_time(snapshot["generated"])
