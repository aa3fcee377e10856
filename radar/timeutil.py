"""Time parsing and formatting: ISO 8601 UTC strings and epoch seconds.

>>> parse_time("2026-11-22T07:45:00Z")
1795333500.0
>>> parse_time("1795333500")
1795333500.0
>>> iso(1795333500.0)
'2026-11-22T07:45:00Z'
"""

from __future__ import annotations

from datetime import UTC, datetime


def parse_time(value: object) -> float:
    """Epoch seconds from ISO 8601 text (naive = UTC) or epoch seconds; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"not a time: {value!r}")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        pass
    else:
        return number / 1000.0 if number > 1e11 else number  # epoch milliseconds
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def iso(epoch: float) -> str:
    """ISO 8601 UTC text with a Z, to the second."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
