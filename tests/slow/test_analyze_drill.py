"""``radar analyze`` end to end with the real embedder and BERTopic on the generated drill."""

import json
from datetime import UTC, datetime

import pytest

from radar.cli import main
from radar.scenario import generate_rail_outage, write_scenario_jsonl

pytestmark = pytest.mark.slow

FIELDS = {
    "id",
    "lang",
    "is_question",
    "question_score",
    "sentiment",
    "sentiment_score",
    "topic",
    "question_cluster",
}


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drill")
    rows = generate_rail_outage(datetime(2026, 11, 23, 5, 30, tzinfo=UTC), seed=11)
    source = write_scenario_jsonl(rows, folder / "drill.jsonl")
    assert main(["analyze", str(source), "--out", str(folder / "out")]) == 0
    lines = [json.loads(x) for x in (folder / "out" / "mentions.jsonl").read_text().splitlines()]
    snapshot = json.loads((folder / "out" / "snapshot.json").read_text())
    return rows, lines, snapshot, (folder / "out" / "report.md").read_text()


def test_one_output_line_per_input_line_with_every_field(analyzed):
    rows, lines, _snapshot, _report = analyzed
    assert len(lines) == len(rows)
    assert all(set(line) >= FIELDS for line in lines)
    assert all(
        line["scenario_label"] == row["scenario_label"]
        for line, row in zip(lines, rows, strict=True)
    )
    assert all(
        c is None or isinstance(c, str)
        for line in lines
        for c in (line["topic"], line["question_cluster"])
    )


def test_questions_of_the_drill_become_dominant_questions(analyzed):
    _rows, lines, snapshot, _report = analyzed
    assert len(snapshot["questions"]) >= 3
    # each dominant question is led by one scenario intent (at least half its members).
    # Was 0.6 with the drill-tuned focus text; with the embedding text the real sets chose
    # (radar/enrich/focus.py) the refund and delay-certificate intents, both about the
    # delay, share a cluster at 16/28: drill top-12 purity 0.874, was 0.961 (issue 13 notes)
    for question in snapshot["questions"][:3]:
        labels = [x["scenario_label"] for x in lines if x["question_cluster"] == question["id"]]
        top = max(set(labels), key=labels.count)
        assert labels.count(top) / len(labels) >= 0.5, (question["representative"], labels)
    assert any(q["playbook"] for q in snapshot["questions"])


def test_report_tells_the_story(analyzed):
    _rows, _lines, snapshot, report = analyzed
    assert report.startswith("# Omgevingsanalyse")
    assert snapshot["questions"][0]["representative"][:40].replace("|", "\\|") in report
    assert "## Sentiment door de tijd" in report


def test_keywords_keep_accented_letters_and_hyphens(analyzed):
    _rows, _lines, snapshot, _report = analyzed
    words = {w for group in snapshot["topics"] + snapshot["questions"] for w in group["keywords"]}
    # the drill writes "überhaupt" and "OV-fietsen"; BERTopic's English preprocessing
    # used to strip them to "berhaupt" and "ovfietsen"
    assert not {w for w in words for part in w.split() if part in {"berhaupt", "ovfietsen"}}
    assert any("-" in w or not w.isascii() for w in words), sorted(words)[:40]
