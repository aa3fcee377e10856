"""A local HTTP server for feed tests: generated RSS/Atom, ETags, 304s, errors and hangs."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def rss(title: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><description>{d}</description>"
        f"<link>https://news.example/{i}</link><pubDate>Sun, 22 Nov 2026 07:{i:02d}:00 GMT</pubDate></item>"
        for i, (t, d) in enumerate(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"{entries}</channel></rss>"
    ).encode()


def atom(title: str, items: list[str]) -> bytes:
    entries = "".join(
        f"<entry><title>{t}</title><id>urn:{i}</id><link href='https://blog.example/{i}'/>"
        f"<updated>2026-11-22T07:{i:02d}:00Z</updated></entry>"
        for i, t in enumerate(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title>{entries}</feed>"
    ).encode()


class FeedServer:
    """Serves ``documents`` (path -> bytes); counts full bodies sent; ``/hang`` never answers in time."""

    def __init__(self, documents: dict[str, bytes], hang_seconds: float = 5.0):
        self.documents = documents
        self.hang_seconds = hang_seconds
        self.bodies_sent = 0
        self.requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests += 1
                if self.path == "/hang":
                    time.sleep(server.hang_seconds)
                    return
                body = server.documents.get(self.path)
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                etag = '"' + hashlib.md5(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                server.bodies_sent += 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @contextmanager
    def running(self) -> Iterator[FeedServer]:
        thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.httpd.shutdown()
            self.httpd.server_close()
