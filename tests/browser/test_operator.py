"""The operator view in a real headless Chromium, against a real Redis and a real Radar."""

from __future__ import annotations

import json

import pytest
from dash.testing.errors import TestingTimeoutError
from dash.testing.wait import until
from selenium.common.exceptions import StaleElementReferenceException

from radar.operator import OperatorActions
from tests.browser.radar_fixture import (
    TOKEN,
    build_radar,
    question,
    radar_settings,
    refresh,
    seed_mentions,
    write_playbook,
)
from tests.browser.test_wall import assert_fits
from web import create_app
from web.questions import card_title

pytestmark = [pytest.mark.browser]


@pytest.fixture
def radar_env(settings, store, tmp_path):
    """Settings with a token and a playbook, stored mentions and a first snapshot."""
    configured = radar_settings(settings, write_playbook(tmp_path / "playbooks"))
    seed_mentions(store, configured)
    radar = build_radar(configured)
    snapshot = refresh(store, radar, configured)
    return configured, radar, snapshot


def open_operator(dash_duo, cluster_id: str | None = None, lang: str = "nl") -> None:
    query = f"?cluster={cluster_id}&lang={lang}" if cluster_id else f"?lang={lang}"
    dash_duo.driver.get(f"{dash_duo.server_url}/operator{query}")
    dash_duo.wait_for_element("#op-list")


def operator_keys(store) -> list:
    return sorted(store.client.scan_iter(match="*:operator:*"))


def test_publish_in_operator_view_shows_on_the_wall(
    dash_duo, store, radar_env, viewport, screenshot
):
    settings, radar, snapshot = radar_env
    rijden = question(snapshot, "rijden")
    assert rijden["playbook"]["answer_id"] == "treinverkeer"
    viewport(1920, 1080)
    dash_duo.start_server(create_app(settings, store))

    open_operator(dash_duo)
    dash_duo.wait_for_contains_text("#op-list", rijden["label"])
    dash_duo.find_element(f"#op-list li[data-cluster='{rijden['id']}'] a").click()
    dash_duo.wait_for_contains_text("#op-form-title", "Treinstoring · treinverkeer")
    dash_duo.wait_for_contains_text("#op-detail", rijden["representative"])
    assert len(dash_duo.find_elements("#op-wording input[type=radio]")) == 3
    assert len(dash_duo.find_elements("#op-wording .w-copy")) == 3
    dash_duo.wait_for_text_to_equal("#op-wording .w-badge", "voorgesteld")
    suggested = rijden["playbook"]["wording_key"]

    dash_duo.select_dcc_dropdown("#op-channel", value="Facebook")
    dash_duo.find_element("#op-token").send_keys(TOKEN)
    screenshot("operator-1920")
    dash_duo.find_element("#op-publish").click()
    dash_duo.wait_for_contains_text("#op-message", "Gepubliceerd via Facebook")

    published = OperatorActions(store).state().published[rijden["id"]]
    assert (published.channel, published.wording_key) == ("Facebook", suggested)
    assert published.wording == rijden["playbook"]["answer"]

    after = refresh(store, radar, settings)  # the radar's next refresh
    card = question(after, "rijden")
    assert card["published"]["channel"] == "Facebook"
    assert card["after_publish"]["after_rate"] is not None
    assert card["playbook"]["wording_key"] != suggested  # never the same reply twice

    dash_duo.driver.get(f"{dash_duo.server_url}/")
    selector = f"#questions li[data-cluster='{rijden['id']}'] .p-when"
    dash_duo.wait_for_contains_text(selector, "gepubliceerd")
    dash_duo.wait_for_contains_text(selector, "via Facebook")
    dash_duo.wait_for_contains_text("#changes", "Gepubliceerd")
    assert_fits(dash_duo, 1920, 1080)
    screenshot("wall-after-publish-1920")

    open_operator(dash_duo, rijden["id"])
    dash_duo.wait_for_contains_text("#op-detail", "Heeft het geholpen?")
    screenshot("operator-published-1920")
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("token", ["", "wrong-token"])
def test_action_without_a_valid_token_is_refused_and_nothing_is_stored(
    dash_duo, store, radar_env, token
):
    settings, _radar, snapshot = radar_env
    waar = question(snapshot, "waar")
    dash_duo.start_server(create_app(settings, store))

    open_operator(dash_duo, waar["id"])
    dash_duo.wait_for_contains_text("#op-detail", waar["representative"])
    if token:
        dash_duo.find_element("#op-token").send_keys(token)
    dash_duo.find_element("#op-label").send_keys(" vooraf")
    for button in ("#op-rename", "#op-dismiss"):
        dash_duo.find_element(button).click()
        dash_duo.wait_for_contains_text("#op-message", "Geweigerd")
        dash_duo.wait_for_contains_class("#op-message", "refused")
    assert operator_keys(store) == []
    assert OperatorActions(store).state().dismissed == frozenset()
    assert dash_duo.get_logs() == []


