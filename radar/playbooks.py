"""Scenario playbooks: load and validate the YAML files, match questions by meaning.

A playbook is one YAML file per scenario (``treinstoring.yaml``): title, description,
status, the content expert to ask, channels, example questions and prepared answers,
each answer with its own example questions and several wordings. The schema and the
problems :func:`check_playbooks` reports are in the README; each problem is one line
``<file>: <key>: <what is wrong>; <what to do>`` (list positions count from 0).

Matching is pure: :class:`PlaybookIndex` embeds every example question once and
scores cluster centroids against them. An answer's score is the mean cosine
similarity to its two nearest example questions (one lucky near-duplicate example
counts less than with the maximum; measured in the README); the playbook's general questions also count for the
answer whose own examples are nearest, at a small discount, so an answer's own
questions weigh first. Only playbooks with ``status: actief`` are matched; drafts
(``concept``) and archived ones are loaded and checked but never suggested.

Matching knows the scenario: generic questions ("krijg ik mijn geld terug?") exist in
several playbooks, and the right answer depends on the crisis at hand. The scenarios
in play are the configured ones (``playbook_scenarios``) or, when none are configured,
the playbooks that draw at least ``SCENARIO_SHARE`` of the leading playbook's matched
question volume. A question matches inside those first; an answer from another
playbook needs ``OFF_SCENARIO_MARGIN`` more (a second crisis still shows up).

Sentence embeddings see "is er nog een huurfiets bij het station?" close to "waar
vertrekt de bus bij het station?". So below ``STRONG_MATCH`` an answer also needs
lexical support: one of the cluster's keywords must occur in the answer's own words
(its example questions and wordings, compounds and inflections included); otherwise
the next answer is tried, and without one the question is a gap, which is the honest
call: nothing prepared talks about rental bikes.

>>> books = load_playbooks()
>>> sorted(b.id for b in books)[:3]
['datalek', 'extreme-weer', 'productterugroep']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

from radar.errors import PlaybookError
from radar.playbook_check import check_playbooks, same_text, scan_playbooks
from radar.playbook_words import supported, words

__all__ = [
    "Answer",
    "Match",
    "Playbook",
    "PlaybookIndex",
    "check_playbooks",
    "load_playbooks",
    "pick_wording",
    "shipped_playbook_dir",
    "supported",
    "words",
]

GENERAL_WEIGHT = 0.95  # a general question counts for its nearest answer at this discount
TOP_K = 2  # an answer's score: mean similarity to its TOP_K nearest example questions
SCENARIO_SHARE = 0.25  # a playbook is in play with this share of the leading one's matched volume
OFF_SCENARIO_MARGIN = 0.10  # a match outside the scenarios in play needs threshold + this
MATCHED_STATUS = "actief"  # concept (draft) and archief playbooks are checked, never suggested
STRONG_MATCH = 0.80  # from this score a match needs no shared keyword with the answer

Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Answer:
    """One prepared answer: example questions it addresses and several wordings."""

    id: str
    questions: tuple[str, ...]
    wordings: tuple[str, ...]
    playbook_id: str = ""


@dataclass(frozen=True)
class Playbook:
    """One scenario playbook as loaded from its YAML file."""

    id: str
    title: str
    description: str
    status: str
    expert: dict[str, str]
    channels: tuple[str, ...]
    questions: tuple[str, ...]
    answers: tuple[Answer, ...]
    path: Path | None = None

    @property
    def expert_label(self) -> str:
        """The expert on one line, e.g. ``'Jan (woordvoerder, jan@x.example)'``."""
        name = self.expert.get("name", "")
        rest = ", ".join(v for k in ("role", "contact") if (v := self.expert.get(k, "")))
        return f"{name} ({rest})" if name and rest else name or rest


@dataclass(frozen=True)
class Match:
    """The best prepared answer for one question cluster."""

    playbook_id: str
    playbook_title: str
    answer_id: str
    score: float
    expert: str
    example: str = ""  # the answer's example question nearest to the matched question
    in_scenario: bool = True  # False: matched outside the scenarios in play, on a clear margin


def shipped_playbook_dir() -> Path:
    """Folder of the example playbooks shipped with the package.

    >>> (shipped_playbook_dir() / "treinstoring.yaml").is_file()
    True
    """
    return Path(str(files("playbooks")))


# -- reading and checking: radar.playbook_check


def _build(path: Path, data: dict[str, Any]) -> Playbook:
    pid = data["id"]
    answers = tuple(
        Answer(
            id=a["id"],
            questions=tuple(q.strip() for q in a["questions"]),
            wordings=tuple(" ".join(w.split()) for w in a["wordings"]),
            playbook_id=pid,
        )
        for a in data["answers"]
    )
    return Playbook(
        id=pid,
        title=data["title"].strip(),
        description=" ".join((data.get("description") or "").split()),
        status=data.get("status") or "actief",
        expert={k: str(v).strip() for k, v in (data.get("expert") or {}).items() if v},
        channels=tuple(data.get("channels") or ()),
        questions=tuple(q.strip() for q in data["questions"]),
        answers=answers,
        path=path,
    )


def load_playbooks(directory: Path | None = None) -> list[Playbook]:
    """Load every playbook in a folder (``None``: the shipped ones), sorted by id.

    Raises :class:`PlaybookError` with the first problem when any file has one.

    >>> load_playbooks(Path("/nonexistent"))
    Traceback (most recent call last):
    ...
    radar.errors.PlaybookError: /nonexistent: folder not found; check the path or create the folder (run 'radar playbooks check /nonexistent' for all problems)
    """
    directory = shipped_playbook_dir() if directory is None else Path(directory)
    problems, parsed = scan_playbooks(directory)
    if problems:
        more = f"and {len(problems) - 1} more; " if len(problems) > 1 else ""
        raise PlaybookError(
            f"{problems[0]} ({more}run 'radar playbooks check {directory}' for all problems)"
        )
    return sorted((_build(path, data) for path, data in parsed), key=lambda b: b.id)


# -- matching ------------------------------------------------------------------------


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.atleast_2d(np.asarray(matrix, dtype=np.float32))
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


@dataclass(frozen=True)
class PlaybookIndex:
    """Example-question embeddings of every active answer, ready to match centroids.

    >>> words = ["trein", "bus", "geld", "stroom"]
    >>> def embed(texts):
    ...     return np.array([[float(w in t.lower()) for w in words] for t in texts])
    >>> book = Playbook("t", "Trein", "", "actief", {"name": "Jan"}, (), ("trein?",), (
    ...     Answer("bus", ("bus?", "een bus?", "welke bus?"), ("a", "b", "c"), "t"),
    ...     Answer("geld", ("geld?", "mijn geld?", "geld terug?"), ("d", "e", "f"), "t")))
    >>> index = PlaybookIndex.build([book], embed)
    >>> [m and m.answer_id for m in index.match(embed(["rijdt er een bus", "stroom"]), 0.5)]
    ['bus', None]
    """

    playbooks: tuple[Playbook, ...]
    examples: np.ndarray  # (n, d) unit rows, grouped by slot
    weights: np.ndarray  # (n,) 1.0 for an answer's own question, GENERAL_WEIGHT otherwise
    bounds: tuple[tuple[int, int], ...]  # rows [start, end) of each slot in ``examples``
    slots: tuple[tuple[int, int], ...]  # (playbook position, answer position) of each slot
    vocabulary: tuple[frozenset[str], ...] = ()  # the words of each slot's answer

    @classmethod
    def build(cls, playbooks: Sequence[Playbook], embed: Embed) -> PlaybookIndex:
        """Embed every example question once (one call to ``embed``)."""
        books = tuple(b for b in playbooks if b.status == MATCHED_STATUS)
        slots = [(p, a) for p, b in enumerate(books) for a in range(len(b.answers))]
        own = [list(books[p].answers[a].questions) for p, a in slots]
        general = [
            (p, q)
            for p, b in enumerate(books)
            for q in b.questions
            if not any(same_text(q) == same_text(x) for a in b.answers for x in a.questions)
        ]
        texts = [q for qs in own for q in qs] + [q for _, q in general]
        if not texts:
            return cls(books, np.zeros((0, 0), np.float32), np.zeros(0, np.float32), (), ())
        vocabulary = tuple(
            frozenset(words(" ".join(books[p].answers[a].questions + books[p].answers[a].wordings)))
            for p, a in slots
        )
        vectors = _unit_rows(embed(texts))
        starts = np.cumsum([0] + [len(qs) for qs in own])
        extra: list[list[int]] = [[] for _ in slots]
        for g, (p, _) in enumerate(general):
            row = vectors[starts[-1] + g]
            candidates = [s for s, (sp, _) in enumerate(slots) if sp == p]
            best = max(
                candidates, key=lambda s: float(np.max(vectors[starts[s] : starts[s + 1]] @ row))
            )
            extra[best].append(int(starts[-1] + g))
        rows: list[int] = []
        weights: list[float] = []
        bounds = []
        for s in range(len(slots)):
            begin = len(rows)
            rows += list(range(starts[s], starts[s + 1])) + extra[s]
            weights += [1.0] * int(starts[s + 1] - starts[s]) + [GENERAL_WEIGHT] * len(extra[s])
            bounds.append((begin, len(rows)))
        return cls(
            books,
            vectors[rows],
            np.asarray(weights, np.float32),
            tuple(bounds),
            tuple(slots),
            vocabulary,
        )

    def answer(self, playbook_id: str, answer_id: str) -> Answer:
        """The answer with these ids (``KeyError`` when unknown)."""
        book, answer = self.slots[self.slot(playbook_id, answer_id)]
        return self.playbooks[book].answers[answer]

    def slot(self, playbook_id: str, answer_id: str) -> int:
        """The column of this answer in :meth:`scores` (``KeyError`` when unknown)."""
        for i, (book, answer) in enumerate(self.slots):
            if (
                self.playbooks[book].id == playbook_id
                and self.playbooks[book].answers[answer].id == answer_id
            ):
                return i
        raise KeyError(f"{playbook_id}/{answer_id}")

    def scores(self, vectors: np.ndarray) -> np.ndarray:
        """Score of every answer slot for every vector: ``(len(vectors), len(slots))``.

        The score is the mean of the ``TOP_K`` highest (weighted) cosine similarities to
        the slot's example questions.
        """
        if not self.slots:
            return np.zeros((len(np.atleast_2d(vectors)), 0), np.float32)
        sims = (_unit_rows(vectors) @ self.examples.T) * self.weights
        top = [-np.sort(-sims[:, b:e], axis=1)[:, :TOP_K].mean(axis=1) for b, e in self.bounds]
        return np.stack(top, axis=1)

    def scenarios_in_play(
        self, scores: np.ndarray, threshold: float, volumes: Sequence[float] | None = None
    ) -> frozenset[str]:
        """Playbook ids whose answers draw at least ``SCENARIO_SHARE`` of the leading
        playbook's question volume (each question counts for its best match above
        ``threshold``, weighted by ``volumes``, its post count)."""
        if scores.size == 0:
            return frozenset()
        volume = np.ones(len(scores)) if volumes is None else np.asarray(volumes, float)
        drawn: dict[int, float] = {}
        for row, v in zip(scores, volume, strict=True):
            s = int(np.argmax(row))
            if float(row[s]) >= threshold:
                p = self.slots[s][0]
                drawn[p] = drawn.get(p, 0.0) + float(v)
        if not drawn:
            return frozenset()
        top = max(drawn.values())
        return frozenset(
            self.playbooks[p].id for p, v in drawn.items() if v >= SCENARIO_SHARE * top
        )

    def match(
        self,
        vectors: np.ndarray,
        threshold: float,
        volumes: Sequence[float] | None = None,
        scenarios: Sequence[str] = (),
        keywords: Sequence[Sequence[str]] | None = None,
    ) -> list[Match | None]:
        """Best answer per vector (L2-normalised centroid), or ``None`` below ``threshold``.

        ``scenarios`` are the playbook ids in play (empty: inferred from all vectors
        together, weighted by ``volumes``); answers outside them need
        ``threshold + OFF_SCENARIO_MARGIN``. With ``keywords`` (per vector, e.g. the
        cluster's c-TF-IDF words), a match below ``STRONG_MATCH`` needs one of them in
        the answer's own words.
        """
        vectors = np.asarray(vectors)
        if vectors.size == 0 or not self.slots:
            return [None] * (len(vectors) if vectors.ndim == 2 else 0)
        scores = self.scores(vectors)
        in_play = frozenset(scenarios) or self.scenarios_in_play(scores, threshold, volumes)
        inside = np.array([self.playbooks[p].id in in_play for p, _ in self.slots])
        needed = np.where(inside, threshold, threshold + OFF_SCENARIO_MARGIN)
        out: list[Match | None] = []
        for i, (vector, row) in enumerate(zip(vectors, scores, strict=True)):
            row = np.nan_to_num(row, nan=-1.0)
            cluster_words = keywords[i] if keywords is not None else None
            # by score, an answer outside the scenarios in play counting the margin less:
            # a weak in-scenario answer still loses to a near-perfect one of a second crisis
            order = sorted(range(len(row)), key=lambda s: needed[s] - row[s])
            chosen = next(
                (
                    s
                    for s in order
                    if row[s] >= needed[s]
                    and (
                        cluster_words is None
                        or row[s] >= STRONG_MATCH
                        or supported(cluster_words, self.vocabulary[s])
                    )
                ),
                None,
            )
            if chosen is None:
                out.append(None)
                continue
            book = self.playbooks[self.slots[chosen][0]]
            answer = book.answers[self.slots[chosen][1]]
            out.append(
                Match(
                    book.id,
                    book.title,
                    answer.id,
                    float(row[chosen]),
                    book.expert_label,
                    self._nearest_example(vector, chosen, answer),
                    bool(inside[chosen]),
                )
            )
        return out

    def nearest(self, vectors: np.ndarray) -> list[tuple[str, str, float]]:
        """(playbook id, answer id, score) of the best answer per vector, whatever the
        threshold: shown next to a gap so a person can judge the flag.

        >>> words = ["bus", "geld"]
        >>> def embed(texts):
        ...     return np.array([[float(w in t) for w in words] for t in texts])
        >>> book = Playbook("t", "Trein", "", "actief", {}, (), (), (
        ...     Answer("bus", ("bus?", "een bus?"), ("a", "b", "c"), "t"),
        ...     Answer("geld", ("geld?", "geld terug?"), ("d", "e", "f"), "t")))
        >>> PlaybookIndex.build([book], embed).nearest(embed(["bus geld"]))
        [('t', 'bus', 0.707)]
        """
        if not self.slots or np.asarray(vectors).size == 0:
            return []
        out = []
        for row in np.nan_to_num(self.scores(vectors), nan=-1.0):
            s = int(np.argmax(row))
            book = self.playbooks[self.slots[s][0]]
            out.append((book.id, book.answers[self.slots[s][1]].id, round(float(row[s]), 3)))
        return out

    def _nearest_example(self, vector: np.ndarray, slot: int, answer: Answer) -> str:
        """The answer's own example question nearest to ``vector`` (shown as evidence)."""
        begin, end = self.bounds[slot]
        own = begin + len(answer.questions)
        sims = self.examples[begin:own] @ _unit_rows(vector)[0]
        return answer.questions[int(np.argmax(sims))] if len(sims) else ""


def pick_wording(
    answer: Answer, last_used: Mapping[str, float], playbook_id: str | None = None
) -> tuple[str, str]:
    """The least recently used wording as ``(key, text)``; never-used first, ties by position.

    The key is ``"<playbook>/<answer>/<position>"``; the caller stores the time of use.

    >>> a = Answer("bus", ("q",), ("Eén", "Twee", "Drie"), "trein")
    >>> pick_wording(a, {})
    ('trein/bus/0', 'Eén')
    >>> pick_wording(a, {"trein/bus/0": 5.0, "trein/bus/1": 3.0, "trein/bus/2": 4.0})
    ('trein/bus/1', 'Twee')
    """
    pid = answer.playbook_id if playbook_id is None else playbook_id
    keys = [f"{pid}/{answer.id}/{i}" for i in range(len(answer.wordings))]
    best = min(range(len(keys)), key=lambda i: (last_used.get(keys[i], -math.inf), i))
    return keys[best], answer.wordings[best]
