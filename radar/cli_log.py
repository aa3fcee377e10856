"""Logging of the ``radar`` command line: log lines as text or JSON, and the one-line
``warning: …`` / ``Error: …`` a person reads on stderr (``console``).

>>> ConsoleFormatter().format(logging.makeLogRecord({"msg": "no feed", "levelno": 40}))
'Error: no feed'
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger("radar")
# the lines a person reads on stderr ("warning: …", "Error: …"): plain text, or JSON
# objects like every log line under --log-format json
console = logging.getLogger("radar.console")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (and the traceback if any)."""

    def format(self, record: logging.LogRecord) -> str:
        import json

        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class ConsoleFormatter(logging.Formatter):
    """``warning: <message>`` and ``Error: <message>``: the one-line form of the CLI."""

    def format(self, record: logging.LogRecord) -> str:
        prefix = "Error" if record.levelno >= logging.ERROR else record.levelname.lower()
        return f"{prefix}: {record.getMessage()}"


def configure_logging(verbose: bool, log_format: str, quiet: bool = False) -> None:
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S")
        )
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=[handler])
    # set on every call (main runs more than once in one process in the tests)
    for name in ("radar", "clustering", "web"):
        logging.getLogger(name).setLevel(logging.WARNING if quiet and not verbose else 0)
    # stderr as it is now (tests swap it); replaced on every call, never duplicated
    out = logging.StreamHandler(sys.stderr)
    out.setFormatter(JsonFormatter() if log_format == "json" else ConsoleFormatter())
    console.handlers[:] = [out]
    console.propagate = False
    console.setLevel(logging.INFO)
