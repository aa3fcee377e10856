r"""The question rule tables, read from package data (``radar/enrich/data``).

- ``question_words.json``: word tables (question words, auxiliaries, subject words,
  fillers, ...), per language (``"nl"``, ``"en"``) where the rule is, each with a
  ``"_doc"`` that says what it is for;
- ``question_patterns.tsv``: regular expressions, one a line (``table<TAB>weight<TAB>pattern``,
  ``#`` comments): request phrases with their weight, rhetorical forms, shared-item and
  headline forms.

Each file is read once per process; the module-level tables below are built from them
at import.

>>> "waarom" in WH_WORDS["nl"], "why" in WH_WORDS["en"], "waarom" in WH_WORDS["en"]
(True, True, False)
>>> WH_CONTRACTIONS["how's"], "rijdt" in AUXILIARIES["nl"]
('how', True)
>>> sorted(load_patterns())
['headline', 'request', 'rhetorical', 'shared_item']
>>> REQUEST_PATTERNS[0][0].pattern, REQUEST_PATTERNS[0][1]
('\\b(?:weet|weten) (?:iemand|jullie|u|je|jij|men)\\b', 0.6)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

__all__ = [
    "ANSWER_HOOKS",
    "ASKERS",
    "AUXILIARIES",
    "HEADLINE_PATTERNS",
    "LEADING_FILLERS",
    "NOT_SUBJECTS_EN",
    "NOT_VERBS_NL",
    "PRONOUNS",
    "REQUEST_PATTERNS",
    "RHETORICAL_PATTERNS",
    "SHARED_ITEM_PATTERNS",
    "SUBJECT_WORDS",
    "WHEN_HEADS",
    "WH_CONTRACTIONS",
    "WH_MODIFIERS",
    "WH_WORDS",
    "load_patterns",
    "load_words",
]

WORDS_FILE = "question_words.json"
PATTERNS_FILE = "question_patterns.tsv"
PATTERN_TABLES = ("request", "rhetorical", "shared_item", "headline")


def _data(name: str) -> str:
    return (resources.files("radar.enrich") / "data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_words() -> Mapping[str, Any]:
    """The word tables of ``question_words.json`` as stored, without their ``"_doc"``s."""
    raw = json.loads(_data(WORDS_FILE))
    return MappingProxyType(
        {
            name: {key: value for key, value in table.items() if key != "_doc"}
            for name, table in raw.items()
            if name != "_doc"
        }
    )


@lru_cache(maxsize=1)
def load_patterns() -> Mapping[str, tuple[tuple[str, float | None], ...]]:
    """``table → ((pattern, weight or None), ...)`` from ``question_patterns.tsv``, in file order.

    >>> load_patterns()["request"][0][1], load_patterns()["rhetorical"][0][1]
    (0.6, None)
    """
    tables: dict[str, list[tuple[str, float | None]]] = {name: [] for name in PATTERN_TABLES}
    header = None
    for number, line in enumerate(_data(PATTERNS_FILE).split("\n"), start=1):
        if not line or line[0] == "#":
            continue
        if header is None:
            header = line.split("\t")
            if header != ["table", "weight", "pattern"]:
                raise ValueError(
                    f"{PATTERNS_FILE}:{number}: expected the header table/weight/pattern"
                )
            continue
        table, weight, pattern = (line.split("\t", 2) + ["", ""])[:3]
        if table not in tables or not pattern or (table == "request") != bool(weight):
            # a weight on every request pattern and on no other
            raise ValueError(f"{PATTERNS_FILE}:{number}: bad row {line!r}")
        tables[table].append((pattern, float(weight) if weight else None))
    return MappingProxyType({name: tuple(rows) for name, rows in tables.items()})


def _set(name: str, key: str = "words") -> frozenset[str]:
    return frozenset(load_words()[name][key])


def _per_language(name: str) -> dict[str, frozenset[str]]:
    return {lang: _set(name, lang) for lang in ("nl", "en")}


def _compiled(table: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern, _ in load_patterns()[table])


# --- word tables ------------------------------------------------------------

WH_WORDS: dict[str, frozenset[str]] = _per_language("wh_words")
"""Question words that open a question clause."""

WH_CONTRACTIONS: dict[str, str] = dict(load_words()["wh_contractions"]["map"])
"""Contracted question words ("how's", "whats") → the question word (an "is" follows)."""

LEADING_FILLERS = _set("leading_fillers")
"""Words that may precede a question without changing its form ("Or has it...")."""

WH_MODIFIERS = _set("wh_modifiers")
"""Words between a question word and its verb ("hoe lang duurt", "how long will")."""

SUBJECT_WORDS: dict[str, frozenset[str]] = _per_language("subject_words")
"""Words that follow a fronted verb in a verb-first question ("Rijdt de trein")."""

PRONOUNS: dict[str, frozenset[str]] = _per_language("pronouns")
"""Subject pronouns: after a question word they mark a subordinate clause."""

AUXILIARIES: dict[str, frozenset[str]] = _per_language("auxiliaries")
"""Finite verbs that can open a yes/no question."""

NOT_SUBJECTS_EN = _set("not_subjects_en")
"""After an English auxiliary these mark a statement with a dropped subject ("Will be in")."""

NOT_VERBS_NL = _set("not_verbs_nl")
"""First words that are not verbs even when a subject word follows."""

ANSWER_HOOKS = _set("answer_hooks")
"""First words of a clause that answers or advertises right after a question hook."""

ASKERS = _set("askers")
"""Who asks for help in a lead-in question: the writer or the organisation addressed."""

WHEN_HEADS: tuple[str, ...] = tuple(load_words()["when_heads"]["words"])
"""Openings of a question about time or duration: after a statement of what is wrong it
asks what the writer needs to know ("Geen stroom hier, hoe lang gaat dit duren?")."""

# --- pattern tables ---------------------------------------------------------

REQUEST_PATTERNS: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(pattern), weight)
    for pattern, weight in load_patterns()["request"]
    if weight is not None  # always: load_patterns checks it
)
"""(pattern, weight): phrases that ask for information or help without needing a '?'."""

RHETORICAL_PATTERNS: tuple[re.Pattern[str], ...] = _compiled("rhetorical")
"""Rhetorical question forms: complaints and exclamations dressed as questions."""

SHARED_ITEM_PATTERNS: tuple[re.Pattern[str], ...] = _compiled("shared_item")
"""Forms of a shared news item or a media call-out, checked on the raw post."""

HEADLINE_PATTERNS: tuple[re.Pattern[str], ...] = _compiled("headline")
"""Headline and news-item forms: a question that a news item asks and answers itself."""
