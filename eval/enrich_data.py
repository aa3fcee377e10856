"""Labelled real sets for the enrichment heads, and the worker's features for them.

Texts stay in the shared data folder; only vectors are cached on disk
(``$RADAR_EMBED_CACHE``, else ``/work/cache/heads``), one ``.npz`` per embedder
holding a text-hash → vector table.

Every post goes through the worker's own path (:meth:`radar.enrichment.Enricher.annotate`
and :meth:`~radar.enrichment.Enricher.embedding_texts`), so the heads are trained
on the features they see in production: the rule language, the rule question score
and the vector of the embedding text.

Sets:

- ``nl_posts``: agreed labels ``q`` (info → 1, rhetorical/none → 0) and ``s``;
- ``crisislex_q``: ``eval/question_labels.tsv`` joined with CrisisLex T26;
- ``xlmt``: UMSAB tweets, six languages, train/val/test (0 neg, 1 neu, 2 pos);
- ``tweeteval``: SemEval-2017 English tweets, val/test;
- ``xed_nl``: Dutch subtitle lines, emotions mapped to polarity.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval.question_devset import load_devset  # noqa: E402

SENTIMENT_NAMES = ("negative", "neutral", "positive")
XLMT_LANGS = ("english", "french", "german", "italian", "portuguese", "spanish")
NEGATIVE_EMOTIONS = {1, 3, 4, 6}  # anger, disgust, fear, sadness
POSITIVE_EMOTIONS = {5, 8}  # joy, trust
_ESCAPE = re.compile(r"(?:\\u[0-9a-fA-F]{4})+")


@dataclass
class Posts:
    """One labelled set: texts, labels and where each post comes from."""

    name: str
    ids: list[str]
    texts: list[str]
    labels: list[int]
    sources: list[str]
    langs: list[str] = field(default_factory=list)
    """The worker's language of each post (filled by :func:`featurise`)."""


def _unescape(text: str) -> str:
    """Literal ``\\uXXXX`` runs (surrogate pairs included) as the characters they spell.

    >>> _unescape("i\\\\u2019m \\\\ud83d\\\\ude02")
    'i’m 😂'
    """

    def decode(match: re.Match[str]) -> str:
        units = [int(part, 16) for part in match.group(0).split("\\u")[1:]]
        raw = b"".join(unit.to_bytes(2, "little") for unit in units)
        return raw.decode("utf-16-le", errors="replace")

    return _ESCAPE.sub(decode, text)


def short_source(source: str) -> str:
    """A readable name for an ``nl_posts`` source (``owner/repo@commit``)."""
    repo = source.split("@")[0].split("/")[-1].lower()
    names = {
        "clef2022-task1": "covid_tweets",
        "intimacy_score_detection_in_multilingual_tweets": "everyday_tweets",
        "jensencomments": "video_comments",
        "pattern": "book_reviews",
        "thesis": "reddit",
    }
    return names.get(repo, repo)


