"""radar.labels: a cluster is named by a phrase its members write, else by keywords."""

from __future__ import annotations

from radar.labels import cluster_label, distinct_labels, word_set

REFUNDS = [
    "Krijg ik mijn geld terug voor deze rit?",
    "geld terug na vertraging, hoe?",
    "Hoe vraag ik mijn geld terug aan",
    "Krijg ik geld terug bij de storing?",
    "Wanneer krijg ik mijn abonnement terug",
]


def test_a_shared_phrase_names_the_cluster_in_the_posts_own_words() -> None:
    assert cluster_label(REFUNDS, ["geld terug", "krijg geld", "terug vertraging"]) == (
        "Geld terug"
    )


def test_a_name_every_cluster_shares_does_not_name_this_one() -> None:
    prayers = [
        "Typhoon Pablo: let us pray for the people of Mindanao",
        "Praying for everyone hit by Typhoon Pablo",
        "Typhoon Pablo victims, we pray for you",
        "Pray for Mindanao #PabloPH",
    ]
    # "Typhoon Pablo" is written by three of four, but holds no keyword of this cluster
    assert cluster_label(prayers, ["pray", "prayers", "mindanao"]) == "pray, prayers, mindanao"


def test_without_a_shared_phrase_the_keywords_stay() -> None:
    mixed = ["Schandalig dit", "Wat een puinhoop", "Dit loopt uit de hand"]
    assert cluster_label(mixed, ["hand", "puinhoop", "schandalig"]) == (
        "hand, puinhoop, schandalig"
    )


DEATHS = [
    "Typhoon Bopha death toll rises to 500",
    "typhoon bopha: death toll now 600",
    "Death toll of Typhoon Bopha climbs",
    "Typhoon Bopha death toll, 400 missing",
]


def test_a_label_another_cluster_has_gives_way_to_the_clusters_own_phrase() -> None:
    keywords = ["bopha", "death toll", "typhoon"]
    assert cluster_label(DEATHS, keywords) == "Typhoon Bopha"
    avoid = frozenset(word_set("Typhoon Bopha"))
    assert cluster_label(DEATHS, keywords, avoid=avoid) == "Death toll"


def test_no_two_cards_read_the_same() -> None:
    labels = ["Typhoon Bopha", "typhoon bopha", "Typhoon Bopha", "Geld terug"]
    keywords = [["typhoon"], ["bopha", "evacuees"], ["typhoon", "bopha"], ["geld"]]
    shown = distinct_labels(labels, keywords, [10, 30, 20, 5])
    assert shown[1] == "typhoon bopha"  # the largest keeps the name
    assert shown[0] == "Typhoon Bopha (3)"  # no keyword of its own left: its rank
    assert shown[2] == "Typhoon Bopha (2)"
    assert len({label.casefold() for label in shown}) == len(shown)
    assert shown[3] == "Geld terug"
