"""Kill a worker mid-batch, restart Redis mid-replay: nothing lost, nothing twice."""

import signal
import time

import pytest

from radar.store import wait_for
from tests.faults.harness import (
    KEYS,
    enriched_ids,
    pending_of,
    report,
    wait_while_moving,
    write_mentions,
)

pytestmark = [pytest.mark.redis, pytest.mark.faults]

N = 2000


def test_killed_worker_is_reclaimed_nothing_lost_nothing_twice(procs, tmp_path, record_property):
    server = procs.redis()
    client = server.client()
    ids = write_mentions(tmp_path / "m.jsonl", N, spacing=0.4)  # 800 s of posts
    # no idle-time reclaim: the killed worker's batch must be taken over by its heartbeat
    env = {"RADAR_BATCH_SIZE": "32", "RADAR_RECLAIM_IDLE_SECONDS": "3600"}
    a = procs.stage("worker-a", "worker", redis_url=server.url, **env)
    b = procs.stage("worker-b", "worker", redis_url=server.url, **env)
    assert wait_for(lambda: client.exists(KEYS.mentions), timeout=30)
    replay = procs.stage(
        "replay", "replay", str(tmp_path / "m.jsonl"), "--speed", "50", redis_url=server.url
    )
    # early in the replay (on a loaded machine a late freeze can find the stream drained)
    assert wait_for(lambda: client.zcard(KEYS.enriched) >= 100, timeout=30)
    # freeze worker A inside its blocking read: Redis delivers the next batch to it, so it
    # holds unacknowledged mentions when it is killed. Frozen between two reads it asks for
    # nothing: then let it run a moment and freeze it again.
    for _attempt in range(5):
        a.kill(signal.SIGSTOP)
        if wait_for(lambda: pending_of(client, a.pid) > 0, timeout=4):
            break
        a.kill(signal.SIGCONT)
        time.sleep(0.2)
    assert pending_of(client, a.pid) > 0, "A got no batch"
    held = pending_of(client, a.pid)
    a.kill(signal.SIGKILL)
    killed_at = time.monotonic()
    assert replay.wait(timeout=60) == 0, replay.log()
    done, where = wait_while_moving(client, N)
    assert done, where
    recovered = time.monotonic() - killed_at
    got = enriched_ids(client)
    reclaimed = int(client.hget(KEYS.metrics, "mentions_reclaimed_total") or 0)
    lost = len(set(ids) - set(got))
    report(
        record_property,
        scenario="kill worker",
        sent=N,
        enriched=len(got),
        lost=lost,
        duplicates=len(got) - len(set(got)),
        held_by_killed_worker=held,
        reclaimed=reclaimed,
        all_enriched_after_kill_s=round(recovered, 1),
    )
    assert lost == 0 and len(got) == len(set(got)) == N
    assert reclaimed >= held
    # taken over because A's heartbeat stopped (after 30 s), not after the reclaim idle time
    assert "took over" in b.log() and f"-{a.pid}-" in b.log(), b.log()[-2000:]
    assert "Traceback" not in b.log()


def test_redis_restart_mid_replay_loses_nothing(procs, tmp_path, record_property):
    server = procs.redis()
    client = server.client()
    ids = write_mentions(tmp_path / "m.jsonl", N, spacing=0.4)
    workers = [procs.stage(f"worker-{i}", "worker", redis_url=server.url) for i in (1, 2)]
    assert wait_for(lambda: client.exists(KEYS.mentions), timeout=30)
    replay = procs.stage(
        "replay", "replay", str(tmp_path / "m.jsonl"), "--speed", "100", redis_url=server.url
    )
    assert wait_for(lambda: client.zcard(KEYS.enriched) >= 400, timeout=30)
    client.close()
    server.stop()  # SIGTERM mid-replay
    down_at = time.monotonic()
    time.sleep(1.0)  # an outage the stages must notice
    server.start()  # same port, same folder: the append-only file brings the data back
    client = server.client()
    assert replay.wait(timeout=90) == 0, replay.log()
    done, where = wait_while_moving(client, N)
    assert done, where
    recovered = time.monotonic() - down_at
    got = enriched_ids(client)
    lost = len(set(ids) - set(got))
    outage_lines = [
        line for w in (*workers, replay) for line in w.log().splitlines() if "unreachable" in line
    ]
    report(
        record_property,
        scenario="restart redis",
        sent=N,
        enriched=len(got),
        lost=lost,
        duplicates=len(got) - len(set(got)),
        outage_log_lines=len(outage_lines),
        all_enriched_after_outage_s=round(recovered, 1),
    )
    assert lost == 0 and len(got) == len(set(got)) == N
    for stage in (*workers, replay):
        assert "Traceback" not in stage.log(), stage.log()[-2000:]
        assert stage.log().count("unreachable") <= 1
