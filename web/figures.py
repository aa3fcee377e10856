"""Pure figure builders: a snapshot (dict) in, a Plotly figure out. No I/O, no Dash.

Dark, high-contrast and with big fonts, for a wall screen read from a distance.

>>> snap = {"bins": [
...     {"start": "2026-11-22T07:00:00Z", "mentions": 4, "questions": 1,
...      "negative": 2, "neutral": 1, "positive": 1, "sentiment": -0.2},
...     {"start": "2026-11-22T07:01:00Z", "mentions": 6, "questions": 3,
...      "negative": 5, "neutral": 1, "positive": 0, "sentiment": -0.7}]}
>>> len(volume_figure(snap).data), len(sentiment_figure(snap).data)
(2, 3)
>>> type(sparkline_figure([1, 2, 5])).__name__
'Figure'
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import plotly.graph_objects as go

from radar.signals import MIN_POSTS_FOR_SHARE
from radar.timeutil import parse_time
from web.text import DEFAULT_LANG, t

DEFAULT_TZ = "Europe/Amsterdam"
MAX_POINTS = 90  # more bins than this are merged, so bars stay readable from a distance

COLORS = {
    "background": "#0b0f14",
    "panel": "#121921",
    "grid": "#2a3440",
    "text": "#f4f7fa",
    "muted": "#aab6c3",
    "mentions": "#5aa9ff",
    "questions": "#ffb020",
    "negative": "#ff4d4f",
    "neutral": "#8a96a3",
    "positive": "#35d07f",
}


def local_time(value: str, tz: str = DEFAULT_TZ) -> datetime:
    """An ISO UTC time as a naive local datetime (Plotly draws naive times as given).

    >>> local_time("2026-11-22T07:45:00Z").strftime("%H:%M")
    '08:45'
    """
    return datetime.fromtimestamp(parse_time(value), ZoneInfo(tz)).replace(tzinfo=None)


def coarsen(bins: Sequence[Mapping[str, Any]], max_points: int = MAX_POINTS) -> list[dict]:
    """Merge consecutive bins so at most ``max_points`` remain (counts summed).

    >>> b = [{"start": str(i), "mentions": 1, "questions": 0, "negative": 1,
    ...       "neutral": 0, "positive": 0} for i in range(10)]
    >>> [(x["start"], x["mentions"]) for x in coarsen(b, 4)]
    [('0', 3), ('3', 3), ('6', 3), ('9', 1)]
    """
    size = max(1, math.ceil(len(bins) / max(1, max_points)))
    merged: list[dict] = []
    for begin in range(0, len(bins), size):
        group = bins[begin : begin + size]
        row: dict[str, Any] = {"start": group[0]["start"]}
        for name in ("mentions", "questions", "negative", "neutral", "positive"):
            row[name] = sum(int(b.get(name) or 0) for b in group)
        merged.append(row)
    return merged


MIN_SPAN_SECONDS = 600  # the time axis is at least ten minutes long (running into the future)


def active_bins(
    bins: Sequence[Mapping[str, Any]], min_span: float = MIN_SPAN_SECONDS
) -> list[Mapping[str, Any]]:
    """The bins from the first one with posts: a crisis (or a drill) 20 minutes old does not
    sit at the end of an hour of empty axis. Without any post, the last ``min_span``.

    >>> b = [{"start": f"2026-11-22T0{h}:00:00Z", "mentions": m} for h, m in
    ...      [(0, 0), (1, 0), (2, 0), (3, 4), (4, 2)]]
    >>> [x["start"][11:13] for x in active_bins(b)]
    ['03', '04']
    >>> [x["start"][11:13] for x in active_bins([{**x, "mentions": 0} for x in b], 3 * 3600)]
    ['01', '02', '03', '04']
    """
    if not bins:
        return []
    first = next((i for i, b in enumerate(bins) if int(b.get("mentions") or 0)), None)
    if first is None:
        last = parse_time(bins[-1]["start"])
        first = next(i for i, b in enumerate(bins) if parse_time(b["start"]) >= last - min_span)
    return list(bins[first:])


TICK_MINUTES = (1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720)
MAX_TICKS = 5  # five "08:15" labels take half of a chart's width on the wall
TICK_EDGE = 0.07
"""No tick within this share of the axis from either end: a time label is about 10 % of
the chart wide, and one centred on the left edge runs into the y axis's "0"."""


