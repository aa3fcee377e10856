"""The crisis team's corrections feed the next training (issue 14): the export's rows
are read as labelled posts by scripts/train_heads.py --corrections."""

import json
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]


def test_exported_question_corrections_are_labelled_posts(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_heads

    rows = [  # as radar export corrections writes them
        {"id": "a", "text": "Waarom is dit zo slecht geregeld?", "is_question": False,
         "question_score": 0.0, "lang": "nl", "at": 1.0},
        {"id": "b", "text": "Lekker begin van de dag", "sentiment": "negative",
         "sentiment_score": -1.0, "lang": "nl", "at": 2.0},
        {"id": "c", "text": "Graag een overzicht van alle bussen", "is_question": True,
         "question_score": 1.0, "lang": "nl", "at": 3.0},
    ]  # fmt: skip
    path = tmp_path / "corrections.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    posts = train_heads.load_corrections(path)
    assert (posts.ids, posts.labels) == (["a", "c"], [0, 1])  # the sentiment-only row left out
    assert posts.texts[1] == "Graag een overzicht van alle bussen"
    assert set(posts.sources) == {"corrections"}
