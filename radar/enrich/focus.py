"""The text a mention is embedded by: the post without the noise around it.

``embedding_text`` is the cleaned post: URLs, retweet prefixes, @handles and '#' signs
removed (``normalise_post``), every word else kept, names and capitalised words too
("SharePoint", "Fort McMurray", "KPN" are often what a post is about).

Decided by the clustering suite (``eval/clustering_suite.py``: the radar's own path on
USE multilingual, NMI / ARI with noise as singletons), cleaned post against the earlier
focus text (question clauses only, greetings and names dropped), same clustering:

==========================  ===============  ===============
set                         clean            focus
==========================  ===============  ===============
HWU64 fold                  0.796 / 0.478    0.791 / 0.454
CrisisLex Boston            0.260 / 0.054    0.239 / 0.029
CrisisLex Alberta           0.338 / 0.054    0.335 / 0.072
CrisisLex Pablo             0.350 / 0.139    0.342 / 0.137
CLINC150 test (4,000 fit)   0.879 / 0.607    0.874 / 0.547
==========================  ===============  ===============

Earlier 10-nearest-neighbour label agreement on 7 real sets agreed (mean clean 0.521,
focus 0.518); on 6,000 technical questions the focus text cost BERTopic 0.20 NMI
(issue 13: it dropped "SharePoint"-like names). The wall still shows the original text.

A Dutch question is the exception: its asking clauses, without greetings and proper
names. Measured in one run (``eval/clustering_suite.py --small``, NMI / ARI, and the drill's
listed questions whose prepared answer is right, seeds 11 and 7: eval/drill_matching.py),
cleaned post for all / this rule: CLINC150 0.881 / 0.569 vs 0.883 / 0.579,
HWU64 0.796 / 0.478 vs 0.795 / 0.475, Alberta 0.338 / 0.054 vs 0.335 / 0.053 (English: the
same text), drill answers right 16 of 22 vs 23 of 24 (place names and complaints tacked on
pulled Dutch questions into place and mood clusters). Names dropped in every language's
questions: also 23 of 24 on the drill, but the technical set's names are its topics.

>>> embedding_text("Hallo, rijden er nog treinen tussen Utrecht en Zwolle? Sta nu op het perron.", "nl", True)
'rijden er nog treinen tussen en?'
>>> embedding_text("How do I add a column to a SharePoint list? Thanks", "en", True)
'How do I add a column to a SharePoint list?'
>>> embedding_text("RT @nos: Storing bij Amersfoort, cc @NS_online geen treinen http://t.co/x #ns", "nl", False)
'Storing bij Amersfoort, cc geen treinen'
"""

from __future__ import annotations

import re

from radar.enrich.questions import _RT, _clause_score, clauses, normalise_post

NAME_DROP_LANGS = frozenset({"nl", "en", "fr"})
QUESTION_NAME_DROP_LANGS = frozenset({"nl"})
"""Languages whose questions are embedded without proper names: Dutch webcare questions
name the place they are asked from ("bus vanaf Leiden?"); in English sets the names are
the topic ("SharePoint", "Fort McMurray"), so English questions keep them."""
GREETINGS = re.compile(
    r"^(?:(?:(?:hallo|hoi|hey|hi|hello|goedemorgen|goedemiddag|goedenavond|beste|vraagje|"
    r"even checken|good morning|dear|bonjour|salut)\b[\s,.:;!-]*)"
    r"|(?:(?:morgen|dag|vraag|help|morning)\s*[,.:;!-]+\s*))+",
    re.IGNORECASE,
)
"""Greetings and openers before a post's question. Words that also start a question or a
request ("Help me find…", "Morgen rijden er…?", "Dag kaart geldig?") count only with the
punctuation of an opener after them ("Help! …", "Morgen, …"). On the CLINC150 test queries
"help" alone had cut 20 requests to "me transfer $100 …".

>>> [GREETINGS.sub("", t) for t in ("Help! Waar is de bus?", "help me change my oil",
...                                  "Hallo, morgen rijden er treinen?", "Morgen: bus?")]
['Waar is de bus?', 'help me change my oil', 'morgen rijden er treinen?', 'bus?']
"""
_WORD = re.compile(r"\S+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s\s*([,.;:!?])")
"""Spaces before punctuation (as ``\\s+``, but led by a class the engine scans for quickly)."""


def question_clauses(post: str, lang: str, threshold: float = 0.5) -> str:
    """The clauses of a normalised post that ask something; the whole post when none does.

    >>> question_clauses("Sta al een uur te wachten. Komt er een bus?", "nl")
    'Komt er een bus?'
    """
    asking = _asking_clauses(post, lang, threshold)
    return " ".join(asking) if asking else post


def _asking_clauses(post: str, lang: str, threshold: float = 0.5) -> list[str]:
    return [p for p in clauses(post) if _clause_score(p, lang) >= threshold]


