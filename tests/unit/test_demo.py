"""``radar demo``: a default speed that plays the drill live, progress, a clear end, and a
port in use refused before any model loads."""

from __future__ import annotations

import socket

import pytest

from radar import cli
from radar.demo import DrillProgress, drill_clock, drill_mentions

pytestmark = pytest.mark.unit


def test_default_speed_plays_the_three_hour_drill_over_minutes_not_seconds():
    args = cli._parser().parse_args(["demo"])
    mentions = drill_mentions(7)
    played = (mentions[-1].published - mentions[0].published) / args.speed
    # at the old 120x the drill was over (90 s) before the first fit on a cold machine
    assert 6 * 60 <= played <= 15 * 60


def test_progress_prints_the_drill_clock_and_says_clearly_when_the_drill_ended(capsys):
    mentions = drill_mentions(7)
    progress = DrillProgress(mentions, every=100)
    for _ in range(len(mentions)):
        progress.update(1)
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("drill ") for line in lines)
    assert lines[0] == f"drill {drill_clock(mentions, 100)}: 100 posts (" + (
        f"{100 * 100 / len(mentions):.0f}%)"
    )
    ended = progress.ended()
    assert ended.startswith("The drill has ended (drill clock ")
    assert f"all {len(mentions)} posts replayed" in ended
    assert "make demo SPEED=X" in ended


@pytest.mark.parametrize("command", ["demo", "run", "web"])
def test_a_port_in_use_is_one_line_before_anything_loads(command, capsys, monkeypatch):
    def no_store(*_args, **_kwargs):
        raise AssertionError("the store was opened before the port was checked")

    monkeypatch.setattr("radar.store.open_store", no_store)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = cli.main([command, "--port", str(port), "--embedder", "hashing"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.strip().splitlines() == [
        f"Error: http://127.0.0.1:{port}: cannot serve the wall (Address already in use); "
        "pass another --port (or web_port) or stop the program that uses it"
    ]
    assert "wall is on" not in out  # the address is not announced before it is checked


def test_a_speed_of_zero_is_refused_in_one_line(capsys):
    assert cli.main(["demo", "--speed", "0", "--port", "1"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --speed 0: the replay speed must be above 0 (e.g. 20)"
    )


def test_the_demo_starts_where_the_first_questions_build_with_the_start_backfilled():
    from radar.demo import DEMO_FROM_MINUTE, split_at_minute
    from radar.scenario import QUESTION_INTENTS

    args = cli._parser().parse_args(["demo"])
    assert args.from_minute == cli.DEMO_FROM_MINUTE == DEMO_FROM_MINUTE
    mentions = drill_mentions(7)
    backfill, replayed = split_at_minute(mentions, args.from_minute)
    assert backfill + replayed == mentions  # nothing lost, order kept
    first_wave = QUESTION_INTENTS[0][1]
    assert first_wave < args.from_minute  # the wave has begun, its posts are backfilled
    assert all(m.published < replayed[0].published for m in backfill)
    assert len(backfill) < len(mentions) / 10  # the story itself still plays live
    assert split_at_minute(mentions, 0) == ([], mentions)


def test_a_start_minute_outside_the_drill_is_refused_in_one_line(capsys):
    assert cli.main(["demo", "--from", "200", "--port", "1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--from 200" in err[0] and "0 to 179" in err[0]
