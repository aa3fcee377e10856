"""A local HTTP server for feed tests: generated RSS/Atom, files, ETags, 304s, redirects, hangs.

Documents are served with a Content-Type by file kind and, when the XML declaration
names one, its encoding as ``charset``; ``ETag`` and ``Last-Modified`` headers make
conditional GETs answer 304 without a body. ``/hang`` answers only after
``hang_seconds`` (or when the server stops).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CONTENT_TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml"}
_DECLARED = re.compile(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""")
LAST_MODIFIED = formatdate(1795330800, usegmt=True)  # 2026-11-22 07:00 GMT


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


def content_type(path: str, body: bytes) -> str:
    """Content-Type by extension, with the charset the XML declaration names.

    >>> content_type("/a.rss", b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>')
    'application/rss+xml; charset=ISO-8859-1'
    >>> content_type("/b.atom", b"<feed/>")
    'application/atom+xml'
    """
    kind = CONTENT_TYPES.get(Path(path).suffix.lower(), "application/xml")
    declared = _DECLARED.search(body[:200].lstrip())
    return f"{kind}; charset={declared.group(1).decode()}" if declared else kind


def documents_from_folder(folder: Path, suffixes=(".rss", ".atom")) -> dict[str, bytes]:
    """``/name`` -> bytes of every feed document in ``folder`` (read, never copied)."""
    return {
        "/" + p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.suffix.lower() in suffixes
    }


class FeedServer:
    """Serves ``documents`` (path -> bytes); counts requests and full bodies sent.

    ``redirects`` maps a path to ``(status, target path)``; ``/hang`` stalls.
    """

    def __init__(
        self,
        documents: dict[str, bytes],
        hang_seconds: float = 5.0,
        redirects: dict[str, tuple[int, str]] | None = None,
    ):
        self.documents = documents
        self.hang_seconds = hang_seconds
        self.redirects = dict(redirects or {})
        self.bodies_sent = 0
        self.requests = 0
        self.released = threading.Event()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                with server._lock:
                    server.requests += 1
                if self.path == "/hang":
                    server.released.wait(server.hang_seconds)
                    return
                if self.path in server.redirects:
                    status, target = server.redirects[self.path]
                    self.send_response(status)
                    self.send_header("Location", server.base + target)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = server.documents.get(self.path)
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                etag = '"' + hashlib.md5(body).hexdigest() + '"'
                not_modified = self.headers.get("If-None-Match") == etag or (
                    self.headers.get("If-None-Match") is None
                    and self.headers.get("If-Modified-Since") == LAST_MODIFIED
                )
                if not_modified:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", content_type(self.path, body))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", LAST_MODIFIED)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                with server._lock:
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
            self.released.set()
            self.httpd.shutdown()
            self.httpd.server_close()
