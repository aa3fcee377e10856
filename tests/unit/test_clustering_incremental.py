import numpy as np
import pytest

from clustering.incremental import IncrementalParams, WindowClusterer
from clustering.topics import ClusterParams, clusters_from_labels, merge_similar

pytestmark = pytest.mark.unit


def _blobs(seed=0, per=20):
    rng = np.random.default_rng(seed)
    centres = np.eye(8, dtype=np.float32)[:2] * 3
    points = np.vstack([c + 0.3 * rng.normal(size=(per, 8)) for c in centres]).astype(np.float32)
    return points / np.linalg.norm(points, axis=1, keepdims=True)


def _first_per_blob_noise(texts, embeddings, params):
    """A stand-in fit: two clusters by position, the first member of each left as noise."""
    half = len(texts) // 2
    labels = np.array([0] * half + [1] * (len(texts) - half))
    labels[[0, half]] = -1
    return clusters_from_labels(labels, embeddings, {0: ["a"], 1: ["b"]})


def test_fit_noise_close_to_a_cluster_joins_it():
    vectors = _blobs()
    ids = [str(i) for i in range(len(vectors))]
    kept = WindowClusterer(
        fit=_first_per_blob_noise, incremental=IncrementalParams(reassign_noise=False)
    )
    kept.update(ids, ids, vectors)
    joined = WindowClusterer(fit=_first_per_blob_noise)
    joined.update(ids, ids, vectors)
    assert kept.result.labels[[0, 20]].tolist() == [-1, -1]
    assert (joined.result.labels >= 0).all()


def test_new_mentions_join_by_their_nearest_fitted_neighbours_or_stay_noise():
    vectors = _blobs()
    ids = [str(i) for i in range(len(vectors))]
    wc = WindowClusterer(fit=_first_per_blob_noise)
    wc.update(ids, ids, vectors)
    near_second = vectors[25] + 0.01
    far = np.zeros(8, dtype=np.float32)
    far[7] = 1.0
    more = np.vstack([vectors, near_second / np.linalg.norm(near_second), far])
    wc.update(ids + ["n", "f"], ids + ["n", "f"], more)
    labels = wc.result.labels
    assert labels[-2] == labels[25] and labels[-1] == -1
    assert wc.full_fits == 1


def test_same_input_gives_the_same_clusters():
    vectors = _blobs(seed=3)
    ids = [str(i) for i in range(len(vectors))]
    runs = []
    for _ in range(2):
        wc = WindowClusterer(ClusterParams(), fit=_first_per_blob_noise)
        wc.update(ids, ids, vectors)
        runs.append(wc.result.labels.tolist())
    assert runs[0] == runs[1]


def test_clusters_with_near_identical_centroids_merge_and_distinct_ones_stay():
    vectors = _blobs()
    labels = np.array([0] * 10 + [1] * 10 + [2] * 20)  # the first blob split in two
    fitted = clusters_from_labels(labels, vectors, {0: ["a"], 1: ["a2"], 2: ["b"]})
    merged = merge_similar(fitted, vectors, 0.9)
    assert sorted(c.size for c in merged.clusters) == [20, 20]
    assert merge_similar(fitted, vectors, 0.0) is fitted
