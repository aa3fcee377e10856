"""The sentiment head's training: multinomial logistic regression on the embedding, then
a fusion layer over its log-probabilities and the lexicon cues (see
``scripts/train_heads.py``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from heads_common import (  # puts the repository on sys.path for eval/ and radar/
    SEED,
    Standard,
    _fit_lr,
    macro_f1,
    provenance,
    strata,
    write_head,
)
from question_head import _fit_question, _q_matrix, _stack_questions, question_sets

from eval import enrich_data as sets
from radar.enrich.heads import SENTIMENT_CUES

S_GRID = (2.0, 8.0)
FUSE_C = 1.0


NL_WEIGHT = 6.0
"""Weight of a Dutch ``nl_posts`` post in the embedding head's training, beside the
13,034 tweets in six other languages (weight 1). Measured in one run (outer 5-fold CV on
nl_posts, fused macro-F1; held-out test splits with the head refit on all nl_posts):
weight 0 (the head of the tweets alone, as before) 0.625 / XED-nl 0.443 / UMSAB test 0.533 /
TweetEval test 0.603; weight 1 0.641; 3 0.653; 6 0.664 / 0.423 / 0.553 / 0.590; 12 0.666 /
0.415 / 0.546 / 0.581. TweetEval's validation tweets in the fusion as well (English
in-domain rows): 0.664 / 0.426 / 0.514 / 0.593, so the fusion stays Dutch."""
INNER_FOLDS = 3
"""Folds of the posts the fusion learns from: each post's head log-probabilities come from a
head that did not see it (a head's scores on its own training posts are overconfident)."""


def sentiment_training_sets(data: Path, embedder):  # noqa: ANN001, ANN201
    """The embedding head's tweets (UMSAB train, six languages without Dutch, and
    TweetEval val) and UMSAB's validation split (for C)."""
    train = sets.featurise(
        sets._concat("train", [sets.load_xlmt(data, "train"), sets.load_tweeteval(data, "val")]),
        embedder,
    )
    return train, sets.featurise(sets.load_xlmt(data, "val"), embedder)


def choose_sentiment_c(train: sets.Features, val: sets.Features) -> tuple[float, float]:
    """C of the embedding head by macro-F1 on the validation tweets (head of the tweets)."""
    y_train = np.asarray(train.posts.labels)
    y_val = np.asarray(val.posts.labels)
    best = (S_GRID[0], -1.0)
    for c in S_GRID:
        model = _fit_lr(train.vectors, y_train, c)
        score = macro_f1(y_val, model.predict(val.vectors), (0, 1, 2))
        if score > best[1]:
            best = (c, score)
    return best


def _embedding_head(
    train: sets.Features, nl: sets.Features, rows: np.ndarray, c: float, weight: float
):  # noqa: ANN202
    """Multinomial LR on the tweets and the ``rows`` of ``nl`` (at ``weight``)."""
    if weight <= 0:  # the head of the tweets alone
        return _fit_lr(train.vectors, np.asarray(train.posts.labels), c)
    x = np.vstack([train.vectors, nl.vectors[rows]])
    y = np.concatenate([np.asarray(train.posts.labels), np.asarray(nl.posts.labels)[rows]])
    weights = np.concatenate([np.ones(len(train.posts.labels)), np.full(len(rows), weight)])
    return _fit_lr(x, y, c, weights)


def _logp(head, vectors: np.ndarray) -> np.ndarray:  # noqa: ANN001
    return np.log(np.clip(head.predict_proba(vectors), 1e-6, 1.0))


def fit_sentiment(
    train: sets.Features, nl: sets.Features, rows: np.ndarray, c: float, weight: float = NL_WEIGHT
):  # noqa: ANN201 - (head, fusion, standard)
    """The embedding head (tweets and ``nl`` ``rows``) and the fusion over its
    log-probabilities and the lexicon cues, learnt on those rows from out-of-fold
    log-probabilities (:data:`INNER_FOLDS`)."""
    from sklearn.model_selection import StratifiedKFold

    y = np.asarray(nl.posts.labels)
    head = _embedding_head(train, nl, rows, c, weight)
    if weight <= 0:  # the head never saw these posts
        logp = _logp(head, nl.vectors[rows])
    else:
        logp = np.zeros((len(rows), 3))
        inner = StratifiedKFold(INNER_FOLDS, shuffle=True, random_state=SEED)
        for seen, unseen in inner.split(rows, y[rows]):
            fold_head = _embedding_head(train, nl, rows[seen], c, weight)
            logp[unseen] = _logp(fold_head, nl.vectors[rows[unseen]])
    standard = Standard(nl.lexicon[rows])
    fusion = _fit_lr(np.hstack([logp, standard(nl.lexicon[rows])]), y[rows], FUSE_C)
    return head, fusion, standard


def fused_labels(
    head, fusion, standard: Standard, vectors: np.ndarray, lexicon: np.ndarray
) -> np.ndarray:  # noqa: ANN001
    """The fused class of each post, from its vector and its lexicon cues."""
    return fusion.predict(np.hstack([_logp(head, vectors), standard(lexicon)]))


def cross_validate_sentiment(
    train: sets.Features, nl: sets.Features, c: float, weight: float = NL_WEIGHT
) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold (fused, head alone) labels on ``nl`` (5 folds by source and label): each
    fold's head and fusion are learnt without it."""
    from sklearn.model_selection import StratifiedKFold

    fused = np.zeros(len(nl.posts.labels), dtype=int)
    alone = np.zeros(len(nl.posts.labels), dtype=int)
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED).split(nl.vectors, strata(nl.posts))
    for seen, unseen in folds:
        head, fusion, standard = fit_sentiment(train, nl, seen, c, weight)
        fused[unseen] = fused_labels(head, fusion, standard, nl.vectors[unseen], nl.lexicon[unseen])
        alone[unseen] = head.predict(nl.vectors[unseen])
    return fused, alone


