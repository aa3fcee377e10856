"""What a cluster is called: a short phrase its members write, else its distinct keywords.

c-TF-IDF keywords say what sets a cluster apart, but three of them side by side read as a
salad ("hand, rijdt vanaf, informatie"). :func:`cluster_label` takes a phrase of two or
three words that many members write word for word and that holds a keyword (in the
posts' own language, spelling and capitals), and the keywords when no phrase is shared
that widely. Pure functions.

>>> members = ["Bussen vanaf Utrecht Centraal?", "rijden er bussen vanaf utrecht centraal",
...            "Waar vertrekken de bussen vanaf Utrecht Centraal?", "Bus naar Zwolle?"]
>>> cluster_label(members, ["bussen", "centraal", "utrecht"])
'Vanaf Utrecht Centraal'
>>> cluster_label(["ok", "ja", "nee"], ["ok", "ja"])
'ok, ja'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from clustering.stopwords import STOP_WORDS
from clustering.topics import NOT_WORDS
from radar.playbook_words import stem

PHRASE_SHARE = 0.3
"""A phrase names the cluster when at least this share of the members write it."""
PHRASE_WORDS = (2, 3)
NEAR_TOP = 0.8
"""A longer phrase wins only when nearly as many members write it as the most written."""
LABEL_SAMPLE = 300
"""Members (in window order) a label is read from."""
_WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_][\w'-]*")
"""A word of a label: a number with its separators ("10,000") or letters and digits."""


def word_set(label: str) -> set[str]:
    """The lower-case words of a label.

    >>> sorted(word_set("Typhoon Bopha (death)"))
    ['bopha', 'death', 'typhoon']
    """
    return {w.casefold() for w in _WORD.findall(label)}


def distinct_keywords(keywords: list[str], n: int) -> list[str]:
    """The first ``n`` keywords that each add a word: a phrase replaces the single words
    it holds, and a keyword whose words are all shown already is skipped.

    >>> distinct_keywords(["lang", "lang duurt", "duurt", "gaat", "storing"], 3)
    ['lang duurt', 'gaat', 'storing']
    >>> distinct_keywords(["bewijs", "bewijs werk", "vastzat"], 3)
    ['bewijs werk', 'vastzat']

    Words count as the same with another ending ("flood calgary", "floods calgary"):

    >>> distinct_keywords(["flood calgary", "floods calgary", "toronto"], 3)
    ['flood calgary', 'toronto']
    """
    chosen: list[str] = []
    for keyword in keywords:
        words = _stems(keyword)
        if not words or words <= {w for c in chosen for w in _stems(c)}:
            continue
        chosen = [c for c in chosen if not _stems(c) <= words] + [keyword]
        if len(chosen) == n:
            break
    return chosen


def _stems(keyword: str) -> set[str]:
    return {stem(w.casefold()) for w in keyword.split()}


_CLAUSE_END = re.compile(r"(?:(?<!\d)[.,]|[.,](?!\d)|[!?;:\n])+")
"""Where a clause ends: punctuation, but not the separator inside "10,000" or "7.30"."""


def member_phrases(members: Sequence[str]) -> Counter[tuple[str, ...]]:
    """In how many members each phrase occurs (lower case, within a clause,
    not starting or ending with a stop word, at least one word a keyword could be).

    >>> member_phrases(["De bus naar Zwolle", "bus naar zwolle?"])[("bus", "naar", "zwolle")]
    2
    >>> sorted(member_phrases(["Donates $10,000 to Red Cross"]))  # not "000 to red"
    [('10,000', 'to', 'red'), ('donates', '10,000'), ('red', 'cross')]
    """
    counts: Counter[tuple[str, ...]] = Counter()
    low, high = PHRASE_WORDS
    for text in members:
        seen: set[tuple[str, ...]] = set()
        for clause in _CLAUSE_END.split(NOT_WORDS.sub(" ", text)):
            words = [w.lower() for w in _WORD.findall(clause)]
            for size in range(low, high + 1):
                for start in range(len(words) - size + 1):
                    phrase = tuple(words[start : start + size])
                    if phrase[0] in STOP_WORDS or phrase[-1] in STOP_WORDS:
                        continue
                    seen.add(phrase)
        counts.update(seen)
    return counts


def as_written(phrase: tuple[str, ...], members: Sequence[str]) -> str:
    """The phrase as most members write it (capitals kept), its words joined by one space.

    >>> as_written(("utrecht", "centraal"), ["Utrecht Centraal?", "utrecht centraal", "Utrecht Centraal!"])
    'Utrecht Centraal'
    """
    pattern = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, phrase)) + r"(?!\w)", re.I)
    forms = Counter(
        " ".join(_WORD.findall(found.group(0)))
        for text in members
        for found in pattern.finditer(text)
    )
    return max(forms.items(), key=lambda item: (item[1], item[0]))[0] if forms else " ".join(phrase)


def cluster_label(
    members: Sequence[str],
    keywords: list[str],
    n_keywords: int = 3,
    avoid: frozenset[str] = frozenset(),
) -> str:
    """A phrase at least :data:`PHRASE_SHARE` of the members write that holds a word of
    the cluster's first keywords (so a name every cluster shares, such as the event's,
    does not name this one): among those written by nearly as many members as the most
    written one (:data:`NEAR_TOP`), the longest; first letter capitalised. Else the
    distinct keywords joined by commas. ``avoid``: lower-case words of a label another
    cluster has; the phrase must hold a keyword outside them.

    >>> members = ["Typhoon Bopha death toll rises", "typhoon bopha: death toll 500",
    ...            "Death toll of Typhoon Bopha"]
    >>> cluster_label(members, ["death", "toll", "bopha"])
    'Typhoon Bopha'
    >>> cluster_label(members, ["death", "toll", "bopha"], avoid=frozenset({"typhoon", "bopha"}))
    'Death toll'
    """
    sample = list(members[:LABEL_SAMPLE])
    shown = distinct_keywords(keywords, n_keywords)
    key_words = {w for k in shown for w in k.split()} - avoid
    need = max(2, PHRASE_SHARE * len(sample))
    shared = {p: c for p, c in member_phrases(sample).items() if c >= need and key_words & set(p)}
    if shared:
        top = max(shared.values())
        near = [(len(p), c, p) for p, c in shared.items() if c >= NEAR_TOP * top]
        _, _, phrase = max(near)
        text = as_written(phrase, sample)
        return text[:1].upper() + text[1:]
    return ", ".join(shown)


def distinct_labels(
    labels: Sequence[str], keywords: Sequence[list[str]], sizes: Sequence[int]
) -> list[str]:
    """The labels, each shown once: where clusters share a label, the largest keeps it and
    each other one adds its first keyword that is not a word of the label yet (else its
    rank among them), so no two cards on the wall read the same.

    >>> distinct_labels(["Typhoon bopha", "Typhoon bopha", "Geld terug"],
    ...                 [["bopha", "typhoon", "evacuees"], ["typhoon", "mindanao"], ["geld"]],
    ...                 [40, 25, 10])
    ['Typhoon bopha', 'Typhoon bopha (mindanao)', 'Geld terug']
    """
    out = list(labels)
    groups: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(label.casefold(), []).append(i)
    for same in groups.values():
        if len(same) < 2:
            continue
        same.sort(key=lambda i: -sizes[i])
        taken = {out[i].casefold() for i in range(len(out))}
        for rank, i in enumerate(same[1:], 2):
            words = word_set(labels[i])
            extra = next((k for k in keywords[i] if not set(k.casefold().split()) <= words), None)
            candidate = f"{labels[i]} ({extra})" if extra else f"{labels[i]} ({rank})"
            if candidate.casefold() in taken:
                candidate = f"{labels[i]} ({rank})"
            out[i] = candidate
            taken.add(candidate.casefold())
    return out
