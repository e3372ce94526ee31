"""Column types and field groups shared by several tables."""

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, StringConstraints
from sqlalchemy import CheckConstraint, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware UTC in Python.

    SQLite hands back naive datetimes even for DateTime(timezone=True); this makes both backends
    return the same thing, so ETags and comparisons do not depend on the engine.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def created_at_field() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class Provenance(SQLModel):
    """Where a seeded fact comes from, and whether it was read in that source (``verified``)."""

    verified: bool = False
    provenance: str | None = Field(default=None, max_length=1000)
    provenance_url: str | None = Field(default=None, max_length=1000)


_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {chr(127)}


def _no_control_characters(value: str) -> str:
    if any(ch in _CONTROL for ch in value):
        raise ValueError("must not contain control characters")
    if not value.strip():
        raise ValueError("must not be empty or only whitespace")
    return value


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value or "\t" in value:
        raise ValueError("must be a single line")
    return value.strip()


# Free text a client sends: no control characters, not blank. Length limits sit on each field.
CleanText = Annotated[str, AfterValidator(_no_control_characters)]
# A title or name: as CleanText, on one line, surrounding whitespace removed.
SingleLine = Annotated[str, AfterValidator(_no_control_characters), AfterValidator(_single_line)]
HttpUrlText = Annotated[str, StringConstraints(max_length=1000, pattern=r"^https?://[^\s]+$")]
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]

# The one pattern for every slug: lower-case words of letters and digits joined by single hyphens.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(min_length=1, max_length=120, pattern=SLUG_PATTERN)]


def one_of(column: str, values: tuple[str, ...], *, nullable: bool = False) -> CheckConstraint:
    """A CHECK constraint named after ``column`` that admits only ``values``.

    Built from the same tuple as the model's Literal, so an enumeration is stated once.
    """
    allowed = ", ".join(f"'{v}'" for v in values)
    condition = f"{column} IN ({allowed})"
    if nullable:
        condition = f"{column} IS NULL OR {condition}"
    return CheckConstraint(condition, name=column)
