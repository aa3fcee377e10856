"""The operator view's pure parts: token checks, routing, forms, 'what changed'."""

from __future__ import annotations

import pytest

from radar.config import Settings
from radar.playbooks import Answer, Playbook
from web.actions import Form, perform, token_ok
from web.callbacks import route
from web.changes import recent_changes
from web.ids import Id
from web.operator_view import answer_options, cluster_detail, form_state

pytestmark = pytest.mark.unit

BOOK = Playbook(
    "trein", "Treinstoring", "", "actief", {"name": "Jan"}, ("X", "website"), ("q?",),
    (Answer("bus", ("bus?",), ("Eén", "Twee", "Drie"), "trein"),),
)  # fmt: skip
SNAP = {
    "now": "2026-11-22T08:00:00Z",
    "bins": [{"start": "2026-11-22T07:59:00Z"}],
    "questions": [
        {"id": "q1", "kind": "question", "label": "bus", "representative": "<b>bus?</b>",
         "counts": [3], "playbook": {"id": "trein", "answer_id": "bus",
                                     "wording_key": "trein/bus/1", "title": "Treinstoring"}},
        {"id": "q2", "kind": "question", "label": "geld", "counts": [1], "playbook": None},
    ],
    "topics": [{"id": "t1", "kind": "topic", "label": "storing", "counts": [4]}],
}  # fmt: skip


class Boom:
    """Stands in for OperatorActions where no action may reach the store; it counts the
    refused tokens (the throttle) and locks a client out after ``limit`` of them."""

    def __init__(self):
        self.refused: list[str] = []

    def locked_out(self, client, limit):
        return 42 if self.refused.count(client) >= limit else 0

    def token_refused(self, client):
        self.refused.append(client)
        return self.refused.count(client)

    def __getattr__(self, name):
        raise AssertionError(f"the store was touched: {name}")


@pytest.mark.parametrize("token", [None, "", "wrong", "s3cret "])
def test_a_wrong_or_missing_token_is_refused_before_the_store(token):
    settings = Settings(operator_token="s3cret")
    message, ok = perform(Id.OP_DISMISS, Form("q1"), token, settings, Boom(), SNAP, {})
    assert not ok and message.startswith("Geweigerd: de toegangscode ontbreekt of klopt niet")


def test_without_a_configured_token_actions_are_off():
    message, ok = perform(Id.OP_DISMISS, Form("q1"), "x", Settings(), Boom(), SNAP, {}, "en")
    assert not ok and message.startswith("Operator actions are off")


def test_token_compare():
    assert token_ok("abc", "abc") and not token_ok("abd", "abc") and not token_ok("", "")


def test_routes_and_languages():
    assert route("/operator", "?cluster=q1&lang=en", "nl") == {"page": "operator", "lang": "en"}
    assert route("/", "?lang=xx", "en") == {"page": "wall", "lang": "en"}


def test_forms_offer_every_wording_with_the_suggested_one_and_the_channels():
    options, suggested, channels = answer_options(SNAP["questions"][0], {"trein": BOOK})
    assert [o["value"] for o in options] == ["trein/bus/0", "trein/bus/1", "trein/bus/2"]
    assert suggested == "trein/bus/1" and channels == ("X", "website")
    title, picker, chans, chan, label, targets = form_state(SNAP, "q1", {"trein": BOOK})
    group = picker[0]
    assert group.id == Id.OP_WORDING and group.value == "trein/bus/1" and chan is None
    assert [o["value"] for o in group.options] == [o["value"] for o in options]
    assert label == "<b>bus?</b>"  # a question is renamed from its headline, not its keywords
    assert [t["value"] for t in targets] == ["q2"]  # questions merge into questions only
    assert targets[0]["label"] == "geld (q2)"  # named as on the wall (its headline)


def test_a_question_without_a_prepared_answer_offers_no_wording_and_says_so():
    title, picker, chans, chan, _label, _targets = form_state(SNAP, "q2", {"trein": BOOK})
    assert title.endswith("geen voorbereid antwoord")
    assert picker[0].options == [] and picker[0].value is None
    assert picker[1].children.startswith("Nog geen voorbereid antwoord")
    assert chans == [] and chan is None


def test_detail_shows_post_text_as_plain_text():
    detail = cluster_detail(SNAP, "q1")
    assert any(getattr(c, "children", None) == "<b>bus?</b>" for c in detail)
    assert cluster_detail(SNAP, "gone")[0].children.startswith(
        "Deze vraag of dit onderwerp staat niet meer"
    )


def test_recent_changes_of_an_empty_snapshot():
    assert recent_changes({}) == {"new": [], "growing": [], "fading": [], "published": []}


@pytest.mark.parametrize("token", [["s3cret"], {"t": "s3cret"}, True, 5])
def test_a_token_of_the_wrong_type_is_a_refusal_not_an_error(token):
    settings = Settings(operator_token="s3cret")
    message, ok = perform(Id.OP_DISMISS, Form("q1"), token, settings, Boom(), SNAP, {})
    assert not ok and message.startswith("Geweigerd")


def test_guessing_the_token_is_throttled_per_client():
    settings, actions = Settings(operator_token="s3cret"), Boom()
    for i in range(10):
        message, ok = perform(
            Id.OP_DISMISS, Form("q1"), f"guess-{i}", settings, actions, SNAP, {}, client="10.0.0.9"
        )
        assert message.startswith("Geweigerd: de toegangscode")
    # the 11th guess in the minute is not even compared, the right token neither
    message, ok = perform(
        Id.OP_DISMISS, Form("q1"), "s3cret", settings, actions, SNAP, {}, client="10.0.0.9"
    )
    assert not ok and "te veel verkeerde toegangscodes" in message and "42 s" in message
    assert actions.refused == ["10.0.0.9"] * 10
