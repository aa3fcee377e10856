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


def test_analyze_gives_rows_without_a_time_one_time_so_runs_repeat(tmp_path):
    """Read one by one, time-less rows got a clock reading each: their order in time, and
    so a replayed analysis, depended on how fast the file was read."""
    from radar.analyze import load_file

    path = tmp_path / "in.jsonl"
    path.write_text("".join(f'{{"text": "vraag {i}?"}}\n' for i in range(500)))
    _rows, mentions, _skipped = load_file(path, FieldMap(), on_warning=lambda _w: None)
    assert len({m.published for m in mentions}) == 1


def test_author_columns_are_taken_as_author_not_passed_through(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("text,screen_name,poster,label\nIs er vervangend vervoer?,@piet,@jan,x\n")
    ((_n, m),) = read_mentions(path)
    assert (m.author, m.extra) == ("@piet", {"poster": "@jan", "label": "x"})
    ((_n, m),) = read_mentions(path, FieldMap(author="poster"))
    assert (m.author, m.extra) == ("@jan", {"screen_name": "@piet", "label": "x"})


def test_a_dutch_export_s_writer_column_is_the_author(tmp_path):
    """A Dutch-first tool reads the writer from a Dutch export too (never passed raw)."""
    path = tmp_path / "in.csv"
    path.write_text("tekst;gebruiker;tijd\nRijdt de bus?;@jan;2026-11-22T07:00:00Z\n")
    ((_n, m),) = read_mentions(path, FieldMap(text="tekst", time="tijd"))
    assert (m.author, m.extra) == ("@jan", {})


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


# -- issue 12 item 5: the time column -------------------------------------------------------
CRISISLEX_LIKE = (
    "event,tweet_id,timestamp_utc_from_tweet_id,text\n"
    "flood,1,2013-01-17T10:22:07Z,Is the road to Bundaberg open?\n"
    "flood,2,2013-01-17T10:25:00Z,Where can I get sandbags?\n"
)


def test_named_time_column_that_is_absent_is_an_error_naming_the_time_like_columns(tmp_path):
    path = tmp_path / "t26.csv"
    path.write_text(CRISISLEX_LIKE)
    with pytest.raises(InputFileError) as info:
        list(read_mentions(path, FieldMap(time="timestamp", time_required=True)))
    assert str(info.value) == (
        f"{path}: no 'timestamp' column; time-like columns: timestamp_utc_from_tweet_id "
        "(pass --time-field timestamp_utc_from_tweet_id)"
    )


def test_file_without_the_default_time_column_warns_once_with_the_column_to_pass(tmp_path):
    path = tmp_path / "t26.csv"
    path.write_text(CRISISLEX_LIKE)
    warnings: list[str] = []
    rows = list(read_mentions(path, on_warning=warnings.append))
    assert len(rows) == 2
    assert warnings == [
        f"{path}: no 'published' column, so every mention gets the current time; "
        "time-like columns: timestamp_utc_from_tweet_id "
        "(pass --time-field timestamp_utc_from_tweet_id)"
    ]
    ((_n, first), _) = read_mentions(path, FieldMap(time="timestamp_utc_from_tweet_id"))
    assert first.published == 1358418127.0  # 2013-01-17T10:22:07Z


# -- issue 12 item 13: a per-line size limit ------------------------------------------------
def test_overlong_jsonl_line_is_skipped_by_its_number_and_the_rest_kept(tmp_path):
    from radar.files import MAX_LINE_CHARS

    path = tmp_path / "in.jsonl"
    big = json.dumps({"text": "x" * (MAX_LINE_CHARS + 10)})
    path.write_text(json.dumps({"text": "een"}) + "\n" + big + "\n" + '{"text": "twee"}\n')
    skipped: list[InputFileError] = []
    rows = list(read_mentions(path, errors="skip", on_skip=skipped.append))
    assert [(n, m.text) for n, m in rows] == [(1, "een"), (3, "twee")]
    (error,) = skipped
    assert str(error) == (
        f"{path}:2: line longer than {MAX_LINE_CHARS:,} characters (a broken export?); skipped"
    )


def test_csv_field_over_the_limit_names_its_own_line_and_keeps_the_rest(tmp_path):
    from radar.files import MAX_LINE_CHARS, iter_rows

    path = tmp_path / "in.csv"
    path.write_text(f"id,text\n1,{'x' * (MAX_LINE_CHARS + 10)}\n2,Rijdt de bus?\n")
    rows = list(iter_rows(path))
    assert rows[1] == (3, {"id": "2", "text": "Rijdt de bus?"})
    line, error = rows[0]
    assert line == 2 and f"{path}:2: line longer than" in str(error)


def test_quoted_csv_field_over_the_csv_limit_across_lines_is_one_bad_row(tmp_path):
    from radar.files import iter_rows

    path = tmp_path / "in.csv"
    field = "\n".join(["y" * 50_000] * 3)  # 150k characters over 3 lines, each under the limit
    path.write_text(f'id,text\n1,Bus?\n2,"{field}"\n3,Trein?\n')
    rows = list(iter_rows(path))
    assert rows[0] == (2, {"id": "1", "text": "Bus?"})
    assert rows[-1] == (6, {"id": "3", "text": "Trein?"})
    ((line, error),) = rows[1:-1]
    assert isinstance(error, InputFileError) and "not valid CSV (field larger than" in str(error)
    assert line in (3, 4, 5)  # a line of the bad row, not line 1


# -- issue 12 item 16: import messages ------------------------------------------------------
def test_folder_is_named_as_a_folder_not_an_unknown_file_type(tmp_path):
    with pytest.raises(InputFileError) as info:
        list(read_mentions(tmp_path))
    assert str(info.value) == f"{tmp_path}: is a folder; give a JSONL or CSV file"


def test_json_error_says_where_on_the_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "a\x01b"}\n')
    with pytest.raises(InputFileError) as info:
        list(read_mentions(path))
    assert str(info.value) == f"{path}:1: not valid JSON (Invalid control character at column 12)"


def test_only_row_with_an_unclosed_quote_at_the_end_is_reported(tmp_path):
    from radar.files import iter_rows

    path = tmp_path / "in.csv"
    path.write_text('text\n"Rijden er nog treinen?\n')
    ((line, error),) = list(iter_rows(path))
    assert line == 2 and isinstance(error, InputFileError)
    assert f"{path}:2: a quoted field is never closed" in str(error)


def test_a_line_cut_off_inside_a_string_says_so(tmp_path):
    """A new user's broken line '{"text": "kapot' read "Invalid control character": the
    line's own newline was inside the string."""
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "kapot\n')
    with pytest.raises(InputFileError) as info:
        list(read_mentions(path))
    assert (
        str(info.value) == f"{path}:1: not valid JSON (Unterminated string starting at column 10)"
    )