def test_operator_actions_are_off_without_a_configured_token(dash_duo, store, radar_env):
    settings, _radar, snapshot = radar_env
    dash_duo.start_server(create_app(settings.replace(operator_token=None), store))

    open_operator(dash_duo, snapshot["questions"][0]["id"], lang="en")
    dash_duo.wait_for_contains_text("#op-token-state", "Operator actions are off")
    for button in ("#op-publish", "#op-rename", "#op-merge", "#op-dismiss"):
        assert dash_duo.find_element(button).get_attribute("disabled") == "true"
    assert dash_duo.get_logs() == []


def test_rename_merge_and_dismiss_from_the_operator_view(dash_duo, store, radar_env):
    settings, radar, snapshot = radar_env
    waar, krijg = question(snapshot, "waar"), question(snapshot, "krijg")
    rijden = question(snapshot, "rijden")
    dash_duo.start_server(create_app(settings, store))
    open_operator(dash_duo, waar["id"])
    dash_duo.find_element("#op-token").send_keys(TOKEN)

    dash_duo.wait_for_text_to_equal("#op-label", card_title(waar))  # renamed from the headline
    dash_duo.clear_input("#op-label")
    dash_duo.find_element("#op-label").send_keys("Parkeren bij het station")
    dash_duo.find_element("#op-rename").click()
    dash_duo.wait_for_contains_text("#op-message", "Hernoemd naar")
    dash_duo.find_element("#op-dismiss").click()
    dash_duo.wait_for_contains_text("#op-message", "Genegeerd")

    open_operator(dash_duo, krijg["id"])
    dash_duo.wait_for_contains_text("#op-detail", krijg["representative"])
    dash_duo.select_dcc_dropdown("#op-merge-target", value=f"{card_title(rijden)} ({rijden['id']})")
    dash_duo.find_element("#op-merge").click()
    dash_duo.wait_for_contains_text("#op-message", "Samengevoegd met")

    state = OperatorActions(store).state()
    assert state.labels == {waar["id"]: "Parkeren bij het station"}
    assert state.dismissed == {waar["id"]}
    assert state.merged == {krijg["id"]: rijden["id"]}
    after = refresh(store, radar, settings)
    ids = [q["id"] for q in after["questions"]]
    assert waar["id"] not in ids and krijg["id"] not in ids
    assert waar["id"] not in after["gaps"]
    target = question(after, "rijden")
    assert krijg["id"] in target["merged"]
    assert target["size"] == rijden["size"] + krijg["size"]
    assert dash_duo.get_logs() == []


def click_link(dash_duo, cluster_id: str) -> None:
    """Click a question in the list as a person would, until the address shows it.

    The list is redrawn when a new snapshot arrives; a click that lands on the old
    list is retried, as a person would click again.
    """

    def clicked() -> bool:
        try:
            dash_duo.find_element(f"#op-list li[data-cluster='{cluster_id}'] a").click()
        except StaleElementReferenceException:
            return False
        try:  # the address changes in the browser at once; the server is not involved
            return until(lambda: f"cluster={cluster_id}" in dash_duo.driver.current_url, 5)
        except TestingTimeoutError:
            return False

    until(clicked, 60)


def wording_texts(dash_duo) -> list[str]:
    return [e.text for e in dash_duo.find_elements("#op-wording .w-text")]


