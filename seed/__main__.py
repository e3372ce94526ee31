"""`python -m seed`: load the seed content into the configured database; safe to run again."""

import sys

from sqlmodel import Session

from api.db import engine
from seed.loader import seed


def main() -> int:
    with Session(engine) as session:
        changed = seed(session)
    print(f"seed: {changed} record(s) added or changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
