"""A real radar over real stored mentions, for browser tests of the operator view.

The playbook is written to a folder so the radar (matching) and the web app
(wordings, channels) read the same file; the embedder is the hashing one and
the clusterer groups by first word (``tests/fakes.py``), so the test is fast and
deterministic while the snapshot comes from a real :class:`radar.refresh.Radar`.
"""

from __future__ import annotations

import time
from pathlib import Path

from clustering.embedders import HashingEmbedder
from radar.config import Settings
from radar.enrichment import Enricher
from radar.loop import refresh_once
from radar.model import Mention
from radar.playbooks import PlaybookIndex, load_playbooks
from radar.refresh import Radar
from tests.fakes import by_first_word

TOKEN = "s3cret-operator-token"
EMBEDDER = HashingEmbedder()

PLAYBOOK = """\
id: treinstoring
title: Treinstoring
description: Minder of geen treinen door een storing.
status: actief
expert:
  name: Marieke de Boer
  role: verkeersleiding
  contact: intern 4410
channels: [X, Facebook, website]
questions:
  - Rijden er nog treinen naar Utrecht?
  - Rijden er nog treinen naar Amersfoort?
  - Rijden de treinen weer?
  - Krijg ik mijn geld terug?
  - Hoe krijg ik mijn geld terug?
answers:
  - id: treinverkeer
    questions:
      - Rijden er nog treinen naar station Utrecht?
      - Rijden er nog treinen naar station Zwolle?
      - Rijden er nog treinen naar het station?
    wordings:
      - Op het traject rijden minder treinen; kijk in de reisplanner per rit.
      - Door de storing rijdt maar een deel van de treinen; de app toont per rit de stand.
      - Er rijden nu minder treinen. Check vlak voor vertrek de reisplanner in de app.
  - id: geld-terug
    questions:
      - Krijg ik mijn geld terug?
      - Hoe krijg ik mijn geld terug na vertraging?
      - Krijg ik geld terug voor mijn kaartje?
    wordings:
      - Bij 30 minuten vertraging of meer krijg je geld terug via Mijn Reizen.
      - Had je 30 minuten of meer vertraging? Vraag je geld terug via Mijn Reizen.
      - Geld terug kan bij 30 minuten vertraging of meer, via Mijn Reizen.
"""


def write_playbook(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "treinstoring.yaml").write_text(PLAYBOOK, encoding="utf-8")
    return folder


def radar_settings(settings: Settings, playbook_dir: Path, **changes) -> Settings:
    return settings.replace(
        operator_token=TOKEN,
        playbook_dir=str(playbook_dir),
        playbook_threshold=0.3,
        window_hours=1.0,
        refresh_seconds=1.0,
        **changes,
    )


def seed_mentions(store, settings: Settings, now: float | None = None) -> None:
    """Questions that cluster as 'rijden' and 'krijg' (each its own answer), 'waar' (a near
    match) and 'welke' (no prepared answer: a gap), plus noise."""
    now = time.time() if now is None else now
    rows = [
        (f"Rijden er nog treinen naar station {i}?", now - 50 * 60 + 150 * i) for i in range(14)
    ]
    rows += [
        (f"Waar kan ik mijn auto parkeren bij P{i}?", now - 20 * 60 + 90 * i) for i in range(6)
    ]
    rows += [(f"Krijg ik mijn geld terug voor rit {i}?", now - 40 * 60 + 200 * i) for i in range(8)]
    rows += [
        (f"Welke pendelbussen stoppen bij Culemborg {i}?", now - 30 * 60 + 120 * i)
        for i in range(5)
    ]
    rows += [(f"Alweer vertraging, schandalig {i}!", now - 45 * 60 + 240 * i) for i in range(6)]
    mentions = [Mention.create(text, source="x", published=ts) for text, ts in rows]
    enriched, vectors = Enricher(settings, EMBEDDER).enrich(mentions)
    store.save_enriched(enriched, vectors)


def build_radar(settings: Settings) -> Radar:
    index = PlaybookIndex.build(load_playbooks(Path(settings.playbook_dir)), EMBEDDER.embed)
    return Radar(settings, index, clusterer=by_first_word)


def refresh(store, radar: Radar, settings: Settings) -> dict:
    snapshot = refresh_once(store, radar, settings)
    assert snapshot is not None
    return snapshot


def question(snapshot: dict, first_word: str) -> dict:
    return next(q for q in snapshot["questions"] if q["keywords"][:1] == [first_word])
