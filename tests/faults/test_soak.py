"""A one-minute soak through real processes (the full one: ``bench/soak.py --minutes 60``)."""

import json

import pytest

from bench import soak

pytestmark = [pytest.mark.redis, pytest.mark.faults]


def test_one_minute_soak_keeps_snapshots_fresh_and_lag_small(tmp_path, record_property):
    out = tmp_path / "soak.json"
    soak.main(
        [
            "--rate",
            "50",
            "--minutes",
            "1",
            "--workers",
            "2",
            "--refresh",
            "3",
            "--sample",
            "5",
            "--window-hours",
            "0.004",
            "--retention-hours",
            "0.008",
            "--out",
            str(out),
        ]
    )
    result = json.loads(out.read_text())
    summary = {
        k: result[k]
        for k in (
            "sent",
            "stored",
            "max_snapshot_age_s",
            "snapshots_seen",
            "longest_refresh_s",
            "max_lag",
            "final_lag",
            "memory_start_end_mb",
            "memory_growth_after_retention",
        )
    }
    print("\nSOAK " + json.dumps(summary))
    for key, value in summary.items():
        record_property(key, json.dumps(value))
    assert result["sent"] >= 2900
    # the loop never stalls: it keeps writing new snapshots, and a snapshot is never older
    # than two refresh intervals plus three of the loop's own longest refreshes (on a loaded
    # 2-core machine a refit takes tens of seconds: 55 s old beside the full suite and two
    # training jobs, 9 % of samples within two intervals; the strict "always within two
    # intervals" is the bench's figure, snapshot_age_ok, on a quiet machine)
    ages = [s["snapshot_age_s"] for s in result["samples"] if s["snapshot_age_s"] is not None]
    assert ages, result
    assert result["snapshots_seen"] >= 3, summary
    limit = 2 * 3 + 3 * result["longest_refresh_s"] + 10  # reading the window, sampling
    assert max(ages) <= limit, (max(ages), limit, result["longest_refresh_s"])
    assert result["max_lag"] <= 50 * 3 * 2  # never more than two refreshes of traffic behind
    growth = result["memory_growth_after_retention"]
    for name in ("worker-1", "worker-2"):
        assert growth[name] is not None and growth[name] <= 0.10, growth
