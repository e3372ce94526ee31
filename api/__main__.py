"""`python -m api ...`: the registry's command line (see api/cli.py)."""

import sys

from api.cli import main

sys.exit(main())
