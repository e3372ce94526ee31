"""`python -m seed`: load the seed content into the configured database; safe to run again."""

import sys

from api.config import settings
from api.db import Database
from seed.loader import seed


def main() -> int:
    database = Database(settings.database_url)
    try:
        with database.session(write=True) as session:
            changed = seed(session)
    finally:
        database.dispose()
    print(f"seed: {changed} record(s) added or changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
