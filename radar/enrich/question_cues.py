"""Cues of one clause: does its form ask something?

Each cue is a small function over a clause (or its tokens) and returns a weight;
:func:`radar.enrich.questions._clause_score` adds them up. For: the closing question
mark, a question word followed by a verb, verb-first order, a request phrase ("weet
iemand", "any idea", "graag info"). Against: rhetorical forms. The word and pattern
tables are package data (:mod:`radar.enrich.question_rules`); each pattern table is
searched as one merged pattern (:func:`radar.enrich._regex.any_of`).

>>> tokens = _tokens("Hoi, rijden er nog treinen?")
>>> tokens, verb_first_cue(tokens, "nl"), question_mark_cue("rijden er nog treinen?")
(['rijden', 'er', 'nog', 'treinen'], 0.55, 0.45)
"""

from __future__ import annotations

import re

from radar.enrich._regex import any_of as _any_of
from radar.enrich.question_rules import (
    ASKERS,
    AUXILIARIES,
    LEADING_FILLERS,
    NOT_SUBJECTS_EN,
    NOT_VERBS_NL,
    PRONOUNS,
    REQUEST_PATTERNS,
    RHETORICAL_PATTERNS,
    SUBJECT_WORDS,
    WH_CONTRACTIONS,
    WH_MODIFIERS,
    WH_WORDS,
    WHEN_HEADS,
)

__all__ = [
    "comma_question",
    "is_rhetorical",
    "question_mark_cue",
    "request_cue",
    "verb_first_cue",
    "wh_question_cue",
]

# --- compiled forms (one search per table instead of one per pattern) ----------

_RHETORICAL_ANY = _any_of(RHETORICAL_PATTERNS)
_REQUEST_ANY = _any_of(tuple(pattern for pattern, _ in REQUEST_PATTERNS))
_REQUEST_BY_WEIGHT: tuple[tuple[float, re.Pattern[str]], ...] = tuple(
    (weight, _any_of(tuple(p for p, w in REQUEST_PATTERNS if w == weight)))
    for weight in sorted({w for _, w in REQUEST_PATTERNS}, reverse=True)
)
"""Request patterns merged per weight, strongest first: the first hit is the maximum."""


_TOKEN = re.compile(r"[\w']+|[?!]")


_COMMA_WH = re.compile(
    r",\s+((?:" + "|".join(sorted(WH_WORDS["nl"] | WH_WORDS["en"])) + r")\b[^,]*\?+)\s*$",
    re.IGNORECASE,
)


def comma_question(clause: str) -> str | None:
    """The help question after a comma that a statement leads into, or None.

    Only with the writer or the addressee in it, or asking when or how long: "…, wat
    moeten we doen?" asks for help, "…, who doesn't believe in global warming now?" is
    rhetoric (in the labelled CrisisLex tweets every lead-in question without one was).

    >>> comma_question("Mijn moeder heeft thuis zuurstof, wat moeten we doen??")
    'wat moeten we doen??'
    >>> comma_question("Geen stroom hier, hoe lang gaat dit duren?")
    'hoe lang gaat dit duren?'
    >>> comma_question("Weer overstromingen, wie gelooft nog niet in klimaatverandering?")
    >>> comma_question("Hoe dan ook, de trein rijdt.") is None
    True
    """
    found = _COMMA_WH.search(clause)
    if not found:
        return None
    tail = found.group(1)
    if ASKERS.intersection(_tokens(tail)) or tail.lower().startswith(WHEN_HEADS):
        return tail
    return None


def _tokens(clause: str) -> list[str]:
    tokens: list[str] = []
    for tok in _TOKEN.findall(clause.lower().replace("’", "'")):
        if tok in "?!":
            continue
        head = WH_CONTRACTIONS.get(tok)
        if head:
            tokens.extend((head, "is"))
        else:
            tokens.append(tok)
    while len(tokens) > 1 and tokens[0] in LEADING_FILLERS:
        tokens = tokens[1:]
    return tokens


def _lang_key(lang: str) -> str:
    return "nl" if lang == "nl" else "en"


# --- cues -------------------------------------------------------------------


