"""Corrections by the crisis team (issue 14): stored, applied at once, logged, exported."""

import json

import pytest

from clustering.embedders import HashingEmbedder
from radar.cli import main
from radar.corrections import Corrections
from radar.enrichment import Enricher
from radar.model import Mention
from radar.operator import OperatorActions, OperatorError

pytestmark = pytest.mark.redis


def _stored(store, settings, texts):
    mentions = [Mention.create(t, source="x", published=1.0e9 + i) for i, t in enumerate(texts)]
    enriched, vectors = Enricher(settings, HashingEmbedder(), b"k").enrich(mentions)
    store.save_enriched(enriched, vectors)
    return {m.text: m for m in enriched}


def test_a_correction_applies_at_once_is_logged_and_exported(store, settings, tmp_path):
    posts = _stored(
        store, settings, ["Waarom is dit zo slecht geregeld?", "Lekker begin van de dag"]
    )
    rhetorical, sarcasm = (
        posts["Waarom is dit zo slecht geregeld?"],
        posts["Lekker begin van de dag"],
    )
    corrections = Corrections(store)
    corrections.correct(rhetorical.id, "question", "no", at=1.0e9 + 10)
    corrections.correct(sarcasm.id, "sentiment", "negative", at=1.0e9 + 20)
    corrections.correct(rhetorical.id, "sentiment", "negative", at=1.0e9 + 30)

    window = {m.id: m for m in store.window(0, 2e9)[0]}  # what the next refresh reads
    assert window[rhetorical.id].is_question is False and window[rhetorical.id].question_score == 0
    assert window[sarcasm.id].sentiment == "negative" and window[sarcasm.id].sentiment_score == -1
    assert store.client.ttl(store.keys.doc(sarcasm.id)) > 0  # retention kept

    log = OperatorActions(store).history()
    assert [e["action"] for e in log] == ["correct"] * 3
    assert log[-1]["before"] == {
        "is_question": rhetorical.is_question,
        "question_score": rhetorical.question_score,
    }

    out = tmp_path / "corrections.jsonl"
    args = ["--redis-url", settings.redis_url, "--embedder", "hashing"]
    assert main(["export", "corrections", "--out", str(out), *args]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [sarcasm.id, rhetorical.id]  # by the time of the last
    assert rows[1]["is_question"] is False and rows[1]["sentiment"] == "negative"
    assert rows[1]["text"] == "Waarom is dit zo slecht geregeld?"


def test_a_wrong_correction_or_a_gone_post_is_refused(store, settings):
    posts = _stored(store, settings, ["Rijdt de trein?"])
    corrections = Corrections(store)
    with pytest.raises(OperatorError, match="got sentiment='boos'"):
        corrections.correct(posts["Rijdt de trein?"].id, "sentiment", "boos")
    with pytest.raises(OperatorError, match="no longer stored"):
        corrections.correct("0000000000000000", "question", "yes")
    assert corrections.all() == []
