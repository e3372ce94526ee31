"""API keys: one organisation and one role each; only a hash of the secret is kept."""

from datetime import datetime
from typing import Literal, get_args

from sqlmodel import Field, SQLModel

from api.models.common import UTCDateTime, created_at_field, one_of

Role = Literal["submitter", "steward"]
ROLES: tuple[str, ...] = get_args(Role)


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_key"
    __table_args__ = (one_of("role", ROLES),)

    id: int | None = Field(default=None, primary_key=True)
    # The public half of the key ("tic_<key_id>_<secret>"): finds the row without a scan.
    key_id: str = Field(max_length=32, unique=True, index=True)
    secret_hash: str = Field(max_length=128)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    role: str = Field(max_length=20)
    label: str | None = Field(default=None, max_length=200)
    created_at: datetime = created_at_field()
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # After this the key no longer authenticates (401); none: until revoked. A rotated key gets
    # one (now + the grace period) so its holders have time to switch to the new key.
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
