"""Question score: information-seeking questions and requests, not rhetoric or headlines."""

from __future__ import annotations

import pytest

from radar.enrich import question_score
from radar.enrich.questions import (
    clauses,
    headline_penalty,
    is_rhetorical,
    normalise_post,
    question_mark_cue,
    request_cue,
    verb_first_cue,
    wh_question_cue,
)

pytestmark = pytest.mark.unit

THRESHOLD = 0.5

QUESTIONS = [
    ("Rijden er nog treinen naar Utrecht?", "nl"),
    ("weet iemand hoe lang dit nog duurt", "nl"),
    ("kan iemand mij vertellen of ik mijn geld terugkrijg", "nl"),
    ("Gaat de 8.15 nog?", "nl"),
    ("Rijdt de trein naar Zwolle", "nl"),
    ("any idea when power is back", "en"),
    ("does anyone know if schools are closed", "en"),
    ("Hoe vraag ik mijn geld terug?", "nl"),
    ("Wanneer komt de stroom terug", "nl"),
    ("Waar kan ik terecht met vragen", "nl"),
    ("ik wil graag weten of mijn gegevens gelekt zijn", "nl"),
    ("Graag info over vervangend vervoer", "nl"),
]

NOT_QUESTIONS = [
    ("Hoe dom kun je zijn?!", "nl"),
    ("Wie verzint dit nou?!", "nl"),
    ("Hoe is het mogelijk?!", "nl"),
    ("what were they thinking??", "en"),
    ("Are you kidding me?!", "en"),
    ("Storing bij NS: wat moet je weten?", "nl"),
    ("Why is the train network so fragile? Experts explain", "en"),
    ("De treinen rijden weer.", "nl"),
    ("Wat een ellende!", "nl"),
    ("Power is back in most of the city.", "en"),
]


@pytest.mark.parametrize(("text", "lang"), QUESTIONS)
def test_information_seeking_questions_score_high(text, lang):
    assert question_score(text, lang) >= THRESHOLD


@pytest.mark.parametrize(("text", "lang"), NOT_QUESTIONS)
def test_rhetoric_statements_and_headlines_score_low(text, lang):
    assert question_score(text, lang) < THRESHOLD


def test_score_is_between_zero_and_one():
    for text, lang in QUESTIONS + NOT_QUESTIONS:
        assert 0.0 <= question_score(text, lang) <= 1.0


def test_retweet_prefix_is_stripped_before_scoring():
    assert normalise_post("RT @nos: Rijden er nog treinen?") == "Rijden er nog treinen?"
    assert question_score("RT @reiziger: Rijden er nog treinen naar Utrecht?", "nl") >= THRESHOLD


def test_leading_mentions_and_edge_hashtags_are_dropped():
    assert normalise_post("@NS_online #storing rijdt de trein nog? #ns") == "rijdt de trein nog?"


def test_clauses_keep_times_with_a_dot_together():
    assert clauses("Gaat de 8.15 nog?") == ["Gaat de 8.15 nog?"]


def test_question_mark_counts_for_and_exclamation_against():
    assert question_mark_cue("Is er een storing?") > 0
    assert question_mark_cue("Wat een storing!") < 0
    assert question_mark_cue("Wie verzint dit?!") < question_mark_cue("Wie weet dit?")


def test_question_word_followed_by_verb_is_a_question():
    assert wh_question_cue(["wanneer", "komt", "de", "stroom"], "nl") >= 0.5
    assert wh_question_cue(["how", "long", "will", "it", "take"], "en") >= 0.5


def test_question_word_followed_by_pronoun_is_a_subordinate_clause():
    assert wh_question_cue(["wanneer", "ik", "thuis", "kom"], "nl") < 0.2
    assert wh_question_cue(["when", "i", "got", "home"], "en") < 0.2


def test_contracted_question_words_are_understood():
    assert question_score("how's the flood level on the main road?", "en") >= THRESHOLD


def test_verb_first_order_is_a_yes_no_question():
    assert verb_first_cue(["rijdt", "de", "trein"], "nl") > 0.5
    assert verb_first_cue(["is", "there", "a", "bus"], "en") > 0.5
    assert verb_first_cue(["de", "trein", "rijdt"], "nl") == 0.0


def test_english_statement_with_dropped_subject_is_not_verb_first():
    assert verb_first_cue(["will", "be", "in", "davao", "tomorrow"], "en") == 0.0


def test_request_phrases_need_no_question_mark():
    assert request_cue("graag info over vervangend vervoer") >= 0.5
    assert request_cue("please let me know when the trains run") >= 0.5
    assert request_cue("de trein rijdt weer") == 0.0


def test_hearsay_with_question_mark_asks_for_confirmation():
    assert question_score("Heard that schools are closed tomorrow?", "en") >= THRESHOLD
    assert question_score("Klopt het dat de A2 dicht is?", "nl") >= THRESHOLD


def test_rhetorical_forms_are_recognised():
    assert is_rhetorical("Hoe dom kun je zijn?!")
    assert is_rhetorical("what if they knew all along?")
    assert is_rhetorical("Why isn't the minister doing anything?")
    assert not is_rhetorical("Waar kan ik terecht met vragen?")


def test_headline_with_colon_before_question_is_penalised():
    post = "Storing bij NS: wat moet je weten?"
    assert headline_penalty(post, 1, clauses(post)) >= 0.5


def test_title_case_question_is_a_headline():
    assert question_score("Is the Colorado Wildfire the Future Norm?", "en") < THRESHOLD


