"""Offline analysis of a JSONL or CSV file: ``radar analyze FILE --out DIR``.

Writes ``DIR/mentions.jsonl`` (one line per input line, input columns passed
through, plus ``id``, ``lang``, ``is_question``, ``question_score``, ``sentiment``,
``sentiment_score``, ``topic``, ``question_cluster``), ``DIR/snapshot.json`` and
``DIR/report.md``. The radar clock is the newest mention; the window spans the file.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
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
from radar.report import render_report

log = logging.getLogger(__name__)

MAX_BINS = 720


@dataclass
class AnalyzeResult:
    rows: int
    skipped: int
    snapshot: dict[str, Any]
    out_dir: Path
    duplicates: int = 0  # exact and near duplicates, counted as copies of their original


def load_file(
    path: Path,
    fields: FieldMap,
    on_skip: Callable[[InputFileError], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> tuple[list[dict[str, Any]], list[Mention], int]:
    """Input rows and their mentions, aligned; each bad line is reported in one line
    (``on_skip``, default: a log warning) and skipped. The first row decides whether the
    text column (and a named time column) exists; a file without times is a warning
    (``on_warning``) that names its time-like columns."""
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
            mentions.append(row_to_mention(row, f"{path}:{number}", fields))
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
) -> AnalyzeResult:
    """Run every stage offline over one file and write the three outputs."""
    from tqdm import tqdm

    path, out_dir, fields = Path(path), Path(out_dir), fields or FieldMap()
    rows, mentions, skipped = load_file(path, fields, on_skip, on_warning)
    # one line out per line in, but a retweet or a syndicated copy is clustered once,
    # as its original with a copy count, as the live ingest does
    duplicate = duplicates_of(mentions)
    enricher = Enricher(settings, embedder)
    enriched: list[EnrichedMention] = []
    for m in tqdm(mentions, desc="enrich", unit="msg", disable=not show_progress, leave=False):
        enriched.append(enricher.annotate(m))
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
    run_settings = analysis_settings(settings, [m.published for m in enriched])
    radar = Radar(run_settings, playbooks)
    now = max(m.published for m in enriched)
    if show_progress:
        print(f"clustering {len(unique)} mentions …", flush=True)
    snapshot = radar.refresh(unique, vectors, now)
    position = {i: k for k, i in enumerate(originals)}
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "mentions.jsonl").open("w", encoding="utf-8") as handle:
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
    (out_dir / "snapshot.json").write_text(
        json.dumps(snapshot, ensure_ascii=False, indent=1), "utf-8"
    )
    (out_dir / "report.md").write_text(render_report(snapshot), "utf-8")
    return AnalyzeResult(
        rows=len(rows),
        skipped=skipped,
        snapshot=snapshot,
        out_dir=out_dir,
        duplicates=len(rows) - len(originals),
    )
