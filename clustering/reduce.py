"""UMAP for a window of posts: distinct vectors only, exact neighbours, one answer per input.

A crisis window repeats itself: retweets, copied complaints and templated questions give
identical embeddings (in the replayed drill 1,661 distinct vectors among 4,000 posts).
Fed to UMAP as they are, each group of copies becomes its own complete graph whose
Laplacian has one eigenvalue many times over, and ARPACK (the spectral initialisation)
then returns a different basis of that eigenspace from call to call: ARPACK keeps its
restart seed between calls, so the result depends on what the process fitted before.
Measured on those 4,000 drill posts, precomputed neighbours, separate processes: 147,
148, 149 clusters; the component of 29 copies gave three different layouts in three
calls of one process.

:class:`DistinctUMAP` lays out each distinct vector once and gives every copy the
coordinates of its vector, so HDBSCAN still sees every post (copies keep their weight in
the density). Neighbours come from :func:`exact_neighbours`: one matrix product of
integer-valued vectors, exact in float64 whatever order BLAS sums in, so ties and
rounding cannot differ between runs or machines. Same 4,000 posts: 139 clusters in every
process, also after another fit in the same process; 2.0–2.3 s against 17 s.

>>> import numpy as np
>>> points = np.repeat(np.eye(3, 8, dtype=np.float32), 4, axis=0)
>>> distinct, copies = distinct_rows(points)
>>> len(distinct), copies.tolist()
(3, [2, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0])
"""

from __future__ import annotations

from typing import Any

import numpy as np

QUANT_SCALE = 4096.0
"""Each component of a vector becomes an integer in [-4096, 4096] (relative to the largest
component): products stay below 2**24 and a sum over 512 dimensions below 2**33, far
inside float64's exact integers, so every dot product is exact; the rounding moves a
cosine by about 1e-4, well below the gap between neighbours of distinct posts."""


def distinct_rows(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows (sorted, so the input order does not matter) and, per input row,
    the index of its distinct row."""
    distinct, copies = np.unique(np.asarray(vectors), axis=0, return_inverse=True)
    return distinct, copies.reshape(-1)


def exact_neighbours(
    vectors: np.ndarray, k: int, block: int = 1024
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest rows of each row by cosine distance, the row itself first, as
    UMAP's ``precomputed_knn`` takes them: (indices int32, distances float32).

    Ties are broken by row index (a stable sort of exact distances).

    >>> idx, dist = exact_neighbours(np.array([[1, 0], [0.9, 0.1], [0, 1]], np.float32), 2)
    >>> idx.tolist(), [round(float(d), 3) for d in dist[:, 1]]
    ([[0, 1], [1, 0], [2, 1]], [0.006, 0.006, 0.889])
    """
    values = np.asarray(vectors, np.float64).reshape(len(vectors), -1)
    largest = float(np.abs(values).max()) if values.size else 0.0
    whole = np.rint(values * (QUANT_SCALE / largest)) if largest > 0 else values
    norms = np.sqrt(np.einsum("ij,ij->i", whole, whole))
    norms[norms == 0] = 1.0
    n = len(whole)
    indices = np.empty((n, k), np.int32)
    distances = np.empty((n, k), np.float32)
    for start in range(0, n, block):
        stop = min(start + block, n)
        cosine = (whole[start:stop] @ whole.T) / norms[start:stop, None] / norms[None, :]
        rows = np.clip(1.0 - cosine, 0.0, 2.0)
        own = np.arange(start, stop)
        rows[own - start, own] = -1.0  # itself first, before any exact copy
        nearest = np.argsort(rows, axis=1, kind="stable")[:, :k]
        indices[start:stop] = nearest
        distances[start:stop] = np.take_along_axis(rows, nearest, axis=1)
        distances[start:stop, 0] = 0.0
    return indices, distances


class DistinctUMAP:
    """UMAP fitted on the distinct vectors of a window; copies share their vector's place.

    Takes UMAP's keyword arguments (``n_components``, ``n_neighbors``, ``min_dist``,
    ``metric``, ``random_state``, ...); BERTopic calls :meth:`fit_transform` and, on the
    same vectors, :meth:`transform`. A window with no more distinct vectors than
    ``n_components + 1`` is laid out without UMAP (each distinct vector at its own corner:
    its copies are one group, as the clustering should see them).
    """

    def __init__(self, **umap_kwargs: Any):
        self.umap_kwargs = umap_kwargs
        self.embedding_: np.ndarray | None = None
        self._fitted_on: np.ndarray | None = None

    def fit_transform(self, vectors: np.ndarray, y: Any = None) -> np.ndarray:  # noqa: ARG002
        distinct, copies = distinct_rows(vectors)
        dims = int(self.umap_kwargs.get("n_components", 5))
        if len(distinct) <= dims + 1:
            layout = np.eye(len(distinct), dims, dtype=np.float32)
        else:
            from umap import UMAP

            k = min(int(self.umap_kwargs.get("n_neighbors", 15)), len(distinct) - 1)
            kwargs = self.umap_kwargs | {"n_neighbors": k}
            reducer = UMAP(**kwargs, precomputed_knn=(*exact_neighbours(distinct, k), None))
            layout = reducer.fit_transform(distinct)
        self.embedding_ = np.asarray(layout, np.float32)[copies]
        self._fitted_on = vectors
        return self.embedding_

    def fit(self, vectors: np.ndarray, y: Any = None) -> DistinctUMAP:
        self.fit_transform(vectors, y)
        return self

    def transform(self, vectors: np.ndarray) -> np.ndarray:
        """The layout of the fitted vectors (the only ones BERTopic passes back)."""
        if self.embedding_ is None or self._fitted_on is None:
            raise ValueError("DistinctUMAP.transform before fit")
        if vectors is not self._fitted_on and not np.array_equal(vectors, self._fitted_on):
            raise ValueError("DistinctUMAP lays out the vectors it was fitted on only")
        return self.embedding_
