import json

import pytest

from radar.errors import InputFileError
from radar.files import FieldMap, read_mentions

pytestmark = pytest.mark.unit


def test_jsonl_rows_become_mentions_with_extra_columns(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"text": "Rijdt  de trein?", "published": "2026-11-22T07:00:00Z", "label": "x"})
        + "\n\n"
        + json.dumps({"text": "Stroom is uit", "published": 1795333500})
        + "\n"
    )
    rows = list(read_mentions(path))
    assert [n for n, _ in rows] == [1, 3]
    first = rows[0][1]
    assert first.text == "Rijdt de trein?"
    assert first.extra == {"label": "x"}
    assert rows[1][1].published == 1795333500.0


def test_csv_with_other_column_names(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("tweet,when\nIs er vervangend vervoer?,2026-11-22 07:00:00\n")
    ((_n, m),) = read_mentions(path, FieldMap(text="tweet", time="when"))
    assert m.text == "Is er vervangend vervoer?"


def test_missing_text_column_is_one_clear_line(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("body,when\nhallo,1\n")
    with pytest.raises(InputFileError) as info:
        list(read_mentions(path))
    assert str(info.value) == (
        f"{path}: no 'text' column (found: body, when); name the text column with --text-field"
    )


def test_bad_json_line_names_file_and_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "ok"}\n{"text": \n')
    with pytest.raises(InputFileError, match=r"in.jsonl:2: not valid JSON"):
        list(read_mentions(path))


def test_bad_time_names_the_field(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "ok", "published": "gisteren"}\n')
    with pytest.raises(
        InputFileError, match=r"in.jsonl:1: field 'published' is not a time \('gisteren'\)"
    ):
        list(read_mentions(path))


def test_unreadable_and_unknown_files(tmp_path):
    with pytest.raises(InputFileError, match="nope.jsonl: file not found"):
        list(read_mentions(tmp_path / "nope.jsonl"))
    with pytest.raises(InputFileError, match="unknown file type '.xlsx'"):
        list(read_mentions(tmp_path / "x.xlsx"))
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"text\n\xff\xfe\xfa\n")
    with pytest.raises(InputFileError, match="not UTF-8"):
        list(read_mentions(binary))


def test_analyze_skips_bad_lines_and_keeps_the_rest(tmp_path):
    from radar.analyze import load_file

    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"text": "een"}\n{"text": \n["lijst"]\n{"text": "twee"}\n{"text": "drie", "published": "x"}\n'
    )
    rows, mentions, skipped = load_file(path, FieldMap())
    assert [m.text for m in mentions] == ["een", "twee"]
    assert len(rows) == 2 and skipped == 3


def test_author_columns_are_taken_as_author_not_passed_through(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("text,screen_name,poster,label\nIs er vervangend vervoer?,@piet,@jan,x\n")
    ((_n, m),) = read_mentions(path)
    assert (m.author, m.extra) == ("@piet", {"poster": "@jan", "label": "x"})
    ((_n, m),) = read_mentions(path, FieldMap(author="poster"))
    assert (m.author, m.extra) == ("@jan", {"screen_name": "@piet", "label": "x"})


def test_analyze_output_pseudonymises_the_author_column(tmp_path):
    from clustering.embedders import HashingEmbedder
    from radar.analyze import analyze_file
    from radar.config import Settings

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": "Rijden er nog treinen?", "user": "@piet"}) + "\n")
    settings = Settings(embedder="hashing")
    analyze_file(path, tmp_path / "out", settings, HashingEmbedder(), None, show_progress=False)
    (line,) = (tmp_path / "out" / "mentions.jsonl").read_text().splitlines()
    row = json.loads(line)
    assert row["user"].startswith("anon-") and "@piet" not in line and "author" not in row


def test_analyze_clusters_copies_once_and_keeps_every_line(tmp_path):
    from clustering.embedders import HashingEmbedder
    from radar.analyze import analyze_file
    from radar.config import Settings

    texts = [
        "Wanneer is de stroom weer terug in Arnhem centrum?",
        "RT @piet: Wanneer is de stroom weer terug in Arnhem centrum?",
        "Geen stroom hier in Arnhem, balen",
        "Wanneer is de stroom weer terug in Arnhem centrum?",
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
    settings = Settings(embedder="hashing")
    result = analyze_file(
        path, tmp_path / "out", settings, HashingEmbedder(), None, show_progress=False
    )
    rows = [json.loads(x) for x in (tmp_path / "out" / "mentions.jsonl").read_text().splitlines()]
    assert len(rows) == 4 and result.duplicates == 2
    first = rows[0]["id"]
    assert [r["duplicate_of"] for r in rows] == [None, first, None, first]
    assert [r["copies"] for r in rows] == [3, None, 1, None]
    assert result.snapshot["totals"]["mentions"] == 2
