"""The bundled Dutch drill: a rail outage in the morning rush, as a stream of posts.

The project's own demo data, generated from templates (no external data). Three
hours from ``start``: a signal failure around Utrecht at minute 2 brings complaints
and reports, then questions emerge one after another (do trains still run, is
there replacement transport, do I get my money back, what is the cause, how long
will it take, a statement for my employer); at minute 100 a second failure near
Amersfoort brings a burst of angry posts, and people ask about renting an OV-fiets
(a question the treinstoring playbook has no prepared answer for); from minute 148
trains run again and relief follows. News headlines, neutral tips and off-topic
noise run alongside. Arrivals are Poisson with a shared, gamma-distributed
burstiness per minute; the rate of each wave follows the storyline.

Each post has ``text``, ``published`` (ISO 8601 UTC), ``source``, ``author``,
``url``, ``scenario_label`` (ground-truth intent) and ``scenario_sentiment``.

>>> from datetime import datetime, timezone
>>> rows = generate_rail_outage(datetime(2026, 11, 22, 5, 30, tzinfo=timezone.utc))
>>> 600 <= len(rows) <= 900, rows[0]["published"] >= "2026-11-22T05:30:00Z"
(True, True)
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from radar import _scenario_templates as T

SCENARIO_MINUTES = 180
FIRST_FAILURE = 2
SECOND_FAILURE = 100
RECOVERY = 148

#: Question intents in the order they emerge, with the minute each one starts.
QUESTION_INTENTS: tuple[tuple[str, int], ...] = (
    ("vraag-rijden", 10),
    ("vraag-vervangend-vervoer", 35),
    ("vraag-geld-terug", 60),
    ("vraag-oorzaak", 68),
    ("vraag-hoe-lang", 78),
    ("vraag-verklaring", 88),
    ("vraag-ov-fiets", 104),
)

#: Default sentiment of each label (questions turn negative when an annoyed remark is added).
LABEL_SENTIMENT = {
    **{label: "neutral" for label, _ in QUESTION_INTENTS},
    "klacht-stilstand": "negative",
    "boos": "negative",
    "opluchting": "positive",
    "info": "neutral",
    "nieuws": "neutral",
    "ruis": "neutral",
}

#: Share of questions with an annoyed remark: before the second failure, during it, after recovery.
ANNOYED_SHARE = (0.15, 0.45, 0.08)
ENGLISH_SHARE = 0.05
SOURCES = (("x", 0.5), ("facebook", 0.2), ("instagram", 0.1), ("forum", 0.2))


@dataclass(frozen=True)
class Wave:
    """Posts of one label: rate rises linearly to ``peak`` per minute, then decays.

    >>> Wave("boos", onset=10, peak=4.0, rise=2, decay=10, end=60).rate(np.array([5.0, 11.0, 12.0]))
    array([0., 2., 4.])
    """

    label: str
    onset: float
    peak: float
    rise: float
    decay: float
    end: float

    def rate(self, minute: np.ndarray) -> np.ndarray:
        """Expected posts per minute at each (fractional) minute."""
        since = minute - self.onset
        ramp = np.clip(since / self.rise, 0.0, 1.0)
        fall = np.exp(-np.clip(since - self.rise, 0.0, None) / self.decay)
        return np.where((since >= 0) & (minute < self.end), self.peak * ramp * fall, 0.0)


STORY: tuple[Wave, ...] = (
    Wave("klacht-stilstand", FIRST_FAILURE, 2.6, 5, 30, RECOVERY),
    Wave("klacht-stilstand", SECOND_FAILURE, 1.8, 2, 15, RECOVERY),
    Wave("boos", SECOND_FAILURE, 4.5, 3, 12, RECOVERY + 5),
    Wave("vraag-rijden", 10, 2.2, 8, 25, RECOVERY),
    Wave("vraag-rijden", SECOND_FAILURE + 1, 1.0, 3, 15, RECOVERY),
    Wave("vraag-vervangend-vervoer", 35, 1.9, 8, 25, RECOVERY),
    Wave("vraag-vervangend-vervoer", SECOND_FAILURE + 2, 0.7, 3, 15, RECOVERY),
    Wave("vraag-geld-terug", 60, 1.5, 10, 40, SCENARIO_MINUTES),
    Wave("vraag-geld-terug", RECOVERY + 3, 0.8, 5, 15, SCENARIO_MINUTES),
    Wave("vraag-oorzaak", 68, 1.8, 6, 20, RECOVERY),
    Wave("vraag-oorzaak", SECOND_FAILURE + 1, 1.3, 3, 12, RECOVERY - 8),
    Wave("vraag-hoe-lang", 78, 1.6, 6, 25, RECOVERY),
    Wave("vraag-hoe-lang", SECOND_FAILURE + 2, 1.2, 3, 15, RECOVERY),
    Wave("vraag-verklaring", 88, 1.8, 8, 30, SCENARIO_MINUTES - 10),
    Wave("vraag-ov-fiets", 104, 3.2, 4, 15, RECOVERY - 3),
    Wave("opluchting", RECOVERY + 1, 3.5, 5, 15, SCENARIO_MINUTES),
    Wave("info", 5, 0.3, 1, 1e9, SCENARIO_MINUTES),
    Wave("ruis", 0, 0.22, 0.01, 1e9, SCENARIO_MINUTES),
)

#: Headlines (minute, kind of news) of the storyline.
NEWS_SCHEDULE: tuple[tuple[int, str], ...] = (
    (6, "first"), (13, "first"), (27, "first"), (39, "buses"), (52, "buses"), (73, "cause"),
    (86, "cause"), (102, "second"), (105, "second"), (117, "second"), (151, "recovery"),
    (163, "recovery"),
)  # fmt: skip


def _utc(start: datetime) -> datetime:
    """``start`` in UTC; a naive datetime is taken as UTC."""
    return start.replace(tzinfo=UTC) if start.tzinfo is None else start.astimezone(UTC)


def _arrivals(rng: np.random.Generator) -> list[tuple[float, str]]:
    """(seconds since start, label) of every post, sorted."""
    minutes = np.arange(SCENARIO_MINUTES, dtype=float)
    burst = rng.gamma(6.0, 1 / 6.0, size=SCENARIO_MINUTES)  # shared burstiness, mean 1
    events: list[tuple[float, str]] = []
    for wave in STORY:
        counts = rng.poisson(wave.rate(minutes + 0.5) * burst)
        for minute in np.flatnonzero(counts):
            offsets = rng.uniform(0.0, 60.0, size=counts[minute])
            events += [(minute * 60.0 + float(o), wave.label) for o in offsets]
    for minute, kind in NEWS_SCHEDULE:
        events.append((minute * 60.0 + float(rng.uniform(0.0, 60.0)), f"nieuws:{kind}"))
    events.sort()
    return events


def _typo(text: str, rnd: random.Random) -> str:
    """Swap two neighbouring letters in one longer word."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not long:
        return text
    i = rnd.choice(long)
    w = words[i]
    j = rnd.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def _fill(template: str, rnd: random.Random, minute: float, local: float = 0.6) -> str:
    """Fill the slots of one template; ``{a}`` is on the failing site with chance ``local``."""
    site = T.SECOND_SITE if minute >= SECOND_FAILURE else T.FIRST_SITE
    a = rnd.choice(site if rnd.random() < local else T.STATIONS)
    b = rnd.choice([s for s in T.STATIONS if not s.startswith(a.split()[0])])
    early = int(minute) + 30  # the scenario runs from about 6:30 local time
    k = rnd.randint(early, early + 40)
    return template.format(
        a=a,
        b=b,
        s=rnd.choice(site),
        t=f"{6 + k // 60}:{k % 60:02d}",
        n=rnd.randint(10, 25) + int(minute) // 4,
        e=rnd.choice(T.EMOJI),
    )


