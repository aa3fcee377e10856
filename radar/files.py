"""Read mentions from JSONL and CSV files, one mention per line.

``text`` is required; ``id``, ``published`` (ISO 8601 or epoch seconds), ``author``,
``source``, ``url``, ``lang`` are optional; other columns pass through in ``extra``.
A bad line raises :class:`InputFileError` naming ``file:line``; callers decide to
stop or skip (``errors="skip"`` reports one line per bad row and goes on). A line longer
than :data:`MAX_LINE_CHARS` is such a bad line: it is skipped unread, the rest is kept.
"""

from __future__ import annotations

import csv
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from radar.errors import InputFileError, InvalidMention
from radar.model import Mention
from radar.timeutil import parse_time

log = logging.getLogger(__name__)

KNOWN_FIELDS = ("id", "text", "published", "author", "source", "url", "lang", "source_type")
# columns that name the writer in common exports; with no ``author`` column, the first one
# present is the author, so it is pseudonymised like one instead of passing through raw
AUTHOR_ALIASES = (
    "user",
    "username",
    "user_name",
    "screen_name",
    "handle",
    "author_name",
    # Dutch exports (webcare tools, spreadsheets) name the writer in Dutch
    "auteur",
    "gebruiker",
    "gebruikersnaam",
    "afzender",
)
# a post is at most a few thousand characters; a longer line is a broken export (a whole
# page, a base64 blob) that would take minutes to enrich: it is skipped, named by its line
MAX_LINE_CHARS = 100_000
# column names that hint at a time, to say which one to pass as --time-field
TIME_HINTS = ("time", "date", "created", "published", "posted", "when", "tijd", "datum")


@dataclass(frozen=True)
class FieldMap:
    """Which input columns hold the text, the time and the author."""

    text: str = "text"
    time: str = "published"
    author: str = "author"
    time_required: bool = False  # the time column was named (--time-field): absent is an error

    def author_column(self, row: dict[str, Any]) -> str | None:
        """The column holding the author in ``row``.

        >>> FieldMap().author_column({"text": "x", "screen_name": "@piet"})
        'screen_name'
        >>> FieldMap(author="poster").author_column({"poster": "piet", "user": "x"})
        'poster'
        """
        if self.author in row:
            return self.author
        if self.author == "author":
            return next((k for k in AUTHOR_ALIASES if k in row), None)
        return None


def detect_format(path: Path) -> str:
    """``jsonl`` or ``csv`` from the file name; JSONL for .json/.jsonl/.ndjson."""
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return "jsonl"
    if suffix in {".csv", ".tsv"}:
        return "csv"
    raise InputFileError(f"{path}: unknown file type {suffix!r}; use .jsonl or .csv")


