"""Which spec string builds which embedder."""

from __future__ import annotations

from clustering.embedders._base import Embedder, EmbedderUnavailable, UnknownEmbedder
from clustering.embedders._hashing import HashingEmbedder

_SPECS = "hashing, use-multilingual, sentence-transformers:<name or path>"


def available_embedders() -> str:
    """The spec forms :func:`get_embedder` accepts, for help texts."""
    return _SPECS


def get_embedder(spec: str, threads: int = 1) -> Embedder:
    """Build the embedder a config string names.

    ``use-multilingual`` (default, Dutch-capable, offline), ``sentence-transformers:<name or
    path>`` (any local model folder, or a name in the local Hugging Face cache), ``hashing``
    (dependency-free, for tests).
    """
    spec = spec.strip()
    if spec == "hashing":
        return HashingEmbedder()
    if spec in {"use-multilingual", "use"}:
        from clustering.embedders._use import UseMultilingualEmbedder

        return UseMultilingualEmbedder(threads=threads)
    if spec.startswith(("sentence-transformers:", "st:")):
        name = spec.split(":", 1)[1].strip()
        if not name:
            raise UnknownEmbedder("sentence-transformers: needs a model name or path after ':'")
        from clustering.embedders._sentence_transformers import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(name)
    raise UnknownEmbedder(f"unknown embedder {spec!r}; use one of: {_SPECS}")


__all__ = ["EmbedderUnavailable", "get_embedder", "available_embedders"]
