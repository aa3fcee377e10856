"""Names and headlines of clusters, kept between refreshes: a cluster keeps its name and
its headline post until it has grown or shrunk by a quarter (a calm wall; a card that read
"Rijdt de trein van 7:19 naar Schiphol nog?" must not turn into "Gaat mijn sprinter van
7:08 nog?" with every refresh).

>>> naming = Naming()
>>> naming.forget({"q-1"})
>>> naming.names, naming.headlines
({}, {})
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from clustering.topics import central_members
from radar.enrich.focus import headline_text
from radar.headline import CANDIDATES, headline_member
from radar.labels import LABEL_SAMPLE, cluster_label, distinct_labels, word_set

RENAME_CHANGE = 0.25
"""A cluster is named again when its size changed by more than this share."""
CANDIDATE_POOL = 40
"""Central members searched for one that asks when none of the closest does."""
HEADLINE_SAMPLE = 200
"""Members (in window order) whose spelling and names the headline choice compares."""


@dataclass
class Naming:
    """The names (cluster id, or id and the words it must avoid -> (size when named,
    label)) and headlines (question id -> (its size then, the headline's mention id))."""

    names: dict[str | tuple[str, frozenset[str]], tuple[int, str]] = field(default_factory=dict)
    headlines: dict[str, tuple[int, str]] = field(default_factory=dict)

    def relabel_shared(self, out: list[dict[str, Any]], frame: Any, clusters: list) -> None:
        """Where clusters share a label (an event's name: "Typhoon Bopha"), the largest keeps
        it; each other one is named again without the shared label's words, and a name
        still shared gets a keyword added (:func:`radar.labels.distinct_labels`)."""
        groups: dict[str, list[int]] = {}
        for i, card in enumerate(out):
            groups.setdefault(card["label"].casefold(), []).append(i)
        for label, same in groups.items():
            if len(same) < 2:
                continue
            avoid = frozenset(word_set(label))
            for i in sorted(same, key=lambda i: -out[i]["size"])[1:]:
                card = out[i]
                card["label"] = self.label(
                    card["id"], frame, clusters[i].members, card["keywords"], avoid
                )
        shown = distinct_labels(
            [c["label"] for c in out], [c["keywords"] for c in out], [c["size"] for c in out]
        )
        for card, label in zip(out, shown, strict=True):
            card["label"] = label

    def label(
        self,
        cid: str,
        frame: Any,
        members: np.ndarray,
        keywords: list[str],
        avoid: frozenset[str] = frozenset(),
    ) -> str:
        """The cluster's name (:func:`radar.labels.cluster_label`; ``avoid``: words of a name
        another cluster has), kept until the cluster has grown or shrunk by a quarter: a
        calm wall, and a 50k window's refresh does not read every cluster's members each
        time (2.1 s -> 5.9 s when it did)."""
        key = (cid, avoid) if avoid else cid
        named = self.names.get(key)
        if named is None or abs(len(members) - named[0]) > RENAME_CHANGE * named[0]:
            texts = [frame.mentions[i].text for i in members[:LABEL_SAMPLE]]
            named = (len(members), cluster_label(texts, keywords, avoid=avoid))
            self.names[key] = named
        return named[1]

    def headline(self, cid: str, frame: Any, members: np.ndarray, member_mentions: list) -> int:
        """The headline member of question ``cid``: the one chosen before while it is still a
        member and the cluster has not grown or shrunk by a quarter (a card that read "Rijdt
        de trein van 7:19 naar Schiphol nog?" must not turn into "Gaat mijn sprinter van 7:08
        nog?" with every refresh), else chosen afresh (:meth:`_headline_post`)."""
        kept = self.headlines.get(cid)
        if kept is not None and abs(len(members) - kept[0]) <= RENAME_CHANGE * kept[0]:
            for index, mention in zip(members, member_mentions, strict=True):
                if mention.id == kept[1]:
                    return int(index)
        chosen = self._headline_post(frame, members)
        self.headlines[cid] = (len(members), frame.mentions[chosen].id)
        return chosen

    @staticmethod
    def _headline_post(frame: Any, members: np.ndarray) -> int:
        """The member read out as a question's headline (:func:`radar.headline.headline_member`):
        among the most central, the one that asks, spelt and named as the cluster is. When
        none of them asks, the most central members that do ask are the candidates (a
        question's card must read as a question: "In Costa Rica there was a 7.9 earthquake"
        stood over "Cómo está mi gente de Costa Rica tras el terremoto?"); when no member
        asks, the most central post stays."""
        _, central = central_members(frame.embeddings, members, CANDIDATE_POOL)
        candidates = list(central[:CANDIDATES])
        if not any(_asks(frame.mentions[i].text) for i in candidates):  # look further out
            asking = [i for i in central[CANDIDATES:] if _asks(frame.mentions[i].text)]
            candidates = asking[:CANDIDATES] or candidates
        texts = [frame.mentions[i].text for i in members[:HEADLINE_SAMPLE]]
        return candidates[headline_member([frame.mentions[i].text for i in candidates], texts)]

    def forget(self, gone: Set[str]) -> None:
        """Drop the names and headlines of the clusters ``gone``."""
        for cid in gone:
            self.headlines.pop(cid, None)
        if gone:
            self.names = {
                key: named
                for key, named in self.names.items()
                if (key if isinstance(key, str) else key[0]) not in gone
            }


def _asks(post: str) -> bool:
    """Its headline asks: ends in '?' or, where the language's asking clauses are not known
    (a Spanish tweet in an English stream), holds one."""
    return "?" in headline_text(post)