def time_axis(
    x: Sequence[datetime],
    bin_seconds: float = 60.0,
    min_span: float = MIN_SPAN_SECONDS,
    max_ticks: int = MAX_TICKS,
) -> dict[str, list[datetime]]:
    """Range and tick times of a chart's time axis: from the start of the first bin to the
    end of the last (at least ``min_span``, the rest in the future), with ticks on a round
    clock step and none within :data:`TICK_EDGE` of either end.

    >>> x = [datetime(2026, 11, 22, 6, 30) + timedelta(minutes=m) for m in range(118)]
    >>> axis = time_axis(x)
    >>> axis["range"][0].strftime("%H:%M:%S"), [t.strftime("%H:%M") for t in axis["tickvals"]]
    ('06:29:30', ['07:00', '07:30', '08:00'])
    """
    if not x:
        return {"range": [], "tickvals": []}
    half = timedelta(seconds=bin_seconds / 2)
    lo = x[0] - half
    hi = max(x[-1] + half, lo + timedelta(seconds=min_span))
    span = hi - lo
    first, last = lo + TICK_EDGE * span, hi - TICK_EDGE * span
    ticks: list[datetime] = []
    for minutes in TICK_MINUTES:
        step = timedelta(minutes=minutes)
        midnight = first.replace(hour=0, minute=0, second=0, microsecond=0)
        tick = midnight + step * math.ceil((first - midnight) / step)
        ticks = []
        while tick <= last:
            ticks.append(tick)
            tick += step
        if len(ticks) <= max_ticks:
            break
    return {"range": [lo, hi], "tickvals": ticks}


def legend_items(kind: str, lang: str = DEFAULT_LANG) -> list[tuple[str, str]]:
    """(label, colour) pairs of a figure's series, for a legend drawn in the panel heading.

    >>> [label for label, _ in legend_items("sentiment")]
    ['negatief', 'neutraal', 'positief']
    """
    names = ("mentions", "questions") if kind == "volume" else ("negative", "neutral", "positive")
    labels = {"mentions": "all_mentions", "questions": "question_mentions"}
    return [(t(labels.get(name, name), lang), COLORS[name]) for name in names]


FONT_PX = 22  # at 1920×1080 (scale 1): 2 % of the screen height, as the wall's other text


def _layout(fig: go.Figure, scale: float) -> go.Figure:
    size = round(FONT_PX * scale)
    fig.update_layout(
        template="plotly_dark",
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        font={
            "family": "Inter, Segoe UI, Roboto, Arial, sans-serif",
            "size": size,
            "color": COLORS["text"],
        },
        margin={
            "l": round(70 * scale),
            "r": round(16 * scale),
            "t": round(18 * scale),
            "b": round(36 * scale),
        },
        showlegend=False,  # the legend is drawn in the panel heading (see legend_items)
        hovermode=False,
        uirevision="wall",
    )
    fig.update_xaxes(
        gridcolor=COLORS["grid"],
        tickformat="%H:%M",
        showline=False,
        zeroline=False,
        tickfont={"size": size, "color": COLORS["muted"]},
    )
    fig.update_yaxes(
        gridcolor=COLORS["grid"],
        zeroline=False,
        rangemode="tozero",
        tickfont={"size": size, "color": COLORS["muted"]},
        nticks=5,
    )
    return fig


def volume_figure(
    snapshot: Mapping[str, Any],
    lang: str = DEFAULT_LANG,
    tz: str = DEFAULT_TZ,
    scale: float = 1.0,
) -> go.Figure:
    """Posts per bin as bars, with the questions among them highlighted on top."""
    bins, x = _series(snapshot, tz)
    fig = go.Figure()
    fig.add_bar(
        x=x,
        y=[b["mentions"] for b in bins],
        name=t("all_mentions", lang),
        marker={"color": COLORS["mentions"], "line": {"width": 0}},
    )
    fig.add_bar(
        x=x,
        y=[b["questions"] for b in bins],
        name=t("question_mentions", lang),
        marker={"color": COLORS["questions"], "line": {"width": 0}},
    )
    fig.update_layout(barmode="overlay", bargap=0.15)
    return _with_time_axis(_layout(fig, scale), snapshot, x, "volume", lang, tz, scale)


def sentiment_figure(
    snapshot: Mapping[str, Any],
    lang: str = DEFAULT_LANG,
    tz: str = DEFAULT_TZ,
    scale: float = 1.0,
) -> go.Figure:
    """Shares of negative (red, at the bottom), neutral and positive (green) posts over the
    trailing 10 minutes of each bin (:func:`rolling_shares`)."""
    bins, x = _series(snapshot, tz)
    fig = go.Figure()
    rolling = rolling_shares(bins)
    for name in ("negative", "neutral", "positive"):
        shares = rolling[name]
        fig.add_scatter(
            x=x,
            y=shares,
            name=t(name, lang),
            mode="lines",
            stackgroup="sentiment",
            line={"width": 0, "color": COLORS[name]},
            fillcolor=COLORS[name],
        )
    fig = _layout(fig, scale)
    fig.update_yaxes(range=[0, 100], ticksuffix="%", rangemode="normal")
    return _with_time_axis(fig, snapshot, x, "sentiment", lang, tz, scale)


