"""Pure functions for time bins, cluster figures and alerts.

Everything here takes plain arrays and numbers and returns plain data, so the
unit tests hit it directly.

>>> bins = bin_index(np.array([0.0, 59.0, 60.0, 200.0]), start=0.0, bin_seconds=60.0, n_bins=3)
>>> bins.tolist()
[0, 0, 1, 2]
>>> round(growth_ratio(np.array([0.0, 3000.0, 3500.0, 3550.0]), now=3600.0), 2)
6.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

RECENT_SECONDS = 15 * 60
GROWTH_BASELINE_SECONDS = 3600.0
"""The span before the last 15 minutes that a growth ratio compares their rate with."""
MIN_POSTS_FOR_SHARE = 5
"""Fewer posts in a span: no sentiment share shown (one post is not 0 or 100 %); the wall's
lines, the review's chart and its table all keep to it."""
SENTIMENT_CODES = {"negative": -1, "neutral": 0, "positive": 1}


def bin_index(times: np.ndarray, start: float, bin_seconds: float, n_bins: int) -> np.ndarray:
    """Bin of each time, clipped into [0, n_bins - 1]."""
    if len(times) == 0:
        return np.zeros(0, dtype=int)
    return np.clip(((times - start) // bin_seconds).astype(int), 0, n_bins - 1)


def counts_per_bin(bins: np.ndarray, n_bins: int, weights: np.ndarray | None = None) -> list[int]:
    return np.bincount(bins, weights=weights, minlength=n_bins).astype(int).tolist()


def growth_ratio(
    times: np.ndarray,
    now: float,
    recent: float = RECENT_SECONDS,
    baseline: float = GROWTH_BASELINE_SECONDS,
) -> float:
    """Rate in the last ``recent`` seconds over the rate in the ``baseline`` before it.

    Smoothed with one pseudo-mention in the baseline, so a brand-new cluster with
    12 recent mentions reads as growth 12x, not infinity.
    """
    recent_count = int(np.sum(times > now - recent))
    earlier = int(np.sum((times <= now - recent) & (times > now - recent - baseline)))
    recent_rate = recent_count / recent
    baseline_rate = (earlier + 1) / baseline
    return recent_rate / baseline_rate


def sentiment_mix(labels: Sequence[str], scores: Sequence[float]) -> dict[str, float]:
    """Shares of negative/neutral/positive and the mean score.

    >>> sentiment_mix(["negative", "negative", "positive", "neutral"], [-0.8, -0.4, 0.6, 0.0])
    {'negative': 0.5, 'neutral': 0.25, 'positive': 0.25, 'mean': -0.15}
    """
    total = len(labels) or 1
    mix = {
        name: round(sum(1 for lab in labels if lab == name) / total, 3) for name in SENTIMENT_CODES
    }
    mix["mean"] = round(float(np.mean(scores)) if len(scores) else 0.0, 3)
    return mix


def lifecycle_state(first_seen: float, times: np.ndarray, now: float, min_size: int) -> str:
    """new (appeared in the last 15 min), growing, fading or stable.

    >>> lifecycle_state(0.0, np.array([3500.0] * 10), now=3600.0, min_size=5)
    'growing'
    """
    recent = int(np.sum(times > now - RECENT_SECONDS))
    if now - first_seen <= RECENT_SECONDS:
        return "new"
    return state_of(growth_ratio(times, now), recent, min_size)


def state_of(growth: float, recent: int, min_size: int) -> str:
    """growing, fading or stable from a question's growth ratio and its last 15 minutes:
    the one rule behind the state a card's arrow and the changes line both show.

    >>> state_of(2.0, 8, 5), state_of(2.0, 3, 5), state_of(0.4, 3, 5), state_of(1.0, 0, 5)
    ('growing', 'stable', 'fading', 'fading')
    """
    if growth >= 1.5 and recent >= min_size:
        return "growing"
    if recent == 0 or growth < 0.5:
        return "fading"
    return "stable"


def merged_growth(parts: Sequence[tuple[int, float, int]]) -> float:
    """The growth ratio of questions taken together, from each one's ``(recent, growth,
    size)``: the earlier mentions behind each ratio are recovered and summed (a mean of
    ratios would let a small burst outvote a large steady question).

    >>> round(merged_growth([(12, 12.0, 12), (10, 1.0, 60)]), 2)
    2.05
    """
    recent = sum(r for r, _, _ in parts)
    # growth_ratio: growth = (recent / RECENT) / ((earlier + 1) / BASELINE), so
    # earlier + 1 = spans * recent / growth
    spans = GROWTH_BASELINE_SECONDS / RECENT_SECONDS
    earlier_plus_one = sum(
        spans * r / g if g > 0 else max(1.0, float(size - r)) for r, g, size in parts
    )
    return spans * recent / max(earlier_plus_one - (len(parts) - 1), 1.0)


def recency_weight(times: np.ndarray, now: float, half_life: float = 1800.0) -> float:
    """Volume with each mention weighted by 0.5 ** (age / half_life): the ranking's backbone."""
    if len(times) == 0:
        return 0.0
    ages = np.clip(now - times, 0.0, None)
    return float(np.sum(0.5 ** (ages / half_life)))


@dataclass(frozen=True)
class AlertRules:
    """Thresholds that keep alert fatigue down."""

    spike_ratio: float = 3.0
    spike_window: float = 600.0
    spike_min_count: int = 20
    swing_delta: float = 0.20
    swing_min_count: int = 20
    swing_recent: float = 900.0
    swing_baseline: float = 3600.0
    cooldown: float = 1800.0
    """An alert that comes back within this many seconds after it ended is the same alert
    (its start time kept, no new marker): a flickering signal does not alarm twice."""


def spike_alert(times: np.ndarray, now: float, rules: AlertRules) -> dict | None:
    """Volume in the last ``spike_window`` against the rate of the hour before it."""
    recent = int(np.sum(times > now - rules.spike_window))
    before = times[(times <= now - rules.spike_window) & (times > now - rules.spike_window - 3600)]
    expected = (len(before) + 1) / 3600 * rules.spike_window
    ratio = recent / expected
    if recent < rules.spike_min_count or ratio < rules.spike_ratio:
        return None
    minutes = int(rules.spike_window // 60)
    return {
        "kind": "spike",
        "ratio": round(ratio, 1),
        "count": recent,
        "message": f"{ratio:.1f}× het afgelopen uur; {recent} berichten in {minutes} min",
    }


def swing_alert(
    times: np.ndarray,
    negative: np.ndarray,
    now: float,
    rules: AlertRules,
    opinionated: np.ndarray | None = None,
) -> dict | None:
    """Share of negative mentions, last ``swing_recent`` s against the ``swing_baseline`` before.

    A rise is a swing to negative: angry posts grow against everything else. A fall is
    relief only when it also holds among the posts with an opinion (``opinionated``,
    non-neutral sentiment): a flood of neutral questions lowers the negative share of all
    posts without anyone feeling better.
    """
    shares = _negative_shares(times, negative, now, rules)
    if shares is None:
        return None
    before, after = shares
    scope = ""
    if after - before <= -rules.swing_delta and opinionated is not None:
        among = _negative_shares(times[opinionated], negative[opinionated], now, rules)
        if among is None or among[1] - among[0] > -rules.swing_delta:
            return None  # fewer angry posts among more questions, not relief
        (before, after), scope = among, " van de meningen"
    if abs(after - before) < rules.swing_delta:
        return None
    direction = "negatiever" if after > before else "positiever"
    return {
        "kind": "sentiment_swing",
        "before": round(before, 3),
        "after": round(after, 3),
        "message": f"sentiment {direction}: negatief {before:.0%} → {after:.0%}{scope}",
    }


def _negative_shares(
    times: np.ndarray, negative: np.ndarray, now: float, rules: AlertRules
) -> tuple[float, float] | None:
    """(baseline, recent) negative share; None with too few posts in either period."""
    recent_mask = times > now - rules.swing_recent
    base_mask = (times <= now - rules.swing_recent) & (
        times > now - rules.swing_recent - rules.swing_baseline
    )
    if recent_mask.sum() < rules.swing_min_count or base_mask.sum() < rules.swing_min_count:
        return None
    return float(negative[base_mask].mean()), float(negative[recent_mask].mean())


def stable_order(
    previous: Sequence[str], scores: dict[str, float], margin: float = 0.15
) -> list[str]:
    """Rank by score, but keep the previous order unless a score really overtakes.

    An item moves above one that was ranked before it only when its score is more
    than ``margin`` higher, so the wall does not shuffle on noise. New items enter
    by score.

    >>> stable_order(["a", "b", "c"], {"a": 10.0, "b": 10.5, "c": 30.0})
    ['c', 'a', 'b']
    >>> stable_order([], {"x": 1.0, "y": 2.0})
    ['y', 'x']
    """
    known = [cid for cid in previous if cid in scores]
    fresh = sorted((cid for cid in scores if cid not in set(known)), key=lambda c: -scores[c])
    order: list[str] = []
    for cid in known + fresh:
        position = len(order)
        while position > 0 and scores[cid] > scores[order[position - 1]] * (1 + margin):
            position -= 1
        order.insert(position, cid)
    return order
