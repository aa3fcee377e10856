"""A deterministic, dependency-free embedder: hashed word and character n-grams.

For unit tests and machines without a model. Texts sharing words land close.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from clustering.embedders._base import normalise_rows

_WORD = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    """Bag of hashed words and character trigrams.

    >>> e = HashingEmbedder(dim=64)
    >>> a, b, c = e.embed(["rijden er treinen", "rijden er nog treinen", "stroom is uit"])
    >>> bool(a @ b > a @ c)
    True
    """

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.name = f"hashing-{dim}"

    def _index(self, token: str) -> tuple[int, float]:
        digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dim, 1.0 if (value >> 63) & 1 else -1.0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.casefold())
            for word in words:
                col, sign = self._index("w:" + word)
                matrix[row, col] += 2.0 * sign
                padded = f"<{word}>"
                for i in range(len(padded) - 2):
                    col, sign = self._index("c:" + padded[i : i + 3])
                    matrix[row, col] += 0.5 * sign
        return normalise_rows(matrix)