def _series(snapshot: Mapping[str, Any], tz: str) -> tuple[list[dict], list[datetime]]:
    bins = coarsen(active_bins(snapshot.get("bins") or []))
    return bins, [local_time(b["start"], tz) for b in bins]


def _with_time_axis(
    fig: go.Figure,
    snapshot: Mapping[str, Any],
    x: Sequence[datetime],
    kind: str,
    lang: str,
    tz: str,
    scale: float,
) -> go.Figure:
    """The shared time axis (:func:`time_axis`) and the markers that fall inside it."""
    if len(x) > 1:
        bin_seconds = (x[1] - x[0]).total_seconds()
    else:
        bin_seconds = 60 * float((snapshot.get("window") or {}).get("bin_minutes") or 1.0)
    axis = time_axis(x, bin_seconds)
    if not axis["range"]:
        return fig
    fig.update_xaxes(range=axis["range"], tickvals=axis["tickvals"], autorange=False)
    lo, hi = axis["range"]
    inside = [
        (at, label, color)
        for when, label, color in markers(snapshot, kind, lang)
        if lo <= (at := local_time(when, tz)) <= hi
    ]
    for i, (at, label, color) in enumerate(inside):
        _marker(fig, at, label, color, scale, row=i, share=(at - lo) / (hi - lo))
    return fig


def markers(
    snapshot: Mapping[str, Any], kind: str, lang: str = DEFAULT_LANG
) -> list[tuple[str, str, str]]:
    """Vertical markers of a figure as (ISO time, label, colour), inside the window only.

    Volume: spikes (alert onsets, also of ended alerts in ``alert_log``) and published
    answers; sentiment: swings, red when negative grew, green when it fell.

    >>> snap = {"window": {"start": "2026-11-22T06:00:00Z"},
    ...         "alerts": [{"kind": "spike", "since": "2026-11-22T07:40:00Z"},
    ...                    {"kind": "sentiment_swing", "since": "2026-11-22T07:30:00Z"}]}
    >>> markers(snap, "volume"), markers(snap, "sentiment")[0][1]
    ([('2026-11-22T07:40:00Z', 'piek', '#ffb020')], 'omslag')
    """
    wanted = {"volume": ("spike",), "sentiment": ("sentiment_swing",)}[kind]
    logged = [*(snapshot.get("alert_log") or []), *(snapshot.get("alerts") or [])]
    out = [
        (str(a["since"]), *_marker_style(a, lang))
        for a in logged
        if a.get("kind") in wanted and a.get("since")
    ]
    if kind == "volume":
        for q in snapshot.get("questions") or []:
            at = (q.get("published") or {}).get("at")
            if at:
                out.append((str(at), t("marker_published", lang), COLORS["positive"]))
    start = (snapshot.get("window") or {}).get("start")
    if start:
        first = parse_time(start)
        out = [m for m in out if parse_time(m[0]) >= first]
    return sorted(set(out))