def lexicon_labels(f: sets.Features) -> np.ndarray:
    return np.array([sets.SENTIMENT_NAMES.index(label) for label in f.rule_label])


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
    train, val = sentiment_training_sets(data, embedder)
    c, val_f1 = choose_sentiment_c(train, val)
    nl = sets.featurise(sets.load_nl_posts(data, "s"), embedder)
    nl = with_info(nl, info_scores(data, embedder, nl))
    y = np.asarray(nl.posts.labels)
    fused, alone = cross_validate_sentiment(train, nl, c)
    before, before_alone = cross_validate_sentiment(train, nl, c, weight=0.0)
    figures = {
        "nl_posts_cv_macro_f1": {
            "fused": macro_f1(y, fused, (0, 1, 2)),
            "head": macro_f1(y, alone, (0, 1, 2)),
            "lexicon": macro_f1(y, lexicon_labels(nl), (0, 1, 2)),
            "fused_head_of_the_tweets_alone": macro_f1(y, before, (0, 1, 2)),
            "head_of_the_tweets_alone": macro_f1(y, before_alone, (0, 1, 2)),
        },
        "xlmt_val_macro_f1_head_of_the_tweets": val_f1,
    }
    head, fusion, standard = fit_sentiment(train, nl, np.arange(len(y)), c)
    meta = provenance(embedder, train.vectors.shape[1], command) | {
        "head": "sentiment",
        "classes": list(sets.SENTIMENT_NAMES),
        "features": {"head": "embedding", "fusion": ["head_logp"] * 3 + list(SENTIMENT_CUES)},
        "data": {
            "head": "../shared/data/xlmt_sentiment (6 languages, train, "
            f"{len(train.posts.labels) - 2000} tweets) + tweeteval_sentiment val (2000), "
            f"weight 1; ../shared/data/nl_posts agreed s ({len(y)} posts), weight {NL_WEIGHT}",
            "head_C": f"{c} by macro-F1 on xlmt_sentiment val ({len(val.posts.labels)})",
            "fusion": f"../shared/data/nl_posts agreed s ({len(y)} posts), C={FUSE_C}, on "
            f"{INNER_FOLDS}-fold out-of-fold head log-probabilities; its question_score cue "
            "is the question head's out-of-fold score",
        },
        "figures": figures,
        "figures_note": "outer 5-fold CV on nl_posts: head and fusion learnt without the fold",
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
