"""The embedded store shared by several radar processes: only its owner stops it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from radar.config import load_settings
from radar.model import Mention
from radar.store import open_store

pytestmark = pytest.mark.redis


def test_a_one_off_command_leaves_the_running_embedded_store_alone(tmp_path):
    settings = load_settings(env={}, overrides={"embedded_dir": str(tmp_path)})
    env = {**os.environ, "RADAR_EMBEDDED_DIR": str(tmp_path)}
    env.pop("RADAR_REDIS_URL", None)
    with open_store(settings) as owner:
        owner.add_mentions([Mention.create("Rijdt de trein nog?", source="t", published=1.0)])
        # another process attaches (as `radar status` next to `radar run`) and exits
        done = subprocess.run(
            [sys.executable, "-m", "radar", "status"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert "enrichment: 1 queued" in done.stdout, done.stdout + done.stderr
        assert owner.client.ping() and owner.pending_count() == 1
        pidfile = Path(owner.client.pidfile)
        server = int(pidfile.read_text())
    # the owner stops it on exit
    stat = Path(f"/proc/{server}/stat")
    assert not stat.exists() or stat.read_text().split()[2] == "Z"


OWNER = """
import sys
from radar.config import load_settings
from radar.model import Mention
from radar.store import open_store
settings = load_settings(env={}, overrides={"embedded_dir": sys.argv[1]})
with open_store(settings) as store:
    store.add_mentions([Mention.create("Is er stroom?", source="t", published=1.0)])
    print("ready", flush=True)
    sys.stdin.readline()
print("done", flush=True)
"""


def test_the_last_process_out_stops_the_embedded_store(tmp_path):
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert owner.stdout.readline().strip() == "ready"
        settings = load_settings(env={}, overrides={"embedded_dir": str(tmp_path)})
        with open_store(settings) as attached:
            pidfile = Path(attached.client.pidfile)
            server = int(pidfile.read_text())
            owner.stdin.write("\n")
            owner.stdin.flush()
            assert owner.stdout.readline().strip() == "done"
            assert owner.wait(timeout=30) == 0
            # the process that started it left, we are still connected: still served
            assert attached.client.ping() and attached.pending_count() == 1
    finally:
        if owner.poll() is None:
            owner.kill()
    stat = Path(f"/proc/{server}/stat")
    assert not stat.exists() or stat.read_text().split()[2] == "Z"
    assert not pidfile.parent.exists()
