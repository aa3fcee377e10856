"""Two blind readers' labels become training labels (issue 14): kappa, agreed rows only,
ids and labels only, and the label files the training reads."""

import json
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval import label_questions  # noqa: E402
from eval.question_devset import read_labels  # noqa: E402


def _write(path: Path, labels: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps({"id": k, "q": v}) + "\n" for k, v in labels.items()))
    return path


def test_agree_keeps_posts_both_readers_put_on_the_same_side(tmp_path):
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"cq1": "101", "cq2": "102", "cq3": "103", "cq4": "104"}))
    a = _write(tmp_path / "a.jsonl", {"cq1": "info", "cq2": "rhetorical", "cq3": "none",
                                       "cq4": "info"})  # fmt: skip
    b = _write(tmp_path / "b.jsonl", {"cq1": "info", "cq2": "none", "cq3": "none",
                                       "cq4": "rhetorical"})  # fmt: skip
    out = tmp_path / "labels.tsv"
    report = label_questions.agree(key, a, b, out)
    assert report["agreed"] == 3 and report["info"] == 1  # cq4: info vs not, dropped
    assert report["kappa_3class"] < report["kappa_info"] < 1.0
    assert out.read_text().splitlines() == [
        "tweet_id\tlabel\tq", "101\t1\tinfo", "102\t0\t", "103\t0\tnone",
    ]  # fmt: skip
    assert read_labels(out) == {"101": 1, "102": 0, "103": 0}


def test_a_reader_label_outside_the_guidelines_names_the_line(tmp_path):
    bad = _write(tmp_path / "a.jsonl", {"cq1": "info", "cq2": "maybe"})
    with pytest.raises(SystemExit, match=r"a\.jsonl:2: q must be one of info, rhetorical, none"):
        label_questions.read_reader(bad)


def test_the_committed_reader_labels_hold_no_text_and_match_the_key():
    folder = ROOT / "eval" / "question_readers"
    key = json.loads((folder / "key.json").read_text())
    for reader in ("reader_a.jsonl", "reader_b.jsonl"):
        rows = [json.loads(line) for line in (folder / reader).read_text().splitlines()]
        assert [r["id"] for r in rows] == list(key)
        assert all(set(r) == {"id", "q"} for r in rows)
    labels = read_labels(folder / "labels.tsv")
    assert len(labels) >= 500 and set(labels) <= set(key.values())
