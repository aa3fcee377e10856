"""Thin callbacks: routing, the wall's refresh, and the operator view.

On every tick the wall reads the snapshot and re-renders only when it changed.
The last rendered version, the page language and the operator token live in the
browser (``dcc.Store``, session storage), not in the server, so any number of web
workers can answer any request.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import flask
from dash import ALL, Dash, Input, Output, State, ctx, no_update

from radar.config import Settings
from radar.corrections import Corrections
from radar.operator import OperatorActions
from radar.playbooks import Playbook
from web import operator_view
from web.actions import Form, correct, perform
from web.data import Snapshot, SnapshotReader, version
from web.ids import Id
from web.layout import body, clock, freshness, skeleton, totals
from web.text import DEFAULT_LANG, pick_lang

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


def operator_update(
    snapshot: Snapshot | None,
    search: str | None,
    lang: str,
    rendered: dict[str, Any] | None,
    tz: str = "Europe/Amsterdam",
) -> tuple:
    """New (list, detail, rendered) of the operator view, or ``no_update`` when neither the
    snapshot nor the selection changed: a list re-drawn every tick would swallow the click
    that lands during the redraw and reset what the operator is reading.

    >>> first = operator_update(None, "?cluster=q1", "nl", None)
    >>> first[2], operator_update(None, "?cluster=q1", "nl", first[2]) == (no_update,) * 3
    ({'version': None, 'selected': 'q1', 'lang': 'nl'}, True)
    """
    selected = operator_view.selected_cluster(search)
    current = {"version": version(snapshot), "selected": selected, "lang": lang}
    if current == rendered:
        return (no_update,) * 3
    return (
        operator_view.cluster_links(snapshot, selected, lang),
        operator_view.cluster_detail(snapshot, selected, lang, tz),
        current,
    )


def route(pathname: str | None, search: str | None, default_lang: str) -> dict[str, str]:
    """Which page and language an address asks for.

    >>> route("/operator", "?lang=en", "nl"), route("/", "", "nl")
    ({'page': 'operator', 'lang': 'en'}, {'page': 'wall', 'lang': 'nl'})
    """
    page = "operator" if (pathname or "/").rstrip("/").endswith("/operator") else "wall"
    return {"page": page, "lang": pick_lang(operator_view.query(search).get("lang"), default_lang)}


def page_for(key: Mapping[str, str], interval: int, token_configured: bool) -> Any:
    """The page skeleton for a route."""
    if key["page"] == "operator":
        return operator_view.skeleton(key["lang"], token_configured, max(interval, 2000))
    return skeleton(interval, key["lang"])


def register_callbacks(
    app: Dash,
    reader: SnapshotReader,
    settings: Settings,
    lang: str = DEFAULT_LANG,
    tz: str = "Europe/Amsterdam",
    *,
    interval: int = 5000,
    playbooks: Mapping[str, Playbook] | None = None,
    actions: OperatorActions | None = None,
) -> None:
    """Attach every callback to ``app``; what they need is captured, nothing is global."""
    books = playbooks or {}
    corrections = Corrections(actions.store) if actions is not None else None

    @app.callback(
        Output(Id.PAGE, "children"),
        Output(Id.PAGE_KEY, "data"),
        Input(Id.URL, "pathname"),
        Input(Id.URL, "search"),
        State(Id.PAGE_KEY, "data"),
    )
    def show_page(pathname: str | None, search: str | None, current: dict | None) -> tuple:
        key = route(pathname, search, lang)
        if key == current:
            return no_update, no_update
        return page_for(key, interval, bool(settings.operator_token)), key

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
        State(Id.LANG, "data"),
    )
    def refresh_wall(_n: int, scale: float | None, rendered: dict | None, page_lang) -> tuple:
        snapshot = reader.load()
        return wall_update(snapshot, rendered, scale, settings.refresh_seconds, page_lang, tz)

    @app.callback(
        Output(Id.OP_LIST, "children"),
        Output(Id.OP_DETAIL, "children"),
        Output(Id.OP_RENDERED, "data"),
        Input(Id.OP_INTERVAL, "n_intervals"),
        Input(Id.URL, "search"),
        Input(Id.OP_DONE, "data"),
        State(Id.LANG, "data"),
        State(Id.OP_RENDERED, "data"),
    )
    def refresh_operator(
        _n: int, search: str | None, _done: int, page_lang: str, rendered: dict | None
    ) -> tuple:
        snapshot = reader.load()
        return operator_update(snapshot, search, page_lang, rendered, tz)

    @app.callback(
        Output(Id.OP_FORM_TITLE, "children"),
        Output(Id.OP_WORDINGS, "children"),
        Output(Id.OP_CHANNEL, "options"),
        Output(Id.OP_CHANNEL, "value"),
        Output(Id.OP_LABEL, "value"),
        Output(Id.OP_MERGE_TARGET, "options"),
        Input(Id.URL, "search"),
        Input(Id.OP_DONE, "data"),
        State(Id.LANG, "data"),
    )
    def fill_forms(search: str | None, _done: int, page_lang: str) -> tuple:
        selected = operator_view.selected_cluster(search)
        return operator_view.form_state(reader.load(), selected, books, page_lang)

    @app.callback(
        Output(Id.OP_MESSAGE, "children", allow_duplicate=True),
        Output(Id.OP_MESSAGE, "className", allow_duplicate=True),
        Input({"type": Id.OP_CORRECT, "mention": ALL, "field": ALL, "value": ALL}, "n_clicks"),
        State(Id.OP_TOKEN, "value"),
        State(Id.LANG, "data"),
        prevent_initial_call=True,
    )
    def correct_post(clicks: list, token: str | None, page_lang: str) -> tuple:
        if not any(clicks or []) or not isinstance(ctx.triggered_id, Mapping):
            return no_update, no_update  # the buttons were (re)drawn, not clicked
        message, ok = correct(
            ctx.triggered_id, token, settings, actions, corrections, page_lang,
            client=flask.request.remote_addr or "-",
        )  # fmt: skip
        return message, f"op-message {'ok' if ok else 'refused'}"

    @app.callback(
        Output(Id.OP_MESSAGE, "children"),
        Output(Id.OP_MESSAGE, "className"),
        Output(Id.OP_DONE, "data"),
        Input(Id.OP_PUBLISH, "n_clicks"),
        Input(Id.OP_RENAME, "n_clicks"),
        Input(Id.OP_MERGE, "n_clicks"),
        Input(Id.OP_DISMISS, "n_clicks"),
        State(Id.OP_TOKEN, "value"),
        State(Id.URL, "search"),
        State(Id.OP_WORDING, "value"),
        State(Id.OP_CHANNEL, "value"),
        State(Id.OP_LABEL, "value"),
        State(Id.OP_MERGE_TARGET, "value"),
        State(Id.LANG, "data"),
        State(Id.OP_DONE, "data"),
        prevent_initial_call=True,
    )
    def act(*args: Any) -> tuple:
        token, search, wording, channel, label, into, page_lang, done = args[4:]
        form = Form(operator_view.selected_cluster(search), wording, channel, label, into)
        message, ok = perform(
            str(ctx.triggered_id), form, token, settings, actions, reader.load(), books,
            page_lang, tz, client=flask.request.remote_addr or "-",
        )  # fmt: skip
        return message, f"op-message {'ok' if ok else 'refused'}", (done or 0) + int(ok)
