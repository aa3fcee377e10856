"""Read mentions from JSONL and CSV files, one mention per line.

``text`` is required; ``id``, ``published`` (ISO 8601 or epoch seconds), ``author``,
``source``, ``url``, ``lang`` are optional; other columns pass through in ``extra``.
A bad line raises :class:`InputFileError` naming ``file:line``; callers decide to
stop or skip (``errors="skip"`` reports one line per bad row and goes on).
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

from radar.errors import InputFileError
from radar.model import Mention
from radar.timeutil import parse_time

log = logging.getLogger(__name__)

KNOWN_FIELDS = ("id", "text", "published", "author", "source", "url", "lang", "source_type")
# columns that name the writer in common exports; with no ``author`` column, the first one
# present is the author, so it is pseudonymised like one instead of passing through raw
AUTHOR_ALIASES = ("user", "username", "user_name", "screen_name", "handle", "author_name")


@dataclass(frozen=True)
class FieldMap:
    """Which input columns hold the text, the time and the author."""

    text: str = "text"
    time: str = "published"
    author: str = "author"

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
    fmt = detect_format(path)
    check_input_file(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read ({exc.strerror})") from None
    with handle:
        try:
            if fmt == "jsonl":
                for number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError as exc:
                        yield number, InputFileError(f"{path}:{number}: not valid JSON ({exc.msg})")
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
    """Rows of a CSV file (delimiter from the header line). An unclosed quote swallows the
    rest of the file into its last row: that row is reported instead of stored."""
    header = handle.readline()
    handle.seek(0)
    reader = csv.DictReader(handle, delimiter=csv_delimiter(header, path.suffix))
    if not reader.fieldnames:
        raise InputFileError(f"{path}: empty CSV file (no header line)")
    held: tuple[int, int, dict[str, Any]] | None = None
    end = 1
    try:
        for row in reader:
            if held is not None:
                yield held[1], held[2]
            held = (end + 1, reader.line_num, {k: v for k, v in row.items() if k is not None})
            end = reader.line_num
    except csv.Error as exc:  # e.g. a NUL byte
        raise InputFileError(f"{path}:{reader.line_num}: not valid CSV ({exc})") from None
    if held is None:
        return
    first, last, row = held
    if last > first and _has_unclosed_quote(path):
        yield (
            first,
            InputFileError(
                f"{path}:{first}: a quoted field is never closed, so lines {first}-{last} were "
                "read as one row; close the quote and import the file again"
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


def check_text_field(path: str | Path, row: dict[str, Any], fields: FieldMap) -> None:
    """Raise a clear InputFileError when the first row lacks the text field."""
    if fields.text not in row:
        columns = ", ".join(list(row)[:8])
        raise InputFileError(
            f"{path}: no {fields.text!r} column (found: {columns}); "
            "name the text column with --text-field"
        )


def read_mentions(
    path: str | Path,
    fields: FieldMap | None = None,
    source_type: str = "file",
    *,
    errors: str = "raise",
    on_skip: Callable[[InputFileError], None] | None = None,
) -> Iterator[tuple[int, Mention]]:
    """(line number, mention) for every line.

    ``errors="raise"`` stops at the first bad line; ``errors="skip"`` passes each bad
    line's InputFileError (``file:line: cause``) to ``on_skip`` (default: a logged
    warning) and goes on. A missing text column in the first row always raises.
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
                checked = True
            mention = row_to_mention(row, f"{path}:{number}", fields, source_type)
        except InputFileError as exc:
            if errors == "raise" or not checked and not isinstance(row, InputFileError):
                raise
            report(exc)
            continue
        yield number, mention
