"""Cluster one window of texts with BERTopic on precomputed embeddings (UMAP + HDBSCAN).

The result is plain data (:class:`WindowClustering`): a label per text (-1 = noise)
and, per cluster, its members, c-TF-IDF keywords, the most central real text and
the centroid in embedding space. Heavy imports happen inside :func:`cluster_window`.

>>> auto_min_cluster_size(300), auto_min_cluster_size(2400), auto_min_cluster_size(50_000)
(5, 8, 10)
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from clustering.embedders import normalise_rows
from clustering.lexical import LEXICAL_WEIGHT, with_lexical
from clustering.stopwords import STOP_WORDS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClusterParams:
    """How to cluster a window. ``min_cluster_size`` 0 scales with the window."""

    min_cluster_size: int = 0
    min_samples: int | None = None
    n_components: int = 5
    n_neighbors: int = 15
    top_n_words: int = 8
    random_state: int = 42
    lexical_weight: float = LEXICAL_WEIGHT
    """Weight of the window's word use next to the embedding in a full fit
    (:mod:`clustering.lexical`; 0 = the embedding alone)."""
    max_cluster_share: float = 1 / 3
    """HDBSCAN picks no cluster above this share of the fit, but its parts (0 = any size).
    A CrisisLex event whose tweets all name the event (Boston) fell into one cluster of
    84 %: NMI / ARI 0.114 / 0.004; with the cap 0.260 / 0.054 (HWU64, Alberta, Pablo
    unchanged)."""


@dataclass
class TopicCluster:
    """One cluster of a window, indices refer to the input order."""

    local_id: int
    members: np.ndarray
    keywords: list[str]
    representative: int
    centroid: np.ndarray
    examples: list[int] = field(default_factory=list)

    @property
    def size(self) -> int:
        return int(len(self.members))


@dataclass
class WindowClustering:
    """Labels per input text (-1 = noise) and the clusters, largest first."""

    labels: np.ndarray
    clusters: list[TopicCluster]

    @classmethod
    def empty(cls, n: int) -> WindowClustering:
        return cls(labels=np.full(n, -1, dtype=int), clusters=[])


def auto_min_cluster_size(n: int) -> int:
    """Minimum cluster size for a window of ``n`` texts: about n/300, from 5 to 10.

    It grew with the window before (n/300 without a cap: 15 on the 4,500 CLINC150 test
    queries, NMI / ARI 0.874 / 0.547; capped at 10: 0.885 / 0.673, same run): a question
    asked 30 times in a large window is still a question. A window too large for one fit
    is fitted on a sample, with the size scaled to the sample (at least 5)."""
    return max(5, min(10, round(n / 300)))


def central_members(
    embeddings: np.ndarray, members: np.ndarray, k: int
) -> tuple[np.ndarray, list[int]]:
    """Centroid (unit length) of ``members`` and the ``k`` members closest to it, best first.

    >>> vecs = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]], dtype=np.float32)
    >>> centroid, best = central_members(vecs, np.array([0, 1, 2]), 2)
    >>> best
    [1, 0]
    """
    block = normalise_rows(embeddings[members])
    centroid = normalise_rows(block.mean(axis=0, keepdims=True))[0]
    order = np.argsort(-(block @ centroid), kind="stable")[:k]
    return centroid, [int(members[i]) for i in order]


def clusters_from_labels(
    labels: np.ndarray, embeddings: np.ndarray, keywords: dict[int, list[str]]
) -> WindowClustering:
    """A :class:`WindowClustering` from plain labels (-1 = noise)."""
    clusters = []
    for local in sorted(set(labels.tolist()) - {-1}):
        members = np.flatnonzero(labels == local)
        centroid, best = central_members(embeddings, members, 4)
        clusters.append(
            TopicCluster(int(local), members, keywords.get(local, []), best[0], centroid, best[1:])
        )
    clusters.sort(key=lambda c: -c.size)
    return WindowClustering(labels=np.asarray(labels, dtype=int), clusters=clusters)


def merge_similar(
    fitted: WindowClustering, embeddings: np.ndarray, similarity: float
) -> WindowClustering:
    """Clusters whose centroids are at least ``similarity`` alike become one (transitively);
    the merged cluster keeps the keywords of its largest part.

    >>> vecs = np.array([[1, 0], [1, 0.05], [0.98, 0.2], [0, 1], [0.05, 1]], dtype=np.float32)
    >>> fitted = clusters_from_labels(np.array([0, 0, 1, 2, 2]), vecs, {0: ["a"], 1: ["b"], 2: ["c"]})
    >>> merged = merge_similar(fitted, vecs, 0.95)
    >>> merged.labels.tolist(), [c.keywords for c in merged.clusters]
    ([0, 0, 0, 2, 2], [['a'], ['c']])
    """
    clusters = fitted.clusters
    if len(clusters) < 2 or similarity <= 0:
        return fitted
    centroids = np.vstack([c.centroid for c in clusters])
    sims = centroids @ centroids.T
    parent = list(range(len(clusters)))  # union-find over clusters, largest first

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in zip(*np.nonzero(np.triu(sims >= similarity, k=1)), strict=True):
        a, b = root(int(i)), root(int(j))
        if a != b:
            parent[max(a, b)] = min(a, b)  # the larger cluster (lower index) stays the root
    if all(root(i) == i for i in range(len(clusters))):
        return fitted
    labels = fitted.labels.copy()
    for i, c in enumerate(clusters):
        labels[c.members] = clusters[root(i)].local_id
    keywords = {c.local_id: c.keywords for c in clusters}
    return clusters_from_labels(labels, embeddings, keywords)


def refine_to_centroids(
    fitted: WindowClustering, embeddings: np.ndarray, rounds: int = 1
) -> WindowClustering:
    """Move each clustered text to its nearest cluster centroid (cosine, in the embedding
    space), ``rounds`` times; noise stays noise. Corrects members UMAP placed at the
    edge of a neighbouring cluster.

    >>> vecs = np.array([[1, 0], [0.9, 0.1], [0.6, 0.4], [0, 1], [0.1, 1]], dtype=np.float32)
    >>> fitted = clusters_from_labels(np.array([0, 0, 1, 1, 1]), vecs, {0: ["a"], 1: ["b"]})
    >>> refine_to_centroids(fitted, vecs).labels.tolist()
    [0, 0, 0, 1, 1]
    """
    labels = fitted.labels
    keywords = {c.local_id: c.keywords for c in fitted.clusters}
    unit = normalise_rows(embeddings)
    for _ in range(rounds):
        clusters = clusters_from_labels(labels, embeddings, keywords).clusters
        if len(clusters) < 2:
            break
        centroids = np.vstack([c.centroid for c in clusters])
        ids = np.array([c.local_id for c in clusters])
        clustered = np.flatnonzero(labels != -1)
        moved = labels.copy()
        moved[clustered] = ids[(unit[clustered] @ centroids.T).argmax(axis=1)]
        if np.array_equal(moved, labels):
            break
        labels = moved
    return clusters_from_labels(labels, embeddings, keywords)


SMALL_WINDOW = 60
"""Below this many texts a fit is average linkage (:func:`emerging_clusters`), not UMAP +
HDBSCAN. The first drill questions (seed 7, USE embeddings, one run): 20 questions gave
HDBSCAN no cluster and linkage one of 17; 30 gave one of 7 against one of 20; from 60 on
HDBSCAN separates the questions (5 clusters vs 3). So the dominant questions that the
between-fit linkage showed no longer vanish at the first full fit of a small window, and
that fit needs no compiled kernels."""


def cluster_window(
    texts: Sequence[str], embeddings: np.ndarray, params: ClusterParams | None = None
) -> WindowClustering:
    """Cluster ``texts`` (rows of ``embeddings`` aligned) with BERTopic; noise stays noise."""
    params = params or ClusterParams()
    n = len(texts)
    mcs = params.min_cluster_size or auto_min_cluster_size(n)
    if n < mcs:  # a window of 8 posts can hold a question asked 5 times: linkage looks
        return WindowClustering.empty(n)
    if n < SMALL_WINDOW:
        return emerging_clusters(texts, embeddings, params)
    vectors = np.asarray(embeddings, np.float32)
    fit_input = with_lexical([keyword_text(t) for t in texts], vectors, params.lexical_weight)
    labels, keywords = _fit_bertopic(list(texts), fit_input, mcs, params)
    return clusters_from_labels(labels, vectors, keywords)


def warm_up(dimensions: int = 64, seed: int = 0) -> WindowClustering:
    """Fit once on synthetic blobs so numba compiles UMAP's and HDBSCAN's kernels now
    (tens of seconds on a small machine), not in the first real refresh. Run it in a
    thread while the embedding model loads.

    >>> warm_up().labels.shape  # doctest: +SKIP
    (240,)
    """
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(4, dimensions))
    points = np.vstack([c + 0.05 * rng.normal(size=(60, dimensions)) for c in centres])
    texts = [f"trein bus stroom storing {i % 4}" for i in range(len(points))]
    return cluster_window(texts, points.astype(np.float32), ClusterParams(min_cluster_size=10))


def _fit_bertopic(
    texts: list[str], embeddings: np.ndarray, mcs: int, params: ClusterParams
) -> tuple[np.ndarray, dict[int, list[str]]]:
    from clustering.kernel_cache import enable_kernel_cache

    enable_kernel_cache()  # before UMAP is imported: its kernels compile once per machine
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from sklearn.feature_extraction.text import CountVectorizer

    from clustering.reduce import DistinctUMAP

    n = len(texts)
    reducer = DistinctUMAP(
        n_components=params.n_components,
        n_neighbors=params.n_neighbors,
        min_dist=0.0,
        metric="cosine",
        random_state=params.random_state,
        n_jobs=1,
    )
    clusterer = HDBSCAN(
        min_cluster_size=mcs,
        min_samples=params.min_samples,
        metric="euclidean",
        cluster_selection_method="eom",
        max_cluster_size=round(params.max_cluster_share * n) if params.max_cluster_share else 0,
        prediction_data=False,
    )
    vectorizer = CountVectorizer(
        stop_words=sorted(STOP_WORDS),
        token_pattern=r"(?u)\b[^\W\d_][\w-]{2,}\b",
        ngram_range=(1, 2),
        min_df=1,
    )
    model = BERTopic(
        # not "english": BERTopic then strips every non-ASCII letter and hyphen from the
        # documents before c-TF-IDF ("überhaupt" -> "berhaupt", "ov-fiets" -> "ovfiets")
        language="multilingual",
        umap_model=reducer,
        hdbscan_model=clusterer,
        vectorizer_model=vectorizer,
        top_n_words=params.top_n_words,
        min_topic_size=mcs,
        calculate_probabilities=False,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)
        topics, _ = model.fit_transform(_keyword_docs(texts, vectorizer), embeddings)
    labels = np.asarray(topics, dtype=int)
    keywords: dict[int, list[str]] = {}
    for topic_id in set(labels.tolist()) - {-1}:
        words = model.get_topic(topic_id) or []
        keywords[topic_id] = [w for w, _score in words if w][: params.top_n_words]
    return labels, keywords


NOT_WORDS = re.compile(r"(?:https?://|www\.)\S+|[@#]\w+|\bRT\b:?")
"""Links, @handles, hashtags and RT marks: what no keyword or label may be made of."""


def keyword_text(text: str) -> str:
    """A post as c-TF-IDF sees it: without links, @handles (the privacy mask ``@anon``
    included) and hashtags' marks, so no handle or link part becomes a topic keyword.

    >>> keyword_text("RT @anon: rijden er treinen? @NS_online https://t.co/x #storing")
    'rijden er treinen? storing'
    """
    kept = NOT_WORDS.sub(lambda m: m.group(0)[1:] if m.group(0).startswith("#") else "", text)
    return " ".join(kept.split()).lstrip(": ")


def _keyword_docs(texts: list[str], vectorizer) -> list[str]:
    """The texts c-TF-IDF gets: :func:`keyword_text` of each, unless that leaves the
    vectorizer no word at all (posts of links and handles only), then the posts as given.
    Checked before the fit, so UMAP and HDBSCAN run once either way."""
    from sklearn.base import clone

    docs = [keyword_text(t) for t in texts]
    try:
        clone(vectorizer).fit(docs)
    except ValueError:  # empty vocabulary
        return texts
    return docs


def ctfidf_keywords(
    texts: Sequence[str], labels: np.ndarray, top_n: int = 8
) -> dict[int, list[str]]:
    """Class-based TF-IDF keywords per label (as BERTopic computes them), noise excluded.

    >>> ctfidf_keywords(["trein rijdt niet", "geen trein", "stroom uit", "stroom weg"],
    ...                 np.array([0, 0, 1, 1]), top_n=1)
    {0: ['trein'], 1: ['stroom']}
    """
    from sklearn.feature_extraction.text import CountVectorizer

    ids = sorted(set(labels.tolist()) - {-1})
    if not ids:
        return {}
    joined = [
        " ".join(keyword_text(t) for t, lab in zip(texts, labels, strict=True) if lab == i)
        for i in ids
    ]
    try:
        counts = CountVectorizer(
            stop_words=sorted(STOP_WORDS), token_pattern=r"(?u)\b[^\W\d_][\w-]{2,}\b"
        ).fit(joined)
    except ValueError:  # only stop words
        return {i: [] for i in ids}
    tf = counts.transform(joined).toarray().astype(float)
    words = counts.get_feature_names_out()
    average = tf.sum() / len(ids)
    idf = np.log(1 + average / np.maximum(tf.sum(axis=0), 1))
    scores = (tf / np.maximum(tf.sum(axis=1, keepdims=True), 1)) * idf
    return {
        i: [str(words[j]) for j in np.argsort(-scores[row])[:top_n] if scores[row, j] > 0]
        for row, i in enumerate(ids)
    }


def emerging_clusters(
    texts: Sequence[str],
    embeddings: np.ndarray,
    params: ClusterParams | None = None,
    link_similarity: float = 0.5,
    min_coherence: float = 0.6,
) -> WindowClustering:
    """Groups in a small pool of unassigned texts: average-linkage on cosine similarity.

    Used between full fits on the newest mentions no cluster took, to spot a new
    question as soon as it has ``min_cluster_size`` mentions. HDBSCAN is unreliable on
    pools of a few dozen points (it often calls everything noise); average linkage
    merges groups while their mean similarity stays above ``link_similarity``, and a
    group is kept when it has ``min_cluster_size`` members whose mean similarity to
    their centroid reaches ``min_coherence``. 1,500 texts take well under a second.
    """
    from sklearn.cluster import AgglomerativeClustering

    params = params or ClusterParams()
    n = len(texts)
    mcs = params.min_cluster_size or auto_min_cluster_size(n)
    if n < max(mcs, 2):
        return WindowClustering.empty(n)
    unit = normalise_rows(embeddings)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="cosine",
        linkage="average",
        distance_threshold=1.0 - link_similarity,
    ).fit_predict(unit)
    for local_id in set(labels.tolist()):
        members = np.flatnonzero(labels == local_id)
        centroid = normalise_rows(unit[members].mean(axis=0, keepdims=True))[0]
        if len(members) < mcs or float(np.mean(unit[members] @ centroid)) < min_coherence:
            labels[members] = -1
    return clusters_from_labels(
        labels, embeddings, ctfidf_keywords(texts, labels, params.top_n_words)
    )
