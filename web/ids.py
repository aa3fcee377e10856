"""Component ids of the wall, in one enum so layout, callbacks and tests agree.

>>> Id.QUESTIONS.value
'questions'
>>> f"#{Id.QUESTIONS}"
'#questions'
"""

from __future__ import annotations

from enum import StrEnum


class Id(StrEnum):
    """Component ids of the wall and the operator view; each member is a ``str``."""

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
    CHANGES = "changes"
    # routing (both pages)
    URL = "url"
    PAGE = "page"
    PAGE_KEY = "page-key"
    LANG = "lang"
    # operator view
    OPERATOR = "operator"
    OP_INTERVAL = "op-interval"
    OP_TOKEN = "op-token"
    OP_TOKEN_STATE = "op-token-state"
    OP_LIST = "op-list"
    OP_DETAIL = "op-detail"
    OP_FORM_TITLE = "op-form-title"
    OP_WORDING = "op-wording"
    OP_WORDINGS = "op-wording-box"
    OP_CHANNEL = "op-channel"
    OP_PUBLISH = "op-publish"
    OP_LABEL = "op-label"
    OP_RENAME = "op-rename"
    OP_MERGE_TARGET = "op-merge-target"
    OP_MERGE = "op-merge"
    OP_DISMISS = "op-dismiss"
    OP_MESSAGE = "op-message"
    OP_DONE = "op-done"
    OP_RENDERED = "op-rendered"
    OP_CORRECT = "op-correct"
