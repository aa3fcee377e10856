"""Language detection: Dutch, English, German, French, or unknown."""

from __future__ import annotations

import time

import pytest

from radar.enrich import detect_language
from radar.enrich.language import (
    PARALLEL_FROM,
    clean_for_language,
    detect_languages,
    language_scores,
    lingua_language,
    normalise_hint,
)
from radar.enrich.language_rules import decisive_language

pytestmark = pytest.mark.unit

DUTCH = [
    "Rijden er nog treinen naar Utrecht?",
    "weet iemand hoe lang dit nog duurt",
    "kan iemand mij vertellen of ik mijn geld terugkrijg",
    "Gaat de 8.15 nog?",
    "Rijdt de trein naar Zwolle",
    "Hoe vraag ik mijn geld terug?",
    "Wanneer komt de stroom terug",
    "Waar kan ik terecht met vragen",
    "ik wil graag weten of mijn gegevens gelekt zijn",
    "Hoe dom kun je zijn?!",
    "gelukkig rijden ze weer",
    "eindelijk weer stroom",
]
ENGLISH = [
    "any idea when power is back",
    "does anyone know if schools are closed",
    "what were they thinking??",
    "Are you kidding me?!",
    "Why is the train network so fragile? Experts explain",
    "Thanks for the quick fix, great job!",
]


@pytest.mark.parametrize("text", DUTCH)
def test_dutch_posts_are_dutch(text):
    assert detect_language(text) == "nl"


@pytest.mark.parametrize("text", ENGLISH)
def test_english_posts_are_english(text):
    assert detect_language(text) == "en"


def test_german_umlauts_and_function_words_give_german():
    assert detect_language("Weiß jemand, wann der Strom wieder da ist?") == "de"


def test_french_accents_and_elision_give_french():
    assert detect_language("Quelqu'un sait quand l'électricité va revenir ?") == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "Fuerza Venezuela! Que Dios los bendiga a todos",
        "Terremoto in Emilia, crolla una chiesa nella notte",
        "Incêndio na boate em Santa Maria deixa mais de cem mortos",
    ],
)
def test_spanish_italian_portuguese_are_unknown_not_french(text):
    assert detect_language(text) == "unknown"


def test_other_scripts_are_unknown():
    assert detect_language("Обломки не найдены, может это и не метеорит") == "unknown"


def test_mentions_hashtags_and_urls_are_ignored():
    text = "RT @the_news: #storing #delay http://t.co/abc Rijden er nog treinen?"
    assert detect_language(text) == "nl"
    assert "storing" not in clean_for_language(text)


def test_hint_decides_when_text_gives_no_evidence():
    assert detect_language("#storing @NS_online", hint="nl-NL") == "nl"
    assert detect_language("ok", hint="en") == "en"
    assert detect_language("ok") == "unknown"


def test_text_evidence_beats_the_hint():
    assert detect_language("does anyone know if schools are closed", hint="nl") == "en"


def test_unsupported_hint_is_ignored():
    assert normalise_hint("es-ES") is None
    assert normalise_hint("NL_be") == "nl"


def test_shared_function_words_count_for_each_language():
    scores = language_scores("de")
    assert scores["nl"] == scores["fr"] > 0


def test_detection_is_deterministic():
    assert {detect_language("Is er een storing?") for _ in range(5)} == {"nl"}


def test_detection_is_fast_enough_for_a_stream():
    """CPU time of this process, not wall time: other jobs on a busy machine do not count
    (the detector is built once before; eval/eval_enrichment.py reports the throughput)."""
    texts = (DUTCH + ENGLISH) * 100
    detect_language(DUTCH[0])
    start = time.process_time()
    for text in texts:
        detect_language(text)
    assert len(texts) / max(time.process_time() - start, 1e-6) > 1000


def test_a_batch_reads_as_one_by_one():
    """The batch path (lingua's parallel calls, the function-word shortcut) gives the
    answers of single calls, hints included."""
    texts = DUTCH + ENGLISH + ["ok", "#storing @NS_online", "Der Zug fällt heute aus."]
    hints = [None] * (len(texts) - 2) + ["nl-NL", None]
    assert len(texts) >= PARALLEL_FROM
    expected = [detect_language(text, hint=hint) for text, hint in zip(texts, hints, strict=True)]
    assert detect_languages(texts, hints) == expected
    assert expected[-3:] == ["unknown", "nl", "de"]


def test_function_words_settle_a_plain_post_without_lingua():
    clean = clean_for_language("Weet iemand of de treinen vandaag weer rijden?")
    assert decisive_language(clean) == "nl"
    assert lingua_language(clean)[0] == "nl"  # the shortcut agrees with lingua
    # names and a hashtag alone do not settle it: lingua reads those
    assert decisive_language(clean_for_language("Typhoon Pablo PAGASA update")) is None
    # a function-word profile outside the radar's languages is left to lingua too
    assert decisive_language(clean_for_language("ang mga tao ng bayan ay ligtas na")) is None
