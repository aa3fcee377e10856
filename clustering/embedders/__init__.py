"""Embedding backends behind one method, chosen by a config string.

Every backend implements ``embed(texts) -> np.ndarray`` (float32, one L2-normalised
row per text). :func:`get_embedder` maps a spec to a backend; heavy imports happen
inside the backend's constructor.

>>> e = get_embedder("hashing")
>>> e.embed(["storing bij de trein", "storing bij de trein"]).shape
(2, 256)
>>> get_embedder("word2vec")
Traceback (most recent call last):
...
clustering.embedders._base.UnknownEmbedder: unknown embedder 'word2vec'; use one of: hashing, use-multilingual, sentence-transformers:<name or path>
"""

from clustering.embedders._base import (
    Embedder,
    EmbedderUnavailable,
    UnknownEmbedder,
    normalise_rows,
)
from clustering.embedders._hashing import HashingEmbedder
from clustering.embedders._registry import available_embedders, get_embedder

__all__ = [
    "Embedder",
    "EmbedderUnavailable",
    "HashingEmbedder",
    "UnknownEmbedder",
    "available_embedders",
    "get_embedder",
    "normalise_rows",
]
