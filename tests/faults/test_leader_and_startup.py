"""Kill the leading radar loop; start stages before Redis; a hanging feed.

The hanging feed is covered at the store level by
``tests/redis/test_feeds.py::test_hanging_feed_does_not_delay_the_others``: a feed
server that never answers fails after ``feed_timeout_seconds`` while the other
feeds are polled on time.
"""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from radar.devserver import free_port
from radar.store import wait_for
from tests.faults.harness import (
    KEYS,
    READY_CEILING_SECONDS,
    RedisProc,
    enriched_ids,
    report,
    write_mentions,
)

pytestmark = [pytest.mark.redis, pytest.mark.faults]

TTL = 3.0
REFRESH = 1.0


def _holder(client) -> str:
    raw = client.get(KEYS.leader)
    return raw.decode() if raw else ""


def test_standby_loop_takes_over_when_the_leader_is_killed(procs, tmp_path, record_property):
    server = procs.redis()
    client = server.client()
    write_mentions(tmp_path / "m.jsonl", 300, spacing=2.0)
    env = {"RADAR_LEADER_TTL_SECONDS": str(TTL), "RADAR_REFRESH_SECONDS": str(REFRESH)}
    procs.stage("worker", "worker", redis_url=server.url)
    loops = [procs.stage(f"loop-{i}", "loop", redis_url=server.url, **env) for i in (1, 2)]
    imported = subprocess.run(
        [
            sys.executable,
            "-m",
            "radar",
            "import",
            str(tmp_path / "m.jsonl"),
            "--redis-url",
            server.url,
            "--namespace",
            "faults",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr
    assert wait_for(lambda: client.zcard(KEYS.enriched) >= 300, timeout=READY_CEILING_SECONDS)
    # readiness signals, not fixed times: each loop logs its role once its kernels are
    # compiled (tens of seconds cold, more on a loaded machine), the standby once warmed
    for stage in loops:
        assert stage.wait_for_log("leader: "), stage.log()
    assert wait_for(lambda: client.exists(KEYS.snapshot) and _holder(client), timeout=30)
    leader = next(s for s in loops if f"-{s.pid}-" in _holder(client))
    standby = next(s for s in loops if s is not leader)
    assert "now writes the snapshots" not in standby.log()
    assert standby.wait_for_log("standby: models warmed"), standby.log()
    written = client.xlen(KEYS.snapshots)
    assert wait_for(lambda: client.xlen(KEYS.snapshots) > written, timeout=READY_CEILING_SECONDS)

    leader.kill(signal.SIGKILL)
    killed = time.monotonic()
    before = client.xlen(KEYS.snapshots)
    # the lock passes when its ttl runs out; the standby tries once a second
    assert wait_for(lambda: f"-{standby.pid}-" in _holder(client), timeout=TTL + 30)
    locked = time.monotonic() - killed
    assert wait_for(lambda: client.xlen(KEYS.snapshots) > before, timeout=READY_CEILING_SECONDS)
    takeover = time.monotonic() - killed
    snapshot_mentions = __import__("json").loads(client.get(KEYS.snapshot))["totals"]["mentions"]
    report(
        record_property,
        scenario="kill leader",
        sent=300,
        enriched=len(enriched_ids(client)),
        in_snapshot=snapshot_mentions,
        lock_taken_s=round(locked, 2),
        takeover_s=round(takeover, 2),
        ttl_s=TTL,
        refresh_s=REFRESH,
    )
    assert f"-{standby.pid}-" in _holder(client)
    # the lock moves on time whatever the load; the first snapshot after it costs one
    # refresh, whose duration depends on how busy the machine is (reported, not asserted)
    assert locked <= TTL + 1.0 + 2.0
    assert snapshot_mentions == 300


def test_import_without_redis_says_so_in_one_line(tmp_path):
    write_mentions(tmp_path / "m.jsonl", 5)
    url = f"redis://127.0.0.1:{free_port()}/0"
    done = subprocess.run(
        [sys.executable, "-m", "radar", "import", str(tmp_path / "m.jsonl"), "--redis-url", url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"Error: cannot reach Redis at {url} (")


def test_worker_started_before_redis_waits_then_processes(procs, tmp_path, record_property):
    server = RedisProc(tmp_path / "late-redis")
    procs.servers.append(server)
    worker = procs.stage("worker", "worker", redis_url=server.url)
    assert worker.wait_for_log("unreachable")
    started = time.monotonic()
    time.sleep(3.0)  # the scenario: Redis comes up 3 s after the worker
    assert worker.proc.poll() is None, worker.log()
    server.start()
    ids = write_mentions(tmp_path / "m.jsonl", 200)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "radar",
            "import",
            str(tmp_path / "m.jsonl"),
            "--redis-url",
            server.url,
            "--namespace",
            "faults",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    client = server.client()
    assert wait_for(lambda: client.zcard(KEYS.enriched) >= 200, timeout=READY_CEILING_SECONDS)
    got = enriched_ids(client)
    log = worker.log()
    report(
        record_property,
        scenario="redis late at start",
        sent=200,
        enriched=len(got),
        lost=len(set(ids) - set(got)),
        duplicates=len(got) - len(set(got)),
        waiting_log_lines=log.count("unreachable"),
        processed_after_s=round(time.monotonic() - started, 1),
    )
    assert set(got) == set(ids)
    assert log.count("unreachable") == 1 and "Traceback" not in log


def test_run_started_before_redis_waits_then_processes(procs, tmp_path):
    """`radar run` (every stage in one process) exited at once with an Error when Redis was
    not up yet, while its stages started alone wait for it."""
    server = RedisProc(tmp_path / "late-redis-run")
    procs.servers.append(server)
    run = procs.stage("run", "run", "--no-web", redis_url=server.url)
    assert run.wait_for_log("unreachable")
    assert run.proc.poll() is None, run.log()
    server.start()
    ids = write_mentions(tmp_path / "m.jsonl", 50)
    subprocess.run(
        [sys.executable, "-m", "radar", "import", str(tmp_path / "m.jsonl"),
         "--redis-url", server.url, "--namespace", "faults"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    client = server.client()
    assert wait_for(lambda: client.zcard(KEYS.enriched) >= 50, timeout=READY_CEILING_SECONDS)
    assert set(enriched_ids(client)) == set(ids)
    assert "Traceback" not in run.log()


def test_sigterm_stops_the_embedded_store_and_keeps_its_data(tmp_path):
    """``radar run`` on the embedded store, stopped the way systemd stops it: the
    embedded redis-server saves, stops and leaves no socket folder behind."""
    import json
    import os

    folder = tmp_path / "embedded"
    env = {**os.environ, "RADAR_EMBEDDED_DIR": str(folder)}
    env.pop("RADAR_REDIS_URL", None)
    write_mentions(tmp_path / "m.jsonl", 5)
    command = [sys.executable, "-m", "radar"]
    imported = subprocess.run(
        [*command, "import", str(tmp_path / "m.jsonl")], env=env, capture_output=True, timeout=60
    )
    assert imported.returncode == 0, imported.stderr
    log = (tmp_path / "run.log").open("wb")
    proc = subprocess.Popen(
        [*command, "run", "--no-web", "--embedder", "hashing"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    registry = folder / "radar.db.settings"
    try:
        assert (
            wait_for(
                lambda: (
                    b"snapshot:" in (tmp_path / "run.log").read_bytes() or proc.poll() is not None
                ),
                READY_CEILING_SECONDS,
            )
            and proc.poll() is None
        ), (tmp_path / "run.log").read_text()
        pidfile = json.loads(registry.read_text())["pidfile"]
        server_pid = int(Path(pidfile).read_text())
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 130
        stopped_in = time.monotonic() - started
    finally:
        if proc.poll() is None:
            proc.kill()
    stat = Path(f"/proc/{server_pid}/stat")
    state = stat.read_text().split()[2] if stat.exists() else "gone"
    assert state in ("gone", "Z"), f"embedded redis-server {server_pid} still {state}"
    assert not os.path.exists(os.path.dirname(pidfile))
    assert stopped_in < 10
    output = (tmp_path / "run.log").read_text()
    assert "Traceback" not in output and "WARNING" not in output, output
    # the data survived: a second start exports the five enriched mentions
    again = subprocess.run(
        [*command, "export", "mentions", "--out", str(tmp_path / "out.jsonl")],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert again.returncode == 0, again.stderr
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 5


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_web_stage_stops_on_a_signal_with_exit_130_like_every_stage(procs, sig):
    import urllib.request

    server = procs.redis()
    port = free_port()
    web = procs.stage("web", "web", "--port", str(port), redis_url=server.url)
    deadline = time.monotonic() + READY_CEILING_SECONDS
    while True:  # up once /healthz answers (503 before the first snapshot is fine)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            assert web.proc.poll() is None, web.log()
            assert time.monotonic() < deadline, "radar web did not answer"
            time.sleep(0.3)
    web.proc.send_signal(sig)
    assert web.wait(timeout=30) == 130, web.log()


def test_loop_stage_stops_on_sigterm_with_exit_130_like_every_stage(procs):
    server = procs.redis()
    loop = procs.stage("loop", "loop", redis_url=server.url)
    assert loop.wait_for_log("leader: "), loop.log()  # kernels compiled, role taken
    loop.proc.send_signal(signal.SIGTERM)
    assert loop.wait(timeout=30) == 130, loop.log()


def test_web_on_a_port_in_use_is_one_line_error(procs, tmp_path):
    import socket

    server = procs.redis()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        web = procs.stage("web", "web", "--port", str(port), redis_url=server.url)
        assert web.wait(timeout=60) == 1
    errors = [line for line in web.log().splitlines() if line.startswith("Error:")]
    assert errors == [
        f"Error: http://127.0.0.1:{port}: cannot serve the wall (Address already in use); "
        "pass another --port (or web_port) or stop the program that uses it"
    ], web.log()
    assert "Traceback" not in web.log()


def test_a_paused_leader_does_not_overwrite_the_new_leaders_snapshot(
    procs, tmp_path, record_property
):
    """SIGSTOP the leading loop until the standby has taken over and written, then SIGCONT:
    the old leader, resuming mid-refresh, must not write its stale snapshot over the new one."""
    server = procs.redis()
    client = server.client()
    write_mentions(tmp_path / "m.jsonl", 300, spacing=2.0)
    env = {"RADAR_LEADER_TTL_SECONDS": str(TTL), "RADAR_REFRESH_SECONDS": "0.5"}
    procs.stage("worker", "worker", redis_url=server.url)
    loops = [procs.stage(f"loop-{i}", "loop", redis_url=server.url, **env) for i in (1, 2)]
    imported = subprocess.run(
        [sys.executable, "-m", "radar", "import", str(tmp_path / "m.jsonl"),
         "--redis-url", server.url, "--namespace", "faults"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert wait_for(lambda: client.zcard(KEYS.enriched) >= 300, timeout=READY_CEILING_SECONDS)
    for stage in loops:
        assert stage.wait_for_log("leader: "), stage.log()
    stale_writes = refused = 0
    for _round in range(3):
        stale, fenced = _pause_the_leader_once(client, loops)
        stale_writes, refused = stale_writes + stale, refused + fenced
    report(
        record_property,
        scenario="pause leader",
        rounds=3,
        stale_snapshots_written=stale_writes,
        stale_snapshots_refused=refused,
    )
    assert stale_writes == 0


def _pause_the_leader_once(client, loops) -> tuple[int, int]:
    """One round: freeze the leader until the standby leads and has written, then resume it.
    Returns (stale snapshots the old leader wrote, stale snapshots it was refused)."""
    assert wait_for(lambda: _holder(client), timeout=TTL + 30)
    leader = next(s for s in loops if f"-{s.pid}-" in _holder(client))
    standby = next(s for s in loops if s is not leader)
    assert standby.wait_for_log("standby: models warmed"), standby.log()
    leader.kill(signal.SIGSTOP)
    try:
        assert wait_for(lambda: f"-{standby.pid}-" in _holder(client), timeout=TTL + 30)
        written = client.xlen(KEYS.snapshots)
        assert wait_for(lambda: client.xlen(KEYS.snapshots) > written, READY_CEILING_SECONDS)
        before = len(leader.log())
    finally:
        leader.kill(signal.SIGCONT)
    assert wait_for(
        lambda: "leader: lost the lock" in leader.log()[before:] or leader.proc.poll() is not None,
        READY_CEILING_SECONDS,
    ), leader.log()[-2000:]
    after = leader.log()[before:]
    assert "leader: lost the lock" in after, after
    # every snapshot a loop writes logs "snapshot: …"; none may come from the old leader
    # (it stands by once it saw the lock gone: it cannot take the lock back while the
    # new leader renews it)
    stale = after.count("snapshot: ")
    return stale, after.count("its snapshot was not written")
