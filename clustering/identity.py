"""Keep cluster ids stable across refreshes.

Each refresh's clusters are matched to the previous refresh's by shared members
(Jaccard of mention ids) and centroid similarity; a match inherits the old id,
anything else gets a new one. Follows river's shape: ``update`` then read.

>>> t = IdentityTracker(prefix="q")
>>> t.update([(["a", "b", "c"], np.array([1.0, 0.0]))])
>>> t.ids
['q1']
>>> t.update([(["b", "c", "d"], np.array([0.99, 0.1])), (["x", "y"], np.array([0.0, 1.0]))])
>>> t.ids
['q1', 'q2']
>>> t.update([(["b", "c", "d", "e", "f", "g", "h", "i", "j"], np.array([0.0, 1.0]))])
>>> t.ids, t.successors  # q1 matched nothing: its members are all in q2 now
(['q2'], {'q1': 'q2'})
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

SUCCESSION_SHARE = 0.5
"""Share of a retired cluster's members one new cluster must hold to succeed it."""


@dataclass
class _Known:
    id: str
    members: frozenset[str]
    centroid: np.ndarray


class IdentityTracker:
    """Assigns stable ids to clusters given as (member ids, unit centroid)."""

    def __init__(self, prefix: str = "c", min_similarity: float = 0.80, min_overlap: float = 0.2):
        self.prefix = prefix
        self.min_similarity = min_similarity
        self.min_overlap = min_overlap
        self.memory = 200  # unmatched clusters remembered, so a returning question keeps its id
        self._known: list[_Known] = []
        self._counter = 0
        self.ids: list[str] = []
        self.matched: list[bool] = []
        self.successors: dict[str, str] = {}
        """Retired id -> the id of the cluster now holding most of its members (at least
        :data:`SUCCESSION_SHARE`): what an operator decided about the one holds for the
        other (a refit that splits or reshapes a published question must not lose it)."""

    def _new_id(self) -> str:
        self._counter += 1
        return f"{self.prefix}{self._counter}"

    def update(self, clusters: Sequence[tuple[Sequence[str], np.ndarray]]) -> None:
        """Match this refresh's clusters to the previous ones; results in :attr:`ids`."""
        scores = []
        for new_index, (members, centroid) in enumerate(clusters):
            member_set = frozenset(members)
            for old_index, old in enumerate(self._known):
                union = len(member_set | old.members) or 1
                overlap = len(member_set & old.members) / union
                similarity = float(np.dot(centroid, old.centroid))
                if overlap >= self.min_overlap or similarity >= self.min_similarity:
                    scores.append((overlap + similarity, new_index, old_index))
        scores.sort(reverse=True)
        assigned: dict[int, str] = {}
        taken: set[int] = set()
        for _score, new_index, old_index in scores:
            if new_index in assigned or old_index in taken:
                continue
            assigned[new_index] = self._known[old_index].id
            taken.add(old_index)
        listed_before = len(self.ids)  # the first entries of _known; the rest is memory
        self.matched = [i in assigned for i in range(len(clusters))]
        self.ids = [assigned.get(i) or self._new_id() for i in range(len(clusters))]
        member_sets = [frozenset(members) for members, _ in clusters]
        for old_index, old in enumerate(self._known[:listed_before]):  # retired just now
            if old_index in taken or not old.members or old.id in self.successors:
                continue
            shares = [len(old.members & members) / len(old.members) for members in member_sets]
            best = int(np.argmax(shares)) if shares else -1
            if best >= 0 and shares[best] >= SUCCESSION_SHARE:
                self.successors[old.id] = self.ids[best]
        self._known = [
            _Known(cid, frozenset(members), np.asarray(centroid, dtype=np.float32))
            for cid, (members, centroid) in zip(self.ids, clusters, strict=True)
        ] + [old for i, old in enumerate(self._known) if i not in taken][: self.memory]
