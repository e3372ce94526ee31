"""`python -m seed`: load the seed content into the configured database; safe to run again.

The same as `tic-registry seed`; kept because scripts and the README's history use it.
"""

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    argparse.ArgumentParser(
        prog="python -m seed",
        description="Load the seed content (organisations, the EIF report, frameworks, "
        "definitions, practice models) into the database named by TIC_DATABASE_URL, and "
        "analyse any revision the current analyser has not. Safe to run again: a second run "
        "changes nothing. The database must be migrated first (tic-registry migrate).",
        epilog="The same as `tic-registry seed`.",
    ).parse_args(argv)
    from api.cli import main as cli

    return cli(["seed"])


if __name__ == "__main__":
    sys.exit(main())
