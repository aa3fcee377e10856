"""The enrichment benchmark measures what it says: every mention through the worker path."""

import json

import pytest

from bench import enrich

pytestmark = pytest.mark.redis


def test_enrich_bench_runs_every_mention_through_the_store_and_writes_both_ratios(
    tmp_path, redis_url
):
    out = tmp_path / "enrich.json"
    enrich.main(
        ["--embedder", "hashing", "--posts", "300", "--repeats", "1", "--batch-size", "64"]
        + ["--redis-url", redis_url, "--out", str(out)]
    )
    row = json.loads(out.read_text(encoding="utf-8"))["hashing"]
    assert row["mentions"] == 300  # interleaved_run raises unless all 300 were stored and acked
    assert row["pipeline_mentions_per_s"] > 0 and row["raw_posts_per_s"] > 0
    assert row["ratio"] == pytest.approx(
        row["pipeline_mentions_per_s"] / row["raw_posts_per_s"], rel=0.01
    )
    # the embedded texts are the focus texts: never longer than the posts on average
    assert row["mean_chars_embedded"] <= row["mean_chars_post"]