def _text(label: str, minute: float, rnd: random.Random) -> tuple[str, str]:
    """(text, sentiment) of one post."""
    sentiment = LABEL_SENTIMENT[label]
    if label in T.ENGLISH and rnd.random() < ENGLISH_SHARE:
        return _fill(rnd.choice(T.ENGLISH[label]), rnd, minute), sentiment
    if label in T.QUESTIONS:
        text = rnd.choice(T.OPENERS) + _fill(rnd.choice(T.QUESTIONS[label]), rnd, minute)
        phase = 0 if minute < SECOND_FAILURE else 1 if minute < RECOVERY else 2
        if rnd.random() < ANNOYED_SHARE[phase]:
            text, sentiment = text + rnd.choice(T.ANNOYED), "negative"
        else:
            text += rnd.choice(T.CLOSERS)
    else:
        table = {
            "klacht-stilstand": T.COMPLAINTS,
            "boos": T.ANGRY,
            "opluchting": T.RELIEF,
            "info": T.INFO,
            "ruis": T.NOISE,
        }[label]
        text = _fill(rnd.choice(table), rnd, minute)
    if rnd.random() < 0.08:
        text = _typo(text, rnd)
    if rnd.random() < 0.1:
        text = text.lower()
    if rnd.random() < 0.12 and text.endswith("?"):
        text = text.rstrip("?")
    return text, sentiment


