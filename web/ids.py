"""Component ids of the wall, in one enum so layout, callbacks and tests agree.

>>> Id.QUESTIONS.value
'questions'
>>> f"#{Id.QUESTIONS}"
'#questions'
"""

from __future__ import annotations

from enum import Enum


class Id(str, Enum):
    """Ids of the wall's components (``str`` values, usable wherever Dash wants an id)."""

    ROOT = "wall"
    INTERVAL = "refresh-interval"
    RENDERED = "rendered-version"
    CLOCK = "clock"
    FRESHNESS = "freshness"
    TOTALS = "totals"
    BODY = "wall-body"
    QUESTIONS = "questions"
    VOLUME = "volume-graph"
    SENTIMENT = "sentiment-graph"
    ALERTS = "alerts"
    TOPICS = "topics"

    def __str__(self) -> str:
        return self.value
