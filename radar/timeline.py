"""Replay a recording through the radar on a data clock; one compact snapshot per interval.

:func:`replay` drives one :class:`radar.refresh.Radar` (so the incremental clustering
of :class:`clustering.incremental.WindowClusterer` is reused between ticks, as in the
loop) and :func:`compact` keeps of each snapshot what the review needs.
:func:`scan_alerts` finds every spike and swing minute by minute, cheaply, without
clustering, so an alert between two ticks is not missed.

>>> parse_interval("15m"), parse_interval("2h"), parse_interval("90s")
(900.0, 7200.0, 90.0)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from radar.errors import ConfigError
from radar.headline import card_title
from radar.signals import AlertRules, spike_alert, swing_alert
from radar.timeutil import iso

UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_interval(text: str) -> float:
    """Seconds in ``15m`` / ``2h`` / ``1d`` / ``90s``; ConfigError otherwise."""
    text = str(text).strip().lower()
    try:
        value = float(text[:-1]) * UNITS[text[-1]] if text and text[-1] in UNITS else float(text)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise ConfigError(f"interval {text!r}: expected e.g. 15m, 2h or 1d")
    return value


def compact(snapshot: dict[str, Any], interval: float) -> dict[str, Any]:
    """One timeline line: time, totals, the interval's volume and sentiment, listed
    questions (ids, sizes, sentiment, gaps, answers), top topics and alerts."""
    now = snapshot["now"]
    bins = snapshot.get("bins", [])
    bin_s = snapshot["window"]["bin_minutes"] * 60
    last = bins[-max(1, math.ceil(interval / bin_s)) :] if bins else []
    return {
        "time": now,
        "totals": snapshot["totals"],
        "interval": {
            k: sum(b.get(k, 0) for b in last) for k in ("mentions", "negative", "positive")
        },
        "questions": [
            {
                "id": q["id"],
                "rank": q["rank"],
                "headline": card_title(q)[:200],  # as the wall shows it (names included)
                "size": q["size"],
                "recent": q["recent"],
                "state": q["state"],
                "negative": q["sentiment"]["negative"],
                "first_seen": q["first_seen"],
                "last_seen": q["last_seen"],
                "gap": q["gap"],
                "answer": (q["playbook"] or {}).get("title"),
                "published": (q.get("published") or {}).get("at"),
                "after_publish": q.get("after_publish"),
            }
            for q in snapshot.get("questions", [])
        ],
        "topics": [
            {"id": t["id"], "label": t["label"], "size": t["size"]}
            for t in snapshot.get("topics", [])[:10]
        ],
        "gaps": snapshot.get("gaps", []),
        "alerts": [
            {k: a.get(k) for k in ("kind", "cluster", "since", "message")}
            for a in snapshot.get("alerts", [])
        ],
    }


MAX_TICKS = 500  # a default interval never makes more refreshes than this


def default_every(span: float, window_s: float, every: float = 900.0) -> float | None:
    """The interval of a timeline when none is asked for: none when the recording fits in
    one window (its one snapshot says it all), else ``every`` grown to whole multiples
    until the recording needs at most MAX_TICKS refreshes.

    >>> default_every(3 * 3600, 6 * 3600), default_every(10 * 3600, 6 * 3600)
    (None, 900.0)
    >>> default_every(20 * 86400, 6 * 3600) / 3600  # 20 days: an hour a tick
    1.0
    """
    if span <= window_s:
        return None
    return math.ceil(span / MAX_TICKS / every) * every


def ticks(times: np.ndarray, every: float) -> list[float]:
    """Data times to refresh at: each interval boundary that has new mentions before it
    (quiet stretches are skipped) and the last mention."""
    if len(times) == 0:
        return []
    first = math.floor(times[0] / every) * every + every
    out: list[float] = []
    t = first
    while t < times[-1]:
        out.append(t)
        # jump over intervals without a mention
        nxt = times[np.searchsorted(times, t, side="right")]
        t = max(t + every, math.floor(nxt / every) * every + every)
    out.append(float(times[-1]))
    return out


def replay(
    radar: Any,
    mentions: Sequence[Any],
    vectors: np.ndarray,
    window_s: float,
    at: Sequence[float],
    on_snapshot: Callable[[dict[str, Any], int], None],
    progress: Any = None,
) -> tuple[list[str | None], list[str | None], dict[str, Any] | None]:
    """Refresh at each time of ``at`` over the window ending there (mentions sorted by
    time); ``on_snapshot(snapshot, lo)`` gets each snapshot and the index of the window's
    first mention (``radar.question_of`` is aligned with ``mentions[lo:]`` then); returns
    each mention's last question and topic cluster and the last snapshot."""
    times = np.array([m.published for m in mentions], dtype=float)
    question: list[str | None] = [None] * len(mentions)
    topic: list[str | None] = [None] * len(mentions)
    snapshot = None
    for now in at:
        lo = int(np.searchsorted(times, now - window_s, side="right"))
        hi = int(np.searchsorted(times, now, side="right"))
        snapshot = radar.refresh(mentions[lo:hi], vectors[lo:hi], now)
        question[lo:hi] = radar.question_of
        topic[lo:hi] = radar.topic_of
        on_snapshot(snapshot, lo)
        if progress is not None:
            progress.update(1)
    return question, topic, snapshot


def scan_alerts(
    times: np.ndarray,
    negative: np.ndarray,
    opinionated: np.ndarray,
    rules: AlertRules | None = None,
    step: float = 60.0,
) -> list[dict[str, Any]]:
    """Every spike and swing onset over the recording, checked each ``step`` seconds;
    one that comes back within the cool-down is the same alert (as on the wall).

    >>> t = np.concatenate([np.arange(0, 7200, 120.0), 7200 + np.arange(60) * 5.0])
    >>> [(a["kind"], a["since"][11:16]) for a in scan_alerts(t, t < 0, t < 0)]
    [('spike', '02:02')]
    """
    rules = rules or AlertRules()
    out: list[dict[str, Any]] = []
    last_on: dict[str, float] = {}
    if len(times) == 0:
        return out
    start = math.floor(times[0] / step) * step + step
    now = start
    while now <= times[-1] + step:
        lo = int(np.searchsorted(times, now - 2 * 3600 - rules.swing_recent, side="right"))
        hi = int(np.searchsorted(times, now, side="right"))
        if hi - lo:
            t, neg, op = times[lo:hi], negative[lo:hi], opinionated[lo:hi]
            for alert in (spike_alert(t, now, rules), swing_alert(t, neg, now, rules, op)):
                if alert is None:
                    continue
                key = alert["kind"]
                if alert["kind"] == "sentiment_swing":
                    key += ":up" if alert["after"] > alert["before"] else ":down"
                if now - last_on.get(key, -math.inf) > rules.cooldown:
                    out.append({**alert, "since": iso(now), "cluster": None})
                last_on[key] = now
        # skip quiet stretches: nothing can fire before the next mention
        nxt = times[min(hi, len(times) - 1)]
        now = max(now + step, math.floor(nxt / step) * step) if hi < len(times) else now + step
    return out
