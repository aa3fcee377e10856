"""What both heads' training shares: the folds' seed, metrics, the cue standardisation,
the logistic regression, and writing a head with its provenance (data, commit, date,
command, figures). Used by ``scripts/train_heads.py``.

>>> round(macro_f1(np.array([0, 1, 2, 2]), np.array([0, 1, 2, 1]), (0, 1, 2)), 3)
0.778
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval import enrich_data as sets  # noqa: E402

OUT = ROOT / "radar" / "enrich" / "data"
SEED = 13


def prf(truth: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """Precision, recall and F1 of the positive class."""
    truth = np.asarray(truth, dtype=bool)
    predicted = np.asarray(predicted, dtype=bool)
    tp = int((truth & predicted).sum())
    fp = int((~truth & predicted).sum())
    fn = int((truth & ~predicted).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"f1": round(f, 3), "precision": round(p, 3), "recall": round(r, 3)}


def macro_f1(truth: np.ndarray, predicted: np.ndarray, classes: tuple[int, ...]) -> float:
    return round(float(np.mean([prf(truth == c, predicted == c)["f1"] for c in classes])), 3)


def best_threshold(truth: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    """The score threshold with the highest F1 (and that F1)."""
    best = (0.0, -1.0)
    for t in np.unique(np.round(scores, 3)):
        f1 = prf(truth, scores >= t)["f1"]
        if f1 > best[1]:
            best = (float(t), f1)
    return best


def strata(posts: sets.Posts) -> np.ndarray:
    keys = [f"{s}:{label}" for s, label in zip(posts.sources, posts.labels, strict=True)]
    return np.unique(keys, return_inverse=True)[1]


class Standard:
    """Mean and scale of the cue columns (computed on training rows only)."""

    def __init__(self, cues: np.ndarray):
        self.mean = cues.mean(axis=0)
        self.scale = cues.std(axis=0)
        self.scale[self.scale < 1e-6] = 1.0

    def __call__(self, cues: np.ndarray) -> np.ndarray:
        return (cues - self.mean) / self.scale


def _fit_lr(x: np.ndarray, y: np.ndarray, c: float, weights: np.ndarray | None = None):  # noqa: ANN202
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000).fit(x, y, sample_weight=weights)


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        )
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


OWN_PATHS = (
    "radar/enrich",
    "eval/enrich_data.py",
    "eval/question_labels.tsv",
    "eval/question_readers",
    "eval/label_questions.py",
    "scripts/train_heads.py",
    "scripts/heads_common.py",
    "scripts/question_head.py",
    "scripts/sentiment_head.py",
)


def uncommitted() -> list[str]:
    """The training inputs of this repository that differ from ``git_commit``."""
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--", *OWN_PATHS],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return ["unknown"]
    paths = (line[3:] for line in out.stdout.splitlines())
    return sorted(p for p in paths if not p.endswith(("_head.npz", "_head.json")))


def write_head(name: str, arrays: dict[str, np.ndarray], provenance: dict) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT / f"{name}.npz",
        **{
            k: v if np.asarray(v).dtype.kind in "iu" else np.asarray(v, np.float32)
            for k, v in arrays.items()
        },
    )
    (OUT / f"{name}.json").write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")


EMBEDDING_PROBE = (
    "Hallo, rijden er nog treinen tussen Utrecht en Zwolle? Sta nu op het perron.",
    "nl",
)
"""A post whose embedding text is recorded: the heads hold only for the text they were
trained on (tests/unit/test_heads.py checks it against today's ``embedding_text``)."""


def embedding_probe() -> dict[str, str]:
    from radar.enrich.focus import embedding_text

    text, lang = EMBEDDING_PROBE
    return {"post": text, "lang": lang, "embedding_text": embedding_text(text, lang, True)}


def provenance(embedder, dim: int, command: str) -> dict:  # noqa: ANN001
    return {
        "embedder": embedder.name,
        "dim": dim,
        "embedding_probe": embedding_probe(),
        "git_commit": git_commit(),
        "uncommitted_at_training": uncommitted(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": command,
    }
