"""The wall: a Dash app that renders the radar's snapshot for webcare teams.

Build it with :func:`create_app` (settings and a store passed in) and serve it
with :func:`web.app.serve`, as ``radar web`` does. The wall only reads snapshots;
it does no model work.
"""

from web.app import create_app, serve

__all__ = ["create_app", "serve"]
