"""``python -m radar`` is the ``radar`` command."""

import sys

from radar.cli import main

sys.exit(main())
