"""Post-level penalties: a question that a headline, a shared item or a link answers.

A clause can ask in form and still not be a question to answer: a news headline asking
its own question ("Storing bij NS: wat moet je weten?"), a shared news item or media
call-out ("via @nos"), a question next to a link that answers it. Each is a small
function returning how much to take off the clause's score
(:func:`radar.enrich.questions.question_score`).

>>> shared_item_penalty("Dijk houdt het niet? via @nos"), shared_item_penalty("Dijk houdt?")
(0.3, 0.0)
"""

from __future__ import annotations

import re

from radar.enrich._regex import any_of as _any_of
from radar.enrich.question_cues import request_cue
from radar.enrich.question_rules import ANSWER_HOOKS, HEADLINE_PATTERNS, SHARED_ITEM_PATTERNS

__all__ = [
    "LINK_PENALTY",
    "SHARED_ITEM_PENALTY",
    "headline_penalty",
    "link_penalty",
    "shared_item_penalty",
]

_SHARED_ANY = _any_of(SHARED_ITEM_PATTERNS)
_HEADLINE_ANY = _any_of(HEADLINE_PATTERNS)

SHARED_ITEM_PENALTY = 0.3
"""Taken off every asking clause of a post in the form of a shared item or call-out."""


def shared_item_penalty(text: str) -> float:
    """Penalty for a raw post (URLs included) in the form of a shared news item."""
    return SHARED_ITEM_PENALTY if _SHARED_ANY.search(text.lower()) else 0.0


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    if len(words) < 4:
        return False
    capital = sum(1 for w in words if w[0].isupper())
    return capital >= 0.75 * len(words) and not text.isupper()


def headline_penalty(post: str, clause_index: int, parts: list[str]) -> float:
    """How much a clause looks like a news headline asking its own question.

    Colon before the question ("Storing bij NS: wat moet je weten?"), headline
    phrases ("wat moet je weten", "here's why", "experts explain"), title case,
    a news source named at the end.

    >>> from radar.enrich.text import clauses
    >>> parts = clauses("Storing bij NS: wat moet je weten?")
    >>> headline_penalty("Storing bij NS: wat moet je weten?", 1, parts) >= 0.5
    True
    """
    low = post.lower()
    penalty = 0.0
    if _HEADLINE_ANY.search(low):
        penalty += 0.7
    if clause_index > 0 and parts[clause_index - 1].rstrip().endswith(":"):
        before = parts[clause_index - 1]
        if len(before.split()) <= 8 and not re.search(
            r"\b(?:vraag|question|q)\s*:$", before.lower()
        ):
            penalty += 0.3
    if _title_case(parts[clause_index]) or (clause_index == 0 and _title_case(post)):
        penalty += 0.6
    if after := parts[clause_index + 1 : clause_index + 2]:
        first = after[0].split()[0].lower().strip(":,.!") if after[0].split() else ""
        if parts[clause_index].rstrip().endswith("?") and first in ANSWER_HOOKS:
            penalty += 0.5  # "Want to help? Visit ...", "Don't know what to do? Here are tips"
    after = parts[clause_index + 1 :]
    if after and parts[clause_index].rstrip().endswith("?"):
        follow = " ".join(after)
        # "Why is X so fragile? Experts explain" — answered right after the question.
        if re.match(r"^(?:[A-Z][\w'-]*\s?){1,4}[.:]?$", follow.strip()) and not re.search(
            r"\b(?:please|pls|plz|thanks|thx|graag|alvast|bedankt|dank)\b", follow.lower()
        ):
            penalty += 0.2
    return penalty


_LINK = re.compile(r"https?://|www\.|\bt\.co/|\bhtt?p?s?…")
_REPLY = re.compile(r"^\s*[.]?@\w+")


def _may_link(text: str) -> bool:
    """False when ``_LINK`` cannot match: each of its forms holds one of these."""
    return "//" in text or "www." in text or "t.co/" in text or "…" in text


LINK_PENALTY = 0.55
"""A question next to a link teases what the link answers (a shared article or photo):
large enough that only a request phrase or a reply keeps a linked post a question."""


def link_penalty(text: str, clause: str) -> float:
    """Penalty for a question clause in a post that carries a link.

    A post that asks and links ("Is climate change to blame? http://...") is
    almost always a shared news item or a teaser; the link answers it. Not
    penalised: request phrases ("does anyone know ... http://map") and replies
    addressed to someone (the post opens with @user), which ask that person.
    ``text`` is the raw post, URLs included.

    >>> link_penalty("Will the dam hold? http://news.example/dam", "Will the dam hold?")
    0.55
    >>> link_penalty("Does anyone know if this road is open? http://x.example/map",
    ...              "Does anyone know if this road is open?")
    0.0
    >>> link_penalty("@NS_online rijdt deze trein nog? https://x.example/foto", "rijdt deze trein nog?")
    0.0
    """
    if not _may_link(text) or not _LINK.search(text) or _REPLY.match(text):
        return 0.0
    return 0.0 if request_cue(clause) > 0 else LINK_PENALTY
