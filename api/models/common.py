"""Column types and field groups shared by several tables."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any

from annotated_types import Ge, Le
from pydantic import (
    AfterValidator,
    BeforeValidator,
    GetJsonSchemaHandler,
    Strict,
    StringConstraints,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema
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


# What no text from a client may hold, as regular-expression classes: C0 controls but tab, line
# feed and carriage return, and DEL (NUL is refused by PostgreSQL); on one line, every C0 control.
# Surrogates too: a JSON "\ud800" escape decodes to a lone surrogate, which no encoding (so no
# database) can store. The validators refuse them; the documented patterns leave them out, since
# a pattern naming surrogates is invalid in most regex engines (Rust's, Go's) and so unusable by
# clients and schema-driven tests, and a conforming JSON text carries none anyway.
FORBIDDEN_CHARACTERS = r"\x00-\x08\x0B\x0C\x0E-\x1F\x7F"
_FORBIDDEN_ON_ONE_LINE = r"\x00-\x1F\x7F"
_SURROGATES = r"\uD800-\uDFFF"
_FORBIDDEN = re.compile(f"[{FORBIDDEN_CHARACTERS}{_SURROGATES}]")


def _no_control_characters(value: str) -> str:
    if _FORBIDDEN.search(value):
        raise ValueError("must not contain control characters or unpaired surrogates")
    if not value.strip():
        raise ValueError("must not be empty or only whitespace")
    return value


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value or "\t" in value:
        raise ValueError("must be a single line")
    return value


def _text_pattern(forbidden: str) -> str:
    # Blanks, then one character that is neither blank nor forbidden, then anything allowed;
    # written so that no input makes the expression backtrack.
    return f"^[^\\S{forbidden}]*[^\\s{forbidden}][^{forbidden}]*$"


@dataclass(frozen=True)
class _Documented:
    """Writes into a text type's JSON Schema what its validators enforce (not blank, no
    forbidden character), so the OpenAPI document tells clients and schema-driven tests."""

    pattern: str

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema["minLength"] = max(schema.get("minLength", 0), 1)
        schema["pattern"] = self.pattern
        return schema


# Every text field a client sends is one of these two types, optional ones included (a bare
# `str | None` let a lone surrogate through to the database). Length limits sit on each field.
# Free text: no forbidden characters, not blank.
CleanText = Annotated[
    str,
    AfterValidator(_no_control_characters),
    _Documented(_text_pattern(FORBIDDEN_CHARACTERS)),
]
# A title or name: as CleanText, on one line. It is kept as sent: trimming it here made a field's
# length limit apply to the trimmed text for optional fields and to the text sent for required
# ones, so a schema-valid limit was not the one enforced.
SingleLine = Annotated[
    str,
    AfterValidator(_no_control_characters),
    AfterValidator(_single_line),
    _Documented(_text_pattern(_FORBIDDEN_ON_ONE_LINE)),
]
HttpUrlText = Annotated[
    str, StringConstraints(max_length=1000, pattern=r"^https?://[^\s\x00-\x1F\x7F]+$")
]
# At most 10 characters, as the column holds (a 3-letter language and an 8-character subtag
# would be 12).
LanguageTag = Annotated[
    str, StringConstraints(max_length=10, pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
]

# The largest integer every engine's integer columns hold (PostgreSQL's `integer`): ids and
# numbers a client sends are bounded by it, so none reaches the database only to overflow there.
MAX_INTEGER = 2**31 - 1


def _whole_number(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _date_text(value: Any) -> Any:
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("must be a date written YYYY-MM-DD")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Numbers and dates in a JSON body, as JSON Schema counts them: 3 and 3.0 are integers, true and
# "3" are not (Python's lax parsing would take them as 1 and 3); a date is "YYYY-MM-DD" text, not
# a number of seconds. The bounds come before the validator, so the schema states them.
RowId = Annotated[int, Strict(), Ge(1), Le(MAX_INTEGER), BeforeValidator(_whole_number)]
Year = Annotated[int, Strict(), Ge(1900), Le(2100), BeforeValidator(_whole_number)]
JsonDate = Annotated[date, BeforeValidator(_date_text)]

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
