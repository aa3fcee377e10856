"""The after-action review of a recorded crisis (``report.md`` of ``radar analyze``).

Pure: :func:`build_review` gathers what the review says from the final snapshot, the
timeline lines, the spike/swing scan and each mention's final question;
:func:`render_review` writes it as Markdown for a communications advisor. Each section
says one thing: the signals over time, the dominant questions with their milestones
(first seen, 10th post, first on the wall, peak, prepared answer), sentiment over time,
the handover of the last shift, the topics.

>>> review = build_review({"now": "2026-11-22T09:00:00Z", "totals": {"mentions": 0,
...     "questions": 0, "negative": 0, "positive": 0}, "questions": [], "topics": [],
...     "bins": [], "window": {"bin_minutes": 1.0}}, [], [], np.zeros(0), [], {})
>>> render_review(review).splitlines()[0]
'# Omgevingsanalyse: evaluatie na afloop'
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np

from radar.headline import card_title
from radar.report import _cell, _pct, period_label
from radar.report_handover import handover, render_handover
from radar.signals import MIN_POSTS_FOR_SHARE
from radar.timeutil import iso, parse_time
from radar.wording import counted

MILESTONE = 10  # "reached 10 mentions"
SHIFT_HOURS = 8.0  # the handover section covers the recording's last shift
KIND = {"spike": "piek", "sentiment_swing": "omslag"}


def build_review(
    snapshot: dict[str, Any],
    lines: Sequence[dict[str, Any]],
    alerts: Sequence[dict[str, Any]],
    times: np.ndarray,
    final_question: Sequence[str | None],
    listed: dict[str, float],
    source: str = "",
    every: float | None = None,
    final_topic: Sequence[str | None] = (),
) -> dict[str, Any]:
    """Everything the review shows, as plain data (also what report.html plots).
    ``times``, ``final_question`` and ``final_topic`` are aligned, sorted by time."""
    start = float(times[0]) if len(times) else parse_time(snapshot["now"])
    end = float(times[-1]) if len(times) else start
    members: dict[str, list[float]] = {}
    for t, q in zip(times.tolist(), final_question, strict=True):
        if q is not None:
            members.setdefault(q, []).append(t)
    questions = []
    for q in snapshot.get("questions", []):
        own = members.get(q["id"], [])
        questions.append(
            {
                "id": q["id"],
                "rank": q["rank"],
                "headline": card_title(q),
                "size": q["size"],
                "negative": q["sentiment"]["negative"],
                "first": own[0] if own else None,
                "tenth": own[MILESTONE - 1] if len(own) >= MILESTONE else None,
                "listed": listed.get(q["id"]),
                "peak": _peak(own),
                "answer": (
                    f"{q['playbook']['title']} / {q['playbook']['answer_id']}"
                    if q.get("playbook")
                    else None
                ),
                "answer_score": (q.get("playbook") or {}).get("score"),
            }
        )
    # the story in the order it happened (the end-of-file wall rank says little afterwards)
    questions.sort(key=lambda q: (q["first"] is None, q["first"] or 0.0, -q["size"]))
    shift = None
    if lines and end - start > SHIFT_HOURS * 3600:  # a shorter recording is one shift: the
        now = parse_time(lines[-1]["time"])  # question table says it all
        since = now - SHIFT_HOURS * 3600
        earlier = [x for x in lines if parse_time(x["time"]) <= since]
        shift = handover(
            lines[-1]["questions"], now, since, earlier[-1]["questions"] if earlier else None
        )
        shift["compared_with"] = earlier[-1]["time"] if earlier else None
    # a file without times: every post has the time it was read, so no spike or swing
    untimed = len(times) > 1 and end == start
    return {
        "source": source,
        "every": every,
        "untimed": untimed,
        "start": iso(start),
        "end": iso(end),
        "days": _spans_days(start, end),
        "totals": snapshot["totals"],
        "questions": questions,
        "alerts": [
            {
                "kind": a["kind"],
                "since": a["since"],
                "message": a["message"],
                "about": _about(a, times, final_topic, snapshot.get("topics", [])),
            }
            for a in alerts
            if a["kind"] in KIND and not untimed
        ],
        "bins": [
            {k: b.get(k) for k in ("start", "mentions", "negative", "positive")}
            for b in snapshot.get("bins", [])
        ],
        "bin_minutes": snapshot.get("window", {}).get("bin_minutes", 1.0),
        "snapshots": len(lines),
        "handover": shift,
        "topics": [
            {
                "label": t["label"],
                "size": t["size"],
                "negative": t["sentiment"]["negative"],
                "example": t["representative"],
            }
            for t in snapshot.get("topics", [])[:10]
        ],
    }


ABOUT_SECONDS = 900  # what a signal was about: the posts of the quarter before it


def _about(
    alert: dict[str, Any],
    times: np.ndarray,
    final_topic: Sequence[str | None],
    topics: Sequence[dict[str, Any]],
) -> str | None:
    """The topic most of the posts just before a signal belong to, with its share. A tie
    goes to the topic that has more of its posts there (the one the signal is about, not a
    steady background topic), then to the lower id: never to set order, which changes from
    process to process."""
    if not len(final_topic):
        return None
    at = parse_time(alert["since"])
    lo, hi = np.searchsorted(times, [at - ABOUT_SECONDS, at], side="right")
    named = [t for t in final_topic[int(lo) : int(hi)] if t is not None]
    if not named:
        return None
    sizes = {t["id"]: int(t.get("size") or 0) for t in topics}
    share = {t: named.count(t) / max(sizes.get(t, 0), 1) for t in set(named)}
    # max keeps the first of equals: sorted ids make the lower id win a full tie
    top = max(sorted(share), key=lambda t: (named.count(t), share[t]))
    label = next((t["label"] for t in topics if t["id"] == top), None)
    return None if label is None else f"{label} ({named.count(top)} van {int(hi - lo)} berichten)"


def _spans_days(start: float, end: float) -> bool:
    day = datetime.fromtimestamp(start, UTC).date()
    return end - start > 86400 or day != datetime.fromtimestamp(end, UTC).date()


def _peak(own: list[float]) -> dict[str, Any] | None:
    """The clock hour with the most posts of a question."""
    if not own:
        return None
    hours = np.floor(np.asarray(own) / 3600).astype(np.int64)
    values, counts = np.unique(hours, return_counts=True)
    best = int(np.argmax(counts))
    return {"start": float(values[best]) * 3600, "count": int(counts[best])}


def when_format(days: bool):  # noqa: ANN201
    """ISO time → ``14:40`` within one day, ``15-04-2013 14:40`` over days."""

    def when(value: str | float | None) -> str:
        if value is None:
            return "–"
        t = parse_time(value) if isinstance(value, str) else float(value)
        return datetime.fromtimestamp(t, UTC).strftime("%d-%m-%Y %H:%M" if days else "%H:%M")

    return when


def sentiment_periods(
    bins: Sequence[dict[str, Any]], bin_minutes: float, parts: int = 6
) -> list[dict[str, Any]]:
    """The recording in ``parts`` periods of equal length (as far as there are posts):
    mentions and negative/positive counts each."""
    filled = [b for b in bins if b.get("mentions")]
    if not filled:
        return []
    t0 = parse_time(filled[0]["start"])
    t1 = parse_time(filled[-1]["start"]) + bin_minutes * 60
    step = (t1 - t0) / parts
    out = []
    for i in range(parts):
        lo, hi = t0 + i * step, t0 + (i + 1) * step
        chunk = [
            b
            for b in filled
            if lo <= parse_time(b["start"]) < hi
            or (i == parts - 1 and parse_time(b["start"]) >= hi)
        ]
        if chunk:
            out.append(
                {
                    "start": lo,
                    "end": hi,
                    "mentions": sum(b["mentions"] for b in chunk),
                    "negative": sum(b["negative"] for b in chunk),
                    "positive": sum(b["positive"] for b in chunk),
                }
            )
    return out


def render_review(review: dict[str, Any]) -> str:
    """Markdown after-action review."""
    when = when_format(review["days"])
    totals = review["totals"]
    start, end = parse_time(review["start"]), parse_time(review["end"])
    alerts = review["alerts"]
    questions = review["questions"]
    spikes = sum(a["kind"] == "spike" for a in alerts)
    swings = len(alerts) - spikes
    gaps = sum(q["answer"] is None for q in questions)
    lines = [
        "# Omgevingsanalyse: evaluatie na afloop"
        + (f" van {review['source']}" if review["source"] else ""),
        "",
        (
            "Opname zonder tijden (elk bericht kreeg het tijdstip van inlezen): "
            if review.get("untimed")
            else f"Opname {period_label(start, end, review['days'])} (UTC): "
        )
        + f"{totals['mentions']} berichten, "
        f"waarvan {totals['questions']} vragen; negatief {_pct(totals['negative'], totals['mentions'])}, "
        f"positief {_pct(totals['positive'], totals['mentions'])}. "
        + (
            ""
            if review.get("untimed")
            else f"{spikes} {'piek' if spikes == 1 else 'pieken'} en {swings} "
            f"{'omslag' if swings == 1 else 'omslagen'} in het sentiment; "
        )
        + (
            f"{counted(len(questions), 'dominante vraag', 'dominante vragen')}, waarvan {gaps} "
            "zonder voorbereid antwoord."
            if questions
            else "geen dominante vragen."
        ),
    ]
    if review["snapshots"]:
        lines[-1] += (
            f" Verloop uit {review['snapshots']} momentopnamen, één per "
            f"{(review['every'] or 0) / 60:g} min datatijd (timeline.jsonl)."
        )
    lines += ["", "## Signalen", ""]
    lines += [
        f"- {when(a['since'])} — {KIND[a['kind']]}: {_cell(a['message'], 200)}"
        + (f"; vooral over: {_cell(a['about'], 80)}" if a.get("about") else "")
        for a in alerts
    ] or [
        "Zonder tijden geen pieken of omslagen; heeft het bestand een tijdkolom, geef die op "
        "met --time-field."
        if review.get("untimed")
        else "Geen pieken of omslagen in de hele opname."
    ]
    lines += ["", "## Dominante vragen", ""]
    if questions:
        lines += [
            f"| vraag | berichten | eerste | {MILESTONE}e | op de wall | piek (per uur) | "
            "voorbereid antwoord |",
            "|---|---|---|---|---|---|---|",
        ]
        for q in questions:
            peak = q["peak"]
            lines.append(
                f"| {_cell(q['headline'], 90)} | {q['size']} | {when(q['first'])} | "
                f"{when(q['tenth'])} | {when(q['listed'])} | "
                + (f"{when(peak['start'])} ({peak['count']})" if peak else "–")
                + f" | {q['answer'] or '**geen — extra informatie nodig**'} |"
            )
        never = sum(1 for q in questions if q["listed"] is None)
        if never:
            lines += [
                "",
                f"{counted(never, 'vraag', 'vragen')} nooit op de wall (–): in geen tussentijds "
                "beeld van het venster werd de vraag vaak genoeg gesteld; pas over de hele "
                "opname samen is ze dominant.",
            ]
    else:
        lines.append("Geen dominante vragen gevonden.")
    periods = sentiment_periods(review["bins"], review["bin_minutes"])
    if len(periods) > 1:
        lines += [
            "",
            "## Sentiment door de tijd",
            "",
            "| periode | berichten | negatief | positief |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {period_label(p['start'], p['end'], review['days'])} | {p['mentions']} | "
            + (
                f"{_pct(p['negative'], p['mentions'])} | {_pct(p['positive'], p['mentions'])} |"
                if p["mentions"] >= MIN_POSTS_FOR_SHARE
                else "– | – |"  # as on the wall: a share of one or two posts says nothing
            )
            for p in periods
        ]
    shift = review["handover"]
    if shift and any(shift[k] for k in ("new", "grew", "faded", "open_gaps", "published")):
        lines += [""] + render_handover(shift, when)
    topics = review["topics"]
    if topics:
        lines += ["", "## Onderwerpen", "", "| onderwerp | berichten | negatief | voorbeeld |"]
        lines.append("|---|---|---|---|")
        lines += [
            f"| {_cell(t['label'], 40)} | {t['size']} | {t['negative']:.0%} | "
            f"{_cell(t['example'], 80)} |"
            for t in topics
        ]
    return "\n".join(lines).rstrip() + "\n"
