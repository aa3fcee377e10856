"""Question score: is a post an information-seeking question or request?

Rules over Dutch and English surface forms, each a small named function or
table so it can be tested on its own. A post is cut into clauses; each clause
gets the sum of the cues that fire (question mark, question word followed by a
verb, verb-first order, "weet iemand", "any idea", "graag info", ...) minus the
cues against (rhetorical forms, "?!", exclamations, headline forms such as
"Storing bij NS: wat moet je weten?"). The post's score is that of its best
clause, clipped to [0, 1]. A retweet prefix, mentions, hashtags and URLs are
stripped first; the raw post is passed in, so that a question next to a link
(a shared article teasing its own answer) can be penalised
(:func:`link_penalty`).

Decisions: a retweeted question of someone else ("RT @buur: weet iemand ...?")
still counts, since the public asks it; a retweet of a news account, a
question next to a link, speculation ("what are the chances"), opinion polls
("do you agree?") and small talk ("how was your day?") do not. Cue tables are
searched as one merged pattern each (:func:`radar.enrich._regex.any_of`), which keeps
the rules readable and the score cheap (about 50 µs a post).

The pieces: :mod:`radar.enrich.text` (normalising, clauses),
:mod:`radar.enrich.question_cues` (the cues of one clause),
:mod:`radar.enrich.question_penalties` (headline, shared item, link) and
:mod:`radar.enrich.question_rules` (the word and pattern tables, package data). Their
public names are importable from here too.

>>> question_score("Rijden er nog treinen naar Utrecht?", "nl") >= 0.5
True
>>> question_score("Hoe dom kun je zijn?!", "nl") < 0.5
True
>>> question_score("Storing bij NS: wat moet je weten?", "nl") < 0.5
True
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from radar.enrich.question_cues import _REQUEST_ANY as _REQUEST_ANY
from radar.enrich.question_cues import _tokens as _tokens
from radar.enrich.question_cues import (
    comma_question,
    is_rhetorical,
    question_mark_cue,
    request_cue,
    verb_first_cue,
    wh_question_cue,
)
from radar.enrich.question_penalties import (
    LINK_PENALTY,
    headline_penalty,
    link_penalty,
    shared_item_penalty,
)
from radar.enrich.question_rules import (
    ANSWER_HOOKS,
    AUXILIARIES,
    HEADLINE_PATTERNS,
    LEADING_FILLERS,
    NOT_SUBJECTS_EN,
    NOT_VERBS_NL,
    PRONOUNS,
    REQUEST_PATTERNS,
    RHETORICAL_PATTERNS,
    SHARED_ITEM_PATTERNS,
    SUBJECT_WORDS,
    WH_CONTRACTIONS,
    WH_MODIFIERS,
    WH_WORDS,
)
from radar.enrich.text import _RT as _RT
from radar.enrich.text import clauses, normalise_post

__all__ = [
    "ANSWER_HOOKS",
    "ClauseCues",
    "AUXILIARIES",
    "HEADLINE_PATTERNS",
    "LEADING_FILLERS",
    "LINK_PENALTY",
    "NOT_SUBJECTS_EN",
    "NOT_VERBS_NL",
    "PRONOUNS",
    "REQUEST_PATTERNS",
    "RHETORICAL_PATTERNS",
    "SHARED_ITEM_PATTERNS",
    "SUBJECT_WORDS",
    "WH_CONTRACTIONS",
    "WH_MODIFIERS",
    "WH_WORDS",
    "clause_cues",
    "clauses",
    "comma_question",
    "headline_penalty",
    "is_rhetorical",
    "link_penalty",
    "normalise_post",
    "question_mark_cue",
    "question_score",
    "request_cue",
    "verb_first_cue",
    "wh_question_cue",
]


class ClauseCues(NamedTuple):
    """The cues of one clause, computed once (:func:`clause_cues`)."""

    score: float
    """The clause's score before the post-level penalties (:func:`_clause_score`)."""
    qmark: float
    wh: float
    verb: float
    request: float
    rhetorical: bool
    """A rhetorical form; read only for a clause with '?' or a positive score."""


@lru_cache(maxsize=8192)
def clause_cues(clause: str, lang: str) -> ClauseCues:
    """The cues of one clause and its score (cached: the focus text and the question
    head's cues ask again for the clauses the score just read).

    >>> cues = clause_cues("Weet iemand of de trein rijdt?", "nl")
    >>> cues.score > 1, cues.qmark > 0, cues.rhetorical
    (True, True, False)
    """
    tokens = _tokens(clause)
    qmark = question_mark_cue(clause)
    wh = wh_question_cue(tokens, lang)
    verb = verb_first_cue(tokens, lang)
    request = request_cue(clause)
    grammar = max(wh, verb)
    score = qmark + (max(grammar, request) + 0.5 * min(grammar, request))
    if not tokens:
        score = 0.0
    rhetorical = (score > 0.0 or "?" in clause) and is_rhetorical(clause)
    if score > 0.0:  # nothing asks otherwise; the penalties below would only lower it
        if rhetorical:
            score -= 0.8
        if len(tokens) < 2 and score < 0.5:
            score -= 0.2
    return ClauseCues(score, qmark, wh, verb, request, rhetorical)


def _clause_score(clause: str, lang: str) -> float:
    """Score of one clause before post-level penalties."""
    return clause_cues(clause, lang).score


def question_score(text: str, lang: str) -> float:
    """Score in [0, 1] that a post asks for information or help (not rhetorically).

    ``lang`` picks the grammar rules (``"nl"``; anything else uses English);
    request phrases of both languages are always checked.

    >>> question_score("weet iemand hoe lang dit nog duurt", "nl") >= 0.5
    True
    >>> question_score("Hoe is het mogelijk?!", "nl")
    0.0
    >>> question_score("De trein rijdt weer.", "nl")
    0.0
    """
    post = normalise_post(text)
    if not post:
        return 0.0
    shared: float | None = None  # looked up only when some clause asks something
    parts = clauses(post)
    best = 0.0
    for index, clause in enumerate(parts):
        score = _clause_score(clause, lang)
        if clause.endswith("?") and (tail := comma_question(clause)):
            # "Mijn moeder heeft thuis zuurstof, wat moeten we doen?": the statement leads in
            score = max(score, _clause_score(tail, lang))
        if score <= best:
            continue  # the penalties below only lower a score
        if shared is None:
            shared = shared_item_penalty(text)
        score -= headline_penalty(post, index, parts) + shared
        score -= link_penalty(text, clause)
        best = max(best, score)
    return float(min(1.0, max(0.0, best)))
