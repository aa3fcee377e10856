import pytest

from radar.report_handover import handover, render_handover
from radar.report_review import when_format
from radar.timeutil import parse_time

pytestmark = pytest.mark.unit

NOW = parse_time("2026-11-22T16:00:00Z")
SINCE = parse_time("2026-11-22T08:00:00Z")


def _q(id_, size, first, last, state="stable", gap=False):
    return {
        "id": id_,
        "headline": f"vraag {id_}?",
        "size": size,
        "state": state,
        "first_seen": f"2026-11-22T{first}:00Z",
        "last_seen": f"2026-11-22T{last}:00Z",
        "gap": gap,
        "answer": None if gap else "Treinstoring",
    }


def test_handover_sorts_new_grown_faded_open_and_published():
    current = [
        _q("q1", 12, "09:00", "15:50", "growing", gap=True),  # new in this shift
        _q("q2", 30, "06:00", "15:55", "growing"),  # was 10 at the start: grew
        _q("q3", 9, "05:00", "12:30", "fading"),  # nothing since 12:30: stale, faded
    ]
    earlier = [
        _q("q2", 10, "06:00", "07:59"),
        _q("q3", 8, "05:00", "07:30"),
        _q("q9", 6, "04:00", "07:00"),
    ]
    published = [
        {
            "cluster_id": "q2",
            "at": parse_time("2026-11-22T10:15:00Z"),
            "channel": "X",
            "wording": "Er rijden bussen.",
        },
        {
            "cluster_id": "q2",
            "at": parse_time("2026-11-22T07:00:00Z"),
            "channel": "X",
        },  # last shift
    ]
    current[1]["after_publish"] = {"before_rate": 8.0, "after_rate": 4.0, "change": -0.5}
    h = handover(current, NOW, SINCE, earlier, published)
    assert [i["id"] for i in h["new"]] == ["q1"]
    assert [(i["id"], i["was"], i["size"]) for i in h["grew"]] == [("q2", 10, 30)]
    assert [(i["id"], i.get("gone", False)) for i in h["faded"]] == [("q3", False), ("q9", True)]
    assert [i["id"] for i in h["open_gaps"]] == ["q1"]
    assert [(p["id"], p["at"]) for p in h["published"]] == [("q2", "2026-11-22T10:15:00Z")]
    text = "\n".join(render_handover(h, when_format(False)))
    assert "- vraag q2? (10→30×) — _al in een vorige dienst, sinds 06:00_" in text
    assert (
        "- vraag q3? (8→9×) — _verouderd: niets nieuws sinds 12:30; al in een vorige dienst" in text
    )
    assert "- vraag q9? (6→0×) — _niet meer op de wall;" in text
    assert (
        "- 10:15 via X: vraag q2? — “Er rijden bussen.”; daarna -50% berichten per 15 min" in text
    )


def test_a_shift_without_a_snapshot_at_its_start_is_compared_with_its_first_and_says_so():
    from radar.report_live import comparison_point

    history = [{"now": "2026-11-15T05:00:00Z"}, {"now": "2026-11-22T09:30:00Z"}]
    point, first = comparison_point(history, SINCE, NOW)
    assert (point["now"], first) == ("2026-11-22T09:30:00Z", True)  # not a week back
    h = handover([], NOW, SINCE, [], []) | {
        "compared_with": point["now"],
        "compared_first_in_shift": first,
    }
    text = "\n".join(render_handover(h, when_format(False)))
    assert "Vergeleken met de stand van 09:30 (het eerste beeld in deze dienst" in text
    near = [{"now": "2026-11-22T07:45:00Z"}, *history[1:]]
    assert comparison_point(near, SINCE, NOW) == (near[0], False)  # just before the start


def test_the_handover_names_questions_as_the_wall_does():
    from radar.timeline import compact

    def q(qid, representative, **extra):
        return {
            "id": qid,
            "rank": 1,
            "representative": representative,
            "size": 5,
            "recent": 1,
            "state": "stable",
            "sentiment": {"negative": 0.5},
            "first_seen": "x",
            "last_seen": "y",
            "gap": True,
            "playbook": None,
            **extra,
        }

    snapshot = {
        "now": "2026-11-22T16:00:00Z",
        "window": {"bin_minutes": 1.0},
        "totals": {},
        "questions": [
            q("q1", "goedemorgen. krijg ik mijn geld terug? Zo frustrerend."),
            q("q2", "Help! Rijdt de bus?", label="Bussen Utrecht", renamed=True),
        ],
    }
    headlines = [x["headline"] for x in compact(snapshot, 900.0)["questions"]]
    assert headlines == ["Krijg ik mijn geld terug?", "Bussen Utrecht"]
