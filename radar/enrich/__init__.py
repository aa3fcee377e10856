"""Pure text-enrichment rules: language, question score and sentiment.

Each function takes plain text and returns a value; no state, no I/O, no models.

>>> detect_language("Wanneer komt de stroom terug")
'nl'
>>> question_score("Wanneer komt de stroom terug", "nl") >= 0.5
True
>>> score_sentiment("Top geregeld, bedankt!", "nl")[0]
'positive'
"""

from radar.enrich.language import detect_language
from radar.enrich.questions import question_score
from radar.enrich.sentiment import score_sentiment

__all__ = ["detect_language", "question_score", "score_sentiment"]