def _is_name(word: str) -> bool:
    """Capitalised, but not an acronym-led term (NS, KPN, OV-fiets, RIVM keep their meaning).

    >>> [_is_name(w) for w in ["Utrecht", "OV-fiets", "NS", "trein", "Den"]]
    [True, False, False, False, True]
    """
    if word[:1].isalpha() and (word[:1].islower() or word[1:2].isalpha()):
        # the common case, decided by the first two characters: "trein", "Utrecht", "NS"
        return word[0].isupper() and not word[1:2].isupper()
    letters = [ch for ch in word if ch.isalpha()]
    if not letters or not letters[0].isupper():
        return False
    return not (len(letters) >= 2 and letters[1].isupper())


def drop_names(clause_text: str) -> str:
    """Remove capitalised words that do not start a clause (names of places, people, brands).

    >>> drop_names("Is er een bus van Den Bosch naar Utrecht? Ik wacht.")
    'Is er een bus van naar? Ik wacht.'
    >>> drop_names("Mag ik gratis een OV-fiets pakken in Zwolle?")
    'Mag ik gratis een OV-fiets pakken in?'
    """
    out = []
    for part in clauses(clause_text):
        words = _WORD.findall(part)
        kept = [w for i, w in enumerate(words) if i == 0 or not _is_name(w)]
        trailing = (
            "".join(ch for ch in words[-1] if ch in "?!.:;")
            if words and kept[-1:] != words[-1:]
            else ""
        )
        out.append(" ".join(kept) + trailing)
    return _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(out))


def embedding_text(text: str, lang: str, is_question: bool) -> str:
    """The text to embed for a mention.

    A statement: the cleaned post (no URLs, retweet prefix, @handles or '#'; names and
    every clause kept: in a news line or a complaint the place is often the topic).
    A question: its asking clauses without greetings and, in languages that do not
    capitalise nouns, without proper names, so "bus vanaf Leiden?" and "bus vanaf
    Zwolle?" are one question and a complaint tacked on does not pull it away.
    Falls back to the cleaned post when little is left.
    """
    while (stripped := _RT.sub("", text, count=1)) != text:
        text = stripped
    post = normalise_post(_HANDLE.sub(" ", text))
    if len(post) < 3:
        return text.strip()
    if not is_question:
        return post
    focus = question_clauses(post, lang)
    focus = GREETINGS.sub("", focus).strip() or focus
    if lang in QUESTION_NAME_DROP_LANGS:
        focus = drop_names(focus)
    focus = " ".join(focus.split())
    return focus if len(focus) >= 3 else post


_HANDLE = re.compile(r"(?<![\w.])@\w+")
"""An @handle anywhere in the post (after its retweet prefix is gone)."""


_TRAILING_ASIDE = re.compile(r"\s+(?:Iemand|Anyone|Thx|Thanks|Dank|Alvast bedankt)\s*[?!.]*$")
"""A capitalised "Iemand?" or "Thanks" run on without its full stop ("… naar Culemborg
Iemand?"): a new sentence, not part of the question."""


def headline_text(text: str, lang: str | None = None) -> str:
    """A question as a headline: the post's asking clauses without @names, links, greetings
    and asides ("Iemand?", "Sta nu op het perron."); names are kept, the first letter is
    a capital. A post that asks nothing comes back cleaned (no retweet prefix, leading
    @names, links or '#'), else whole.

    >>> headline_text("@reisinfo goedemorgen. krijg ik mijn geld terug? Iemand? Sta op het perron.")
    'Krijg ik mijn geld terug?'
    >>> headline_text("Help! Tot hoe laat duurt dit nog bij Utrecht? Alvast bedankt!")
    'Tot hoe laat duurt dit nog bij Utrecht?'
    >>> headline_text("rijden er nog treinen naar Culemborg Iemand?")
    'Rijden er nog treinen naar Culemborg?'
    >>> headline_text("Is er iemand?")
    'Is er iemand?'
    >>> headline_text("De trein rijdt weer.")
    'De trein rijdt weer.'
    >>> headline_text("RT @anon: Road closures downtown #yyc http://t.co/x")
    'Road closures downtown'
    """
    from radar.enrich.language import detect_language

    post = normalise_post(text)
    if not post:
        return text.strip()
    lang = lang or detect_language(post)
    asking = _asking_clauses(post, lang)
    if not asking:
        return post[:1].upper() + post[1:] if len(post) >= 3 else text.strip()
    headline = GREETINGS.sub("", " ".join(asking)).strip() or " ".join(asking)
    headline = _TRAILING_ASIDE.sub("?", " ".join(headline.split()))
    return headline[:1].upper() + headline[1:] if len(headline) >= 3 else text.strip()
