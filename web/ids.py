"""Component ids of the wall, in one enum so layout, callbacks and tests agree.

>>> Id.QUESTIONS.value
'questions'
>>> f"#{Id.QUESTIONS}"
'#questions'
"""

from __future__ import annotations

from enum import StrEnum


class Id(StrEnum):
    """Ids of the wall's components; each member is a ``str``, usable as a Dash id."""

    ROOT = "wall"
    INTERVAL = "refresh-interval"
    RENDERED = "rendered-version"
    VIEWPORT = "viewport-scale"
    CLOCK = "clock"
    FRESHNESS = "freshness"
    TOTALS = "totals"
    BODY = "wall-body"
    QUESTIONS = "questions"
    VOLUME = "volume-graph"
    SENTIMENT = "sentiment-graph"
    ALERTS = "alerts"
    TOPICS = "topics"
