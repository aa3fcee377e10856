"""Train the question and sentiment heads of ``radar.enrich.heads`` on real labelled posts.

Question head: logistic regression on ``[embedding, rule cues]`` of the worker's own
path, trained on ``nl_posts`` (agreed labels: info = 1, rhetorical and none = 0) and
the hand-labelled CrisisLex tweets of ``eval/question_labels.tsv`` and of
``eval/question_readers/labels.tsv`` (two blind readers). The regularisation
and the threshold are chosen on validation folds of the training posts only (inner
3-fold cross-validation, out-of-fold scores), never on the posts a figure is reported
on: the reported figures are an outer 5-fold cross-validation, folds stratified by
source and label. The shipped model is refit on all posts with the C and threshold
that the inner folds of all posts choose.

Sentiment head: multinomial logistic regression on the embedding, trained on the
UMSAB tweets (six languages, no Dutch) and TweetEval's validation tweets, C chosen
on UMSAB's validation split; then a small fusion layer over the head's
log-probabilities and the lexicon cues, trained on ``nl_posts`` (agreed labels,
5-fold cross-validated for the figures, refit on all for the shipped weights).

    python scripts/train_heads.py --data ../shared/data [--embedder use-multilingual]

Writes ``radar/enrich/data/{question,sentiment}_head.{npz,json}``; vectors are cached
under ``/work/cache/heads`` (only vectors, never texts).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval import enrich_data as sets  # noqa: E402
from radar.enrich.heads import QUESTION_CUES, SENTIMENT_CUES  # noqa: E402
from radar.enrich.ngrams import ngram_matrix  # noqa: E402

OUT = ROOT / "radar" / "enrich" / "data"
SEED = 13
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
S_GRID = (2.0, 8.0)
FUSE_C = 1.0


# --- metrics --------------------------------------------------------------------------


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


# --- question head ---------------------------------------------------------------------


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


# --- sentiment head --------------------------------------------------------------------


def fit_sentiment_embedding_head(train: sets.Features, val: sets.Features):
    """Multinomial LR on the vectors; C by macro-F1 on the validation tweets."""
    y_train = np.asarray(train.posts.labels)
    y_val = np.asarray(val.posts.labels)
    best = None
    for c in S_GRID:
        model = _fit_lr(train.vectors, y_train, c)
        score = macro_f1(y_val, model.predict(val.vectors), (0, 1, 2))
        if best is None or score > best[1]:
            best = (c, score)
    return _fit_lr(train.vectors, y_train, best[0]), best[0], best[1]


def _fuse_matrix(head, vectors: np.ndarray, cues: np.ndarray, standard: Standard) -> np.ndarray:  # noqa: ANN001
    logp = np.log(np.clip(head.predict_proba(vectors), 1e-6, 1.0))
    return np.hstack([logp, standard(cues)])


def fit_fusion(head, f: sets.Features, rows: np.ndarray | None = None):  # noqa: ANN001, ANN201
    rows = np.arange(len(f.posts.labels)) if rows is None else rows
    standard = Standard(f.lexicon[rows])
    y = np.asarray(f.posts.labels)[rows]
    model = _fit_lr(_fuse_matrix(head, f.vectors[rows], f.lexicon[rows], standard), y, FUSE_C)
    return model, standard


def fused_predict(head, fusion, standard: Standard, f: sets.Features) -> np.ndarray:  # noqa: ANN001
    return fusion.predict(_fuse_matrix(head, f.vectors, f.lexicon, standard))


def cross_validate_fusion(head, f: sets.Features) -> np.ndarray:  # noqa: ANN001
    """Out-of-fold fused labels on ``nl_posts`` (5 folds by source and label)."""
    from sklearn.model_selection import StratifiedKFold

    predicted = np.zeros(len(f.posts.labels), dtype=int)
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED).split(f.vectors, strata(f.posts))
    for train, test in folds:
        fusion, standard = fit_fusion(head, f, train)
        matrix = _fuse_matrix(head, f.vectors[test], f.lexicon[test], standard)
        predicted[test] = fusion.predict(matrix)
    return predicted


def lexicon_labels(f: sets.Features) -> np.ndarray:
    return np.array([sets.SENTIMENT_NAMES.index(label) for label in f.rule_label])


# --- writing ---------------------------------------------------------------------------


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
    "scripts/train_heads.py",
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


INFO_CUE = SENTIMENT_CUES.index("question_score")


def info_scores(data: Path, embedder, f: sets.Features) -> np.ndarray:  # noqa: ANN001
    """The question head's score of each ``nl_posts`` post, out of fold.

    The worker hands the sentiment fusion the question head's score (an information need
    is mostly neutral, a rhetorical question mostly negative). The shipped question head
    was trained on these posts, so each labelled post is scored by a head fitted without
    its fold (C as shipped, the shipped threshold); posts without an agreed ``q`` by the
    shipped head, which never saw them.
    """
    from sklearn.model_selection import StratifiedKFold

    from radar.enrich.heads import load_heads

    shipped = load_heads(embedder.name, f.vectors.shape[1]).question
    scores = shipped.scores(f.vectors, f.cues, f.posts.texts)
    labelled, extra, _ = question_sets(data, embedder)
    vectors, cues, y, groups, _ = _stack_questions(labelled)
    ids = [post_id for f in labelled for post_id in f.posts.ids]
    row = {post_id: i for i, post_id in enumerate(f.posts.ids)}
    c = float(shipped.provenance["model"].split("C=")[1].split(",")[0])
    for train, test in StratifiedKFold(5, shuffle=True, random_state=SEED).split(vectors, groups):
        model, standard = _fit_question(vectors[train], cues[train], y[train], c, extra)
        logits = model.decision_function(_q_matrix(vectors[test], cues[test], standard))
        for i, logit in zip(test, logits, strict=True):
            if ids[i] in row:
                scores[row[ids[i]]] = 1.0 / (1.0 + np.exp(shipped.threshold - logit))
    return scores


def with_info(f: sets.Features, scores: np.ndarray) -> sets.Features:
    """``f`` with the fusion's question cue set to the question head's scores."""
    lexicon = f.lexicon.copy()
    lexicon[:, INFO_CUE] = scores
    return sets.Features(f.posts, f.vectors, f.rule_q, f.rule_s, f.rule_label, f.cues, lexicon)


def train_sentiment(data: Path, embedder, command: str) -> dict:  # noqa: ANN001
    train = sets.featurise(
        sets._concat("train", [sets.load_xlmt(data, "train"), sets.load_tweeteval(data, "val")]),
        embedder,
    )
    val = sets.featurise(sets.load_xlmt(data, "val"), embedder)
    head, c, val_f1 = fit_sentiment_embedding_head(train, val)
    nl = sets.featurise(sets.load_nl_posts(data, "s"), embedder)
    nl = with_info(nl, info_scores(data, embedder, nl))
    y = np.asarray(nl.posts.labels)
    cv_fused = cross_validate_fusion(head, nl)
    figures = {
        "nl_posts_cv_macro_f1": {
            "fused": macro_f1(y, cv_fused, (0, 1, 2)),
            "head": macro_f1(y, head.predict(nl.vectors), (0, 1, 2)),
            "lexicon": macro_f1(y, lexicon_labels(nl), (0, 1, 2)),
        },
        "xlmt_val_macro_f1_head": val_f1,
    }
    fusion, standard = fit_fusion(head, nl)
    meta = provenance(embedder, train.vectors.shape[1], command) | {
        "head": "sentiment",
        "classes": list(sets.SENTIMENT_NAMES),
        "features": {"head": "embedding", "fusion": ["head_logp"] * 3 + list(SENTIMENT_CUES)},
        "data": {
            "head": "../shared/data/xlmt_sentiment (6 languages, train, "
            f"{len(train.posts.labels) - 2000} tweets) + tweeteval_sentiment val (2000)",
            "head_C": f"{c} by macro-F1 on xlmt_sentiment val ({len(val.posts.labels)})",
            "fusion": f"../shared/data/nl_posts agreed s ({len(y)} posts), C={FUSE_C}; "
            "its question_score cue is the question head's out-of-fold score",
        },
        "figures": figures,
    }
    write_head(
        "sentiment_head",
        {
            "weights": head.coef_.T,
            "bias": head.intercept_,
            "fuse_weights": fusion.coef_.T,
            "fuse_bias": fusion.intercept_,
            "cue_mean": standard.mean,
            "cue_scale": standard.scale,
        },
        meta,
    )
    return meta


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--embedder", default="use-multilingual")
    parser.add_argument("--only", choices=("question", "sentiment"), help="train one head")
    parser.add_argument(
        "--corrections",
        type=Path,
        help="the crisis team's corrections (radar export corrections --out FILE.jsonl): "
        "their question labels join the training and the cross-validation",
    )
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", message="The least populated class")  # small sources
    command = "python scripts/train_heads.py " + " ".join(argv or sys.argv[1:])
    embedder = sets.cached_embedder(args.embedder)
    if args.only in (None, "question"):
        meta = train_question(args.data, embedder, command, args.corrections)
        print("question head (outer 5-fold CV, same posts):")
        for name, row in meta["cv"].items():
            print(
                f"  {name:28} n={row['n']:<5} pos={row['positives']:<4} "
                f"head F1 {row['head']['f1']:.3f} (P {row['head']['precision']:.3f} "
                f"R {row['head']['recall']:.3f})   rules F1 {row['rules']['f1']:.3f} "
                f"(P {row['rules']['precision']:.3f} R {row['rules']['recall']:.3f})"
            )
        print("  HWU64 recall (all are information needs):", meta["hwu64_recall"])
        print("  readers' tweets weighted to the stream:", meta["crisislex_stream_weighted"])
    if args.only in (None, "sentiment"):
        meta = train_sentiment(args.data, embedder, command)
        print("sentiment head:", json.dumps(meta["figures"]))


if __name__ == "__main__":
    main()
