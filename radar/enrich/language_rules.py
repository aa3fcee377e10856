"""Rule language identification for short posts (the tie-break of radar.enrich.language).

A small, deterministic detector built for tweets and webcare messages. It
scores each language by

1. **function words** (articles, pronouns, auxiliaries, prepositions): a word
   shared by several languages counts for each of them, split evenly;
2. **letter cues**: letter sequences and diacritics typical of one language
   (``ij`` for Dutch, ``th`` and ``-ing`` for English, ``ß`` and ``-ung`` for
   German, ``é``, ``ç`` and ``l'`` for French).

Spanish, Italian, Portuguese and Tagalog have profiles too, so that a post in
one of them is answered with ``"unknown"`` instead of being taken for French
or Dutch. Mentions, hashtags, URLs and a leading ``RT @user:`` are ignored.
When the text gives too little evidence, the feed's ``hint`` decides.

>>> rules_language("Rijden er nog treinen naar Utrecht?")
'nl'
>>> rules_language("any idea when the power is back?")
'en'
>>> rules_language("#storing @NS_online", hint="nl-NL")
'nl'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from types import MappingProxyType

__all__ = [
    "DECISIVE_WORDS",
    "SUPPORTED",
    "decisive_language",
    "rules_language",
    "language_scores",
    "normalise_hint",
]

SUPPORTED: frozenset[str] = frozenset({"nl", "en", "de", "fr"})
"""Languages the detector returns; anything else is ``"unknown"``."""

MIN_EVIDENCE = 0.9
"""Score the best language needs before the text decides over the hint."""

MIN_MARGIN = 0.4

DECISIVE_WORDS = 3.0
"""Function-word score from which letter cues are skipped (for speed)."""
"""Lead the best language needs over the second one."""

_FUNCTION_WORDS: dict[str, str] = {
    "nl": (
        "de het een en van in is dat die niet op te zijn met voor er maar als ook aan"
        " bij nog naar om dan wat wel geen ik je jij u we wij ze zij hij mij mijn jullie"
        " zijn hun haar ons onze wordt worden werd heb hebt heeft hebben had kan kun kunt"
        " kunnen mag moet moeten wil wilt willen zal zullen zou zouden gaat gaan komt"
        " komen weet weten iemand niemand iets niets alles dit deze daar hier waar wanneer"
        " hoe waarom wie welke hoeveel nu al toch even echt heel erg zo veel meer weer"
        " door over uit tot sinds tegen zonder na onder tussen omdat want dus of toen"
        " nou hoor gewoon eigenlijk misschien graag alleen altijd nooit vandaag morgen"
        " gisteren straks ben bent was waren geweest wordt ons elke iedereen trein treinen"
        " rijden rijdt storing stroom terug vertraging het's 't m'n z'n d'r"
        " bedankt dankjewel dankuwel helaas alvast jammer gelukkig eindelijk ja nee"
        " kom ga doe zie wees mee dag hallo hoi doei alsjeblieft alstublieft kijk zeg zei"
        " goed goede ziens vannacht vanavond zeker natuurlijk maak laat jouw daarom"
        " verdomme mevrouw meneer jongen jongens niks iets wij jou hem wel ooit"
    ),
    "en": (
        "the a an and of to in is that it for on with as was are be been this not but"
        " at by from or have has had i you he she we they me my your our their his her"
        " its us them what when where why how who which there here do does did can could"
        " will would should shall may might must just so if about up out no yes all any"
        " anyone anybody someone know get got still now again back more very really"
        " because than then into after before over these those were being am im i'm"
        " don't can't won't it's that's there's let's please thanks thank people today"
        " tonight morning power train trains yes thx omg lol people news killed dead police"
        " says said report reports breaking photo photos video new first update"
    ),
    "de": (
        "der die das und ist nicht ein eine einen einem einer zu den dem des mit sich"
        " auf für von im auch es an wie noch nach ich du er sie wir ihr mir mich dich"
        " uns euch sind war wurde werden wird hat haben habe kann können muss müssen"
        " soll sollen will wollen kein keine keinen aber oder wenn weil dass schon nur"
        " bei aus über unter wieder sehr mehr jetzt heute morgen gestern hier dort wo"
        " wann warum wer was welche wieviel gibt bitte danke immer nie vom zum zur am"
        " bis seit gegen ohne durch doch mal gar nichts etwas jemand niemand alle"
        " zug züge strom bahn"
    ),
    "fr": (
        "le la les un une des du de et est à au aux en que qui ne pas pour dans sur avec"
        " ce cette ces il elle ils elles on nous vous je tu me te se mon ma mes ton ta"
        " son sa ses notre votre leur leurs mais ou où donc car quand comment pourquoi"
        " quel quelle quels quelles combien sont été être avoir ai as avons avez ont"
        " fait faire peut peuvent doit plus très bien aussi encore déjà toujours jamais"
        " rien tout tous toute toutes quelqu'un personne aujourd'hui demain hier ici"
        " merci oui non c'est j'ai n'est qu'il d'un d'une l'on y sans chez vers depuis"
        " train trains électricité courant"
    ),
    "es": (
        "el la los las un una y de del en que es por para con no se lo le al como más"
        " pero sus su ya muy está están hay son fue ser este esta esto estos todo todos"
        " también hasta desde sobre entre cuando donde porque qué cómo cuándo dónde"
        " nos yo tu usted ellos fuerza gracias ayuda sismo terremoto"
    ),
    "it": (
        "il lo la i gli le un una uno e di del della dei delle in che è per con non si"
        " da al alla ai sono come più ma anche ha hanno questo questa tutto tutti"
        " perché quando dove cosa chi nel nella sul sulla dopo ancora già molto ci"
        " terremoto grazie"
    ),
    "pt": (
        "o a os as um uma e de do da dos das em no na nos nas que é por para com não"
        " se ao à mais mas como foi são está estão muito também já quando onde porque"
        " pelo pela isso este esta eu você vocês ele ela eles boate incêndio obrigado"
    ),
    "tl": (
        "ang ng sa mga na at si ay hindi ko mo ito niya nila kami tayo kayo sila po"
        " lang naman pa ba para may wala nga din rin dito yung kasi baha ulan salamat"
    ),
}

_CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "nl": (
        (r"ij", 0.6),
        (r"oe", 0.3),
        (r"aa", 0.4),
        (r"uu", 0.5),
        (r"sch", 0.2),
        (r"\w(?:tje|tjes|heid|lijk|lijke)\b", 0.6),
        (r"\b(?:ge|be|ver)\w{3,}(?:d|t|en)\b", 0.2),
        (r"\w{2,}en\b", 0.15),
    ),
    "en": (
        (r"th", 0.4),
        (r"\bwh", 0.5),
        (r"\w{2,}ing\b", 0.6),
        (r"\w{3,}ly\b", 0.4),
        (r"\w{2,}ed\b", 0.2),
        (r"[a-z]'(?:s|t|re|ve|ll|d)\b", 0.4),
        (r"ght\b", 0.5),
        (r"\w(?:ow|ay|ey)\b", 0.3),
        (r"\w{2,}(?:y|ies)\b", 0.4),
        (r"ea", 0.3),
    ),
    "de": (
        (r"ß", 1.5),
        (r"[äöü]", 0.8),
        (r"sch", 0.3),
        (r"\w(?:ung|ungen|keit|lich|chen)\b", 0.6),
        (r"tz", 0.5),
        (r"\bz[uw]", 0.3),
        (r"ei", 0.1),
        (r"ch\b", 0.2),
    ),
    "fr": (
        (r"[éèêàç]", 0.6),
        (r"qu", 0.3),
        (r"\b[ldjnqsc]'", 0.8),
        (r"\w(?:eau|eaux|aux|eux|oir|ique|ée|ées)\b", 0.6),
        (r"ou", 0.1),
    ),
    "es": (
        (r"[ñ¿¡]", 1.5),
        (r"[áíóú]", 0.5),
        (r"ción\b|ciones\b", 1.0),
        (r"\w(?:ado|ada|ados|idos)\b", 0.3),
    ),
    "it": (
        (r"[òì]", 0.8),
        (r"zion[ei]\b", 1.0),
        (r"\bgli\b|\w{2,}zz", 0.6),
        (r"\w(?:ato|ata|ati|ete|issimo)\b", 0.3),
    ),
    "pt": (
        (r"[ãõ]", 1.2),
        (r"ção\b|ções\b", 1.5),
        (r"\w(?:nh|lh)[aeo]", 0.4),
    ),
    "tl": ((r"\bng\b|\bmga\b|\bang\b", 0.8),),
}


def _build_word_weights() -> MappingProxyType[str, tuple[tuple[str, float], ...]]:
    owners: dict[str, list[str]] = {}
    for lang, words in _FUNCTION_WORDS.items():
        for word in words.split():
            owners.setdefault(word, [])
            if lang not in owners[word]:
                owners[word].append(lang)
    return MappingProxyType(
        {word: tuple((lang, 1.0 / len(langs)) for lang in langs) for word, langs in owners.items()}
    )


WORD_WEIGHTS = _build_word_weights()
"""Function word → ((language, weight), ...); shared words are split evenly."""

CUE_PATTERNS: tuple[tuple[str, re.Pattern[str], float], ...] = tuple(
    (lang, re.compile(pattern), weight) for lang, cues in _CUES.items() for pattern, weight in cues
)
"""(language, letter pattern, weight per hit) for the letter cues."""


def _ending_in(suffixes: str, before: int) -> str:
    r"""Hits of ``\w{before,}(?:suffixes)\b``, found from the suffix instead of every letter.

    Such a hit ends where its word (run of ``\w``) ends, so a word has at most one, and
    it has one exactly when it ends in a suffix with ``before`` letters in front: the
    same count. The engine jumps to the suffix's letters instead of trying the
    pattern at each letter (where ``\w{2,}`` first runs to the word's end).

    >>> print(_ending_in("ow|ay", 1))
    (?:ow\b(?<=\wow))|(?:ay\b(?<=\way))
    """
    letters = r"\w" * before
    return "|".join(rf"(?:{s}\b(?<={letters}{s}))" for s in suffixes.split("|"))


_FASTER_CUES: dict[str, str] = {
    r"\w(?:tje|tjes|heid|lijk|lijke)\b": _ending_in("tje|tjes|heid|lijk|lijke", 1),
    r"\w{2,}en\b": _ending_in("en", 2),
    r"\w{2,}ing\b": _ending_in("ing", 2),
    r"\w{3,}ly\b": _ending_in("ly", 3),
    r"\w{2,}ed\b": _ending_in("ed", 2),
    r"\w(?:ow|ay|ey)\b": _ending_in("ow|ay|ey", 1),
    r"\w{2,}(?:y|ies)\b": _ending_in("y|ies", 2),
    r"\w(?:ung|ungen|keit|lich|chen)\b": _ending_in("ung|ungen|keit|lich|chen", 1),
    r"\w(?:eau|eaux|aux|eux|oir|ique|ée|ées)\b": _ending_in("eau|eaux|aux|eux|oir|ique|ée|ées", 1),
    r"\w(?:ado|ada|ados|idos)\b": _ending_in("ado|ada|ados|idos", 1),
    r"\w(?:ato|ata|ati|ete|issimo)\b": _ending_in("ato|ata|ati|ete|issimo", 1),
    r"\b(?:ge|be|ver)\w{3,}(?:d|t|en)\b": r"(?:ge(?<=\bge)|be(?<=\bbe)|ver(?<=\bver))\w{3,}(?:d|t|en)\b",
    r"\bwh": r"wh(?<=\bwh)",
    r"\bz[uw]": r"z[uw](?<=\bz[uw])",
    r"\b[ldjnqsc]'": r"'(?<=\b[ldjnqsc]')",
    # one hit per word with "zz" after two letters: the first such "zz", then the word's rest
    r"\bgli\b|\w{2,}zz": r"gli\b(?<=\bgli)|zz(?<=\w\wzz)\w*",
    r"\bng\b|\bmga\b|\bang\b": r"ng\b(?<=\bng)|mga\b(?<=\bmga)|ang\b(?<=\bang)",
}
"""Cue pattern → a pattern with the same number of hits on any text, found faster: the
engine can scan for its first letters instead of trying ``\\b`` or ``\\w`` everywhere."""


def _hit_counter(pattern: re.Pattern[str]) -> Callable[[str], int]:
    """Counts non-overlapping hits; ``str.count`` for plain letter sequences (same count).

    Patterns in ``_FASTER_CUES`` are counted by their faster form:

    >>> text = "wanneer gebeurt het thing ally flies zzz pizzazz gli ng cadeaux l'eau wh zwaar"
    >>> all(_hit_counter(re.compile(cue))(text) == len(re.findall(cue, text))
    ...     for cue in _FASTER_CUES)
    True
    """
    if re.fullmatch(r"[^\W\d_]+", pattern.pattern):
        return functools.partial(_count_literal, pattern.pattern)
    faster = _FASTER_CUES.get(pattern.pattern)
    if faster is not None:
        pattern = re.compile(faster)
    return lambda target: len(pattern.findall(target))


def _count_literal(literal: str, target: str) -> int:
    return target.count(literal)


_CUE_COUNTERS: tuple[tuple[str, Callable[[str], int], float, bool], ...] = tuple(
    (lang, _hit_counter(pattern), weight, "'" in pattern.pattern)
    for lang, pattern, weight in CUE_PATTERNS
)
"""CUE_PATTERNS as (language, hit counter, weight, counted on the text with apostrophes)."""

_NOISE = re.compile(
    r"^\s*RT\s+@\w+:?|https?://\S+|www\.\S+|[@#][\w_]+|&\w+;|\d+(?:[.,:]\d+)*", re.UNICODE
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_LATIN = re.compile(r"[a-zA-ZÀ-ÖØ-öø-ɏ]")
"""Latin letters (the range À-ɏ without the signs × and ÷)."""
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))


def normalise_hint(hint: str | None) -> str | None:
    """The two-letter language of a feed hint such as ``"nl-NL"``, or ``None``.

    >>> normalise_hint("nl-BE"), normalise_hint("EN_us"), normalise_hint("es")
    ('nl', 'en', None)
    """
    if not hint:
        return None
    code = hint.strip().lower().replace("_", "-").split("-")[0]
    return code if code in SUPPORTED else None


def clean_for_language(text: str) -> str:
    """Lower-cased text without retweet prefix, mentions, hashtags, URLs and numbers.

    >>> clean_for_language("RT @nos: Storing bij #NS http://t.co/x 12:30").split()
    ['storing', 'bij']
    """
    return _NOISE.sub(" ", text).lower().replace("’", "'")


def language_scores(text: str) -> dict[str, float]:
    """Evidence per language (internal profiles included), from words and letter cues.

    >>> scores = language_scores("Weet iemand wanneer de stroom terug is?")
    >>> max(scores, key=scores.get)
    'nl'
    """
    return _scores(clean_for_language(text))


def _word_scores(cleaned: str) -> tuple[dict[str, float], list[str]]:
    """Function-word evidence per language, and the words read."""
    scores = dict.fromkeys(_FUNCTION_WORDS, 0.0)
    words = _WORD.findall(cleaned)
    for word in words:
        for lang, weight in WORD_WEIGHTS.get(word, ()):
            scores[lang] += weight
    return scores, words


def _scores(cleaned: str) -> dict[str, float]:
    scores, words = _word_scores(cleaned)
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] >= DECISIVE_WORDS and ranked[0] - ranked[1] >= DECISIVE_WORDS - 1.0:
        return scores  # function words decide; letter cues would not change the answer
    if words:
        # Letter cues count less per hit than a function word, and their total
        # is capped per language so a long word list cannot swamp the words.
        cue_cap = 1.0 + 0.25 * len(words)
        joined = " ".join(words) if len(words) < 200 else " ".join(words[:200])
        joined_raw = cleaned
        for lang, count, weight, on_raw in _CUE_COUNTERS:
            hits = count(joined_raw if on_raw else joined)
            if hits:
                scores[lang] += min(hits * weight, cue_cap) * 0.5
    return scores


def decisive_language(cleaned: str) -> str | None:
    """The radar's language a cleaned text's function words alone settle (at least
    ``DECISIVE_WORDS`` of evidence and a lead of one less), else None.

    >>> decisive_language(clean_for_language("Weet iemand of de treinen weer rijden?"))
    'nl'
    >>> decisive_language(clean_for_language("Typhoon Pablo PAGASA update")) is None
    True
    """
    scores, _words = _word_scores(cleaned)
    (best, top), (_second, runner_up) = sorted(scores.items(), key=lambda kv: -kv[1])[:2]
    if top >= DECISIVE_WORDS and top - runner_up >= DECISIVE_WORDS - 1.0 and best in SUPPORTED:
        return best
    return None


def rules_language(text: str, hint: str | None = None) -> str:
    """The language of a post: ``"nl"``, ``"en"``, ``"de"``, ``"fr"`` or ``"unknown"``.

    ``hint`` is the feed's language (``"nl"``, ``"nl-NL"``, ...); it is returned
    when the text itself gives too little evidence. A text in another language
    (Spanish, Italian, ...) or another script gives ``"unknown"``.

    >>> rules_language("Hoe vraag ik mijn geld terug?")
    'nl'
    >>> rules_language("Der Zug fällt heute wegen einer Störung aus.")
    'de'
    >>> rules_language("Le train est en retard à cause d'une panne.")
    'fr'
    >>> rules_language("ok", hint="en")
    'en'
    """
    fallback = normalise_hint(hint) or "unknown"
    cleaned = clean_for_language(text)
    if cleaned.isascii():  # letters are A-Z and a-z, all Latin: count them without a regex
        data = cleaned.encode("ascii")
        if len(data) - len(data.translate(None, _ASCII_LETTERS)) < 2:
            return fallback
    else:
        letters = len(_LETTER.findall(cleaned))
        if letters < 2:
            return fallback
        if len(_LATIN.findall(cleaned)) < 0.5 * letters:
            return "unknown"
    scores = _scores(cleaned)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    (best, best_score), (_, second_score) = ranked[0], ranked[1]
    if best_score < MIN_EVIDENCE or best_score - second_score < MIN_MARGIN:
        if fallback != "unknown" and scores.get(fallback, 0.0) >= best_score - MIN_MARGIN:
            return fallback
        if best_score < MIN_EVIDENCE:
            return fallback
        if best_score - second_score < MIN_MARGIN * 0.5:
            return fallback
    return best if best in SUPPORTED else "unknown"