def _author(rnd: random.Random) -> str:
    """A fictional handle: most people post once or twice, a few post often."""
    i = rnd.randrange(600) if rnd.random() < 0.9 else int(rnd.paretovariate(0.8)) - 1
    name = T.NAMES[i % len(T.NAMES)]
    suffix = T.HANDLE_SUFFIXES[(i // len(T.NAMES)) % len(T.HANDLE_SUFFIXES)]
    return f"@{name}{suffix}{i // 330 or ''}"


def _post(n: int, seconds: float, label: str, t0: datetime, rnd: random.Random) -> dict[str, Any]:
    """One post as a dict (see the module docstring)."""
    minute = seconds / 60.0
    published = (t0 + timedelta(seconds=int(seconds))).strftime("%Y-%m-%dT%H:%M:%SZ")
    if label.startswith("nieuws:"):
        text = _fill(rnd.choice(T.NEWS[label.split(":", 1)[1]]), rnd, minute, local=1.0)
        slug = "-".join(text.lower().replace(":", "").split()[:5])
        return {
            "text": text,
            "published": published,
            "source": "nieuws-rss",
            "author": rnd.choice(T.NEWS_OUTLETS),
            "url": f"https://nieuws.example/artikel/{slug}-{1000 + n}",
            "scenario_label": "nieuws",
            "scenario_sentiment": "neutral",
        }
    text, sentiment = _text(label, minute, rnd)
    source = rnd.choices([s for s, _ in SOURCES], weights=[w for _, w in SOURCES])[0]
    post_id = 7_300_000 + n * 13
    url = {
        "x": f"https://social.example/p/{post_id}",
        "facebook": f"https://facebook.example/posts/{post_id}",
        "instagram": f"https://photos.example/p/{post_id}",
        "forum": f"https://forum.example/t/treinstoring/{post_id}",
    }[source]
    return {
        "text": text,
        "published": published,
        "source": source,
        "author": _author(rnd),
        "url": url,
        "scenario_label": label,
        "scenario_sentiment": sentiment,
    }


def generate_rail_outage(start: datetime, seed: int = 7) -> list[dict[str, Any]]:
    """The rail-outage drill: about 750 posts over three hours from ``start``, sorted by time.

    Deterministic for a seed. ``start`` is converted to UTC (naive = UTC).

    >>> from datetime import datetime
    >>> rows = generate_rail_outage(datetime(2026, 11, 22, 5, 30), seed=1)
    >>> rows == generate_rail_outage(datetime(2026, 11, 22, 5, 30), seed=1)
    True
    >>> sorted(rows[0])
    ['author', 'published', 'scenario_label', 'scenario_sentiment', 'source', 'text', 'url']
    """
    t0 = _utc(start)
    rng = np.random.default_rng(seed)
    rnd = random.Random(seed)
    return [_post(n, seconds, label, t0, rnd) for n, (seconds, label) in enumerate(_arrivals(rng))]


def write_scenario_jsonl(rows: Iterable[dict[str, Any]], path: Path | str) -> Path:
    """Write posts as JSON Lines (UTF-8, one object per line); returns the path.

    >>> import tempfile
    >>> out = write_scenario_jsonl([{"text": "Rijdt de trein?"}], Path(tempfile.mkdtemp()) / "d.jsonl")
    >>> out.read_text(encoding="utf-8")
    '{"text": "Rijdt de trein?"}\\n'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
