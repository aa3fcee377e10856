"""radar.headline: the member a spokesperson reads out."""

from __future__ import annotations

from radar.enrich.focus import headline_text
from radar.headline import headline_member

CLUSTER = [
    "Hoe lang duurt de storing nog?",
    "hoe lang duurt deze storing nog",
    "Hoe lang duurt de storing nog bij Utrecht?",
    "Weet iemand hoe lang de storing nog duurt?",
    "Hoe lang duurt de storing in Utrecht nog?",
    "Hoe lang gaat de storing nog duren?",
    "Hoe lang duurt de stroing nog in Driebergen-Zeist?",
    "Storing bij Utrecht, hoe lang nog?",
]


def chosen(central: list[str], members: list[str] = CLUSTER) -> str:
    return headline_text(central[headline_member(central, members)])


def test_a_typo_and_a_one_off_place_lose_to_the_common_wording() -> None:
    central = [
        "Hoe lang duurt de stroing nog in Driebergen-Zeist?",
        "Hoe lang duurt de storing nog?",
    ]
    assert chosen(central) == "Hoe lang duurt de storing nog?"


def test_a_place_most_members_name_may_stay() -> None:
    central = ["Hoe lang duurt de storing nog bij Utrecht?", "Hoe lang gaat de storing nog duren?"]
    assert chosen(central) == "Hoe lang duurt de storing nog bij Utrecht?"


def test_a_member_that_asks_beats_a_central_statement() -> None:
    central = ["Storing duurt lang vandaag.", "Hoe lang duurt de storing nog?"]
    assert chosen(central, CLUSTER + ["Storing duurt lang vandaag."]) == (
        "Hoe lang duurt de storing nog?"
    )


def test_the_centre_decides_between_equals() -> None:
    central = ["Hoe lang duurt de storing nog?", "Hoe lang duurt de storing nog?"]
    assert headline_member(central, CLUSTER) == 0
    assert headline_member(central[:1], CLUSTER) == 0


def test_a_headline_of_a_statement_has_no_retweet_handles_or_links() -> None:
    assert headline_text("RT @anon: Road closures downtown #yyc http://t.co/x") == (
        "Road closures downtown"
    )


def test_a_question_card_is_headed_by_a_post_that_asks_when_a_member_does():
    from types import SimpleNamespace

    import numpy as np

    from radar.naming import Naming

    texts = [f"In Costa Rica there was a 7.9 earthquake {i}" for i in range(8)]
    texts.append("Cómo está mi gente de Costa Rica tras el terremoto?")  # the least central
    vectors = np.array([[1.0, 0.01 * i] for i in range(9)], dtype=np.float32)
    vectors[-1] = [0.2, 1.0]
    frame = SimpleNamespace(embeddings=vectors, mentions=[SimpleNamespace(text=t) for t in texts])
    assert Naming._headline_post(frame, np.arange(9)) == 8
    statements = SimpleNamespace(embeddings=vectors[:8], mentions=frame.mentions[:8])
    assert Naming._headline_post(statements, np.arange(8)) in range(8)  # none asks: the centre
