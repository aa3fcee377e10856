"""The Dash app factory (wall and operator view), and a production server for ``radar web``.

>>> from radar.config import load_settings
>>> app = create_app(load_settings(env={}), store=None)  # the store is only read per request
>>> app.title
'Crisisradar'
"""

from __future__ import annotations

import logging
from pathlib import Path

from dash import Dash, dcc, html

from radar.config import Settings
from radar.errors import PlaybookError
from radar.metrics import register_ops_routes
from radar.operator import OperatorActions
from radar.playbooks import Playbook, load_playbooks
from radar.push import register_push_routes
from radar.services import port_unavailable
from radar.store import Store
from web import operator_view
from web.callbacks import register_callbacks
from web.data import SnapshotReader
from web.figures import DEFAULT_TZ
from web.ids import Id
from web.layout import skeleton
from web.text import pick_lang, t

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
    lang: str | None = None,
    timezone: str = DEFAULT_TZ,
) -> Dash:
    """Build the app (wall at ``/``, operator view at ``/operator``) on ``store``.

    ``lang`` (default: the ``web_lang`` setting) is the language when the address
    does not ask for one with ``?lang=en``.
    """
    lang = pick_lang(lang or settings.web_lang)
    app = Dash(
        __name__,
        assets_folder=str(ASSETS),
        title=t("title", lang),
        update_title=None,
        serve_locally=True,
    )
    app.index_string = app.index_string.replace("<html>", f'<html lang="{lang}">', 1)
    interval = interval_ms(settings.refresh_seconds)
    app.layout = html.Div(
        [
            dcc.Location(id=Id.URL, refresh=False),
            dcc.Store(id=Id.PAGE_KEY, data=None),
            html.Div(id=Id.PAGE),
        ]
    )
    app.validation_layout = html.Div(
        [app.layout, skeleton(interval, lang), operator_view.skeleton(lang, True, interval)]
    )
    register_callbacks(
        app,
        SnapshotReader(store),
        settings,
        lang=lang,
        tz=timezone,
        interval=interval,
        playbooks=playbooks_by_id(settings),
        actions=OperatorActions(store) if store is not None else None,
    )
    register_push_routes(app.server, settings, store)
    register_ops_routes(app.server, settings, store)
    app.server.after_request(_security_headers)
    return app


SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",  # the operator view must not be framed (clickjacking)
    "Content-Security-Policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def _security_headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def playbooks_by_id(settings: Settings) -> dict[str, Playbook]:
    """The configured playbooks (data only: wordings and channels for the operator view)."""
    folder = Path(settings.playbook_dir).expanduser() if settings.playbook_dir else None
    try:
        return {book.id: book for book in load_playbooks(folder)}
    except PlaybookError as exc:
        log.warning("operator view without playbooks: %s", exc)
        return {}


def waitress_limits(settings: Settings) -> dict[str, int | float]:
    """What one web stage bounds itself: connections, idle or half-sent time, body size.

    waitress reads a whole request before a worker thread sees it, so a slow client holds
    a connection, not a thread: many connections, closed when idle for
    ``web_channel_timeout_seconds`` (checked every second), and a body larger than the push
    limit refused on its Content-Length before it is read. Face the internet through a
    reverse proxy with its own timeouts (README, "Running at scale"; deploy/).

    >>> limits = waitress_limits(Settings())
    >>> limits["connection_limit"], limits["channel_timeout"], limits["max_request_body_size"]
    (1000, 15, 2097152)
    """
    return {
        "threads": 8,
        "connection_limit": settings.web_connection_limit,
        "channel_timeout": max(1, round(settings.web_channel_timeout_seconds)),
        "cleanup_interval": 1,
        "max_request_body_size": max(settings.push_max_bytes, 2 * 1024 * 1024),
        "max_request_header_size": 64 * 1024,
    }


def serve(
    settings: Settings,
    store: Store,
    host: str | None = None,
    port: int | None = None,
    *,
    lang: str | None = None,
    timezone: str = DEFAULT_TZ,
) -> None:
    """Serve the wall until interrupted: waitress when installed, else Flask's server.

    Raises KeyboardInterrupt when Ctrl-C or SIGTERM stops the server, so the command
    unwinds and exits 130 like every other stage (waitress returns quietly instead).
    """
    app = create_app(settings, store, lang=lang, timezone=timezone)
    host = host or settings.web_host
    port = port or settings.web_port
    log.info("wall on http://%s:%s", host, port)
    try:
        import waitress
    except ImportError:  # pragma: no cover - waitress is a dependency of dash[testing]
        app.run(host=host, port=port, debug=False)
        return
    try:
        waitress.serve(app.server, host=host, port=port, **waitress_limits(settings))
    except OSError as exc:  # before serving: the address cannot be bound
        raise port_unavailable(host, port, exc) from None
    raise KeyboardInterrupt  # waitress swallowed the interrupt that stopped it
