"""Alert onsets and their cool-down, kept between refreshes: an alert that stops and
comes back within the cool-down is the same alert (same ``since``); past it, a new onset.
Every onset stays in the log while it is inside the window (the wall's markers).

>>> memory = AlertMemory(cooldown=1800.0)
>>> spike = {"kind": "spike", "cluster": None}
>>> [a["since"] for a in memory.track([dict(spike)], now=1795333500.0)]
['2026-11-22T07:45:00Z']
>>> memory.track([], now=1795333800.0)
[]
>>> [a["since"] for a in memory.track([dict(spike)], now=1795334100.0)]  # within 30 min
['2026-11-22T07:45:00Z']
>>> len(memory.in_window(1795330000.0))
1
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from radar.timeutil import iso, parse_time


@dataclass
class AlertMemory:
    """What :class:`radar.refresh.Radar` remembers of alerts between refreshes."""

    cooldown: float
    alert_since: dict[str, float] = field(default_factory=dict)
    alert_ended: dict[str, tuple[float, float]] = field(default_factory=dict)
    """key -> (since, ended at)."""
    alert_log: list[dict[str, Any]] = field(default_factory=list)

    def track(self, alerts: list[dict[str, Any]], now: float) -> list[dict[str, Any]]:
        """``alerts`` (active now) with their ``since``; onsets join the log."""
        active = set()
        for alert in alerts:
            key = _alert_key(alert)
            active.add(key)
            if key not in self.alert_since:
                since, ended = self.alert_ended.pop(key, (now, -math.inf))
                if now - ended < self.cooldown:
                    self.alert_since[key] = since  # back within the cool-down: the same alert
                else:  # an onset: it stays in the log after it ends
                    self.alert_since[key] = now
                    self.alert_log.append({**alert, "since": iso(now)})
            alert["since"] = iso(self.alert_since[key])
        for key in set(self.alert_since) - active:
            self.alert_ended[key] = (self.alert_since.pop(key), now)
        self.alert_ended = {  # past the cool-down an alert starts anew: forget it
            k: v for k, v in self.alert_ended.items() if now - v[1] < self.cooldown
        }
        return alerts

    def in_window(self, window_start: float) -> list[dict[str, Any]]:
        """Every alert onset inside the window, oldest first, also of alerts that ended:
        the wall keeps its spike and swing markers where they happened."""
        self.alert_log = [a for a in self.alert_log if parse_time(a["since"]) >= window_start]
        return list(self.alert_log)


def _alert_key(alert: Mapping[str, Any]) -> str:
    """What makes an alert the same one: kind, cluster and, for a swing, its direction.

    >>> _alert_key({"kind": "sentiment_swing", "cluster": None, "before": 0.3, "after": 0.7})
    'sentiment_swing:None:up'
    """
    key = f"{alert['kind']}:{alert['cluster']}"
    if alert["kind"] == "sentiment_swing":
        key += ":up" if alert["after"] > alert["before"] else ":down"
    return key