def _marker_style(alert: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """(label, colour) of an alert's marker.

    >>> _marker_style({"kind": "sentiment_swing", "before": 0.6, "after": 0.2}, "nl")
    ('verbetering', '#35d07f')
    """
    if alert["kind"] == "spike":
        return t("marker_spike", lang), COLORS["questions"]
    if float(alert.get("after") or 0) < float(alert.get("before") or 0):
        return t("marker_swing_better", lang), COLORS["positive"]
    return t("marker_swing", lang), COLORS["negative"]


SMOOTH_SECONDS = 600.0  # the sentiment chart shows shares of the last 10 minutes per point


def rolling_shares(
    bins: Sequence[Mapping[str, Any]],
    span: float = SMOOTH_SECONDS,
    min_posts: int = MIN_POSTS_FOR_SHARE,
) -> dict[str, list[float | None]]:
    """Per bin, the percentage negative/neutral/positive of the posts in the trailing
    ``span`` seconds (None below ``min_posts``): a calm line, not one post per minute.

    >>> b = [{"start": f"2026-11-22T07:0{i}:00Z", "negative": n, "neutral": 0, "positive": p}
    ...      for i, (n, p) in enumerate([(1, 0), (0, 1), (3, 1), (2, 2)])]
    >>> rolling_shares(b, span=180, min_posts=5)["negative"]
    [None, None, 66.7, 55.6]
    """
    if not bins:
        return {name: [] for name in ("negative", "neutral", "positive")}
    times = [parse_time(b["start"]) for b in bins]
    step = (times[1] - times[0]) if len(times) > 1 else span
    width = max(1, math.ceil(span / max(step, 1.0)))
    out: dict[str, list[float | None]] = {"negative": [], "neutral": [], "positive": []}
    for i in range(len(bins)):
        group = bins[max(0, i - width + 1) : i + 1]
        sums = {n: sum(int(b.get(n) or 0) for b in group) for n in out}
        total = sum(sums.values())
        for name in out:
            out[name].append(round(100.0 * sums[name] / total, 1) if total >= min_posts else None)
    return out


LABEL_CHAR_SHARE = 0.021
"""Width of one character of a marker label as a share of a wall chart's width (22 px text
on a 588 px plot at 1920×1080; both scale with the screen)."""


def marker_anchor(share: float, text: str) -> str:
    """Where a marker's label sits: centred on its line, unless that would run off the chart
    (then it ends or starts at the line; its text names the time, so it cannot be misread).

    >>> marker_anchor(0.5, "omslag 08:19"), marker_anchor(0.97, "omslag 08:19")
    ('center', 'right')
    >>> marker_anchor(0.02, "piek 06:41")
    'left'
    """
    half = len(text) * LABEL_CHAR_SHARE / 2
    if share - half < 0:
        return "left"
    if share + half > 1:
        return "right"
    return "center"


def _marker(
    fig: go.Figure,
    x: datetime,
    label: str,
    color: str,
    scale: float,
    row: int = 0,
    share: float = 0.5,
) -> None:
    """A dashed vertical line over the whole plot with a label at the top that names the
    time ("omslag 08:19"), centred on the line; labels of consecutive markers alternate
    between two heights so neighbours do not overlap. The line runs on a dark band, so a
    red "omslag" stays visible over the red area of negative posts."""
    width = max(2, round(2.5 * scale))
    for line in (
        {"color": COLORS["background"], "width": 3 * width},
        {"color": color, "width": width, "dash": "dash"},
    ):
        fig.add_shape(
            type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1, line=line, layer="above"
        )
    text = f"{label} {x.strftime('%H:%M')}"
    fig.add_annotation(
        x=x,
        y=1 - 0.22 * (row % 2),
        xref="x",
        yref="paper",
        text=text,
        showarrow=False,
        xanchor=marker_anchor(share, text),
        yanchor="top",
        font={"size": round(FONT_PX * scale), "color": color},
        bgcolor=COLORS["background"],
        bordercolor=color,
        borderwidth=max(1, round(scale)),
        borderpad=max(1, round(2 * scale)),
    )


def cluster_figure(
    cluster: Mapping[str, Any],
    bins: Sequence[Mapping[str, Any]],
    lang: str = DEFAULT_LANG,
    tz: str = DEFAULT_TZ,
) -> go.Figure:
    """One cluster's posts per bin (operator view), with the publish time marked.

    >>> bins = [{"start": "2026-11-22T07:00:00Z"}, {"start": "2026-11-22T07:01:00Z"}]
    >>> fig = cluster_figure({"counts": [3, 5]}, bins)
    >>> list(fig.data[0].y)
    [3, 5]
    """
    counts = list(cluster.get("counts") or [])
    window = [
        {"start": b["start"], "mentions": int(c or 0)} for b, c in zip(bins, counts, strict=False)
    ]
    rows = coarsen(active_bins(window))  # the axis starts where this question does
    fig = go.Figure(
        go.Bar(
            x=[local_time(r["start"], tz) for r in rows],
            y=[r["mentions"] for r in rows],
            marker={"color": COLORS["questions"], "line": {"width": 0}},
        )
    )
    fig.update_layout(bargap=0.15)
    fig = _layout(fig, 0.8)
    at = (cluster.get("published") or {}).get("at")
    if at:
        _marker(fig, local_time(at, tz), t("marker_published", lang), COLORS["positive"], 0.8)
    return fig


def sparkline_figure(
    counts: Sequence[float],
    color: str = COLORS["questions"],
    scale: float = 1.0,
    tail: int | None = None,
) -> go.Figure:
    """A tiny bar line of a cluster's per-bin counts (the last ``tail`` bins), 128×52 px."""
    recent = list(counts or [])[-tail:] if tail else list(counts or [])
    merged = coarsen([{"start": i, "mentions": c} for i, c in enumerate(recent)], 30)
    fig = go.Figure(
        go.Bar(y=[b["mentions"] for b in merged], marker={"color": color, "line": {"width": 0}})
    )
    fig.update_layout(
        template="none",  # nothing of a template shows, and "plotly_dark" costs 50 ms a card
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        hovermode=False,
        bargap=0.15,
        width=round(128 * scale),
        height=round(52 * scale),
        autosize=False,
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, rangemode="tozero")
    return fig
