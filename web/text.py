"""Every piece of interface text of the wall, Dutch first, English as the alternative.

Code never spells out text a person reads; it asks :func:`t` for it.

>>> t("questions")
'Dominante vragen'
>>> t("questions", "en")
'Dominant questions'
>>> t("updated_ago", age="12 s")
'bijgewerkt 12 s geleden'
>>> t("no_such_key")
'no_such_key'
"""

from __future__ import annotations

DEFAULT_LANG = "nl"

TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Crisisradar",
        "waiting": "Wachten op de eerste momentopname…",
        "waiting_hint": "De radar schrijft zijn eerste beeld zodra er berichten binnen zijn.",
        "questions": "Dominante vragen",
        "no_questions": "Nog geen terugkerende vragen.",
        "more_questions": "+ {n} andere vragen",
        "gap": "geen voorbereid antwoord",
        "gap_hint": "Vraag een inhoudsdeskundige om een antwoord.",
        "playbook": "Draaiboek",
        "match": "match {score}",
        "expert": "deskundige: {expert}",
        "example": "Voorbeeld",
        "mentions": "berichten",
        "recent": "+{recent} in {minutes} min",
        "growth": "{growth}×",
        "volume": "Volume",
        "sentiment": "Sentiment",
        "all_mentions": "alle berichten",
        "question_mentions": "vragen",
        "negative": "negatief",
        "neutral": "neutraal",
        "positive": "positief",
        "alerts": "Meldingen",
        "no_alerts": "Geen meldingen.",
        "topics": "Onderwerpen",
        "no_topics": "Nog geen onderwerpen.",
        "since": "sinds {time}",
        "updated_ago": "bijgewerkt {age} geleden",
        "stale": "verouderd",
        "last_updated": "laatst bijgewerkt",
        "never_updated": "nog niet bijgewerkt",
        "totals": "{mentions} berichten · {questions} vragen · {negative} negatief",
        "window": "venster {hours} u",
        "state_new": "nieuw",
        "state_growing": "groeiend",
        "state_stable": "stabiel",
        "state_fading": "afnemend",
        "alert_spike": "Piek",
        "alert_new_question": "Nieuwe vraag",
        "alert_sentiment_swing": "Sentimentomslag",
        "seconds": "{n} s",
        "minutes": "{n} min",
        "hours": "{n} u",
    },
    "en": {
        "title": "Crisis radar",
        "waiting": "Waiting for the first snapshot…",
        "waiting_hint": "The radar writes its first picture as soon as posts come in.",
        "questions": "Dominant questions",
        "no_questions": "No recurring questions yet.",
        "more_questions": "+ {n} other questions",
        "gap": "no prepared answer",
        "gap_hint": "Ask a content expert for an answer.",
        "playbook": "Playbook",
        "match": "match {score}",
        "expert": "expert: {expert}",
        "example": "Example",
        "mentions": "posts",
        "recent": "+{recent} in {minutes} min",
        "growth": "{growth}×",
        "volume": "Volume",
        "sentiment": "Sentiment",
        "all_mentions": "all posts",
        "question_mentions": "questions",
        "negative": "negative",
        "neutral": "neutral",
        "positive": "positive",
        "alerts": "Alerts",
        "no_alerts": "No alerts.",
        "topics": "Topics",
        "no_topics": "No topics yet.",
        "since": "since {time}",
        "updated_ago": "updated {age} ago",
        "stale": "stale",
        "last_updated": "last updated",
        "never_updated": "not updated yet",
        "totals": "{mentions} posts · {questions} questions · {negative} negative",
        "window": "window {hours} h",
        "state_new": "new",
        "state_growing": "growing",
        "state_stable": "stable",
        "state_fading": "fading",
        "alert_spike": "Spike",
        "alert_new_question": "New question",
        "alert_sentiment_swing": "Sentiment swing",
        "seconds": "{n} s",
        "minutes": "{n} min",
        "hours": "{n} h",
    },
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The text ``key`` in ``lang`` (falling back to Dutch, then to the key), formatted."""
    table = TEXT.get(lang, TEXT[DEFAULT_LANG])
    text = table.get(key) or TEXT[DEFAULT_LANG].get(key) or key
    return text.format(**values) if values else text
