"""Thin callbacks: on every tick, read the snapshot and re-render only when it changed.

The last rendered version lives in the browser (a ``dcc.Store``), not in the
server, so any number of web workers can answer any request.
"""

from __future__ import annotations

import logging
from typing import Any

from dash import Dash, Input, Output, State, no_update

from radar.config import Settings
from web.data import Snapshot, SnapshotReader, version
from web.ids import Id
from web.layout import body, clock, freshness, totals
from web.text import DEFAULT_LANG

log = logging.getLogger(__name__)

# Scale figures with the screen: 1 at 1920 px wide, 2 at 3840 px (the CSS scales the same way).
VIEWPORT_JS = """
function(_n, current) {
    var scale = Math.max(1, Math.round(window.innerWidth / 1920 * 4) / 4);
    return scale === current ? window.dash_clientside.no_update : scale;
}
"""


def wall_update(
    snapshot: Snapshot | None,
    rendered: dict[str, Any] | None,
    scale: float | None,
    refresh_seconds: float,
    lang: str = DEFAULT_LANG,
    tz: str = "Europe/Amsterdam",
) -> tuple:
    """New (body, clock, totals, rendered, freshness text, freshness class) for one tick.

    Parts that need no change are ``no_update``; the freshness indicator always updates.

    >>> out = wall_update(None, None, 1.0, 10.0)
    >>> out[:4] == (no_update,) * 4, out[4]
    (True, 'nog niet bijgewerkt')
    """
    rendered = rendered or {}
    current = {"version": version(snapshot), "scale": scale or 1.0}
    if snapshot is None or all(rendered.get(k) == v for k, v in current.items()):
        return (no_update,) * 4 + freshness(
            rendered.get("generated"), rendered.get("refresh") or refresh_seconds, lang=lang
        )
    refresh = float(snapshot.get("refresh_seconds") or refresh_seconds)
    try:
        parts = (
            body(snapshot, lang, tz, current["scale"]),
            clock(snapshot, tz),
            totals(snapshot, lang),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        log.exception("cannot render snapshot %s; keeping the last picture", current["version"])
        return (no_update,) * 4 + freshness(rendered.get("generated"), refresh, lang=lang)
    state = {**current, "generated": snapshot.get("generated"), "refresh": refresh}
    return (*parts, state, *freshness(snapshot.get("generated"), refresh, lang=lang))


def register_callbacks(
    app: Dash,
    reader: SnapshotReader,
    settings: Settings,
    lang: str = DEFAULT_LANG,
    tz: str = "Europe/Amsterdam",
) -> None:
    """Attach the wall's callbacks to ``app``; ``reader`` is captured, nothing is global."""
    app.clientside_callback(
        VIEWPORT_JS,
        Output(Id.VIEWPORT, "data"),
        Input(Id.INTERVAL, "n_intervals"),
        State(Id.VIEWPORT, "data"),
    )

    @app.callback(
        Output(Id.BODY, "children"),
        Output(Id.CLOCK, "children"),
        Output(Id.TOTALS, "children"),
        Output(Id.RENDERED, "data"),
        Output(Id.FRESHNESS, "children"),
        Output(Id.FRESHNESS, "className"),
        Input(Id.INTERVAL, "n_intervals"),
        Input(Id.VIEWPORT, "data"),
        State(Id.RENDERED, "data"),
    )
    def refresh_wall(_n: int, scale: float | None, rendered: dict | None) -> tuple:
        return wall_update(reader.load(), rendered, scale, settings.refresh_seconds, lang, tz)
