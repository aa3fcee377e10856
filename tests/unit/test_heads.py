"""The trained heads: shipped data, loading per embedder, fallback to the rules, plugging in."""

import json
from importlib import resources

import numpy as np
import pytest

from clustering.embedders import HashingEmbedder, normalise_rows
from radar.config import Settings
from radar.enrich import question_score
from radar.enrich.heads import (
    QUESTION_CUES,
    SENTIMENT_CUES,
    Heads,
    QuestionHead,
    SentimentHead,
    load_heads,
    question_cues,
    sentiment_cues,
)
from radar.enrichment import Enricher, apply_heads
from radar.model import Mention

DATA = resources.files("radar.enrich") / "data"


class NamedEmbedder:
    """512-d vectors under a name the heads were not trained on."""

    def __init__(self, name: str, dim: int = 512):
        self.name = name
        self.dim = dim

    def embed(self, texts):
        rng = np.random.default_rng(0)
        return normalise_rows(rng.normal(size=(len(texts), self.dim)))


@pytest.mark.parametrize("name", ["question_head", "sentiment_head"])
def test_shipped_head_has_its_provenance(name):
    meta = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    for key in ("embedder", "dim", "git_commit", "date", "command", "data"):
        assert meta[key], key
    assert meta["embedder"] == "use-multilingual" and meta["dim"] == 512
    assert "train_heads.py" in meta["command"]


@pytest.mark.parametrize("name", ["question_head", "sentiment_head"])
def test_shipped_head_was_trained_on_todays_embedding_text(name):
    """Changing what a mention is embedded by needs `python scripts/train_heads.py`."""
    from radar.enrich.focus import embedding_text

    probe = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))["embedding_probe"]
    assert embedding_text(probe["post"], probe["lang"], True) == probe["embedding_text"]


def test_shipped_heads_load_for_the_embedder_they_were_trained_on():
    heads = load_heads("use-multilingual", 512)
    assert heads.question is not None and heads.sentiment is not None
    assert heads.question.weights.shape == (512 + len(QUESTION_CUES),)
    assert heads.sentiment.weights.shape == (512, 3)
    assert heads.sentiment.fuse_weights.shape == (3 + len(SENTIMENT_CUES), 3)


@pytest.mark.parametrize(
    ("name", "dim"),
    [("sentence-transformers:all-MiniLM-L6-v2", 384), ("sentence-transformers:other", 512)],
)
def test_no_heads_for_another_embedder(name, dim):
    assert load_heads(name, dim) == Heads()


def test_another_embedder_keeps_the_rule_score_and_the_lexicon():
    text = "Rijden er nog treinen naar Utrecht? Alvast bedankt!"
    enricher = Enricher(Settings(), NamedEmbedder("sentence-transformers:other"))
    [m], vectors = enricher.enrich([Mention.create(text)])
    assert vectors.shape == (1, 512)
    assert m.question_score == round(question_score(text, "nl"), 4)
    assert m.is_question


def test_hashing_embedder_path_is_unchanged():
    [m], _ = Enricher(Settings(), HashingEmbedder()).enrich(
        [Mention.create("De trein rijdt weer.")]
    )
    assert not m.is_question and m.question_score == 0.0


def _question_head(threshold: float) -> QuestionHead:
    weights = np.zeros(4 + len(QUESTION_CUES), dtype=np.float32)
    weights[0] = 4.0
    cues = len(QUESTION_CUES)
    return QuestionHead(weights, 0.0, np.zeros(cues), np.ones(cues), threshold, {})


def test_question_head_scores_half_at_its_threshold():
    head = _question_head(threshold=2.0)
    vectors = np.array([[0.5, 0, 0, 0], [1.0, 0, 0, 0], [0.0, 0, 0, 0]], dtype=np.float32)
    scores = head.scores(vectors, np.zeros((3, len(QUESTION_CUES)), dtype=np.float32))
    assert scores[0] == pytest.approx(0.5)
    assert scores[1] > 0.5 > scores[2]


def test_apply_heads_sets_question_and_sentiment_from_the_heads():
    enricher = Enricher(Settings(), HashingEmbedder(dim=4))
    raws = ["rijdt de trein?", "de trein rijdt"]
    enriched = [enricher.annotate(Mention.create(text)) for text in raws]
    vectors = np.array([[1.0, 0, 0, 0], [0.0, 1, 0, 0]], dtype=np.float32)
    n = len(SENTIMENT_CUES)
    sentiment = SentimentHead(
        weights=np.array([[0, 0, 3], [3, 0, 0], [0, 0, 0], [0, 0, 0]], dtype=np.float32),
        bias=np.zeros(3, dtype=np.float32),
        fuse_weights=np.vstack([np.eye(3), np.zeros((n, 3))]).astype(np.float32),
        fuse_bias=np.zeros(3, dtype=np.float32),
        cue_mean=np.zeros(n),
        cue_scale=np.ones(n),
        provenance={},
    )
    apply_heads(Heads(_question_head(2.0), sentiment), enriched, raws, vectors, 0.5)
    assert [m.is_question for m in enriched] == [True, False]
    assert [m.sentiment for m in enriched] == ["positive", "negative"]
    assert enriched[0].sentiment_score > 0 > enriched[1].sentiment_score


def test_sentiment_head_probabilities_sum_to_one():
    heads = load_heads("use-multilingual", 512)
    vectors = NamedEmbedder("x").embed(["a", "b", "c"])
    cues = np.vstack([sentiment_cues(t, "nl") for t in ("top!", "slecht", "de trein")])
    p = heads.sentiment.probabilities(vectors, cues)
    assert p.shape == (3, 3) and np.allclose(p.sum(axis=1), 1.0)


def test_posts_of_a_language_the_fusion_never_learnt_get_the_embedding_head_alone():
    heads = load_heads("use-multilingual", 512)
    vectors = NamedEmbedder("x").embed(["a", "b", "c"])
    cues = np.vstack([sentiment_cues(t, "nl") for t in ("top!", "slecht", "de trein")])
    alone = heads.sentiment.head_probabilities(vectors)
    fused = heads.sentiment.probabilities(vectors, cues)
    routed = heads.sentiment.probabilities(vectors, cues, ["nl", "en", "unknown"])
    assert np.allclose(routed[[0, 2]], fused[[0, 2]]) and np.allclose(routed[1], alone[1])


def test_cues_follow_their_names():
    q = dict(
        zip(QUESTION_CUES, question_cues("Rijden er nog treinen? http://x.nl", "nl"), strict=True)
    )
    assert q["has_qmark"] == 1.0 and q["link"] == 1.0 and q["lang_nl"] == 1.0
    s = dict(
        zip(SENTIMENT_CUES, sentiment_cues("Schandalig, al uren vertraging", "nl"), strict=True)
    )
    assert s["lexicon_negative"] < 0 and s["lexicon_positive"] == 0.0
