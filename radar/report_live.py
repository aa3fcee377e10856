"""``radar report --since 8h``: the shift handover from a live store.

Reads the current snapshot, the snapshot history (the stand at the start of the shift, or
the oldest kept when the history does not reach that far) and the operator log (published
answers), and hands them to :func:`radar.report_handover.handover`. The shift ends at the
radar clock (``now`` of the snapshot: the wall clock, or the newest mention in a drill).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from radar.errors import RadarError
from radar.operator import OperatorActions
from radar.report import _cell
from radar.report_handover import handover, render_handover
from radar.report_review import KIND, when_format
from radar.timeline import compact
from radar.timeutil import parse_time

HISTORY = 500  # snapshots read back (the store keeps about this many)


def comparison_point(
    history: Sequence[dict[str, Any]], since: float, now: float
) -> tuple[dict[str, Any] | None, bool]:
    """The snapshot a shift is compared with: the last one at or before the shift's start,
    unless that lies more than a shift further back (a replay, a radar that was off): then
    the first one inside the shift, flagged (``True``). ``history`` is oldest first.

    >>> snaps = [{"now": "2013-01-28T05:29:00Z"}, {"now": "2013-02-04T23:00:00Z"}]
    >>> since, now = parse_time("2013-02-04T21:54:00Z"), parse_time("2013-02-05T05:54:00Z")
    >>> point, first = comparison_point(snaps, since, now)
    >>> point["now"], first
    ('2013-02-04T23:00:00Z', True)
    """
    before = [p for p in history if parse_time(p["now"]) <= since]
    inside = [p for p in history if since < parse_time(p["now"]) < now]
    if before and since - parse_time(before[-1]["now"]) <= now - since:
        return before[-1], False
    if inside:
        return inside[0], True
    return (before[-1], False) if before else (None, False)


def shift_handover(store: Any, since_seconds: float) -> tuple[str, dict[str, Any]]:
    """Markdown and JSON of the handover of the last ``since_seconds`` of radar time."""
    snapshot = store.load_snapshot()
    if snapshot is None:
        raise RadarError(
            "report: no snapshot in the store yet; start the radar (radar run, or radar loop)"
        )
    now = parse_time(snapshot["now"])
    since = now - since_seconds
    earlier, first_in_shift = comparison_point(store.snapshot_history(HISTORY), since, now)
    published = [e for e in OperatorActions(store).history(1000) if e.get("action") == "publish"]
    data = handover(
        compact(snapshot, 900.0)["questions"],
        now,
        since,
        None if earlier is None else compact(earlier, 900.0)["questions"],
        published,
    )
    data["compared_with"] = None if earlier is None else earlier["now"]
    data["compared_first_in_shift"] = first_in_shift
    data["alerts"] = [
        {"kind": a["kind"], "since": a["since"], "message": a["message"]}
        for a in snapshot.get("alert_log", [])
        if a["kind"] in KIND and parse_time(a["since"]) >= since
    ]
    when = when_format(True)  # pasted into the team's log: every time with its date
    lines = render_handover(data, when, heading="#")
    lines += ["", "**Signalen in deze dienst**", ""]
    lines += [
        f"- {when(a['since'])} — {KIND[a['kind']]}: {_cell(a['message'], 200)}"
        for a in data["alerts"]
    ]
    if not data["alerts"]:
        lines.append("- geen")
    return "\n".join(lines) + "\n", data
