"""Organisations indexed by kind then slug, in place of by kind alone.

The consensus trend pages definitions in (organisation slug, definition id) order for one kind
of organisation. With an index on kind alone, SQLite read every definition of the kind and
sorted them before the page's limit applied (page 1 of kind=csc_team at 10,000 definitions:
~100 ms, growing with the registry); walking this index gives the organisations of a kind in
slug order from the cursor's slug, so a page reads only its own rows. Slugs are unique, so the
pair is too (declared, so that SQLite knows each step of the walk is one organisation). It
starts with kind, so it serves every query the old index did.

Revision ID: 3b7f2c9d1e58
Revises: 8e41c7d2a9f3
Create Date: 2026-11-29 23:40:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "3b7f2c9d1e58"
down_revision: str | None = "8e41c7d2a9f3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_organisation_kind_slug", "organisation", ["kind", "slug"], unique=True)
    op.drop_index("ix_organisation_kind", table_name="organisation")


def downgrade() -> None:
    op.create_index("ix_organisation_kind", "organisation", ["kind"], unique=False)
    op.drop_index("ix_organisation_kind_slug", table_name="organisation")
