"""Operator actions from the web: check the token, validate the form, write through the store.

Every action is checked server-side: no configured token means actions are off; a
missing or wrong token is refused before anything touches the store. The token
is compared in constant time.

>>> token_ok("s3cret", "s3cret"), token_ok("s3cret", "guess"), token_ok(None, None)
(True, False, False)
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from radar.config import Settings
from radar.corrections import Corrections
from radar.operator import OperatorActions, OperatorError
from radar.playbooks import Playbook
from radar.timeutil import iso, parse_time
from web.figures import DEFAULT_TZ, local_time
from web.ids import Id
from web.operator_view import find_cluster
from web.text import DEFAULT_LANG, t

OPERATOR_FAILS_PER_MINUTE = 10
"""Refused operator tokens a client may send per minute before it has to wait."""
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Form:
    """What the operator entered: selection and form fields."""

    cluster_id: str | None = None
    wording_key: str | None = None
    channel: str | None = None
    label: str | None = None
    merge_into: str | None = None


def token_ok(given: Any, configured: str | None) -> bool:
    """True when a token is configured and ``given`` equals it (constant-time compare).

    A token sent as a list, an object or ``true`` (a crafted request) is simply wrong.

    >>> token_ok(["s3cret"], "s3cret"), token_ok(True, "s3cret")
    (False, False)
    """
    if not configured or not given or not isinstance(given, str):
        return False
    return hmac.compare_digest(given.encode("utf-8"), configured.encode("utf-8"))


def publish_time(settings: Settings, snapshot: Mapping[str, Any] | None) -> float:
    """Now on the radar clock: the wall clock, or the snapshot's time in data-clock drills."""
    if settings.clock == "data" and snapshot and snapshot.get("now"):
        return parse_time(snapshot["now"])
    return time.time()


def perform(
    action: str,
    form: Form,
    token: str | None,
    settings: Settings,
    actions: OperatorActions,
    snapshot: Mapping[str, Any] | None,
    playbooks: Mapping[str, Playbook],
    lang: str = DEFAULT_LANG,
    tz: str = DEFAULT_TZ,
    client: str = "-",
) -> tuple[str, bool]:
    """Run one action; returns (message for the operator, whether it was done).

    A client with OPERATOR_FAILS_PER_MINUTE refused tokens in this minute is refused
    without a comparison until the minute is over; each refusal is logged with the client.
    """
    refused = _token_refusal(token, settings, actions, lang, client)
    if refused:
        return refused, False
    cluster = find_cluster(snapshot, form.cluster_id)
    if cluster is None:
        return t("cluster_unknown", lang), False
    try:
        if action == Id.OP_PUBLISH:
            return _publish(form, cluster, settings, actions, snapshot, playbooks, lang, tz)
        if action == Id.OP_RENAME:
            actions.rename(cluster["id"], form.label or "")
            return t("renamed_ok", lang, label=" ".join((form.label or "").split())), True
        if action == Id.OP_MERGE:
            target = find_cluster(snapshot, form.merge_into)
            if target is None:
                return t("need_target", lang), False
            actions.merge(cluster["id"], target["id"])
            return t("merged_ok", lang, target=target.get("label") or target["id"]), True
        if action == Id.OP_DISMISS:
            actions.dismiss(cluster["id"])
            return t("dismissed_ok", lang), True
    except OperatorError as exc:
        return t("refused", lang, reason=str(exc)), False
    return "", False


def correct(
    target: Mapping[str, str],
    token: Any,
    settings: Settings,
    actions: OperatorActions,
    corrections: Corrections,
    lang: str = DEFAULT_LANG,
    client: str = "-",
) -> tuple[str, bool]:
    """Correct one post (``target``: mention, field, value), with the token checks of
    :func:`perform`; returns (message, done)."""
    refused = _token_refusal(token, settings, actions, lang, client)
    if refused:
        return refused, False
    try:
        corrections.correct(str(target.get("mention")), target.get("field"), target.get("value"))
    except OperatorError as exc:
        return t("refused", lang, reason=str(exc)), False
    field = target.get("field")
    value = t(f"correct_{field}_{target.get('value')}", lang)
    return t("corrected_ok", lang, field=field, value=value), True


def _token_refusal(
    token: Any, settings: Settings, actions: OperatorActions, lang: str, client: str
) -> str | None:
    """Why an action with ``token`` from ``client`` is refused, or None when it may go on."""
    if not settings.operator_token:
        return t("actions_disabled", lang)
    wait = actions.locked_out(client, OPERATOR_FAILS_PER_MINUTE)
    if wait:
        return t("token_locked", lang, seconds=wait)
    if not token_ok(token, settings.operator_token):
        count = actions.token_refused(client)
        log.warning("operator: refused token from %s (%d this minute)", client, count)
        return t("token_refused", lang)
    return None


def _publish(
    form: Form,
    cluster: Mapping[str, Any],
    settings: Settings,
    actions: OperatorActions,
    snapshot: Mapping[str, Any] | None,
    playbooks: Mapping[str, Playbook],
    lang: str,
    tz: str,
) -> tuple[str, bool]:
    match = cluster.get("playbook") or {}
    book = playbooks.get(str(match.get("id") or ""))
    answer = (
        next((a for a in book.answers if a.id == match.get("answer_id")), None) if book else None
    )
    if book is None or answer is None:
        return t("no_answer", lang), False
    keys = [f"{book.id}/{answer.id}/{i}" for i in range(len(answer.wordings))]
    if form.wording_key not in keys:
        return t("need_wording", lang), False
    if form.channel not in book.channels:
        return t("need_channel", lang), False
    at = publish_time(settings, snapshot)
    actions.publish(
        cluster["id"],
        book.id,
        answer.id,
        form.wording_key,
        form.channel,
        at,
        wording=answer.wordings[keys.index(form.wording_key)],
    )
    when = local_time(iso(at), tz).strftime("%H:%M")
    return t("published_ok", lang, channel=form.channel, time=when), True
