"""Run an eval script's ``main`` with one clear line, not a traceback, for a missing input.

if __name__ == "__main__":
    from _script import run  # the script's folder is on sys.path when run as a script

    run(main)
"""

from __future__ import annotations

import sys
from collections.abc import Callable


def run(main: Callable[[], object]) -> None:
    """Call ``main``; a missing or unreadable file ends the script with one line."""
    try:
        result = main()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError) as exc:
        reason = (exc.strerror or str(exc)).lower()
        sys.exit(
            f"error: {exc.filename}: {reason}; pass the folder of the shared data sets "
            "(e.g. ../shared/data) or an existing file"
        )
    sys.exit(result if isinstance(result, int) else 0)
