"""The feed fetcher against a real local HTTP server that drips, loops and redirects badly
(issue 16 item 7)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from radar.errors import FeedError
from radar.feeds import fetch_feed

pytestmark = pytest.mark.unit


class _Hostile(BaseHTTPRequestHandler):
    stop = threading.Event()

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/drip":  # headers at once, then one byte every 0.5 s for a minute
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            for _ in range(120):
                if self.stop.wait(0.5):
                    return
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:
                    return
        elif self.path in ("/loop-a", "/loop-b"):
            self.send_response(302)
            self.send_header("Location", "/loop-b" if self.path == "/loop-a" else "/loop-a")
            self.end_headers()
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()


@contextmanager
def hostile_server() -> Iterator[str]:
    _Hostile.stop.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        _Hostile.stop.set()
        server.shutdown()
        server.server_close()


def test_a_drip_feeding_server_is_cut_off_at_the_deadline():
    with hostile_server() as base:
        started = time.monotonic()
        with pytest.raises(FeedError, match="transfer not finished within 2 s"):
            fetch_feed(base + "/drip", timeout=2.0)
        took = time.monotonic() - started
    # the server drips for 60 s; before, the deadline was checked only between 64 KiB reads
    assert took < 20, f"held for {took:.1f} s"


def test_a_redirect_loop_is_one_line():
    with hostile_server() as base, pytest.raises(FeedError) as caught:
        fetch_feed(base + "/loop-a", timeout=5.0)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(base + "/loop-a: HTTP 302")


def test_a_redirect_to_a_local_file_is_refused():
    with hostile_server() as base, pytest.raises(FeedError) as caught:
        fetch_feed(base + "/to-file", timeout=5.0)
    assert "\n" not in str(caught.value) and "file:///etc/passwd" in str(caught.value)
