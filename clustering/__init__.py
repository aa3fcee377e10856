"""The radar's ML library: embedder backends, window clustering, cluster identity.

Imports nothing from ``radar`` or ``web``. Heavy libraries (BERTopic, UMAP,
sentence-transformers) are imported inside the functions that need them.
"""