def load_nl_posts(data: Path, task: str) -> Posts:
    """``nl_posts`` with agreed labels only; ``task`` is ``"q"`` (info = 1) or ``"s"``."""
    rows = []
    with (data / "nl_posts" / "nl_posts.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            label = record[task]
            if label is None:
                continue
            value = int(label == "info") if task == "q" else SENTIMENT_NAMES.index(label)
            rows.append((record["id"], record["text"], value, short_source(record["source"])))
    ids, texts, labels, sources = (list(column) for column in zip(*rows, strict=True))
    return Posts(f"nl_posts_{task}", ids, texts, labels, sources)


def load_crisislex_questions(data: Path, readers: bool = False) -> Posts:
    """The hand-labelled CrisisLex T26 tweets of ``eval/question_labels.tsv``, or with
    ``readers`` the tweets two blind readers agreed on (``eval/question_readers/labels.tsv``,
    :mod:`eval.label_questions`)."""
    from eval.label_questions import OUT as READER_LABELS

    rows = load_devset(data, READER_LABELS) if readers else load_devset(data)
    return Posts(
        "crisislex_readers" if readers else "crisislex_q",
        [row[0] for row in rows],
        [row[1] for row in rows],
        [row[2] for row in rows],
        ["crisislex"] * len(rows),
    )


def load_crisislex_stream(data: Path, count: int, seed: int = 5) -> Posts:
    """``count`` CrisisLex tweets as the stream brings them but without a question mark or
    a request word (:func:`eval.label_questions.stratum` "other"), one per text, none that is
    labelled (or a copy of one), seeded: weak non-questions for the question head."""
    import random

    from eval.label_questions import stratum, unlabelled_tweets

    pool = unlabelled_tweets(data, lambda text: stratum(text) == "other")
    random.Random(seed).shuffle(pool)
    pool = pool[:count]
    return Posts(
        "crisislex_stream",
        [i for i, _ in pool],
        [t for _, t in pool],
        [0] * len(pool),
        ["crisislex"] * len(pool),
    )


def load_split(folder: Path, split: str, name: str, limit: int = 0) -> Posts:
    """``<split>_text.txt`` + ``<split>_labels.txt`` (every ``n``-th row when ``limit`` is set)."""
    texts = (folder / f"{split}_text.txt").read_text(encoding="utf-8").splitlines()
    labels = (folder / f"{split}_labels.txt").read_text(encoding="utf-8").split()
    pairs = list(zip(texts, labels, strict=True))
    if limit and len(pairs) > limit:
        step = len(pairs) / limit
        pairs = [pairs[int(i * step)] for i in range(limit)]
    return Posts(
        name,
        [f"{name}:{i}" for i in range(len(pairs))],
        [_unescape(text.strip()) for text, _ in pairs],
        [int(label) for _, label in pairs],
        [name] * len(pairs),
    )


def load_xlmt(data: Path, split: str) -> Posts:
    """All six UMSAB languages of one split, the language as the source."""
    parts = [load_split(data / "xlmt_sentiment" / lang, split, lang) for lang in XLMT_LANGS]
    return _concat(f"xlmt_{split}", parts)


def load_tweeteval(data: Path, split: str, limit: int = 0) -> Posts:
    return load_split(data / "tweeteval_sentiment", split, f"tweeteval_{split}", limit)


def polarity(emotions: set[int]) -> int | None:
    """0 negative / 2 positive from Plutchik ids; None when mixed or neither."""
    negative = bool(emotions & NEGATIVE_EMOTIONS)
    positive = bool(emotions & POSITIVE_EMOTIONS)
    if negative == positive:
        return None
    return 0 if negative else 2


def load_xed(data: Path) -> Posts:
    """Dutch XED lines with a clear polarity (negative 0, positive 2)."""
    rows = []
    with (data / "xed_nl" / "nl-projections.tsv").open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            text, _, ids = line.rstrip("\n").rpartition("\t")
            emotions = {int(part) for part in ids.replace(" ", "").split(",") if part.isdigit()}
            label = polarity(emotions)
            if text and label is not None:
                rows.append((f"xed:{number}", text, label))
    return Posts(
        "xed_nl",
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        ["xed_nl"] * len(rows),
    )


def load_clinc_requests(data: Path, count: int, seed: int = 0) -> Posts:
    """``count`` CLINC150 training queries outside small talk and meta, all taken as requests.

    Weak labels: every in-scope CLINC query was written as a request to a service
    ("what is my balance", "book a table for two"), mostly without a question mark.
    """
    full = json.loads((data / "clinc150" / "data_full.json").read_text(encoding="utf-8"))
    domains = json.loads((data / "clinc150" / "domains.json").read_text(encoding="utf-8"))
    skip = set(domains["small_talk"]) | set(domains["meta"])
    texts = [text for text, intent in full["train"] if intent not in skip]
    random.Random(seed).shuffle(texts)
    texts = texts[:count]
    return Posts(
        "clinc_requests",
        [f"clinc:{i}" for i in range(len(texts))],
        texts,
        [1] * len(texts),
        ["clinc"] * len(texts),
    )


def load_hwu(data: Path) -> Posts:
    """The HWU64 fold: home-assistant requests and questions, all information needs."""
    with (data / "hwu64" / "hwu64_kfold1_test.csv").open(encoding="utf-8", newline="") as handle:
        texts = [record["text"] for record in csv.DictReader(handle)]
    return Posts(
        "hwu64",
        [f"hwu:{i}" for i in range(len(texts))],
        texts,
        [1] * len(texts),
        ["hwu64"] * len(texts),
    )


def _concat(name: str, parts: Sequence[Posts]) -> Posts:
    return Posts(
        name,
        [i for p in parts for i in p.ids],
        [t for p in parts for t in p.texts],
        [label for p in parts for label in p.labels],
        [s for p in parts for s in p.sources],
    )


# --- cached embedding ---------------------------------------------------------------


def cache_dir() -> Path:
    """``$RADAR_EMBED_CACHE``, else ``/work/cache/heads`` when /work/cache exists."""
    if os.environ.get("RADAR_EMBED_CACHE"):
        return Path(os.environ["RADAR_EMBED_CACHE"])
    if Path("/work/cache").is_dir():
        return Path("/work/cache/heads")
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "crisis-radar-heads"


class CachedEmbedder:
    """An embedder whose vectors are kept on disk by text hash (only vectors, no texts)."""

    def __init__(self, inner, path: Path):  # noqa: ANN001 - any Embedder
        self.inner = inner
        self.name = inner.name
        self.path = path
        self.table: dict[str, np.ndarray] = {}
        if path.exists():
            with np.load(path) as stored:
                for key, row in zip(stored["keys"], stored["vectors"], strict=True):
                    self.table[str(key)] = row
        self._dirty = False

    @staticmethod
    def key(text: str) -> str:
        return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self.key(text) for text in texts]
        missing = sorted(
            {k: t for k, t in zip(keys, texts, strict=True) if k not in self.table}.items()
        )
        for start in range(0, len(missing), 512):
            chunk = missing[start : start + 512]
            vectors = self.inner.embed([text for _, text in chunk])
            for (k, _), row in zip(chunk, vectors, strict=True):
                self.table[k] = np.asarray(row, dtype=np.float32)
            self._dirty = True
            if len(missing) > 512:
                print(f"  embedded {start + len(chunk)}/{len(missing)}", file=sys.stderr)
        if self._dirty:
            self.save()
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack([self.table[k] for k in keys])

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self.table), dtype="U24")
        vectors = np.vstack(list(self.table.values())) if self.table else np.zeros((0, 0))
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=keys, vectors=vectors)
        tmp.replace(self.path)
        self._dirty = False