def question_mark_cue(clause: str) -> float:
    """Weight of the closing punctuation: '?' for, '?!' and '!' against.

    >>> question_mark_cue("Gaat de 8.15 nog?"), question_mark_cue("Are you kidding me?!")
    (0.45, -0.1)
    """
    end = clause.rstrip()[-4:]
    if "?" in end and "!" in end:
        return -0.1  # "?!", "!?": surprise or outrage, not a request for an answer
    if end.endswith("???") or end.endswith("??"):
        return 0.35
    if end.endswith("?"):
        return 0.45
    if end.endswith("!"):
        return -0.15
    return 0.0


def wh_question_cue(tokens: list[str], lang: str) -> float:
    """A question word opening the clause and followed by a verb ("Wanneer komt", "how do").

    A pronoun right after the question word ("wanneer ik thuis kom") marks a
    subordinate clause, not a question.

    >>> wh_question_cue("wanneer komt de stroom terug".split(), "nl")
    0.55
    >>> wh_question_cue("wanneer ik thuis kom".split(), "nl") < 0.1
    True
    """
    key = _lang_key(lang)
    if not tokens or tokens[0] not in WH_WORDS[key]:
        return 0.0
    rest = tokens[1:]
    while rest and rest[0] in WH_MODIFIERS:
        rest = rest[1:]
    if not rest:
        return 0.15
    nxt = rest[0]
    if nxt in AUXILIARIES[key]:
        return 0.55
    if key == "en":
        if len(rest) > 1 and rest[1] in AUXILIARIES["en"] and nxt not in PRONOUNS["en"]:
            return 0.35  # "which trains are running", "what time does"
        if nxt.endswith("ed") or nxt in {"happens", "causes", "caused", "goes", "went"}:
            return 0.35  # "what happened", "who caused"
        if tokens[0] in {"who", "what", "which"} and nxt.endswith("s") and len(nxt) > 3:
            return 0.35  # "who needs", "what remains" (a verb in the third person)
        return 0.1
    if nxt in PRONOUNS["nl"] or nxt in SUBJECT_WORDS["nl"]:
        return 0.05
    if nxt in NOT_VERBS_NL:
        return 0.1
    if tokens[0] in {"welke", "welk", "hoeveel"}:
        return 0.35
    return 0.4 if nxt.endswith(("t", "en", "d")) or len(nxt) <= 4 else 0.25


def verb_first_cue(tokens: list[str], lang: str) -> float:
    """A finite verb opening the clause, then a subject: "Rijdt de trein", "Is there".

    >>> verb_first_cue("rijden er nog treinen".split(), "nl")
    0.55
    >>> verb_first_cue("de trein rijdt weer".split(), "nl")
    0.0
    """
    if len(tokens) < 2:
        return 0.0
    key = _lang_key(lang)
    first, second = tokens[0], tokens[1]
    if first in AUXILIARIES[key] and second in SUBJECT_WORDS[key]:
        return 0.55
    if key == "en" and first in AUXILIARIES["en"] and second not in NOT_SUBJECTS_EN:
        return 0.4  # "Is Fehlberg Park going under", "Are trains running"
    if (
        key == "nl"
        and second in SUBJECT_WORDS["nl"]
        and first not in NOT_VERBS_NL
        and first not in SUBJECT_WORDS["nl"]
        and first.endswith(("t", "en"))
        and len(first) > 3
    ):
        return 0.3  # an unknown verb before a subject: "Vertrekt de bus", "Stoppen er"
    return 0.0


def request_cue(clause: str) -> float:
    """The strongest request phrase in a clause ("weet iemand", "any idea", "graag info").

    >>> request_cue("graag info over vervangend vervoer")
    0.6
    """
    low = clause.lower().replace("’", "'")
    if not _REQUEST_ANY.search(low):
        return 0.0
    return next(weight for weight, pattern in _REQUEST_BY_WEIGHT if pattern.search(low))


def is_rhetorical(clause: str) -> bool:
    """Whether a clause is a rhetorical question or an exclamation in question form.

    >>> is_rhetorical("Wie verzint dit nou?!"), is_rhetorical("Wie weet waar de bus stopt?")
    (True, False)
    """
    return _RHETORICAL_ANY.search(clause.lower().replace("’", "'")) is not None
