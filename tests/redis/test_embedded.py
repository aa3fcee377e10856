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
