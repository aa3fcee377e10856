"""Deterministic stand-ins for the ML parts in fast tests (never for Redis or the browser)."""

from __future__ import annotations

import numpy as np

from clustering.topics import TopicCluster, WindowClustering


def by_first_word(texts, embeddings, params):
    """Clusters texts by their first word (groups of 3 or more); the rest is noise."""
    groups: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        groups.setdefault(text.split()[0].lower(), []).append(i)
    labels = np.full(len(texts), -1)
    clusters = []
    for cid, (word, members) in enumerate((w, g) for w, g in groups.items() if len(g) >= 3):
        members = np.array(members)
        labels[members] = cid
        centroid = embeddings[members].mean(axis=0)
        centroid = centroid / (np.linalg.norm(centroid) or 1.0)
        clusters.append(
            TopicCluster(
                cid, members, [word], int(members[0]), centroid, [int(m) for m in members[1:3]]
            )
        )
    return WindowClustering(labels, sorted(clusters, key=lambda c: -c.size))
