"""The question head's training: logistic regression on ``[embedding, hashed n-grams,
rule cues]`` of the worker's own path, C and threshold from inner folds of the training
posts, figures from outer 5-fold cross-validation beside today's rules (see
``scripts/train_heads.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from heads_common import (  # puts the repository on sys.path for eval/ and radar/
    SEED,
    Standard,
    _fit_lr,
    best_threshold,
    prf,
    provenance,
    strata,
    write_head,
)

from eval import enrich_data as sets
from radar.enrich.heads import QUESTION_CUES
from radar.enrich.ngrams import ngram_matrix

Q_GRID = (0.5, 1.0, 2.0)
EXTRA_REQUESTS = 400
"""CLINC150 queries added to every training fold as requests (weak labels, never tested on)."""
EXTRA_WEIGHT = 0.5
STREAM_NEGATIVES = 1500
STREAM_WEIGHT = 0.25
"""CrisisLex tweets with no '?' and no request word, as non-questions, in every training
fold: the labelled sets are question-rich (a quarter of their tweets is of that kind, 85 %
of the stream is), so the head had learnt topics ("road closed") as questions. Readers
found 4 of 140 such tweets to be information needs: the label is right 97 % of the time."""


class Extra:
    """Weakly labelled posts appended to every training fold (never to a test fold): each
    part is ``(features, label, weight)``, e.g. CLINC requests as 1, stream tweets as 0."""

    def __init__(self, parts: list[tuple[sets.Features, int, float]]):
        self.parts = parts
        self.vectors = (
            sp.vstack([question_rows(f) for f, _, _ in parts], format="csr") if parts else None
        )
        self.cues = (
            np.vstack([f.cues for f, _, _ in parts])
            if parts
            else np.zeros((0, len(QUESTION_CUES)), np.float32)
        )
        self.labels = np.concatenate([np.full(len(f.cues), y) for f, y, _ in parts] or [[]])
        self.weights = np.concatenate([np.full(len(f.cues), w) for f, _, w in parts] or [[]])

    def join(self, vectors: np.ndarray, cues: np.ndarray, y: np.ndarray):  # noqa: ANN204
        if not len(self.cues):
            return vectors, cues, y, None
        return (
            sp.vstack([vectors, self.vectors], format="csr"),
            np.vstack([cues, self.cues]),
            np.concatenate([y, self.labels.astype(y.dtype)]),
            np.concatenate([np.ones(len(y)), self.weights]),
        )


NO_EXTRA = Extra([])


def question_rows(f: sets.Features):  # noqa: ANN201 - a scipy CSR matrix
    """The question head's sparse rows of a set: its vectors, then its hashed n-grams
    (:func:`radar.enrich.ngrams.ngram_matrix` of the posts as written)."""
    return sp.hstack([sp.csr_matrix(f.vectors), ngram_matrix(f.posts.texts)], format="csr")


def _q_matrix(vectors, cues: np.ndarray, standard: Standard):  # noqa: ANN001, ANN202
    """``[vectors, n-grams, standardised cues]`` (sparse)."""
    return sp.hstack([vectors, sp.csr_matrix(standard(cues))], format="csr")


def choose_question_model(
    vectors: np.ndarray, cues: np.ndarray, y: np.ndarray, groups: np.ndarray, extra: Extra
) -> tuple[float, float]:
    """C and logit threshold from inner 3-fold out-of-fold scores (training posts only)."""
    from sklearn.model_selection import StratifiedKFold

    folds = list(StratifiedKFold(3, shuffle=True, random_state=SEED).split(vectors, groups))
    best = (Q_GRID[0], 0.0, -1.0)
    for c in Q_GRID:
        logits = np.zeros(len(y))
        for train, val in folds:
            model, standard = _fit_question(vectors[train], cues[train], y[train], c, extra)
            logits[val] = model.decision_function(_q_matrix(vectors[val], cues[val], standard))
        threshold, f1 = best_threshold(y, logits)
        if f1 > best[2]:
            best = (c, threshold, f1)
    return best[0], best[1]


def _fit_question(vectors, cues, y, c: float, extra: Extra):  # noqa: ANN001, ANN202
    vectors, cues, y, weights = extra.join(vectors, cues, y)
    standard = Standard(cues)
    return _fit_lr(_q_matrix(vectors, cues, standard), y, c, weights), standard


def fit_question_head(vectors, cues, y, groups, extra: Extra = NO_EXTRA):  # noqa: ANN001, ANN201
    """(model, standard, C, logit threshold) fitted on these posts (and ``extra``) only."""
    c, threshold = choose_question_model(vectors, cues, y, groups, extra)
    model, standard = _fit_question(vectors, cues, y, c, extra)
    return model, standard, c, threshold


def cross_validate_questions(
    features: list[sets.Features], extra: Extra = NO_EXTRA, probe: sets.Features | None = None
) -> dict:
    """Outer 5-fold out-of-fold decisions of the head beside today's rules, same posts.

    ``probe`` (HWU64, all information needs) is scored by every fold's model: its
    recall at each fold's threshold, averaged, beside the rules' recall.
    """
    from sklearn.model_selection import StratifiedKFold

    vectors, cues, y, groups, posts = _stack_questions(features)
    probe_rows = question_rows(probe) if probe is not None else None
    predicted = np.zeros(len(y), dtype=bool)
    chosen = []
    probe_recall = []
    for train, test in StratifiedKFold(5, shuffle=True, random_state=SEED).split(vectors, groups):
        model, standard, c, threshold = fit_question_head(
            vectors[train], cues[train], y[train], groups[train], extra
        )
        print(f"  outer fold {len(chosen) + 1}/5: C={c}, threshold {threshold:.3f}", flush=True)
        logits = model.decision_function(_q_matrix(vectors[test], cues[test], standard))
        predicted[test] = logits >= threshold
        chosen.append({"C": c, "threshold": round(threshold, 3)})
        if probe is not None:
            found = model.decision_function(_q_matrix(probe_rows, probe.cues, standard))
            probe_recall.append(float((found >= threshold).mean()))
    rules = cues[:, QUESTION_CUES.index("rule_score")] >= 0.5
    result = {"y": y, "head": predicted, "rules": rules, "posts": posts, "folds": chosen}
    if probe is not None:
        result["probe"] = {
            "set": probe.posts.name,
            "n": len(probe.posts.labels),
            "head_recall": round(float(np.mean(probe_recall)), 3),
            "rules_recall": round(float((probe.cues[:, 0] >= 0.5).mean()), 3),
        }
    return result


def _stack_questions(features: list[sets.Features]):  # noqa: ANN202 - a tuple of arrays
    vectors = sp.vstack([question_rows(f) for f in features], format="csr")
    cues = np.vstack([f.cues for f in features])
    y = np.concatenate([np.asarray(f.posts.labels) for f in features])
    groups = np.concatenate([strata(f.posts) + 100 * i for i, f in enumerate(features)])
    posts = [
        (f.posts.name, source, lang)
        for f in features
        for source, lang in zip(f.posts.sources, f.posts.langs, strict=True)
    ]
    return vectors, cues, y, groups, posts


def stream_weighted(cv: dict, readers: sets.Features, data: Path) -> dict:
    """Head and rules on the readers' tweets, weighted to the stream's mix
    (:func:`eval.label_questions.stream_weights`): what a live CrisisLex stream would see.
    ``flagged`` is the share of the stream called a question."""
    from eval.label_questions import stream_weights

    rows = np.array([p[0] == readers.posts.name for p in cv["posts"]])
    weights = stream_weights(readers.posts.texts, data)
    y = cv["y"][rows].astype(bool)
    out = {}
    for name in ("head", "rules"):
        predicted = cv[name][rows].astype(bool)
        tp = float(weights[y & predicted].sum())
        precision = tp / max(float(weights[predicted].sum()), 1e-9)
        recall = tp / max(float(weights[y].sum()), 1e-9)
        out[name] = {
            "f1": round(2 * precision * recall / max(precision + recall, 1e-9), 3),
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "flagged": round(float(weights[predicted].sum() / weights.sum()), 3),
        }
    return out


def question_report(cv: dict) -> dict:
    """F1/P/R of head and rules: all, per set, per source, per detected language."""
    y, head, rules, posts = cv["y"], cv["head"], cv["rules"], cv["posts"]
    slices: dict[str, np.ndarray] = {"all": np.ones(len(y), dtype=bool)}
    for index, key in ((0, "set"), (1, "source"), (2, "lang")):
        for value in sorted({p[index] for p in posts}):
            mask = np.array([p[index] == value for p in posts])
            if mask.sum() >= 20:
                slices[f"{key}={value}"] = mask
    return {
        name: {
            "n": int(mask.sum()),
            "positives": int(y[mask].sum()),
            "head": prf(y[mask], head[mask]),
            "rules": prf(y[mask], rules[mask]),
        }
        for name, mask in slices.items()
    }


def question_sets(data: Path, embedder):  # noqa: ANN001, ANN201
    """The labelled sets (nl_posts, the CrisisLex labels, the readers' CrisisLex labels),
    the CLINC requests (as Extra) and the HWU64 probe."""
    labelled = [
        sets.featurise(sets.load_nl_posts(data, "q"), embedder),
        sets.featurise(sets.load_crisislex_questions(data), embedder),
        sets.featurise(sets.load_crisislex_questions(data, readers=True), embedder),
    ]
    clinc = sets.featurise(sets.load_clinc_requests(data, EXTRA_REQUESTS), embedder)
    stream = sets.featurise(sets.load_crisislex_stream(data, STREAM_NEGATIVES), embedder)
    probe = sets.featurise(sets.load_hwu(data), embedder)
    extra = Extra([(clinc, 1, EXTRA_WEIGHT), (stream, 0, STREAM_WEIGHT)])
    return labelled, extra, probe


def load_corrections(path: Path) -> sets.Posts:
    """The crisis team's question corrections (``radar export corrections``): each post the
    operator marked "geen vraag" / "wel een vraag" is a labelled post like nl_posts'.
    Rows without a question correction (sentiment only) are left out."""
    ids, texts, labels = [], [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        if isinstance(row.get("is_question"), bool) and row.get("text"):
            ids.append(str(row.get("id") or number))
            texts.append(str(row["text"]))
            labels.append(int(row["is_question"]))
    return sets.Posts("corrections", ids, texts, labels, ["corrections"] * len(ids))


def train_question(
    data: Path,
    embedder,
    command: str,
    corrections: Path | None = None,  # noqa: ANN001
) -> dict:
    labelled, extra, probe = question_sets(data, embedder)
    nl, crisis, readers = labelled
    stream = extra.parts[1][0]
    if corrections is not None:
        fixed = load_corrections(corrections)
        print(f"  {len(fixed.labels)} question corrections from {corrections}", flush=True)
        if fixed.labels:
            labelled.append(sets.featurise(fixed, embedder))
    report = question_report(cv := cross_validate_questions(labelled, extra, probe))
    vectors, cues, y, groups, _ = _stack_questions(labelled)
    model, standard, c, threshold = fit_question_head(vectors, cues, y, groups, extra)
    meta = provenance(embedder, nl.vectors.shape[1], command) | {
        "head": "question",
        "features": ["embedding", "ngrams (radar.enrich.ngrams, sparse)"] + list(QUESTION_CUES),
        "data": {
            "nl_posts": "../shared/data/nl_posts/nl_posts.jsonl, agreed q (info=1), "
            f"{len(nl.posts.labels)} posts, {sum(nl.posts.labels)} info",
            "crisislex_q": "eval/question_labels.tsv joined with crisislex_t26, "
            f"{len(crisis.posts.labels)} tweets, {sum(crisis.posts.labels)} questions",
            "crisislex_readers": "eval/question_readers/labels.tsv joined with crisislex_t26: "
            "a seeded sample (eval/label_questions.py) labelled by two blind readers, "
            "disagreements dropped, "
            f"{len(readers.posts.labels)} tweets, {sum(readers.posts.labels)} info",
            "clinc_requests": f"{EXTRA_REQUESTS} CLINC150 train queries (not small talk/meta) "
            f"as requests, weight {EXTRA_WEIGHT}, in every training fold, never tested on",
            "crisislex_stream": f"{len(stream.posts.labels)} CrisisLex tweets without '?' or a "
            f"request word (eval.enrich_data.load_crisislex_stream) as non-questions, weight "
            f"{STREAM_WEIGHT}, in every training fold, never tested on",
            **(
                {"corrections": f"{corrections}: {len(labelled[3].posts.labels)} posts"}
                if len(labelled) > 3
                else {}
            ),
        },
        "model": f"logistic regression, C={c}, logit threshold {threshold:.3f} "
        "(inner 3-fold out-of-fold F1 on the training posts)",
        "figures": "outer 5-fold cross-validation, same posts: head vs today's rules (>= 0.5)",
        "cv": report,
        "cv_folds": cv["folds"],
        "crisislex_stream_weighted": stream_weighted(cv, readers, data),
        "hwu64_recall": cv.get("probe"),
    }
    dim = nl.vectors.shape[1]
    coef = model.coef_[0]
    ngram_coef = coef[dim : len(coef) - len(QUESTION_CUES)]
    ngram_index = np.flatnonzero(np.abs(ngram_coef) > 1e-7).astype(np.int32)
    write_head(
        "question_head",
        {
            "weights": np.concatenate([coef[:dim], coef[len(coef) - len(QUESTION_CUES) :]]),
            "ngram_index": ngram_index,
            "ngram_value": ngram_coef[ngram_index],
            "bias": model.intercept_,
            "cue_mean": standard.mean,
            "cue_scale": standard.scale,
            "threshold": [threshold],
        },
        meta,
    )
    return meta
