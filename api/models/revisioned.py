"""The columns every resource with history shares: a head and its immutable revisions.

A head row is the resource's stable identity and points at its current revision; revision rows
are only ever inserted and each carries every field of the resource as it then stood, who wrote
it (organisation and key; both null for the seed) and when. ``api.services.revisions`` is the
one mechanism that reads and writes them.
"""

from datetime import datetime

from sqlmodel import Field, SQLModel

from api.models.common import created_at_field


class HeadFields(SQLModel):
    current_revision: int = Field(default=1, ge=1)
    created_at: datetime = created_at_field()


class RevisionFields(SQLModel):
    number: int = Field(ge=1)
    author_organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    author_key_id: int | None = Field(default=None, foreign_key="api_key.id")
    created_at: datetime = created_at_field()
