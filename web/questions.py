"""Builders of the dominant-question cards: pure functions of clusters to Dash components.

Post texts are user content: they go in only as plain text children, never as
HTML or Markdown, so ``<script>`` shows as text.

>>> card = question_card({"id": "q-1", "rank": 1, "representative": "<b>Waar?</b>",
...                       "size": 4, "gap": True, "playbook": None})
>>> card.children[1].children[0].children
'<b>Waar?</b>'
>>> card.className
'question gap state-stable'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import dcc, html

from radar.headline import card_title
from web.figures import DEFAULT_TZ, local_time, sparkline_figure
from web.ids import Id
from web.text import DEFAULT_LANG, t

MAX_QUESTIONS = 5
SPARK_CONFIG = {"displayModeBar": False, "staticPlot": True, "responsive": False}

Cluster = Mapping[str, Any]


def question_list(
    questions: Sequence[Cluster],
    lang: str = DEFAULT_LANG,
    scale: float = 1.0,
    spark_bins: int | None = None,
    tz: str = DEFAULT_TZ,
) -> html.Ol:
    """The dominant questions in the snapshot's rank order (stable between refreshes);
    questions that the same prepared answer serves share one card (:func:`fold_same_answer`)."""
    ranked = sorted(questions, key=lambda q: q.get("rank") or 10**6)
    groups = fold_same_answer(ranked)
    shown = groups[:MAX_QUESTIONS]
    if not shown:
        return html.Ol(html.Li(t("no_questions", lang), className="empty"), id=Id.QUESTIONS)
    items = [
        question_card(q, lang, scale, spark_bins, tz, position=i, related=related)
        for i, (q, related) in enumerate(shown, start=1)
    ]
    hidden = sum(1 + len(related) for _q, related in groups[len(shown) :])
    if hidden:
        items.append(html.Li(t("more_questions", lang, n=hidden), className="more"))
    return html.Ol(items, id=Id.QUESTIONS, className="question-list")


def fold_same_answer(ranked: Sequence[Cluster]) -> list[tuple[Cluster, list[Cluster]]]:
    """(question, lower-ranked questions served by the same prepared answer) in rank order:
    "Tot hoe laat duurt dit?" and "Hoe lang duurt de storing?" need one card, not two, and
    the freed place shows the next question. Gaps and published questions keep their own.

    >>> qs = [{"id": "a", "playbook": {"id": "t", "answer_id": "duur"}},
    ...       {"id": "b", "gap": True, "playbook": None},
    ...       {"id": "c", "playbook": {"id": "t", "answer_id": "duur"}}]
    >>> [(q["id"], [r["id"] for r in rel]) for q, rel in fold_same_answer(qs)]
    [('a', ['c']), ('b', [])]
    """
    groups: list[tuple[Cluster, list[Cluster]]] = []
    by_answer: dict[tuple[str, str], list[Cluster]] = {}
    for q in ranked:
        playbook = q.get("playbook") or {}
        key = (str(playbook.get("id")), str(playbook.get("answer_id")))
        if q.get("gap") or not playbook or q.get("published"):
            groups.append((q, []))
        elif key in by_answer:
            by_answer[key].append(q)
        else:
            by_answer[key] = []
            groups.append((q, by_answer[key]))
    return groups


def question_card(
    q: Cluster,
    lang: str = DEFAULT_LANG,
    scale: float = 1.0,
    spark_bins: int | None = None,
    tz: str = DEFAULT_TZ,
    position: int | None = None,
    related: Sequence[Cluster] = (),
) -> html.Li:
    """One dominant question: rank, text, counts, trend (last hour), example, answer or gap;
    ``related``: other questions the same answer serves, counted in a badge."""
    playbook = q.get("playbook")
    gap = bool(q.get("gap")) or not playbook
    state = str(q.get("state") or "stable")
    examples = [e for e in q.get("examples") or [] if e]
    main = [
        html.Div(card_title(q), className="q-text"),
        html.Div(
            className="q-meta",
            children=[
                html.Span(str(int(q.get("size") or 0)), className="q-size"),
                html.Span(t("mentions", lang), className="q-size-label"),
                _trend(q, lang),
            ],
        ),
    ]
    variants = [str(v.get("headline") or "") for v in q.get("variants") or [] if v.get("headline")]
    for key, text, class_name in (
        ("example", str(examples[0]) if examples else "", "q-example"),
        ("variants", " · ".join(variants[:2]), "q-variants"),  # same-answer wordings
    ):
        if text:
            main.append(
                html.Div(
                    className=class_name,
                    children=[
                        html.Span(t(key, lang), className="q-example-label"),
                        html.Span(text, className="q-example-text"),
                    ],
                )
            )
    published = " published" if q.get("published") else ""
    return html.Li(
        className=f"question {'gap' if gap else 'matched'} state-{state}{published}",
        **{"data-cluster": str(q.get("id", ""))},
        children=[
            html.Div(str(position or q.get("rank") or ""), className="q-rank"),
            html.Div(main, className="q-main"),
            html.Div(
                className="q-trend",
                children=[
                    dcc.Graph(
                        figure=sparkline_figure(
                            q.get("counts") or [], scale=scale, tail=spark_bins
                        ),
                        config=SPARK_CONFIG,
                        className="q-spark",
                    ),
                    *badges(q, lang, related),
                ],
            ),
            gap_flag(lang) if gap else answer_box(playbook, lang, q, tz),
        ],
    )


def badges(q: Cluster, lang: str = DEFAULT_LANG, related: Sequence[Cluster] = ()) -> list:
    """The state badge ("nieuw", "groeiend") and the "+2 verwant" badge, under the card's
    sparkline: in a column of their own they are never squeezed out by the counts.

    >>> [b.children for b in badges({"state": "growing"}, related=[{"id": "q-2"}])]
    ['groeiend', '+1 verwant']
    """
    state = str(q.get("state") or "stable")
    out = []
    if state in ("new", "growing"):
        out.append(html.Span(t(f"state_{state}", lang), className=f"badge badge-{state}"))
    if related:
        out.append(
            html.Span(
                t("related", lang, n=len(related)),
                className="badge badge-related",
                title=" · ".join(f"{card_title(r)} ({r.get('size')})" for r in related),
            )
        )
    return out


def published_line(q: Cluster, lang: str = DEFAULT_LANG, tz: str = DEFAULT_TZ) -> list:
    """``✓ gepubliceerd 08:42 via X`` and the did-it-help change, or nothing.

    >>> q = {"published": {"at": "2026-11-22T07:42:00Z", "channel": "X"},
    ...      "after_publish": {"change": -0.4}}
    >>> [c.children for c in published_line(q)]
    ['✓ gepubliceerd 08:42 via X', '−40% sinds publicatie']
    """
    published = q.get("published") or {}
    if not published.get("at"):
        return []
    when = local_time(published["at"], tz).strftime("%H:%M")
    line = t("published_at", lang, time=when, channel=str(published.get("channel") or ""))
    change = (q.get("after_publish") or {}).get("change")
    if change is None:
        effect, trend = t("after_tracking", lang), "flat"
    else:
        sign = "−" if change < 0 else "+"
        effect = t("after_change", lang, change=f"{sign}{abs(round(100 * change))}%")
        trend = "down" if change < 0 else "up" if change > 0 else "flat"
    return [
        html.Span(line, className="p-when"),
        html.Span(effect, className=f"p-effect effect-{trend}"),
    ]


GROWTH_SHOWN_UP_TO = 10.0
"""Above this the ratio mostly measures a near-empty last hour: shown as "> 10×"."""


def growth_text(growth: float, lang: str = DEFAULT_LANG) -> str:
    """The growth ratio as shown: one decimal, capped so a new question reads calmly.

    >>> growth_text(2.14), growth_text(52.0)
    ('2.1×', '> 10×')
    """
    if growth > GROWTH_SHOWN_UP_TO:
        return t("growth_high", lang, growth=f"{GROWTH_SHOWN_UP_TO:g}")
    return t("growth", lang, growth=f"{growth:.1f}")


def _trend(q: Cluster, lang: str) -> html.Span:
    # growth 0.0 is "nothing in the last 15 min": falling, not flat (only a missing one is 1.0)
    raw = q.get("growth")
    growth = 1.0 if raw is None else float(raw)
    state = q.get("state")
    rising = state == "growing" or (growth >= 1.25 and state != "fading")
    falling = state == "fading" or (growth <= 0.8 and state != "growing")
    arrow, trend = ("▲", "up") if rising else ("▼", "down") if falling else ("▶", "flat")
    return html.Span(
        className=f"q-recent trend-{trend}",
        children=[
            html.Span(arrow, className="arrow"),
            f" {t('recent', lang, recent=int(q.get('recent') or 0), minutes=15)}",
            html.Span(growth_text(growth, lang), className="q-growth"),
        ],
    )


def answer_box(
    playbook: Mapping[str, Any],
    lang: str = DEFAULT_LANG,
    q: Cluster | None = None,
    tz: str = DEFAULT_TZ,
) -> html.Div:
    """The matched playbook: title, match score, suggested wording, expert or published."""
    score = float(playbook.get("score") or 0.0)
    title = str(playbook.get("title") or playbook.get("id") or "")
    if playbook.get("in_scenario") is False:
        title = f"{title} ({t('other_scenario', lang)})"
    example = str(playbook.get("example") or "")
    children = [
        html.Div(
            className="a-head",
            children=[
                html.Span(title, className="a-title"),
                html.Span(
                    t("match", lang, score=f"{round(100 * score)}%"),
                    className="a-score",
                    title=t("matched_on", lang, example=example) if example else None,
                ),
            ],
        ),
        # once published, the wording that went out, not the next suggestion
        html.Div(
            str(((q or {}).get("published") or {}).get("wording") or playbook.get("answer") or ""),
            className="a-text",
        ),
    ]
    published = published_line(q or {}, lang, tz)
    if published:
        children.append(html.Div(published, className="a-published"))
    elif playbook.get("expert"):
        expert = str(playbook["expert"]).split(" (", 1)[0]  # the name; contact details: operator
        children.append(html.Div(t("expert", lang, expert=expert), className="a-expert"))
    return html.Div(children, className="q-answer")


def gap_flag(lang: str = DEFAULT_LANG) -> html.Div:
    """The prominent red flag of a dominant question without a prepared answer."""
    return html.Div(
        className="q-answer q-gap",
        children=[
            html.Div(
                [
                    html.Span("⚠", className="gap-icon"),
                    html.Span(t("gap", lang), className="gap-text"),
                ],
                className="gap-head",
            ),
            html.Div(t("gap_hint", lang), className="gap-hint"),
        ],
    )
