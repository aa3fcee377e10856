"""10,000 mentions with 1 % poison values while a worker is killed (issue 16, done-when).

Poison comes two ways: lines of an import file (the edge refuses each, naming its line)
and entries queued behind the edge's back (an older client, a hand-made XADD: the workers
park each in the dead-letter stream with its reason). Every good mention is enriched
exactly once, whatever happens to a worker.
"""

import signal
import subprocess
import sys
import time

import pytest

from radar.store import wait_for
from tests.faults.harness import (
    KEYS,
    READY_CEILING_SECONDS,
    enriched_ids,
    report,
    wait_while_moving,
    write_mentions,
)

pytestmark = [pytest.mark.redis, pytest.mark.faults]

N = 10_000
POISON = [  # (JSON text of a queued entry or a file line, what makes it bad)
    ('{"id": "%s", "text": "tijd NaN", "published": NaN}', "not a finite time"),
    ('{"id": "%s", "text": "tijd inf", "published": Infinity}', "not a finite time"),
    ('{"id": "%s", "text": "tijd 1e308", "published": 1e308}', "more than a day in the future"),
    (
        '{"id": "%s", "text": "jaar 3000", "published": 32503680000}',
        "more than a day in the future",
    ),
    ('{"id": "%s", "text": "%s", "published": 1795000000}', "characters, over 10000"),
    ('{"id": "%s", "text": "kapot \\udc80 escape", "published": 1795000000}', "not valid Unicode"),
    ('{"id": "%s", "text": "taal", "published": 1795000000, "lang": 5}', "language code"),
]


def _poison_line(i: int) -> tuple[str, str]:
    template, reason = POISON[i % len(POISON)]
    if template.count("%s") == 2:
        return template % (f"p{i:05d}", "x" * 1_000_000), reason
    return template % f"p{i:05d}", reason


def test_one_percent_poison_while_a_worker_is_killed(procs, tmp_path, record_property):
    server = procs.redis()
    client = server.client()
    good_path = tmp_path / "good.jsonl"
    ids = write_mentions(good_path, N - 2 * (N // 200), spacing=0.05)
    lines = good_path.read_text().splitlines()
    file_poison = N // 200  # 50 bad lines in the file, 50 entries queued behind the edge
    for k in range(file_poison):
        lines.insert(1 + k * (len(lines) // file_poison), _poison_line(k)[0])
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join(lines) + "\n")
    env = {"RADAR_BATCH_SIZE": "64"}
    a = procs.stage("worker-a", "worker", redis_url=server.url, **env)
    b = procs.stage("worker-b", "worker", redis_url=server.url, **env)
    queued_poison = {}
    for k in range(file_poison, 2 * file_poison):  # behind the edge, before the import
        payload, reason = _poison_line(k)
        client.xadd(KEYS.mentions, {"m": payload.encode("utf-8", "surrogatepass")})
        queued_poison[f"p{k:05d}"] = reason
    importing = subprocess.Popen(
        [sys.executable, "-m", "radar", "import", str(mixed), "--redis-url", server.url,
         "--namespace", "faults"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    # kill A while the import still feeds the workers
    assert wait_for(
        lambda: client.zcard(KEYS.enriched) >= 1000 or importing.poll() is not None,
        READY_CEILING_SECONDS,
    )
    a.kill(signal.SIGKILL)
    killed = time.monotonic()
    _out, err = importing.communicate(timeout=READY_CEILING_SECONDS)
    assert importing.returncode == 0, err[-2000:]
    skipped = [line for line in err.splitlines() if "mixed.jsonl:" in line]
    done, where = wait_while_moving(client, len(ids))
    assert done, where
    got = enriched_ids(client)
    parked = {
        f[b"mention"].decode(): f[b"reason"].decode() for _i, f in client.xrange(KEYS.dead_letter)
    }
    report(
        record_property,
        scenario="poison and kill",
        sent=N,
        good=len(ids),
        enriched=len(got),
        lost=len(set(ids) - set(got)),
        duplicates=len(got) - len(set(got)),
        refused_at_import=len(skipped),
        dead_lettered=len(parked),
        all_enriched_after_kill_s=round(time.monotonic() - killed, 1),
    )
    good = set(ids) | {f"p{k:05d}" for k in range(file_poison) if "Unicode" in _poison_line(k)[1]}
    assert set(got) == good and len(got) == len(good)  # every good one, exactly once
    # each bad line named by the import; a broken \u escape in a file is repaired (U+FFFD)
    # and kept, as the post itself is real
    repaired = sum(1 for k in range(file_poison) if "Unicode" in _poison_line(k)[1])
    assert len(skipped) == file_poison - repaired, skipped[:5]
    assert set(parked) == set(queued_poison), (sorted(parked)[:5], sorted(queued_poison)[:5])
    for mid, reason in queued_poison.items():
        assert reason in parked[mid], (mid, parked[mid])
    assert "Traceback" not in b.log()
