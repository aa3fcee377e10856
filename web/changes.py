""" "What changed in the last 15 minutes": derived from one snapshot, no history needed.

New: a question first seen in the last 15 minutes (or in state ``new``); growing:
state ``growing``; fading: state ``fading``; published: an answer published in the
last 15 minutes. Each question appears once, in the first group that fits.

>>> snap = {"now": "2026-11-22T08:00:00Z", "questions": [
...     {"id": "q-1", "label": "bussen", "state": "growing",
...      "first_seen": "2026-11-22T07:50:00Z"},
...     {"id": "q-2", "label": "geld terug", "state": "growing",
...      "first_seen": "2026-11-22T06:00:00Z"},
...     {"id": "q-3", "label": "duur", "state": "fading", "first_seen": "2026-11-22T05:00:00Z",
...      "published": {"at": "2026-11-22T07:55:00Z"}}]}
>>> {k: [q["id"] for q in v] for k, v in recent_changes(snap).items()}
{'new': ['q-1'], 'growing': ['q-2'], 'fading': ['q-3'], 'published': ['q-3']}
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import html

from radar.snapshot_schema import RECENT_MINUTES
from radar.timeutil import parse_time
from web.ids import Id
from web.questions import card_title
from web.text import DEFAULT_LANG, t

GROUPS = ("new", "growing", "fading", "published")
MAX_PER_GROUP = 3


def _since(value: Any, cutoff: float) -> bool:
    try:
        return bool(value) and parse_time(value) >= cutoff
    except (TypeError, ValueError):
        return False


def recent_changes(
    snapshot: Mapping[str, Any], minutes: float = RECENT_MINUTES
) -> dict[str, list[Mapping[str, Any]]]:
    """The snapshot's questions grouped by what happened to them lately."""
    groups: dict[str, list[Mapping[str, Any]]] = {g: [] for g in GROUPS}
    if not snapshot.get("now"):
        return groups
    cutoff = parse_time(snapshot["now"]) - minutes * 60
    questions = sorted(snapshot.get("questions") or [], key=lambda q: q.get("rank") or 10**6)
    for q in questions:
        state = q.get("state")
        if state == "new" or _since(q.get("first_seen"), cutoff):
            groups["new"].append(q)
        elif state in ("growing", "fading"):
            groups[state].append(q)
        if _since((q.get("published") or {}).get("at"), cutoff):
            groups["published"].append(q)
    return groups


TITLES_BUDGET = 90
"""Characters of headlines one line of changes shows (two lines of the side column at the
wall's text size, after its tag); the rest is counted ("+2")."""


def fit_titles(titles: Sequence[str], budget: int = TITLES_BUDGET) -> tuple[list[str], int]:
    """The headlines that fit in ``budget`` characters (at least the first, whole) and how
    many are left out: no headline is cut in the middle.

    >>> fit_titles(["Rijden er bussen?", "Hoe lang duurt het nog?", "Krijg ik geld terug?"], 45)
    (['Rijden er bussen?', 'Hoe lang duurt het nog?'], 1)
    """
    shown: list[str] = []
    used = 0
    for title in titles:
        cost = len(title) + (3 if shown else 0)  # " · " between two
        if shown and used + cost > budget:
            break
        shown.append(title)
        used += cost
    return shown, len(titles) - len(shown)


def _more(left: int, lang: str) -> str:
    """How many questions a line leaves out, said as questions (a bare "+2" next to
    "Afnemend" read as two posts more)."""
    return t("changes_more_one", lang) if left == 1 else t("changes_more", lang, n=left)


def changes_list(snapshot: Mapping[str, Any], lang: str = DEFAULT_LANG) -> html.Ul:
    """One line per non-empty group: a coloured tag and the questions by the headline their
    card shows (:func:`web.questions.card_title`), never by keywords."""
    groups = recent_changes(snapshot)
    rows = []
    for name in GROUPS:
        items: Sequence[Mapping[str, Any]] = groups[name]
        if not items:
            continue
        shown, left = fit_titles([card_title(q) for q in items[:MAX_PER_GROUP]])
        left += max(0, len(items) - MAX_PER_GROUP)
        rows.append(
            html.Li(
                className=f"change change-{name}",
                children=[
                    html.Span(t(f"changes_{name}", lang), className="change-kind"),
                    html.Span(" · ".join(shown), className="change-labels"),
                    *([html.Span(_more(left, lang), className="change-more")] if left else []),
                ],
            )
        )
    if not rows:
        rows = [html.Li(t("no_changes", lang), className="empty")]
    return html.Ul(rows, id=Id.CHANGES, className="change-list")