def test_clicking_one_question_then_another_shows_each_ones_own_answer(dash_duo, store, radar_env):
    """Click a question, then another, then the gap: the wordings follow each click."""
    settings, _radar, snapshot = radar_env
    krijg, rijden = question(snapshot, "krijg"), question(snapshot, "rijden")
    gap = question(snapshot, "welke")
    assert not gap.get("playbook") and gap["gap"]
    assert krijg["playbook"]["answer_id"] == "geld-terug"
    dash_duo.start_server(create_app(settings, store))
    open_operator(dash_duo)
    dash_duo.find_element("#op-token").send_keys(TOKEN)

    def pick(cluster: dict) -> None:
        click_link(dash_duo, cluster["id"])
        dash_duo.wait_for_contains_text("#op-detail", cluster["representative"])

    pick(krijg)
    dash_duo.wait_for_contains_text("#op-form-title", "geld-terug")
    dash_duo.wait_for_contains_text("#op-wording", "Mijn Reizen")
    assert all("Mijn Reizen" in w for w in wording_texts(dash_duo))

    pick(rijden)
    dash_duo.wait_for_contains_text("#op-form-title", "treinverkeer")
    dash_duo.wait_for_contains_text("#op-wording", "reisplanner")
    texts = wording_texts(dash_duo)
    assert len(texts) == 3 and not any("Mijn Reizen" in w for w in texts), texts
    assert len(dash_duo.find_elements("#op-wording .w-copy")) == 3

    # another wording than the suggested one: it is selected and it is what gets published
    radios = dash_duo.find_elements("#op-wording input[type=radio]")
    suggested = rijden["playbook"]["wording_key"]
    other = next(r for r in radios if r.get_attribute("value") != suggested)
    chosen = other.get_attribute("value")
    other.click()
    until(lambda: [r.get_attribute("value") for r in radios if r.is_selected()] == [chosen], 10)
    dash_duo.select_dcc_dropdown("#op-channel", value="X")
    dash_duo.find_element("#op-publish").click()
    dash_duo.wait_for_contains_text("#op-message", "Gepubliceerd via X")
    published = OperatorActions(store).state().published[rijden["id"]]
    assert published.wording_key == chosen

    pick(gap)
    dash_duo.wait_for_contains_text("#op-form-title", "geen voorbereid antwoord")
    until(lambda: wording_texts(dash_duo) == [], 10)
    assert dash_duo.find_elements("#op-wording input[type=radio]") == []
    dash_duo.find_element("#op-publish").click()
    dash_duo.wait_for_contains_text("#op-message", "geen voorbereid antwoord om te publiceren")
    dash_duo.wait_for_contains_class("#op-message", "refused")
    assert gap["id"] not in OperatorActions(store).state().published
    assert dash_duo.get_logs() == []


def test_a_post_is_corrected_from_the_operator_view(dash_duo, store, radar_env):
    """Click 'geen vraag' under a post: the stored post is corrected at once."""
    settings, radar, snapshot = radar_env
    rijden = question(snapshot, "rijden")
    dash_duo.start_server(create_app(settings, store))
    open_operator(dash_duo)
    dash_duo.find_element("#op-token").send_keys(TOKEN)
    click_link(dash_duo, rijden["id"])
    dash_duo.wait_for_contains_text("#op-detail", rijden["representative"])
    mention = rijden["representative_id"]

    def button(value: str):
        for b in dash_duo.find_elements("#op-detail .op-correct"):
            if f'"mention":"{mention}"' in (b.get_attribute("id") or "") and (
                f'"value":"{value}"' in b.get_attribute("id")
            ):
                return b
        return None

    until(lambda: button("no") is not None, 30)
    button("no").click()
    dash_duo.wait_for_contains_text("#op-message", "Gecorrigeerd")
    doc = json.loads(store.client.get(store.keys.doc(mention)))
    assert doc["is_question"] is False
    after = refresh(store, radar, settings)
    assert after["totals"]["questions"] == snapshot["totals"]["questions"] - 1
    assert dash_duo.get_logs() == []
