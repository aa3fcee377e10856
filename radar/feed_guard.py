"""Guards of the feed fetcher: where a redirect may lead, and a wall-clock transfer deadline.

A feed URL is configured by the team and trusted as given, an intranet address included.
A redirect is the feed server's word: it may not lead from a public address to a loopback,
private, link-local or otherwise internal one (a 302 to ``http://127.0.0.1:6379/`` or to a
cloud metadata address would make the radar fetch, and store, an internal document).
Other redirects to another host are allowed and logged.

>>> redirect_problem("http://10.0.0.5/feed", "http://10.0.0.6/rss") is None  # intranet to intranet
True
>>> redirect_problem("http://93.184.216.34/feed", "http://169.254.169.254/latest/")
'redirected to http://169.254.169.254/latest/, an internal address (169.254.169.254); refused'
>>> redirect_problem("http://93.184.216.34/feed", "file:///etc/passwd")
'redirected to file:///etc/passwd: only http and https are followed; refused'
"""

from __future__ import annotations

import ipaddress
import socket
import time
from urllib.parse import urlsplit

from radar.errors import FeedError


def _addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The host's IP addresses (a literal, or resolved); empty when it does not resolve."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]


def _internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return not address.is_global or address.is_multicast


def redirect_problem(from_url: str, to_url: str) -> str | None:
    """Why the fetcher must not follow a redirect from ``from_url`` to ``to_url``, or None."""
    target = urlsplit(to_url)
    if target.scheme not in ("http", "https"):
        return f"redirected to {to_url}: only http and https are followed; refused"
    origin_host = urlsplit(from_url).hostname or ""
    if any(_internal(a) for a in _addresses(origin_host)):
        return None  # the configured feed is itself internal: its redirects may stay inside
    for address in _addresses(target.hostname or ""):
        if _internal(address):
            return f"redirected to {to_url}, an internal address ({address}); refused"
    return None


def read_with_deadline(
    response,
    url: str,
    timeout: float,
    max_bytes: int,
    chunk: int,
    cap: str = "",
    deadline: float | None = None,
) -> bytes:
    """The body, read as it arrives, by ``deadline`` (monotonic; default ``timeout``
    seconds from now): the whole transfer in wall-clock time, not each read.

    Each read returns what one receive brought (``read1``), and the socket waits at most
    the time left, so a server that drips a byte every few seconds is cut off on time.
    """
    deadline = time.monotonic() + timeout if deadline is None else deadline
    parts: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FeedError(
                f"{url}: transfer not finished within {timeout:g} s; the server is slow or down"
            )
        _set_socket_timeout(response, left)
        try:
            data = response.read1(chunk)
        except TimeoutError:
            raise FeedError(
                f"{url}: transfer not finished within {timeout:g} s; the server is slow or down"
            ) from None
        if not data:
            return b"".join(parts)
        parts.append(data)
        size += len(data)
        if size > max_bytes:
            raise FeedError(f"{url}: over the {cap or max_bytes} cap; not read")


def _set_socket_timeout(response, seconds: float) -> None:
    """Best effort: the socket under an http.client response waits at most ``seconds``."""
    raw = getattr(getattr(response, "fp", None), "raw", None)
    sock = getattr(raw, "_sock", None)
    if sock is not None:
        sock.settimeout(max(0.05, seconds))
