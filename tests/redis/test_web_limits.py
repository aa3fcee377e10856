"""The web stage as a real process facing slow and hostile clients (issue 16 items 5 and 6)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest
import requests

from radar.devserver import free_port
from radar.store import wait_for

pytestmark = pytest.mark.redis

READY_CEILING = 600.0  # a cold first import on a loaded machine; the wait ends at readiness
ANSWER_CEILING = 30.0  # an answer that should be immediate; far below waitress' old 120 s


@pytest.fixture
def web(redis_url, tmp_path):
    port = free_port()
    env = {**os.environ, "RADAR_REDIS_URL": redis_url, "RADAR_PUSH_TOKEN": "t0ken"}
    env.pop("RADAR_CONFIG", None)
    log = (tmp_path / "web.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "radar", "web", "--port", str(port), "--namespace", "limits"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        if proc.poll() is not None:
            return True
        try:
            return requests.get(f"{base}/healthz", timeout=5).status_code in (200, 503)
        except requests.RequestException:
            return False

    try:
        assert wait_for(answers, READY_CEILING, interval=0.2) and proc.poll() is None, (
            tmp_path / "web.log"
        ).read_text()
        yield base, port
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def test_slow_clients_do_not_take_the_wall_down(web):
    base, port = web
    slow = []
    try:
        for _ in range(150):  # more than waitress' default connection limit of 100
            conn = socket.create_connection(("127.0.0.1", port), timeout=10)
            conn.sendall(b"GET / HTTP/1.1\r\nHo")  # headers a byte at a time, never finished
            slow.append(conn)
        started = time.monotonic()
        answer = requests.get(f"{base}/healthz", timeout=ANSWER_CEILING)
        assert answer.status_code in (200, 503)
        assert requests.get(f"{base}/", timeout=ANSWER_CEILING).status_code == 200
        print(f"healthz answered in {time.monotonic() - started:.2f} s beside 150 slow clients")
    finally:
        for conn in slow:
            conn.close()


def test_a_body_over_the_limit_is_refused_on_its_declared_length(web):
    base, port = web
    with socket.create_connection(("127.0.0.1", port), timeout=ANSWER_CEILING) as conn:
        conn.sendall(
            b"POST /api/mentions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t0ken\r\n"
            b"Content-Type: application/json\r\nContent-Length: 52428800\r\n\r\n"
        )  # declares 50 MB and sends nothing
        head = conn.recv(200)
    assert head.startswith(b"HTTP/1.1 413"), head


def test_the_operator_view_cannot_be_framed(web):
    base, _port = web
    headers = requests.get(f"{base}/operator", timeout=ANSWER_CEILING).headers
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
