"""One hierarchy for every error the radar reports to a person.

Library code raises these; the CLI prints ``Error: <message>`` on one line and
exits non-zero. Third-party errors are translated at the boundary.

>>> try:
...     raise FeedError("https://example.org/feed: timed out after 10 s; check the URL")
... except RadarError as exc:
...     print(f"Error: {exc}")
Error: https://example.org/feed: timed out after 10 s; check the URL
"""

from __future__ import annotations


class RadarError(Exception):
    """Base of all errors meant for the person running the radar."""


class ConfigError(RadarError):
    """A setting is missing, malformed or out of range."""


class StoreError(RadarError):
    """Redis cannot be reached or answered unexpectedly."""


class FeedError(RadarError):
    """A feed could not be fetched or parsed."""


class InputFileError(RadarError):
    """An input file (JSONL/CSV) cannot be read or lacks a required field."""


class InvalidMention(InputFileError, ValueError):
    """A mention's field has the wrong type or an impossible value (a time that is not
    finite or lies in the future, a language that is not text)."""


class OutputError(RadarError):
    """An output file or folder cannot be written."""


class PlaybookError(RadarError):
    """A playbook file is malformed."""


class BackendNotInstalled(RadarError):
    """An optional backend's package is missing; the message names what to install."""


class BackendError(RadarError):
    """A backend (embedder, model) failed to load or run."""
