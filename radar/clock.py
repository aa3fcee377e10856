"""The radar clock: the wall clock, or with ``clock = "data"`` the newest mention's time
(drills, replays, ``radar analyze``), and the time a mention without one is given.

On the data clock an undated feed item or pushed post stamped with the wall clock would
move the radar's 'now' to today and push a replayed crisis out of the window; it gets the
data clock's time instead, so it joins the replay where it arrived.

>>> class Store:
...     def latest_published(self):
...         return 1795333500.0
>>> undated_time("data", Store(), wall=1900000000.0)
1795333500.0
>>> undated_time("wall", Store(), wall=1900000000.0)
1900000000.0
"""

from __future__ import annotations

import time
from typing import Any


def radar_now(settings: Any, store: Any) -> float | None:
    """The radar clock; None in data mode while the store holds nothing yet."""
    if settings.clock == "data":
        return store.latest_published()
    return time.time()


def undated_time(clock: str, store: Any, wall: float | None = None) -> float:
    """The time a mention without a time of its own gets on the radar clock ``clock``
    (``settings.clock``): the newest mention's on the data clock, else ``wall`` (now)."""
    wall = time.time() if wall is None else wall
    if clock != "data":
        return wall
    latest = store.latest_published()
    return wall if latest is None else float(latest)
