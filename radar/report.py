"""The environment analysis (``report.md``) from a snapshot and the snapshot history.

Pure: snapshots in, Markdown text out.

>>> snap = {"now": "2026-11-22T09:00:00Z", "window": {"start": "2026-11-22T06:00:00Z",
...         "end": "2026-11-22T09:00:00Z"}, "totals": {"mentions": 3, "questions": 1,
...         "negative": 2, "neutral": 1, "positive": 0}, "questions": [], "topics": [],
...         "alerts": [], "bins": []}
>>> "# Omgevingsanalyse" in render_report(snap)
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from radar.headline import card_title
from radar.timeutil import parse_time


def _pct(part: int, total: int) -> str:
    return f"{part / total:.0%}" if total else "–"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|<>])")


def _cell(text: str, limit: int = 110) -> str:
    r"""A post as inert Markdown: one line, cut at ``limit``; markup, links and table
    pipes in it are shown, never rendered (posts may carry ``<script>`` or
    ``[x](javascript:…)``).

    >>> print(_cell("a | b <script>x</script> [klik](javascript:alert(1))"))
    a \| b \<script\>x\</script\> \[klik\](javascript:alert(1))
    """
    text = " ".join(str(text).split())
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def period_label(start: float, end: float, with_dates: bool) -> str:
    """A period as a communications advisor reads it: times alone within one day, dates
    when the recording spans days.

    >>> from radar.timeutil import parse_time as t
    >>> period_label(t("2026-11-22T04:22:00Z"), t("2026-11-22T05:00:00Z"), False)
    '04:22–05:00'
    >>> period_label(t("2013-04-15T04:22:00Z"), t("2013-04-22T01:22:00Z"), True)
    '15-04-2013 04:22 – 22-04-2013 01:22'
    >>> period_label(t("2013-04-15T04:00:00Z"), t("2013-04-15T10:00:00Z"), True)
    '15-04-2013 04:00–10:00'
    """
    a = datetime.fromtimestamp(start, UTC)
    b = datetime.fromtimestamp(end, UTC)
    if not with_dates:
        return f"{a:%H:%M}–{b:%H:%M}"
    if a.date() == b.date():
        return f"{a:%d-%m-%Y %H:%M}–{b:%H:%M}"
    return f"{a:%d-%m-%Y %H:%M} – {b:%d-%m-%Y %H:%M}"


def _sentiment_story(
    bins: Sequence[dict[str, Any]], bin_minutes: float = 1.0, parts: int = 6
) -> list[str]:
    """Negative share per part of the window, in words a spokesperson can use."""
    filled = [b for b in bins if b.get("mentions")]
    if len(filled) < parts:
        return []
    size = len(filled) // parts
    first = parse_time(filled[0]["start"])
    last = parse_time(filled[-1]["start"]) + bin_minutes * 60
    with_dates = last - first > 86400 or (
        datetime.fromtimestamp(first, UTC).date() != datetime.fromtimestamp(last, UTC).date()
    )
    lines = []
    for i in range(parts):
        chunk = filled[i * size : (i + 1) * size if i < parts - 1 else len(filled)]
        total = sum(b["mentions"] for b in chunk)
        negative = sum(b["negative"] for b in chunk)
        positive = sum(b["positive"] for b in chunk)
        label = period_label(
            parse_time(chunk[0]["start"]),
            parse_time(chunk[-1]["start"]) + bin_minutes * 60,
            with_dates,
        )
        lines.append(f"| {label} | {total} | {_pct(negative, total)} | {_pct(positive, total)} |")
    return lines


def render_report(snapshot: dict[str, Any], history: Sequence[dict[str, Any]] = ()) -> str:
    """Markdown environment analysis of one snapshot (plus the timeline of ``history``)."""
    totals = snapshot["totals"]
    window = snapshot["window"]
    lines = [
        "# Omgevingsanalyse",
        "",
        f"Venster {window['start']} – {window['end']} (UTC). "
        f"{totals['mentions']} berichten, waarvan {totals['questions']} vragen; "
        f"negatief {_pct(totals['negative'], totals['mentions'])}, "
        f"positief {_pct(totals['positive'], totals['mentions'])}.",
        "",
        "## Dominante vragen",
        "",
    ]
    questions = snapshot.get("questions", [])
    if questions:
        lines += [
            "| # | vraag | aantal | laatste 15 min | negatief | voorbereid antwoord |",
            "|---|---|---|---|---|---|",
        ]
        for q in questions:
            answer = (
                f"{q['playbook']['title']} / {q['playbook']['answer_id']} ({q['playbook']['score']:.2f})"
                if q.get("playbook")
                else "**geen voorbereid antwoord**"
            )
            lines.append(
                f"| {q['rank']} | {_cell(card_title(q))} | {q['size']} | "
                f"{q['recent']} | {q['sentiment']['negative']:.0%} | {answer} |"
            )
    else:
        lines.append("Geen dominante vragen gevonden.")
    gaps = [q for q in questions if q.get("gap")]
    if gaps:
        lines += ["", "### Extra informatie nodig", ""]
        lines += [f"- {_cell(card_title(q))} ({q['size']}×)" for q in gaps]
    story = _sentiment_story(snapshot.get("bins", []), window.get("bin_minutes", 1.0))
    if story:
        lines += [
            "",
            "## Sentiment door de tijd",
            "",
            "| periode | berichten | negatief | positief |",
            "|---|---|---|---|",
            *story,
        ]
    lines += ["", "## Onderwerpen", ""]
    topics = snapshot.get("topics", [])
    if topics:
        lines += ["| onderwerp | aantal | negatief | voorbeeld |", "|---|---|---|---|"]
        for t in topics[:20]:
            lines.append(
                f"| {_cell(t['label'], 40)} | {t['size']} | {t['sentiment']['negative']:.0%} | "
                f"{_cell(t['representative'], 80)} |"
            )
    else:
        lines.append("Geen onderwerpen gevonden.")
    alerts = _alert_timeline([*history, snapshot])
    lines += ["", "## Signalen", ""]
    lines += [f"- {since} — {_cell(message, 200)}" for since, message in alerts] or [
        "Geen signalen."
    ]
    return "\n".join(lines) + "\n"


def _alert_timeline(snapshots: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """Each distinct alert once, at the time it started."""
    seen: dict[tuple[str, str], str] = {}
    for snap in snapshots:
        for alert in snap.get("alerts", []):
            key = (alert["kind"], str(alert.get("cluster")))
            seen.setdefault(key, (alert.get("since", snap.get("now", "")), alert["message"]))
    return sorted(seen.values())
