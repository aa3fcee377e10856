"""The snapshot document: everything the wall needs, in one JSON object.

The radar loop writes it; the wall only reads it and does no model work. Times
are ISO 8601 strings in UTC (``2026-11-22T07:45:00Z``). Version 1 fields::

    {
      "version": 1,
      "generated": ISO time the loop wrote it (wall clock, for the freshness indicator),
      "now": ISO time of the radar clock (wall clock, or latest mention in a drill),
      "refresh_seconds": 10.0,
      "window": {"start": ISO, "end": ISO, "hours": 6.0, "bin_minutes": 1.0},
      "totals": {"mentions": 612, "questions": 240, "negative": 250, "neutral": 300,
                 "positive": 62, "pending": 0},
      "bins": [ {"start": ISO, "mentions": 5, "questions": 2, "negative": 3, "neutral": 1,
                 "positive": 1, "sentiment": -0.31}, ... ],        # oldest first, every bin
      "questions": [ Cluster, ... ],                                 # dominant questions, ranked
      "topics": [ Cluster, ... ],                                    # all mentions, by size
      "alerts": [ {"kind": "spike" | "new_question" | "sentiment_swing", "cluster": id | null,
                   "message": "3.2x the last hour; 41 posts in 10 min", "since": ISO}, ... ],
      "alert_log": [ every alert onset in the window, oldest first, also of alerts that
                     have ended: {"kind", "cluster", "message", "since", ...} ],
      "gaps": [ cluster ids of dominant questions without a prepared answer ]
    }

    Cluster = {
      "id": "q-3f2a",                 # stable id (string)
      "kind": "question" | "topic",
      "rank": 1,
      "label": "vervangende bussen",  # short, from keywords
      "keywords": ["bus", "vervangend", ...],
      "representative": "Rijden er vervangende bussen tussen Utrecht en Amersfoort?",
      "examples": [up to 3 other member texts],
      "representative_id": "3f9a…", "example_ids": [...],  # mention ids (operator corrections)
      "size": 41,                     # mentions in the window
      "recent": 12,                   # mentions in the last 15 minutes
      "growth": 2.1,                  # recent rate / earlier rate (1.0 = flat)
      "sentiment": {"negative": 0.6, "neutral": 0.3, "positive": 0.1, "mean": -0.42},
      "first_seen": ISO, "last_seen": ISO,
      "counts": [per-bin counts aligned with the top-level "bins"],
      "state": "new" | "growing" | "stable" | "fading",
      "playbook": null | {"id": "treinstoring", "title": "Treinstoring",
                          "answer_id": "vervangend-vervoer", "answer": "wording text",
                          "expert": "...", "score": 0.72, "wording_key": "…/0",
                          "example": "the answer's example question it rests on",
                          "in_scenario": true},
      "gap": true when kind == "question" and playbook is null,
      "nearest": {"id": "treinstoring", "answer_id": "oorzaak", "score": 0.55},  # gaps only
      "score": 12.4, "reason": "12 in 15 min, 41 in venster, groei 2.1×; nieuw",  # questions
      # set only on clusters an operator touched (radar/operator.py):
      "variants": [{"id", "headline", "size"}],  # same-answer clusters shown as this one
                                                  # (radar/fold.py); questions only
      "renamed": true, "merged": [ids folded into this one],
      "published": {"at": ISO, "channel": "X", "wording": "...", "wording_key": "...",
                    "playbook_id": "...", "answer_id": "..."},
      "after_publish": {"before_rate": 8.0, "after_rate": 3.0, "change": -0.62, "minutes": 30}
    }

Top level also has ``refresh_ms`` (what the refresh cost).
"""

from __future__ import annotations

SNAPSHOT_VERSION = 1
RECENT_MINUTES = 15
