"""``radar analyze --every``: the timeline, the after-action review and Ctrl-C (issue 15,
issue 12 item 15), on a small synthetic recording with a spike in the middle."""

import json
import re

import pytest

import radar.analyze
from radar.cli import main

pytestmark = pytest.mark.unit

T0 = 1795327200  # 2026-11-22T06:00:00Z
CALM = [
    "Rijden er nog treinen naar Utrecht?",
    "Is er vervangend vervoer tussen Utrecht en Amersfoort?",
    "Mooi weer vandaag",
    "Wanneer rijdt de trein weer?",
]
STORM = [
    "Wanneer is de stroom weer terug in Arnhem?",
    "Geen stroom in Arnhem, wanneer is het opgelost?",
    "Stroomstoring Arnhem, hoe lang nog?",
]


def _recording(path, hours=10):
    """One post every 5 minutes for ``hours``; 60 posts about a power cut 11:00-11:10."""
    rows = [{"text": f"{CALM[i % 4]} #{i}", "published": T0 + i * 300} for i in range(hours * 12)]
    if hours > 5:
        rows += [
            {"text": f"{STORM[i % 3]} {i}", "published": T0 + 5 * 3600 + i * 10} for i in range(60)
        ]
    rows.sort(key=lambda r: r["published"])
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _analyze(tmp_path, *flags):
    source = _recording(tmp_path / "spike.jsonl")
    out = tmp_path / "out"
    code = main(["analyze", str(source), "--out", str(out), "--embedder", "hashing", *flags])
    return code, out


@pytest.fixture(scope="module")
def every_15m(tmp_path_factory):
    code, out = _analyze(tmp_path_factory.mktemp("aar"), "--every", "15m")
    assert code == 0
    return out


def test_every_15m_writes_a_timeline_and_the_review_lists_the_mid_recording_spike(every_15m):
    out = every_15m
    lines = [json.loads(x) for x in (out / "timeline.jsonl").read_text().splitlines()]
    times = [line["time"] for line in lines]
    assert times[0] == "2026-11-22T06:15:00Z" and times[-1] == "2026-11-22T15:55:00Z"
    assert times[1] == "2026-11-22T06:30:00Z"  # one per 15 min of data time
    assert all({"time", "totals", "questions", "alerts", "gaps"} <= set(x) for x in lines)
    assert all({"id", "size", "negative", "gap"} <= set(q) for x in lines for q in x["questions"])
    report = (out / "report.md").read_text()
    signals = report.split("## Signalen")[1].split("##")[0]
    # with its time, its reason and what it was about: the power cut, not the trains
    spike = r"^- 11:0\d — piek: .*berichten in 10 min; vooral over: .*(?i:stroom|arnhem).*$"
    assert re.search(spike, signals, re.M), signals
    assert "<svg" in (out / "report.html").read_text()


def test_review_gives_each_dominant_question_its_milestones_once(every_15m):
    report = (every_15m / "report.md").read_text()
    rows = [line for line in report.splitlines() if "stroom weer terug in Arnhem" in line]
    (row,) = [r for r in rows if r.startswith("| ")][:1]
    cells = [c.strip() for c in row.split("|")[1:-1]]
    # first post 11:00, 10th 11:04 (the storm is 10 s apart, 1 in 3 is this one), on the
    # wall at one of the first ticks after it, peak in the 11:00 hour
    assert cells[2:4] == ["11:00", "11:04"] and cells[4] in ("11:15", "11:30")
    assert cells[5] == "11:00 (20)"
    table = report.split("## Dominante vragen")[1].split("##")[0].splitlines()
    firsts = [r.split("|")[3].strip() for r in table if r.startswith("| ")][2:]
    # in the order they came up (3 or more: how the hashing embedder's storm posts split
    # between questions differs with the CPU's floating point in UMAP)
    assert len(firsts) >= 3 and firsts == sorted(firsts)
    assert "Extra informatie nodig" not in report  # the gaps are marked in the table only
    assert "## Overdracht" in report


def test_recording_within_one_window_gets_no_timeline_by_default(tmp_path):
    source = _recording(tmp_path / "short.jsonl", hours=2)
    out = tmp_path / "out"
    out.mkdir()
    (out / "timeline.jsonl").write_text("{}\n")  # of an earlier run: removed, not mistaken
    assert main(["analyze", str(source), "--out", str(out), "--embedder", "hashing"]) == 0
    assert not (out / "timeline.jsonl").exists() and (out / "report.md").exists()


def test_ctrl_c_in_the_timeline_keeps_what_is_written_and_says_so(tmp_path, capsys, monkeypatch):
    real = radar.analyze.replay

    def interrupted(radar_, mentions, vectors, window_s, at, on_snapshot, progress=None):
        def two_then_stop(snapshot, lo):
            on_snapshot(snapshot, lo)
            if len(seen) == 1:
                raise KeyboardInterrupt
            seen.append(snapshot)

        seen: list = []
        return real(radar_, mentions, vectors, window_s, at, two_then_stop, progress)

    monkeypatch.setattr(radar.analyze, "replay", interrupted)
    code, out = _analyze(tmp_path, "--every", "15m")
    assert code == 130
    err = capsys.readouterr().err.splitlines()[-1]
    assert err == (
        f"Error: interrupted: {out} has mentions.jsonl, snapshot.json, timeline.jsonl "
        "(timeline.jsonl holds 2 of 40 snapshots, up to 2026-11-22T06:30:00Z); "
        "not written: report.md, report.html"
    )
    assert len((out / "timeline.jsonl").read_text().splitlines()) == 2
    assert sorted(p.name for p in out.iterdir()) == [
        "mentions.jsonl",
        "snapshot.json",
        "timeline.jsonl",
    ]


def test_ctrl_c_before_anything_is_written_leaves_no_empty_folder(tmp_path, capsys, monkeypatch):
    def stop(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(radar.analyze, "load_file", stop)
    code, out = _analyze(tmp_path)
    assert code == 130
    assert not out.exists()
    assert capsys.readouterr().err == (
        f"Error: interrupted: nothing written (removed the empty folder {out})\n"
    )


def test_bad_interval_is_one_line_error(tmp_path, capsys):
    code, _out = _analyze(tmp_path, "--every", "kwartier")
    assert code == 1
    assert capsys.readouterr().err == ("Error: interval 'kwartier': expected e.g. 15m, 2h or 1d\n")
