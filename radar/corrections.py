"""Corrections by the crisis team: "geen vraag" / "wel een vraag" and a post's sentiment.

A webcare worker who sees a post misread corrects it in the operator view. The
correction is kept (``radar:{ns}:corrections``, one JSON per mention id, with the time
and the text), applied at once to the stored post, so the next refresh counts it as
corrected, logged with the other operator actions, and exported by
``radar export corrections`` for the next ``scripts/train_heads.py --corrections FILE``
(learning from the crisis team, as AIDR does).

>>> correction_fields("question", "no"), correction_fields("sentiment", "negative")
({'is_question': False, 'question_score': 0.0}, {'sentiment': 'negative', 'sentiment_score': -1.0})
>>> correction_fields("sentiment", "furious")
Traceback (most recent call last):
radar.operator.OperatorError: a correction is question yes|no or sentiment negative|neutral|positive, got sentiment='furious'
"""

from __future__ import annotations

import json
import time
from typing import Any

from radar.model import SENTIMENTS
from radar.operator import OperatorError, log_action

_SCORES = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}


def correction_fields(field: str, value: str) -> dict[str, Any]:
    """The enriched fields a correction sets; OperatorError for anything else."""
    if field == "question" and value in ("yes", "no"):
        yes = value == "yes"
        return {"is_question": yes, "question_score": 1.0 if yes else 0.0}
    if field == "sentiment" and value in SENTIMENTS:
        return {"sentiment": value, "sentiment_score": _SCORES[value]}
    raise OperatorError(
        "a correction is question yes|no or sentiment negative|neutral|positive, "
        f"got {field}={value!r}"
    )


class Corrections:
    """The corrections of one namespace of the store."""

    def __init__(self, store: Any):
        self.store = store
        self.client = store.client
        self.keys = store.keys

    def correct(self, mention_id: str, field: str, value: str, at: float | None = None) -> dict:
        """Record one correction and apply it to the stored post; returns the post as now
        stored. OperatorError when the post is no longer stored or the value is wrong."""
        fields = correction_fields(field, value)
        raw = self.client.get(self.keys.doc(mention_id))
        if raw is None:
            raise OperatorError(f"post {mention_id} is no longer stored (outside the retention)")
        doc = json.loads(raw)
        before = {k: doc.get(k) for k in fields}
        doc.update(fields)
        at = time.time() if at is None else at
        previous = json.loads(self.client.hget(self.keys.corrections, mention_id) or "{}")
        record = {**previous, **fields, "id": mention_id, "text": doc.get("text", ""),
                  "lang": doc.get("lang"), "at": at}  # fmt: skip
        ttl = self.client.ttl(self.keys.doc(mention_id))
        with self.client.pipeline(transaction=True) as pipe:
            pipe.set(self.keys.doc(mention_id), json.dumps(doc), ex=ttl if ttl > 0 else None)
            pipe.hset(self.keys.corrections, mention_id, json.dumps(record, ensure_ascii=False))
            log_action(pipe, self.keys, "correct", id=mention_id, field=field, value=value,
                       before=before, at=at)  # fmt: skip
            pipe.execute()
        return doc

    def all(self) -> list[dict[str, Any]]:
        """Every correction, oldest first: id, text, lang, at and the corrected fields."""
        rows = [json.loads(v) for v in self.client.hgetall(self.keys.corrections).values()]
        return sorted(rows, key=lambda r: r.get("at", 0.0))
