"""``python -m govinfo``: the command line."""

import sys

from govinfo.cli import main

sys.exit(main())