def cached_embedder(spec: str = "use-multilingual") -> CachedEmbedder:
    from clustering.embedders import get_embedder

    safe = re.sub(r"[^\w.-]+", "_", spec)
    return CachedEmbedder(get_embedder(spec), cache_dir() / f"vectors-{safe}.npz")


@dataclass
class Features:
    """The worker's view of a set: rule outputs per post and the embedding matrix."""

    posts: Posts
    vectors: np.ndarray
    rule_q: np.ndarray
    """Rule question score (what the worker computes today)."""
    rule_s: np.ndarray
    """Lexicon sentiment score in [-1, 1]."""
    rule_label: list[str]
    cues: np.ndarray
    """:func:`radar.enrich.heads.question_cues` of each post."""
    lexicon: np.ndarray
    """:func:`radar.enrich.heads.sentiment_cues` of each post."""


def featurise(posts: Posts, embedder) -> Features:  # noqa: ANN001 - any Embedder
    """Run the worker's annotate + embedding-text path over a set and embed it."""
    from radar.config import Settings
    from radar.enrich.heads import question_cues, sentiment_cues
    from radar.enrichment import Enricher
    from radar.model import Mention, strip_urls

    enricher = Enricher(Settings(), embedder, pseudonym_key=b"eval")
    enriched = [enricher.annotate(Mention.create(text, source="eval")) for text in posts.texts]
    posts.langs = [m.lang or "unknown" for m in enriched]
    vectors = embedder.embed(enricher.embedding_texts(enriched))
    rows = list(zip(posts.texts, enriched, strict=True))
    # as radar.enrichment.apply_heads: the raw post, the URL-free text for the lexicon
    return Features(
        posts,
        vectors,
        np.array([m.question_score for m in enriched], dtype=np.float32),
        np.array([m.sentiment_score for m in enriched], dtype=np.float32),
        [m.sentiment for m in enriched],
        np.vstack([question_cues(raw, m.lang or "", m.question_score) for raw, m in rows]),
        np.vstack(
            [sentiment_cues(strip_urls(raw), m.lang or "", m.question_score) for raw, m in rows]
        ),
    )
