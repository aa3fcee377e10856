"""Offline analysis of a JSONL or CSV file: ``radar analyze FILE --out DIR``.

Writes ``DIR/mentions.jsonl`` (one line per input line, input columns passed
through, plus ``id``, ``lang``, ``is_question``, ``question_score``, ``sentiment``,
``sentiment_score``, ``topic``, ``question_cluster``) and ``DIR/snapshot.json`` (the
radar clock is the newest mention; the window spans the file). With an interval (``--every
15m``, by default when the recording is longer than the window) the file is also replayed
through the radar as the loop runs it, on the data clock: ``DIR/timeline.jsonl`` holds one
compact snapshot per interval. ``DIR/report.md`` and ``DIR/report.html`` are the
after-action review. Ctrl-C stops with what is complete on disk (:class:`Interrupted`).
"""

from __future__ import annotations

import json
import logging
import math
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from clustering.embedders import Embedder
from radar.config import Settings
from radar.dedupe import duplicates_of
from radar.enrichment import Enricher
from radar.errors import InputFileError
from radar.files import FieldMap, check_text_field, check_time_field, iter_rows, row_to_mention
from radar.model import EnrichedMention, Mention
from radar.playbooks import PlaybookIndex
from radar.refresh import Radar
from radar.report_html import render_html
from radar.report_review import build_review, render_review
from radar.timeline import compact, default_every, replay, scan_alerts, ticks
from radar.timeutil import parse_time

log = logging.getLogger(__name__)

MAX_BINS = 720


