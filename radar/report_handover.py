"""Shift handover ("overdracht"): what is new since the last shift, what grew, what faded,
which gaps are still open, which answers were published.

Pure: compact questions (as in ``timeline.jsonl``, see :func:`radar.timeline.compact`)
in, a plain dict and Markdown out. Used by ``radar report --since 8h`` on a live store
and by the after-action review of ``radar analyze``. Items are marked as CrisisFACTS rates
facts: *stale* when nothing new came in the last hours, *carried over* (a repeat of an
earlier shift) when the question was already there before the shift began.

>>> q = {"id": "q1", "headline": "Rijden er bussen?", "size": 30, "state": "growing",
...      "first_seen": "2026-11-22T07:00:00Z", "last_seen": "2026-11-22T08:55:00Z",
...      "gap": True, "answer": None}
>>> h = handover([q], now=parse_time("2026-11-22T09:00:00Z"), since=parse_time("2026-11-22T01:00:00Z"))
>>> [i["id"] for i in h["new"]], [i["id"] for i in h["open_gaps"]]
(['q1'], ['q1'])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from radar.report import _cell
from radar.timeutil import iso, parse_time

STALE_SECONDS = 2 * 3600  # nothing new for this long: marked stale
GREW = 1.25  # a question grew when it is this much bigger than at the start of the shift


def handover(
    current: Sequence[dict[str, Any]],
    now: float,
    since: float,
    earlier: Sequence[dict[str, Any]] | None = None,
    published: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """The handover of the shift from ``since`` to ``now``; ``earlier``: the questions
    listed when the shift began (None when unknown); ``published``: operator log entries
    (``cluster_id``, ``at``, ``channel``, ``wording``)."""
    before = {q["id"]: q for q in earlier or ()}
    effect = {q["id"]: q.get("after_publish") for q in current}
    headline = {q["id"]: q.get("headline", "") for q in [*(earlier or ()), *current]}

    def item(q: dict[str, Any]) -> dict[str, Any]:
        was = before.get(q["id"])
        return {
            "id": q["id"],
            "headline": q.get("headline", ""),
            "size": q.get("size", 0),
            "was": None if was is None else was.get("size", 0),
            "first_seen": q.get("first_seen"),
            "last_seen": q.get("last_seen"),
            "answer": q.get("answer"),
            "stale": parse_time(q["last_seen"]) < now - STALE_SECONDS
            if q.get("last_seen")
            else False,
            "carried_over": bool(q.get("first_seen")) and parse_time(q["first_seen"]) < since,
        }

    items = [item(q) for q in current]
    now_ids = {q["id"] for q in current}
    new = [i for i in items if not i["carried_over"]]
    grew = [
        i
        for i in items
        if i["carried_over"]
        and (i["was"] is None or i["size"] >= GREW * i["was"] + 1)
        and not i["stale"]
        and any(q["id"] == i["id"] and q.get("state") in ("growing", "stable") for q in current)
    ]
    faded = [
        i
        for i in items
        if i["carried_over"]
        and i not in grew
        and (i["stale"] or (_fading(current, i) and (i["was"] is None or i["size"] <= i["was"])))
    ] + [
        {**item(q), "size": 0, "was": q.get("size", 0), "gone": True}
        for q in earlier or ()
        if q["id"] not in now_ids
    ]
    answers = [
        {
            "id": p.get("cluster_id"),
            "headline": headline.get(p.get("cluster_id"), ""),
            "at": iso(float(p["at"])),
            "channel": p.get("channel", ""),
            "wording": p.get("wording", ""),
            # did it help: the question's rate per 15 min since, against before (radar.operator)
            "change": (effect.get(p.get("cluster_id")) or {}).get("change"),
        }
        for p in sorted(published, key=lambda p: float(p["at"]))
        if since <= float(p["at"]) <= now
    ]
    return {
        "since": iso(since),
        "now": iso(now),
        "compared_with": None,
        "new": new,
        "grew": grew,
        "faded": faded,
        "open_gaps": [i for q, i in zip(current, items, strict=True) if q.get("gap")],
        "published": answers,
    }


def _fading(current: Sequence[dict[str, Any]], i: dict[str, Any]) -> bool:
    return any(q["id"] == i["id"] and q.get("state") == "fading" for q in current)


def render_handover(
    h: dict[str, Any], when: Callable[[str], str], heading: str = "##"
) -> list[str]:
    """Markdown lines of a handover; ``when`` formats an ISO time."""

    def mark(i: dict[str, Any]) -> str:
        marks = []
        if i.get("gone"):
            marks.append("niet meer op de wall")
        elif i["stale"] and i.get("last_seen"):
            marks.append(f"verouderd: niets nieuws sinds {when(i['last_seen'])}")
        if i["carried_over"] and i.get("first_seen"):
            marks.append(f"al in een vorige dienst, sinds {when(i['first_seen'])}")
        return f" — _{'; '.join(marks)}_" if marks else ""

    def size(i: dict[str, Any]) -> str:
        return f"{i['was']}→{i['size']}×" if i.get("was") is not None else f"{i['size']}×"

    lines = [f"{heading} Overdracht: {when(h['since'])} – {when(h['now'])} (UTC)", ""]
    if h.get("compared_with"):
        lines += [
            f"Vergeleken met de stand van {when(h['compared_with'])}"
            + (
                " (het eerste beeld in deze dienst: van het begin is er geen)."
                if h.get("compared_first_in_shift")
                else "."
            ),
            "",
        ]
    sections = [
        ("Nieuw in deze dienst", h["new"], lambda i: f"sinds {when(i['first_seen'])}"),
        ("Gegroeid", h["grew"], lambda i: ""),
        ("Afgenomen", h["faded"], lambda i: ""),
        ("Nog open (geen voorbereid antwoord)", h["open_gaps"], lambda i: ""),
    ]
    for title, items, extra in sections:
        lines.append(f"**{title}**")
        if not items:
            lines += ["", "- geen", ""]
            continue
        lines.append("")
        for i in items:
            detail = ", ".join(x for x in (size(i), extra(i)) if x)
            lines.append(f"- {_one_line(i['headline'])} ({detail}){mark(i)}")
        lines.append("")
    lines.append("**Gepubliceerde antwoorden**")
    lines.append("")
    lines += [
        f"- {when(p['at'])} via {p['channel'] or '?'}: {_one_line(p['headline'] or p['id'])}"
        + (f" — “{_one_line(p['wording'], 90)}”" if p["wording"] else "")
        + (
            f"; daarna {p['change']:+.0%} berichten per 15 min"
            if p.get("change") is not None
            else ""
        )
        for p in h["published"]
    ] or ["- geen"]
    return lines


def _one_line(text: str, limit: int = 110) -> str:
    """A post on one Markdown line, its markup shown, never rendered (see report._cell)."""
    return _cell(text, limit)
