"""The Dash app factory of the wall, and a production server for ``radar web``.

>>> from radar.config import load_settings
>>> app = create_app(load_settings(env={}), store=None)  # the store is only read per request
>>> app.title
'Crisisradar'
"""

from __future__ import annotations

import logging
from pathlib import Path

from dash import Dash

from radar.config import Settings
from radar.store import Store
from web.callbacks import register_callbacks
from web.data import SnapshotReader
from web.figures import DEFAULT_TZ
from web.layout import skeleton
from web.text import DEFAULT_LANG, t

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent / "assets"
MAX_INTERVAL_SECONDS = 5.0


def interval_ms(refresh_seconds: float) -> int:
    """How often the browser asks for a new snapshot: the refresh time, at most 5 s.

    >>> interval_ms(10.0), interval_ms(1.0), interval_ms(0.1)
    (5000, 1000, 500)
    """
    return int(1000 * min(max(refresh_seconds, 0.5), MAX_INTERVAL_SECONDS))


def create_app(
    settings: Settings,
    store: Store,
    *,
    lang: str = DEFAULT_LANG,
    timezone: str = DEFAULT_TZ,
) -> Dash:
    """Build the wall app reading snapshots from ``store``; no state outside the app."""
    app = Dash(
        __name__,
        assets_folder=str(ASSETS),
        title=t("title", lang),
        update_title=None,
        serve_locally=True,
    )
    app.index_string = app.index_string.replace("<html>", f'<html lang="{lang}">', 1)
    app.layout = skeleton(interval_ms(settings.refresh_seconds), lang)
    register_callbacks(app, SnapshotReader(store), settings, lang=lang, tz=timezone)
    return app


def serve(
    settings: Settings,
    store: Store,
    host: str | None = None,
    port: int | None = None,
    *,
    lang: str = DEFAULT_LANG,
    timezone: str = DEFAULT_TZ,
) -> None:
    """Serve the wall until interrupted: waitress when installed, else Flask's server."""
    app = create_app(settings, store, lang=lang, timezone=timezone)
    host = host or settings.web_host
    port = port or settings.web_port
    log.info("wall on http://%s:%s", host, port)
    try:
        import waitress
    except ImportError:  # pragma: no cover - waitress is a dependency of dash[testing]
        app.run(host=host, port=port, debug=False)
        return
    waitress.serve(app.server, host=host, port=port, threads=8)
