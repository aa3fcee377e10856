"""``radar report --since``: the shift handover from a real Redis holding a replayed drill
(the generated rail outage, refreshed every 15 minutes of drill time as the loop would)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from clustering.embedders import HashingEmbedder
from radar.cli import main
from radar.demo import drill_mentions
from radar.enrichment import Enricher
from radar.headline import card_title
from radar.loop import refresh_once
from radar.operator import OperatorActions
from radar.refresh import Radar
from radar.timeutil import iso, parse_time
from tests.fakes import by_first_word

pytestmark = pytest.mark.redis

START = datetime(2026, 11, 23, 5, 30, tzinfo=UTC)


@pytest.fixture
def drill(store, settings):
    """The drill replayed into the store on the data clock; one answer published."""
    s = settings.replace(clock="data")
    mentions = sorted(drill_mentions(seed=7, start=START), key=lambda m: m.published)
    enricher = Enricher(s, HashingEmbedder())
    radar = Radar(s, clusterer=by_first_word)
    clock, done, snapshots = START.timestamp() + 900, 0, []
    while done < len(mentions):
        upto = next((i for i, m in enumerate(mentions) if m.published > clock), len(mentions))
        if upto > done:
            enriched, vectors = enricher.enrich(mentions[done:upto])
            store.save_enriched(enriched, vectors)
            done = upto
            snapshots.append(refresh_once(store, radar, s))
        clock += 900
    top = snapshots[-1]["questions"][0]
    at = parse_time(snapshots[-1]["now"]) - 1800
    OperatorActions(store).publish(
        top["id"],
        "treinstoring",
        "reisadvies",
        "treinstoring/reisadvies/0",
        "X",
        at,
        wording="Plan je reis opnieuw via de reisplanner.",
    )
    return snapshots, top, at


def test_report_since_8h_hands_over_the_whole_drill(drill, settings, capsys):
    snapshots, top, at = drill
    assert main(["report", "--since", "8h", "--redis-url", settings.redis_url]) == 0
    out = capsys.readouterr().out
    end = snapshots[-1]["now"]
    start = parse_time(end) - 8 * 3600
    day = lambda t: f"{iso(t)[8:10]}-{iso(t)[5:7]}-{iso(t)[:4]} {iso(t)[11:16]}"  # noqa: E731
    assert out.startswith(f"# Overdracht: {day(start)} – {day(parse_time(end))} (UTC)")
    new = out.split("**Nieuw in deze dienst**")[1].split("**Gegroeid**")[0]
    # the whole drill falls in the shift: every listed question is new, none carried over
    assert card_title(top)[:60] in new  # named as the wall names it
    assert "al in een vorige dienst" not in out
    published = out.split("**Gepubliceerde antwoorden**")[1].split("**")[0]
    assert f"- {day(at)} via X: " in published
    assert "Plan je reis opnieuw via de reisplanner." in published
    signals = out.split("**Signalen in deze dienst**")[1]
    assert "— piek: " in signals  # the drill's morning spike, with its time


def test_report_since_1h_marks_what_was_there_before_and_compares_with_that_stand(
    drill, settings, capsys
):
    snapshots, _top, _at = drill
    assert main(["report", "--since", "1h", "--redis-url", settings.redis_url, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    end = parse_time(snapshots[-1]["now"])
    assert data["since"] == iso(end - 3600) and data["now"] == snapshots[-1]["now"]
    # compared with the last snapshot at or before the start of the shift
    assert data["compared_with"] == max(
        s["now"] for s in snapshots if parse_time(s["now"]) <= end - 3600
    )
    listed = {q["id"] for q in snapshots[-1]["questions"]}
    sections = ("new", "grew", "faded", "open_gaps")
    assert {i["id"] for k in sections for i in data[k] if not i.get("gone")} <= listed
    carried = [i for k in ("grew", "faded") for i in data[k] if not i.get("gone")]
    assert carried and all(i["carried_over"] for i in carried)
    assert all(not i["carried_over"] for i in data["new"])
    gaps = {q["id"] for q in snapshots[-1]["questions"] if q["gap"]}
    assert {i["id"] for i in data["open_gaps"]} == gaps
    assert [p["channel"] for p in data["published"]] == ["X"]


def test_report_on_an_empty_store_is_one_line_error(store, settings, capsys):
    assert main(["report", "--redis-url", settings.redis_url]) == 1
    assert capsys.readouterr().err == (
        "Error: report: no snapshot in the store yet; start the radar (radar run, or radar loop)\n"
    )
