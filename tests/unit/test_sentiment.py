"""Sentiment: lexicon plus rules for crisis and webcare language."""

from __future__ import annotations

import pytest

from radar.enrich import score_sentiment
from radar.enrich.sentiment import (
    Item,
    apply_modifiers,
    contrast_weights,
    emoji_valence,
    label_for,
    normalise_score,
)

pytestmark = pytest.mark.unit


def label(text: str, lang: str = "nl") -> str:
    return score_sentiment(text, lang)[0]


def score(text: str, lang: str = "nl") -> float:
    return score_sentiment(text, lang)[1]


@pytest.mark.parametrize(
    "text",
    [
        "Weer een storing, schandalig!",
        "Belachelijk, al uren vertraging",
        "Waardeloze service, ik ben woedend",
        "Als gedupeerde ben ik echt boos",
        "Ik ben bang en maak me zorgen",
        "Uitval op uitval, dit is toch niet normaal",
    ],
)
def test_dutch_complaints_are_negative(text):
    assert label(text) == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Top geregeld, bedankt!",
        "Chapeau voor de monteurs",
        "Dank voor de snelle hulp",
        "Opgelost, eindelijk!",
        "gelukkig rijden ze weer",
        "eindelijk weer stroom",
    ],
)
def test_dutch_thanks_and_relief_are_positive(text):
    assert label(text) == "positive"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Another outage, what a disgrace", "negative"),
        ("I'm furious about the delay", "negative"),
        ("Really scared right now", "negative"),
        ("Thanks, great job everyone", "positive"),
        ("Finally power is back, so relieved", "positive"),
    ],
)
def test_english_equivalents(text, expected):
    assert label(text, "en") == expected


def test_negation_flips_polarity():
    assert label("Ik ben niet blij") == "negative"
    assert label("Geen probleem") == "positive"
    assert label("not bad at all", "en") == "positive"


def test_negated_word_keeps_part_of_its_strength():
    assert abs(score("niet blij")) < abs(score("blij"))


def test_dutch_negation_after_the_verb():
    assert score("Het lukt niet") < 0


def test_intensifiers_strengthen():
    assert score("heel erg boos") < score("boos") < 0
    assert score("really great", "en") > score("great", "en") > 0


def test_downtoners_soften():
    assert score("beetje boos") > score("boos")
    assert score("slightly annoyed", "en") > score("annoyed", "en")


def test_emoji_carry_sentiment():
    assert label("Trein 😡") == "negative"
    assert label("Trein 🤬😤") == "negative"
    assert label("Trein 😢") == "negative"
    assert label("Trein 🙏👍") == "positive"
    assert label("Trein 😊") == "positive"
    assert label("Trein ❤️") == "positive"


def test_emoticons_carry_sentiment():
    assert emoji_valence("top :)") > 0 > emoji_valence("weer vertraging :(")


def test_exclamation_marks_add_emphasis():
    assert score("Schandalig!!!") < score("Schandalig")


def test_all_caps_word_adds_emphasis():
    assert score("Dit is SCHANDALIG") < score("Dit is schandalig")


def test_clause_after_contrast_weighs_more():
    assert label("Vertraging, maar wel top geholpen") == "positive"
    assert label("Goed idee maar slecht uitgevoerd") == "negative"
    assert label("Delays again, but great job by the staff", "en") == "positive"
    assert contrast_weights(["a", "maar", "b"], "nl") == [0.5, 0.5, 1.5]


def test_relief_word_in_a_question_is_impatience():
    assert label("Wanneer is het eindelijk opgelost?") != "positive"


def test_neutral_information_is_neutral():
    assert score_sentiment("De trein vertrekt om 8.15 van spoor 5.", "nl") == ("neutral", 0.0)


def test_label_uses_a_neutral_band():
    assert label_for(0.05) == "neutral"
    assert label_for(-0.2) == "negative"
    assert label_for(0.2) == "positive"


def test_score_stays_within_minus_one_and_one():
    assert -1.0 <= score("SCHANDALIG BELACHELIJK WAARDELOOS!!! 😡😡😡🤬") <= 1.0
    assert abs(normalise_score(1e6)) <= 1.0


def test_modifiers_apply_to_one_item():
    assert apply_modifiers(Item(1, 2.0), ["niet", "blij"], "nl") < 0


def test_dutch_stems_are_found():
    assert label("Wat een schandalige vertragingen") == "negative"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wat een onbeleefde medewerker aan de balie", "negative"),  # general adjective, inflected
        ("De medewerker was niet beleefd", "negative"),  # negation reaches a general adjective
        ("Heel behulpzame en vrolijke conducteur vanochtend", "positive"),
        ("Rijden er nog treinen naar Utrecht?", "neutral"),  # "naar" is a preposition here
        ("Waar stopt de bus naar Arnhem? Is er al iets bekend?", "neutral"),
        ("Laat me weten of de trein rijdt, ik heb hulp nodig", "neutral"),
    ],
)
def test_general_dutch_adjectives_count_and_function_words_do_not(text, expected):
    assert label(text) == expected


def test_crisis_words_weigh_more_than_general_adjectives():
    from radar.enrich.lexicon import general_nl, load_lexicon

    assert max(map(abs, general_nl().values())) <= 1.5
    assert abs(load_lexicon("nl").words["schandalig"]) > 1.5


@pytest.mark.parametrize(
    "text",
    [
        "Waar download ik een vertragingsverklaring? Dank!",
        "Rijden de treinen weer? Thanks",
        "Tot hoe laat duurt de storing? Alvast bedankt",
    ],
)
def test_thanks_after_a_question_is_courtesy_not_relief(text):
    assert label(text) != "positive"


def test_thanks_without_a_question_stays_positive():
    assert label("Bedankt voor de snelle hulp!") == "positive"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Intercity naar Den Bosch geschrapt, lekker begin van de dag", "nl", "negative"),
        ("Weer een storing, top geregeld hoor", "nl", "negative"),
        ("Flight cancelled again, great start of the holiday", "en", "negative"),
        ("Storing opgelost, top geregeld!", "nl", "positive"),
        ("Vertraging, maar wel top geholpen", "nl", "positive"),
        ("Geen bussen, geen treinen, geen info. Bedankt voor niks", "nl", "negative"),
    ],
)
def test_praise_next_to_a_disruption_is_sarcasm_unless_relief_or_contrast(text, lang, expected):
    assert label(text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "hoe laat gaat de eerste vervangende bus… Alvast bedankt!",
        "rijden er nog treinen naar Utrecht? graag snel antwoord.",
        "Tot hoe laat duurt dit? Alvast bedankt!",
    ],
)
def test_courtesy_in_a_request_is_neutral(text):
    assert label(text) == "neutral"
