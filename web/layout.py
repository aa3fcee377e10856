"""Layout builders: pure functions of a snapshot (dict) to Dash components.

Post texts are user content: they go in only as plain text children, never as
HTML or Markdown, so ``<script>`` shows as text.

>>> freshness(None, 10.0, now=0.0)
('nog niet bijgewerkt', 'freshness unknown')
>>> freshness("2026-11-22T07:45:00Z", 10.0, now=1795333512.0)
('bijgewerkt 12 s geleden', 'freshness fresh')
>>> freshness("2026-11-22T07:45:00Z", 10.0, now=1795333800.0)
('verouderd · bijgewerkt 5 min geleden', 'freshness stale')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import dcc, html

from web.changes import changes_list
from web.data import age_seconds
from web.figures import (
    DEFAULT_TZ,
    legend_items,
    local_time,
    sentiment_figure,
    volume_figure,
)
from web.ids import Id
from web.questions import question_list
from web.text import DEFAULT_LANG, t

MAX_ALERTS = 3  # each may take two lines at the wall's text size
STALE_FACTOR = 3.0  # a snapshot older than this many refresh intervals is stale
GRAPH_CONFIG = {"displayModeBar": False, "staticPlot": True, "responsive": True}


def format_age(seconds: float, lang: str = DEFAULT_LANG) -> str:
    """Short human age: ``"12 s"``, ``"5 min"``, ``"3 u"``.

    >>> format_age(12.4), format_age(300), format_age(3 * 3600, "en")
    ('12 s', '5 min', '3 h')
    """
    if seconds < 90:
        return t("seconds", lang, n=round(seconds))
    if seconds < 90 * 60:
        return t("minutes", lang, n=round(seconds / 60))
    return t("hours", lang, n=round(seconds / 3600))


def freshness(
    generated: str | None,
    refresh_seconds: float,
    now: float | None = None,
    lang: str = DEFAULT_LANG,
) -> tuple[str, str]:
    """Text and CSS class of the freshness indicator; ``stale`` past 3× the refresh time."""
    age = age_seconds(generated, now)
    if age is None:
        return t("never_updated", lang), "freshness unknown"
    text = t("updated_ago", lang, age=format_age(age, lang))
    if age > STALE_FACTOR * max(refresh_seconds, 1.0):
        return f"{t('stale', lang)} · {text}", "freshness stale"
    return text, "freshness fresh"


def clock(snapshot: Mapping[str, Any] | None, tz: str = DEFAULT_TZ) -> str:
    """The radar clock (the snapshot's ``now``) in local time, ``"HH:MM:SS"``."""
    if not snapshot or not snapshot.get("now"):
        return "--:--:--"
    return local_time(snapshot["now"], tz).strftime("%H:%M:%S")


def totals(snapshot: Mapping[str, Any] | None, lang: str = DEFAULT_LANG) -> str:
    """One line of totals for the header: posts, questions, share negative, window."""
    if not snapshot:
        return ""
    tot = snapshot.get("totals") or {}
    mentions = int(tot.get("mentions") or 0)
    negative = f"{round(100 * int(tot.get('negative') or 0) / mentions)}%" if mentions else "–"
    line = t(
        "totals",
        lang,
        mentions=mentions,
        questions=int(tot.get("questions") or 0),
        negative=negative,
    )
    hours = (snapshot.get("window") or {}).get("hours")
    return f"{line} · {t('window', lang, hours=f'{hours:g}')}" if hours else line


def skeleton(interval_ms: int, lang: str = DEFAULT_LANG) -> html.Div:
    """The page frame: header, timer, stores and a body that starts as the waiting page."""
    return html.Div(
        id=Id.ROOT,
        className="wall",
        lang=lang,
        children=[
            dcc.Interval(id=Id.INTERVAL, interval=interval_ms, n_intervals=0),
            dcc.Store(id=Id.RENDERED, data=None),
            dcc.Store(id=Id.VIEWPORT, data=None),
            dcc.Store(id=Id.LANG, data=lang),
            html.Header(
                className="wall-header",
                children=[
                    html.H1(t("title", lang), className="wall-title"),
                    html.Div(id=Id.TOTALS, className="totals"),
                    html.Div(
                        t("never_updated", lang), id=Id.FRESHNESS, className="freshness unknown"
                    ),
                    html.Div("--:--:--", id=Id.CLOCK, className="clock"),
                ],
            ),
            html.Main(waiting(lang), id=Id.BODY, className="wall-body"),
        ],
    )


def waiting(lang: str = DEFAULT_LANG) -> html.Div:
    """The calm page shown before the first snapshot exists."""
    return html.Div(
        className="waiting",
        children=[
            html.Div(className="waiting-pulse"),
            html.P(t("waiting", lang), className="waiting-text"),
            html.P(t("waiting_hint", lang), className="waiting-hint"),
        ],
    )


def body(
    snapshot: Mapping[str, Any],
    lang: str = DEFAULT_LANG,
    tz: str = DEFAULT_TZ,
    scale: float = 1.0,
) -> list:
    """The wall's content for one snapshot: questions left; graphs, alerts and what changed
    right. Topics are not on the wall: under their keyword names they repeated the cards
    (the operator view lists them)."""
    return [
        html.Section(
            className="panel questions-panel",
            children=[
                html.H2(t("questions", lang)),
                question_list(
                    snapshot.get("questions") or [], lang, scale, _bins_per_hour(snapshot), tz
                ),
            ],
        ),
        html.Aside(
            className="side",
            children=[
                _graph_panel(
                    Id.VOLUME,
                    t("volume", lang),
                    legend_items("volume", lang),
                    volume_figure(snapshot, lang, tz, scale),
                ),
                _graph_panel(
                    Id.SENTIMENT,
                    t("sentiment", lang),
                    legend_items("sentiment", lang),
                    sentiment_figure(snapshot, lang, tz, scale),
                ),
                html.Section(
                    className="panel alerts-panel",
                    children=[
                        html.H2(t("alerts", lang)),
                        alert_list(snapshot.get("alerts") or [], lang, tz),
                    ],
                ),
                html.Section(
                    className="panel changes-panel",
                    children=[html.H2(t("changes", lang)), changes_list(snapshot, lang)],
                ),
            ],
        ),
    ]


def _graph_panel(
    graph_id: Id,
    title: str,
    legend: Sequence[tuple[str, str]],
    figure: Any,
) -> html.Section:
    chips = [
        html.Span(
            [html.Span(className="chip", style={"background": color}), label],
            className="legend-item",
        )
        for label, color in legend
    ]
    return html.Section(
        className="panel graph-panel",
        children=[
            html.Div([html.H2(title), html.Div(chips, className="legend")], className="panel-head"),
            dcc.Graph(id=graph_id, figure=figure, config=GRAPH_CONFIG, className="graph"),
        ],
    )


def _bins_per_hour(snapshot: Mapping[str, Any]) -> int:
    minutes = float((snapshot.get("window") or {}).get("bin_minutes") or 1.0)
    return max(1, round(60 / minutes))


def alert_list(
    alerts: Sequence[Mapping[str, Any]],
    lang: str = DEFAULT_LANG,
    tz: str = DEFAULT_TZ,
) -> html.Ul:
    """The radar's alerts: kind, the reason a person can read, and since when."""
    if not alerts:
        return html.Ul(html.Li(t("no_alerts", lang), className="empty"), id=Id.ALERTS)
    items = []
    for alert in alerts[:MAX_ALERTS]:
        kind = str(alert.get("kind") or "")
        since = alert.get("since")
        # a swing towards relief is good news: green, not the red of a worsening swing
        better = kind == "sentiment_swing" and (alert.get("after") or 0) < (
            alert.get("before") or 0
        )
        items.append(
            html.Li(
                className=f"alert alert-{kind}" + (" swing-better" if better else ""),
                children=[
                    html.Span(t(f"alert_{kind}", lang), className="alert-kind"),
                    html.Span(str(alert.get("message") or ""), className="alert-message"),
                    *(
                        [
                            html.Span(
                                t("since", lang, time=local_time(since, tz).strftime("%H:%M")),
                                className="alert-since",
                            )
                        ]
                        if since
                        else []
                    ),
                ],
            )
        )
    return html.Ul(items, id=Id.ALERTS, className="alert-list")
