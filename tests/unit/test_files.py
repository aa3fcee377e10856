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
    from radar.model import pseudonymise

    path = tmp_path / "in.jsonl"
    rows = [{"text": "Rijden er nog treinen?", "user": "@piet"}, {"text": "Bus?", "user": "@piet"}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    settings = Settings(embedder="hashing")
    analyze_file(path, tmp_path / "out", settings, HashingEmbedder(), None, show_progress=False)
    lines = (tmp_path / "out" / "mentions.jsonl").read_text().splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["user"].startswith("anon-") and "@piet" not in "".join(lines)
    assert "author" not in first
    assert first["user"] == second["user"]  # one writer, one pseudonym within the run
    # no well-known key: nobody can recompute the pseudonym from the handle
    assert first["user"] not in {pseudonymise("@piet", key) for key in (b"radar", b"", b"key")}
    analyze_file(path, tmp_path / "again", settings, HashingEmbedder(), None, show_progress=False)
    again = json.loads((tmp_path / "again" / "mentions.jsonl").read_text().splitlines()[0])
    assert again["user"] != first["user"]  # a random key per run unless pseudonym_key is set


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


def test_semicolon_csv_from_dutch_excel_is_read(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id;text;published\n1;Rijden er nog treinen, of niet?;2026-11-22T06:00:00Z\n")
    ((_n, m),) = read_mentions(path)
    assert m.text == "Rijden er nog treinen, of niet?"  # the comma stays in the text
    assert m.published == 1795327200.0  # 2026-11-22T06:00:00Z from its own column


def test_unclosed_quote_is_reported_not_stored_as_one_giant_post(tmp_path):
    from radar.files import iter_rows

    path = tmp_path / "broken.csv"
    path.write_text('id,text\n1,Is er een bus?\n2,"Rijden er nog treinen?\n3,swallowed\n4,too\n')
    rows = list(iter_rows(path))
    assert rows[0] == (2, {"id": "1", "text": "Is er een bus?"})
    ((line, error),) = rows[1:]
    assert line == 3 and isinstance(error, InputFileError)
    assert f"{path}:3: a quoted field is never closed, so lines 3-5" in str(error)


def test_quoted_multiline_field_is_one_post(tmp_path):
    from radar.files import iter_rows

    path = tmp_path / "ok.csv"
    path.write_text('id,text\n1,"Rijden er\nnog treinen? ""vraag"""\n2,Bus?\n')
    assert [row for _n, row in iter_rows(path)] == [
        {"id": "1", "text": 'Rijden er\nnog treinen? "vraag"'},
        {"id": "2", "text": "Bus?"},
    ]
