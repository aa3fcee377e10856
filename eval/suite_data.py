"""Labelled real sets for the clustering suite, and an embedder that caches on disk.

Texts stay in the shared data folder; only vectors are cached (``$RADAR_EMBED_CACHE``, ``/work/cache``
or the user cache folder), one ``.npz`` per embedder holding a text hash -> vector table.

>>> sorted(SETS)
['clinc150', 'crisislex', 'hwu64']
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

CRISIS_EVENTS = ("2013_Alberta_floods", "2013_Boston_bombings", "2012_Typhoon_Pablo")
"""A flood with local names (Fort McMurray, Highway 63), an attack, a typhoon."""
CRISIS_SKIP = frozenset({"Not labeled"})


@dataclass
class LabelledSet:
    name: str
    texts: list[str]
    labels: list[str]
    times: list[str] = field(default_factory=list)  # ISO posting times, when the set has them


def load_clinc(data: Path, limit: int = 0, seed: int = 0) -> LabelledSet:
    """CLINC150 test, in-scope only (150 intents); ``limit`` draws a seeded subsample."""
    rows = json.loads((data / "clinc150" / "data_full.json").read_text("utf-8"))["test"]
    rows = _subsample(rows, limit, seed)
    return LabelledSet("clinc150", [t for t, _ in rows], [lab for _, lab in rows])


def load_hwu(data: Path, limit: int = 0, seed: int = 0) -> LabelledSet:
    """The HWU64 cross-validation test fold (64 intents)."""
    with (data / "hwu64" / "hwu64_kfold1_test.csv").open(encoding="utf-8") as handle:
        rows = [(r["text"], r["intent"]) for r in csv.DictReader(handle)]
    rows = _subsample(rows, limit, seed)
    return LabelledSet("hwu64", [t for t, _ in rows], [lab for _, lab in rows])


def load_crisis(data: Path, event: str) -> LabelledSet:
    """One CrisisLex T26 event's tweets with their information type ("Not labeled" left out)."""
    path = data / "crisislex_t26" / "crisislex_t26_with_timestamps.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [
            (r["text"], r["information_type"], r["timestamp_utc_from_tweet_id"])
            for r in csv.DictReader(handle)
            if r["event"] == event and r["information_type"] not in CRISIS_SKIP
        ]
    return LabelledSet(
        f"crisislex:{event}", [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
    )


def _subsample(rows: list, limit: int, seed: int) -> list:
    if not limit or limit >= len(rows):
        return rows
    pick = np.sort(np.random.default_rng(seed).choice(len(rows), limit, replace=False))
    return [rows[i] for i in pick]


SETS = {"clinc150": load_clinc, "hwu64": load_hwu, "crisislex": load_crisis}


def cache_dir() -> Path:
    """``$RADAR_EMBED_CACHE``, else ``/work/cache`` when it exists, else the user cache."""
    if os.environ.get("RADAR_EMBED_CACHE"):
        return Path(os.environ["RADAR_EMBED_CACHE"])
    if Path("/work/cache").is_dir():
        return Path("/work/cache")
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "crisis-radar"


class CachedEmbedder:
    """Wraps an embedder: vectors of texts seen before come from a table on disk.

    >>> from clustering.embedders import HashingEmbedder
    >>> import tempfile
    >>> e = CachedEmbedder(HashingEmbedder(dim=8), Path(tempfile.mkdtemp()) / "t.npz")
    >>> e.embed(["a b", "c"]).shape, e.misses
    ((2, 8), 2)
    >>> _ = e.embed(["a b"]); e.misses
    2
    """

    def __init__(self, inner, path: Path):
        self.inner = inner
        self.name = inner.name
        self.path = path
        self.table: dict[str, np.ndarray] = {}
        self.misses = 0
        if path.exists():
            with np.load(path) as stored:
                self.table = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self.key(t) for t in texts]
        missing = list(
            dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in self.table)
        )
        if missing:
            self.misses += len(missing)
            vectors = np.vstack(
                [self.inner.embed(missing[i : i + 256]) for i in range(0, len(missing), 256)]
            )
            for text, vector in zip(missing, vectors, strict=True):
                self.table[self.key(text)] = vector
            self.save()
        if not keys:
            return np.zeros((0, 1), np.float32)
        return np.vstack([self.table[k] for k in keys]).astype(np.float32)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self.table)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), vectors=np.vstack([self.table[k] for k in keys]))
        tmp.replace(self.path)


def cached_embedder(spec: str = "use-multilingual") -> CachedEmbedder:
    from clustering.embedders import get_embedder

    safe = spec.replace(":", "_").replace("/", "_")
    return CachedEmbedder(get_embedder(spec), cache_dir() / f"vectors-{safe}.npz")