def read_rows(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, row) for every non-empty line; InputFileError on unreadable input."""
    for number, row in iter_rows(path):
        if isinstance(row, InputFileError):
            raise row
        yield number, row


def check_input_file(path: str | Path) -> None:
    """One line when an input path is no file: callers check before slow work starts.

    >>> check_input_file("/")
    Traceback (most recent call last):
    radar.errors.InputFileError: /: is a folder; give a JSONL or CSV file
    """
    if Path(path).is_dir():
        raise InputFileError(f"{path}: is a folder; give a JSONL or CSV file")
    if not Path(path).is_file():
        raise InputFileError(f"{path}: file not found")


def iter_rows(path: str | Path) -> Iterator[tuple[int, dict[str, Any] | InputFileError]]:
    """(line number, row or the error of that line): a bad line does not end the file.

    Errors that concern the whole file (missing, unreadable, not UTF-8, unknown type)
    are raised; a line that is not a JSON object is yielded as its InputFileError.
    """
    path = Path(path)
    if path.is_dir():  # named as a folder, not as a file of unknown type ''
        check_input_file(path)
    fmt = detect_format(path)
    check_input_file(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read ({exc.strerror})") from None
    with handle:
        try:
            if fmt == "jsonl":
                for number, line in enumerate(capped_lines(handle), start=1):
                    if line is None:
                        yield number, _too_long(path, number)
                        continue
                    if not line.strip():
                        continue
                    try:
                        # without its newline: a cut-off string reads "Unterminated
                        # string", not "Invalid control character"
                        row = json.loads(line.rstrip("\r\n"))
                    except json.JSONDecodeError as exc:
                        yield (
                            number,
                            InputFileError(f"{path}:{number}: not valid JSON ({_json_cause(exc)})"),
                        )
                        continue
                    except RecursionError:
                        yield (
                            number,
                            InputFileError(
                                f"{path}:{number}: JSON nested too deeply; one flat object per line"
                            ),
                        )
                        continue
                    if not isinstance(row, dict):
                        yield (
                            number,
                            InputFileError(f"{path}:{number}: expected a JSON object per line"),
                        )
                        continue
                    yield number, row
            else:
                yield from _csv_rows(path, handle)
        except UnicodeDecodeError:
            raise InputFileError(
                f"{path}: not UTF-8 text; convert it with iconv -t UTF-8"
            ) from None


def capped_lines(handle, limit: int = MAX_LINE_CHARS) -> Iterator[str | None]:  # noqa: ANN001
    """The lines of a text file; ``None`` for a line longer than ``limit`` characters,
    which is skipped without holding it in memory.

    >>> import io
    >>> list(capped_lines(io.StringIO("ok\\n" + "x" * 12 + "\\nend"), limit=10))
    ['ok\\n', None, 'end']
    """
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(("\n", "\r")):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(("\n", "\r")):
                pass
            yield None
            continue
        yield line


def _json_cause(exc: json.JSONDecodeError) -> str:
    """The decoder's message with where it happened ("Invalid control character at"
    alone reads as cut off).

    >>> try:
    ...     json.loads('{"text": "a\x01b"}')
    ... except json.JSONDecodeError as exc:
    ...     print(_json_cause(exc))
    Invalid control character at column 12
    """
    at = "" if exc.msg.endswith(" at") else " at"
    return f"{exc.msg}{at} column {exc.colno}"


def _too_long(path: Path, number: int) -> InputFileError:
    return InputFileError(
        f"{path}:{number}: line longer than {MAX_LINE_CHARS:,} characters (a broken export?); "
        "skipped"
    )


def csv_delimiter(header: str, suffix: str = ".csv") -> str:
    """The delimiter of a CSV file from its header line: ``,``, ``;`` (Dutch Excel) or tab.

    >>> csv_delimiter("id;text;published"), csv_delimiter("text,author"), csv_delimiter("text")
    (';', ',', ',')
    """
    if suffix.lower() == ".tsv":
        return "\t"
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > counts[","] else ","


def _has_unclosed_quote(path: Path) -> bool:
    """An odd number of ``"`` in the file: a quoted field is never closed (quotes pair up,
    escaped ones as ``""``)."""
    count = 0
    with path.open("rb") as raw:
        while chunk := raw.read(1 << 20):
            count += chunk.count(b'"')
    return count % 2 == 1


def _csv_rows(path: Path, handle) -> Iterator[tuple[int, dict[str, Any] | InputFileError]]:  # noqa: ANN001
    """Rows of a CSV file (delimiter from the header line). A line over the size limit and
    a row the csv module refuses are reported by their line, the rest is read; an unclosed
    quote swallows the rest of the file into its last row: that row is reported instead."""
    header = handle.readline(MAX_LINE_CHARS + 1)
    handle.seek(0)
    too_long: list[int] = []

    def lines() -> Iterator[str]:
        for number, line in enumerate(capped_lines(handle), start=1):
            if line is None:
                too_long.append(number)
                line = "\n"  # an empty line keeps the numbering and is no row
            yield line

    reader = csv.DictReader(lines(), delimiter=csv_delimiter(header, path.suffix))
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        raise InputFileError(f"{path}:1: not valid CSV ({exc})") from None
    if not fieldnames:
        raise InputFileError(f"{path}: empty CSV file (no header line)")
    raw = reader.reader  # its line number also counts a refused row (DictReader's does not)
    held: tuple[int, int, dict[str, Any]] | None = None
    end = 1
    rows = iter(reader)
    while True:
        error = None
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. a NUL byte, a field over the csv module's limit
            error = InputFileError(f"{path}:{raw.line_num}: not valid CSV ({exc}); skipped")
        if held is not None:
            yield held[1], held[2]
            held = None
        while too_long:
            number = too_long.pop(0)
            yield number, _too_long(path, number)
        if error is not None:
            yield raw.line_num, error
        else:
            held = (end + 1, raw.line_num, {k: v for k, v in row.items() if k is not None})
        end = raw.line_num
    for number in too_long:
        yield number, _too_long(path, number)
    if held is None:
        return
    first, last, row = held
    # at the end of the file an open quote also shows as a field ending in a line break
    swallowed = last > first or any(str(v).endswith(("\n", "\r")) for v in row.values())
    if swallowed and _has_unclosed_quote(path):
        lines_read = (
            f"lines {first}-{last} were read as one row"
            if last > first
            else ("the row runs to the end of the file")
        )
        yield (
            first,
            InputFileError(
                f"{path}:{first}: a quoted field is never closed, so {lines_read}; "
                "close the quote and import the file again"
            ),
        )
    else:
        yield last, row


def row_to_mention(
    row: dict[str, Any],
    where: str,
    fields: FieldMap,
    source_type: str = "file",
    now: float | None = None,
) -> Mention:
    """One input row as a mention; InputFileError naming ``where`` when it cannot be."""
    text = row.get(fields.text)
    if text is None:
        raise InputFileError(
            f"{where}: no {fields.text!r} field; name the text column with --text-field"
        )
    if not isinstance(text, str):
        text = str(text)
    if not text.strip():
        raise InputFileError(f"{where}: {fields.text!r} is empty")
    raw_time = row.get(fields.time)
    published = now if now is not None else time.time()
    if raw_time not in (None, ""):
        try:
            published = parse_time(raw_time)
        except (ValueError, OverflowError, OSError):
            raise InputFileError(
                f"{where}: field {fields.time!r} is not a time ({raw_time!r}); use ISO 8601 or epoch seconds"
            ) from None
    author_column = fields.author_column(row)
    used = {fields.text, fields.time, author_column, *KNOWN_FIELDS}
    extra = {k: v for k, v in row.items() if k not in used}
    given_id = row.get("id")
    try:
        return Mention.create(
            text,
            id=str(given_id) if given_id not in (None, "") else None,
            source=str(row.get("source") or ""),
            source_type=str(row.get("source_type") or source_type),
            published=published,
            author=str(row.get(author_column) or "") if author_column else "",
            url=str(row.get("url") or ""),
            lang=row.get("lang") or None,
            extra=extra,
        )
    except InvalidMention as exc:
        raise InvalidMention(f"{where}: {exc}") from None


def check_text_field(path: str | Path, row: dict[str, Any], fields: FieldMap) -> None:
    """Raise a clear InputFileError when the first row lacks the text field."""
    if fields.text not in row:
        columns = ", ".join(list(row)[:8])
        raise InputFileError(
            f"{path}: no {fields.text!r} column (found: {columns}); "
            "name the text column with --text-field"
        )


def time_like_columns(row: dict[str, Any], fields: FieldMap) -> list[str]:
    """Columns of ``row`` whose name hints at a time.

    >>> time_like_columns({"text": "x", "timestamp_utc_from_tweet_id": "2013-04-15T14:40:42Z",
    ...                    "created_at": "", "label": "y"}, FieldMap())
    ['timestamp_utc_from_tweet_id', 'created_at']
    """
    return [
        k
        for k in row
        if k not in (fields.text, fields.author) and any(h in k.lower() for h in TIME_HINTS)
    ]


def check_time_field(path: str | Path, row: dict[str, Any], fields: FieldMap) -> str | None:
    """For the first row: InputFileError when the named time column is absent; a warning
    (returned) when the default one is, naming the time-like columns the file has.

    >>> check_time_field("x.csv", {"text": "a", "published": "2026-11-22T07:00:00Z"}, FieldMap())
    >>> print(check_time_field("x.csv", {"text": "a", "when": "07:00"}, FieldMap()))
    x.csv: no 'published' column, so every mention gets the current time; time-like columns: when (pass --time-field when)
    """
    if fields.time in row:
        return None
    hints = time_like_columns(row, fields)
    hint = (
        f"time-like columns: {', '.join(hints)} (pass --time-field {hints[0]})"
        if hints
        else f"no time-like column among: {', '.join(list(row)[:8])}"
    )
    if fields.time_required:
        raise InputFileError(f"{path}: no {fields.time!r} column; {hint}")
    return f"{path}: no {fields.time!r} column, so every mention gets the current time; {hint}"


def read_mentions(
    path: str | Path,
    fields: FieldMap | None = None,
    source_type: str = "file",
    *,
    errors: str = "raise",
    on_skip: Callable[[InputFileError], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    now: float | None = None,
) -> Iterator[tuple[int, Mention]]:
    """(line number, mention) for every line; a row without a time gets ``now`` (default:
    the time it is read).

    ``errors="raise"`` stops at the first bad line; ``errors="skip"`` passes each bad
    line's InputFileError (``file:line: cause``) to ``on_skip`` (default: a logged
    warning) and goes on. A missing text column (or named time column) in the first row
    always raises; a missing default time column is a warning to ``on_warning``.
    """
    if errors not in {"raise", "skip"}:
        raise ValueError(f"errors: expected 'raise' or 'skip', got {errors!r}")
    fields = fields or FieldMap()
    report = on_skip or (lambda exc: log.warning("skipped %s", exc))
    checked = False
    for number, row in iter_rows(path):
        try:
            if isinstance(row, InputFileError):
                raise row
            if not checked:
                check_text_field(path, row, fields)
                warning = check_time_field(path, row, fields)
                if warning:
                    (on_warning or log.warning)(warning)
                checked = True
            mention = row_to_mention(row, f"{path}:{number}", fields, source_type, now=now)
        except InputFileError as exc:
            if errors == "raise" or not checked and not isinstance(row, InputFileError):
                raise
            report(exc)
            continue
        yield number, mention