@dataclass
class AnalyzeResult:
    rows: int
    skipped: int
    snapshot: dict[str, Any]
    out_dir: Path
    duplicates: int = 0  # exact and near duplicates, counted as copies of their original
    timeline: int = 0  # snapshots in timeline.jsonl
    every: float | None = None  # their interval in seconds
    written: list[str] = field(default_factory=list)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during an analysis: ``written`` names the complete files on disk, ``note``
    says how far the timeline got."""

    def __init__(self, written: list[str], note: str = ""):
        super().__init__()
        self.written, self.note = written, note


def load_file(
    path: Path,
    fields: FieldMap,
    on_skip: Callable[[InputFileError], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> tuple[list[dict[str, Any]], list[Mention], int]:
    """Input rows and their mentions, aligned; each bad line is reported in one line
    (``on_skip``, default: a log warning) and skipped. The first row decides whether the
    text column (and a named time column) exists; a file without times is a warning
    (``on_warning``) that names its time-like columns. Rows without a time all get the
    time the file was opened, so the same file gives the same clusters on every run."""
    opened = time.time()
    rows: list[dict[str, Any]] = []
    mentions: list[Mention] = []
    skipped = 0
    for number, row in iter_rows(path):
        try:
            if isinstance(row, InputFileError):
                raise row
            if not rows:
                check_text_field(path, row, fields)
                warning = check_time_field(path, row, fields)
                if warning:
                    (on_warning or log.warning)(warning)
            mentions.append(row_to_mention(row, f"{path}:{number}", fields, now=opened))
        except InputFileError as exc:
            if not rows and not isinstance(row, InputFileError):
                raise  # the first row decides whether the text column exists
            if on_skip is None:
                log.warning("skipped %s", exc)
            else:
                on_skip(exc)
            skipped += 1
            continue
        rows.append(row)
    if not rows:
        bad = f"; {skipped} bad line(s), see above" if skipped else ""
        raise InputFileError(f"{path}: no mentions in the file{bad}")
    return rows, mentions, skipped


def embed_unique(embedder: Embedder, texts: list[str], progress: Any = None) -> np.ndarray:
    """Embed each distinct text once, in batches; rows aligned with ``texts``."""
    unique = list(dict.fromkeys(texts))
    position = {t: i for i, t in enumerate(unique)}
    parts = []
    step = 256
    for start in range(0, len(unique), step):
        parts.append(embedder.embed(unique[start : start + step]))
        if progress is not None:
            progress.update(len(unique[start : start + step]))
    matrix = np.vstack(parts) if parts else np.zeros((0, 1), dtype=np.float32)
    return matrix[[position[t] for t in texts]]


def analysis_settings(settings: Settings, times: list[float]) -> Settings:
    """Settings whose window spans the whole file, with at most MAX_BINS bins."""
    span_hours = max((max(times) - min(times)) / 3600 if times else 0.0, settings.bin_minutes / 60)
    bin_minutes = max(settings.bin_minutes, math.ceil(span_hours * 60 / MAX_BINS))
    window = math.ceil(span_hours * 60 / bin_minutes + 1) * bin_minutes / 60
    return settings.replace(
        window_hours=window,
        bin_minutes=float(bin_minutes),
        clock="data",
        retention_hours=max(settings.retention_hours, window),
        max_questions=max(settings.max_questions, 25),
    )


def analyze_file(
    path: str | Path,
    out_dir: str | Path,
    settings: Settings,
    embedder: Embedder,
    playbooks: PlaybookIndex | None,
    fields: FieldMap | None = None,
    show_progress: bool = True,
    on_skip: Callable[[InputFileError], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    every: float | None = None,
) -> AnalyzeResult:
    """Run every stage offline over one file and write the outputs. ``every``: seconds
    of data time between two timeline snapshots; None = a default when the recording is
    longer than the window; 0 = no timeline."""
    written: list[str] = []
    note: list[str] = []
    try:
        return _analyze(
            Path(path),
            Path(out_dir),
            settings,
            embedder,
            playbooks,
            fields or FieldMap(),
            show_progress,
            on_skip,
            on_warning,
            every,
            written,
            note,
        )
    except KeyboardInterrupt:
        raise Interrupted(written, note[0] if note else "") from None


def _analyze(
    path: Path,
    out_dir: Path,
    settings: Settings,
    embedder: Embedder,
    playbooks: PlaybookIndex | None,
    fields: FieldMap,
    show_progress: bool,
    on_skip: Callable[[InputFileError], None] | None,
    on_warning: Callable[[str], None] | None,
    every: float | None,
    written: list[str],
    note: list[str],
) -> AnalyzeResult:
    from tqdm import tqdm

    def say(text: str) -> None:
        if show_progress:
            print(text, file=sys.stderr, flush=True)

    rows, mentions, skipped = load_file(path, fields, on_skip, on_warning)
    # one line out per line in, but a retweet or a syndicated copy is clustered once,
    # as its original with a copy count, as the live ingest does
    duplicate = duplicates_of(mentions)
    enricher = Enricher(settings, embedder)
    raws = [m.text for m in mentions]  # the heads read the post as written, as in the worker
    enriched: list[EnrichedMention] = []
    langs = enricher.languages(mentions)
    for m, lang in tqdm(
        zip(mentions, langs, strict=True),
        total=len(mentions),
        desc="enrich",
        unit="msg",
        disable=not show_progress,
        leave=False,
    ):
        enriched.append(enricher.annotate(m, lang))
    for first in duplicate:
        if first is not None:
            enriched[first].copies += 1
    originals = [i for i, first in enumerate(duplicate) if first is None]
    unique = [enriched[i] for i in originals]
    focus = enricher.embedding_texts(unique)
    with tqdm(
        total=len(set(focus)), desc="embed", unit="text", disable=not show_progress, leave=False
    ) as bar:
        vectors = embed_unique(embedder, focus, bar)
    # the trained heads refine question and sentiment exactly as the worker does
    if enricher.refine(unique, [raws[i] for i in originals], vectors):
        for i, first in enumerate(duplicate):
            if first is not None:  # a copy reads as its original
                for name in ("is_question", "question_score", "sentiment", "sentiment_score"):
                    setattr(enriched[i], name, getattr(enriched[first], name))
    run_settings = analysis_settings(settings, [m.published for m in enriched])
    radar = Radar(run_settings, playbooks)
    now = max(m.published for m in enriched)
    say(f"clustering {len(unique)} mentions …")
    snapshot = radar.refresh(unique, vectors, now)
    position = {i: k for k, i in enumerate(originals)}
    out_dir.mkdir(parents=True, exist_ok=True)
    with _complete(out_dir / "mentions.jsonl", written) as handle:
        for i, (row, m) in enumerate(zip(rows, enriched, strict=True)):
            first = duplicate[i]
            k = position[i if first is None else first]
            out = dict(row)
            out[fields.text] = m.text
            author_column = fields.author_column(row)
            if author_column:
                # the writer under the column's own name, pseudonymised like the text is masked
                out[author_column] = m.author
            out.update(
                {
                    "id": m.id,
                    "lang": m.lang,
                    "is_question": m.is_question,
                    "question_score": m.question_score,
                    "sentiment": m.sentiment,
                    "sentiment_score": m.sentiment_score,
                    "topic": radar.topic_of[k],
                    "question_cluster": radar.question_of[k],
                    "duplicate_of": None if first is None else enriched[first].id,
                    "copies": m.copies if first is None else None,
                }
            )
            handle.write(json.dumps(out, ensure_ascii=False) + "\n")
    with _complete(out_dir / "snapshot.json", written) as handle:
        handle.write(json.dumps(snapshot, ensure_ascii=False, indent=1))

    # the recording as it unfolded: sorted by time, replayed through a loop-like radar
    order = np.argsort(np.array([m.published for m in unique], dtype=float), kind="stable")
    timed = [unique[i] for i in order]
    times = np.array([m.published for m in timed], dtype=float)
    final_question = [radar.question_of[i] for i in order]
    loop_settings = settings.replace(clock="data")
    window_s = loop_settings.window_hours * 3600
    if every is None:
        every = default_every(float(times[-1] - times[0]), window_s)
    lines: list[dict[str, Any]] = []
    listed: dict[str, float] = {}  # final question id -> first tick it was on the wall
    if not every:  # a timeline of an earlier run would read as this one's
        (out_dir / "timeline.jsonl").unlink(missing_ok=True)
    if every:
        at = ticks(times, every)
        say(f"timeline: {len(at)} snapshots, one per {every / 60:g} min of data time …")
        live = Radar(loop_settings, playbooks)
        handle = (out_dir / "timeline.jsonl").open("w", encoding="utf-8")
        written.append("timeline.jsonl")

        def keep(snap: dict[str, Any], lo: int) -> None:
            line = compact(snap, every)
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            handle.flush()
            lines.append(line)
            note[:] = [
                f"timeline.jsonl holds {len(lines)} of {len(at)} snapshots, up to {line['time']}"
            ]
            _first_listed(snap, live.question_of, final_question[lo:], listed)

        try:
            with tqdm(
                total=len(at), desc="timeline", unit="snap", disable=not show_progress, leave=False
            ) as bar:
                replay(live, timed, vectors[order], window_s, at, keep, bar)
        finally:
            handle.close()
    alerts = scan_alerts(
        times,
        np.array([m.sentiment == "negative" for m in timed], dtype=bool),
        np.array([m.sentiment != "neutral" for m in timed], dtype=bool),
        radar.rules,
    )
    review = build_review(
        snapshot,
        lines,
        alerts,
        times,
        final_question,
        listed,
        source=path.name,
        every=every,
        final_topic=[radar.topic_of[i] for i in order],
    )
    markdown = render_review(review)
    with _complete(out_dir / "report.md", written) as out:
        out.write(markdown)
    with _complete(out_dir / "report.html", written) as out:
        out.write(render_html(review, markdown))
    return AnalyzeResult(
        rows=len(rows),
        skipped=skipped,
        snapshot=snapshot,
        out_dir=out_dir,
        duplicates=len(rows) - len(originals),
        timeline=len(lines),
        every=every or None,
        written=written,
    )


def _first_listed(
    snap: dict[str, Any],
    live_of: list[str | None],
    final_of: list[str | None],
    listed: dict[str, float],
) -> None:
    """Note the tick at which each question of the final analysis was first on the wall:
    a listed question of the replay stands for the final question most of its posts got
    (at least half)."""
    for q in snap["questions"]:
        members = [f for f, lv in zip(final_of, live_of, strict=False) if lv == q["id"]]
        named = [f for f in members if f is not None]
        if not named:
            continue
        top = max(set(named), key=named.count)
        if named.count(top) * 2 >= len(members) and top not in listed:
            listed[top] = parse_time(snap["now"])


@contextmanager
def _complete(path: Path, written: list[str]) -> Iterator[Any]:
    """Write ``path`` under a temporary name and rename it when done, so an interrupted
    run leaves no half file; its name goes to ``written``."""
    part = path.with_name(f".{path.name}.part")
    try:
        with part.open("w", encoding="utf-8") as handle:
            yield handle
        part.replace(path)
    finally:
        part.unlink(missing_ok=True)
    written.append(path.name)
