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


def changes_list(snapshot: Mapping[str, Any], lang: str = DEFAULT_LANG) -> html.Ul:
    """One line per non-empty group: a coloured tag and the questions' labels."""
    groups = recent_changes(snapshot)
    rows = []
    for name in GROUPS:
        items: Sequence[Mapping[str, Any]] = groups[name]
        if not items:
            continue
        labels = [str(q.get("label") or q.get("representative") or "") for q in items]
        shown = labels[:MAX_PER_GROUP]
        more = f" +{len(labels) - len(shown)}" if len(labels) > len(shown) else ""
        rows.append(
            html.Li(
                className=f"change change-{name}",
                children=[
                    html.Span(t(f"changes_{name}", lang), className="change-kind"),
                    html.Span(" · ".join(shown) + more, className="change-labels"),
                ],
            )
        )
    if not rows:
        rows = [html.Li(t("no_changes", lang), className="empty")]
    return html.Ul(rows, id=Id.CHANGES, className="change-list")