def test_question_hook_answered_right_after_is_not_a_question():
    assert question_score("Want to help? Visit the Red Cross site", "en") < THRESHOLD


def test_question_about_a_shared_news_item_is_penalised():
    text = "Did the storm cause this? via @BBCNews"
    assert question_score(text, "en") < question_score("Did the storm cause this?", "en")


def test_best_clause_decides():
    assert question_score("Al een uur vertraging. Weet iemand wanneer de trein gaat?", "nl") >= 0.5


def test_empty_text_scores_zero():
    assert question_score("", "nl") == 0.0
    assert question_score("@NS_online", "nl") == 0.0


# --- rules added for the CrisisLex dev set (made-up examples, one per rule) -----------


def test_exclamation_after_question_mark_is_not_a_request():
    assert question_mark_cue("Is dit echt gebeurd?!") < 0
    assert question_score("Did this really happen?!", "en") < THRESHOLD


def test_help_calls_without_question_mark_are_requests():
    assert question_score("Pls help, family of four trapped on a roof at Elm St", "en") >= THRESHOLD
    assert question_score("Three kids in need of food and water at the school", "en") >= THRESHOLD
    assert question_score("We hebben dringend hulp nodig aan de Dorpsstraat", "nl") >= THRESHOLD
    assert question_score("Help ons, het water staat in de woonkamer", "nl") >= THRESHOLD


def test_asking_for_someone_local_is_a_request():
    assert request_cue("anyone in Deventer with a spare generator") > 0
    assert request_cue("iemand uit Zwolle die weet of de bus rijdt") > 0
    assert question_score("Anyone near the station?", "en") >= THRESHOLD


def test_asking_whether_someone_is_able_to_is_a_request():
    assert question_score("are you able to check the water level tonight", "en") >= THRESHOLD


def test_question_word_with_third_person_verb_is_a_question():
    assert question_score("Who sells sandbags near the river?", "en") >= THRESHOLD
    assert wh_question_cue(["what", "remains", "closed"], "en") >= 0.3


def test_question_next_to_a_link_is_a_shared_item():
    assert question_score("Will the dam hold? http://news.example/dam", "en") < THRESHOLD
    assert question_score("Wordt dit de nieuwe norm? https://nieuws.example/1", "nl") < THRESHOLD


def test_request_or_reply_with_a_link_still_asks():
    assert (
        question_score("Does anyone know if this road is open? http://map.example/x", "en")
        >= THRESHOLD
    )
    assert (
        question_score("@NS_online rijdt deze trein nog? https://foto.example/1", "nl") >= THRESHOLD
    )


def test_link_cue_needs_the_raw_text():
    assert question_score("Will the dam hold?", "en") >= THRESHOLD


def test_retweeted_question_of_someone_else_still_counts():
    # The public's question, amplified: still a question webcare may have to answer.
    assert (
        question_score("RT @buurvrouw: Weet iemand of de school morgen open is?", "nl") >= THRESHOLD
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("What are the chances this was an accident?", "en"),
        ("How long before they blame the drivers?", "en"),
        ("Does nobody know that the bridge is closed?", "en"),
        ("The storm was worse than 1953. Do you agree?", "en"),
        ("Ben je het met me eens?", "nl"),
        ("How was your weekend?", "en"),
        ("Hoe was je dag?", "nl"),
        ("What is happening to this world?", "en"),
        ("Wat gebeurt er met deze wereld?", "nl"),
    ],
)
def test_speculation_opinion_polls_and_small_talk_are_not_requests(text, lang):
    assert question_score(text, lang) < THRESHOLD


@pytest.mark.parametrize(
    ("text", "lang", "is_question"),
    [
        ("Mijn moeder heeft thuis een zuurstofapparaat, wat moeten we doen??", "nl", True),
        ("Mijn vader gebruikt thuis zuurstof, wat moeten we doen nu de stroom weg is?", "nl", True),
        ("My flight got cancelled, what should I do?", "en", True),
        # a lead-in question without the writer or addressee is rhetoric in crisis tweets
        ("Floods here and fires there, who doesn't believe in global warming now?", "en", False),
        ("Weer vertraging, hoe dom kun je zijn?!", "nl", False),
        # asking when or how long needs no pronoun: the statement says what is wrong
        ("Geen stroom hier, hoe lang gaat dit duren?", "nl", True),
        ("Bel me op [telefoon], wanneer rijdt de trein weer?", "nl", True),
        ("Power's out on Elm Street, how long will this take?", "en", True),
        ("Weer vertraging, wanneer leren ze het nou eens?!", "nl", False),
    ],
)
def test_help_question_after_a_statement_and_a_comma(text, lang, is_question):
    assert (question_score(text, lang) >= 0.5) is is_question


def test_clause_cues_hold_what_the_score_and_the_head_read():
    from radar.enrich.heads import question_cues
    from radar.enrich.questions import clause_cues

    asking = clause_cues("Weet iemand of de trein rijdt?", "nl")
    assert asking.score > 1 and asking.qmark > 0 and not asking.rhetorical
    rhetorical = clause_cues("Hoe is het mogelijk?", "nl")
    assert rhetorical.rhetorical and rhetorical.score < asking.score
    assert clause_cues("??", "nl").score == 0.0  # no words: nothing asks
    cues = question_cues("Hoe is het mogelijk? Weet iemand of de trein rijdt?", "nl")
    assert cues[3] == pytest.approx(min(asking.score, 1.5))  # best_clause
    assert cues[9] == 1.0  # rhetorical: one clause is
