"""`python -m api COMMAND`: the registry's command line, the same as `tic-registry COMMAND`."""

import sys

from api.cli import main

sys.exit(main())
