"""Whole-registry backup: every row of every table as one versioned JSON document, and back.

``export_registry`` reads every table the models define (foreign-key order, rows by primary
key, every column) in one snapshot; ``import_registry`` checks a document completely before it
writes anything, then restores it into an empty migrated database in the caller's transaction
(or, with ``replace``, empties the database first in that same transaction). Nothing is left
out or derived again, so a restored registry answers every read as the original did: revisions,
analyses under each analyser version, endorsement, practice-model and team histories, API keys
(id and secret hash, so issued keys keep working) and idempotency records.

Values are plain JSON: timestamps in UTC ISO 8601, dates ISO, JSON columns as they are. The
document names the schema revision (Alembic's) it was taken at, and a database at another
revision refuses it. What is not a model table is rebuilt: SQLite's full-text index from each
definition's current revision, PostgreSQL's id sequences from the ids restored.
"""

import math
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON as JSONType
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Table, func, inspect, text
from sqlalchemy import select as select_columns
from sqlalchemy.exc import StatementError
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel import Session, SQLModel, and_, col, select

from api.domain import Conflict, Unprocessable
from api.models import Definition, DefinitionRevision
from api.models.common import utcnow
from api.progress import progress
from api.search import rebuild_index

FORMAT = "tic-registry-backup"
VERSION = 1
# The bounds of PostgreSQL's INTEGER, the type every integer column has on both engines.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


class InvalidBackup(Unprocessable):
    """The document cannot be restored: not a backup, another format version or schema
    revision, or rows that do not fit the tables."""

    kind = "invalid-backup"


class NotEmpty(Conflict):
    """The database already holds rows and the caller did not ask to replace them."""

    kind = "database-not-empty"


def tables() -> list[Table]:
    """Every table the models define, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def schema_revision(session: Session) -> str:
    """The Alembic revision the database is migrated to."""
    if not inspect(session.connection()).has_table("alembic_version"):
        raise InvalidBackup("The database is not migrated: run `tic-registry migrate` first.")
    versions = session.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(versions) != 1:
        raise InvalidBackup(f"The database has {len(versions)} Alembic heads; expected one.")
    return str(versions[0])


# -- export ------------------------------------------------------------------------------------


def export_registry(session: Session) -> dict[str, Any]:
    """The whole registry as one JSON-ready document, read in one consistent snapshot.

    Give it a session that has not run anything yet: on PostgreSQL its transaction is made
    REPEATABLE READ so every table is read as of the same moment (SQLite's read transaction is
    one snapshot already).
    """
    if session.get_bind().dialect.name == "postgresql" and not session.in_transaction():
        session.connection(
            execution_options={"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        )
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _encode(utcnow()),
        "schema_revision": schema_revision(session),
        "tables": {},
    }
    for table in tables():
        columns = list(table.columns)
        query = select_columns(*columns).order_by(*table.primary_key.columns)
        document["tables"][table.name] = {
            "columns": [c.name for c in columns],
            "rows": [[_encode(value) for value in row] for row in session.execute(query)],
        }
    return document


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:  # every timestamp column is UTCDateTime; be safe regardless
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


# -- import ------------------------------------------------------------------------------------


def import_registry(session: Session, document: Any, *, replace: bool = False) -> dict[str, int]:
    """Restore ``document`` (as ``export_registry`` made it); returns rows restored per table.

    The whole document is checked before anything is written. A database that holds any row is
    refused (``NotEmpty``) unless ``replace``, which deletes every row first. Everything happens
    in the session's transaction: the caller commits, or rolls back to leave the database as it
    was.
    """
    rows = _checked(document, schema_revision(session))
    occupied = [t.name for t in tables() if _count(session, t)]
    if occupied and not replace:
        raise NotEmpty(
            f"The database is not empty ({', '.join(occupied)} hold rows): restore into an "
            "empty migrated database, or replace what it holds."
        )
    for table in reversed(tables()):
        if table.name in occupied:
            session.execute(table.delete())
    counts: dict[str, int] = {}
    try:
        for table in progress(tables(), description="importing tables"):
            counts[table.name] = _insert(session, table, rows[table.name])
        session.flush()
    except StatementError as error:
        reason = str(error.orig or error).strip().splitlines()[0]
        raise InvalidBackup(f"The rows do not fit the database: {reason}") from None
    rebuild_index(session, _current_texts(session))
    _reset_sequences(session)
    return counts


def _count(session: Session, table: Table) -> int:
    return int(session.execute(select_columns(func.count()).select_from(table)).scalar_one())


def _insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> int:
    """Insert ``rows``; a column pointing at its own table (an organisation's parent) is filled
    in afterwards, so no row needs another to come before it."""
    if not rows:
        return 0
    own = [fk.parent for fk in table.foreign_keys if fk.column.table is table]
    later = [(row, {c.name: row[c.name] for c in own if row[c.name] is not None}) for row in rows]
    session.execute(table.insert(), [{**row, **dict.fromkeys(fixes, None)} for row, fixes in later])
    keys = list(table.primary_key.columns)
    for row, fixes in later:
        if fixes:
            where = and_(*(k == row[k.name] for k in keys))
            session.execute(table.update().where(where).values(fixes))
    return len(rows)


def _current_texts(session: Session) -> Iterator[tuple[int, str, str]]:
    query = (
        select(Definition.id, DefinitionRevision.title, DefinitionRevision.text)
        .join(
            DefinitionRevision,
            and_(
                col(DefinitionRevision.definition_id) == Definition.id,
                col(DefinitionRevision.number) == Definition.current_revision,
            ),
        )
        .order_by(col(Definition.id))
    )
    for definition_id, title, text_ in session.execute(query).all():
        yield int(definition_id), title, text_


def _reset_sequences(session: Session) -> None:
    """Point each id sequence past the ids restored, so the next insert does not collide."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite gives a new row max(rowid) + 1.
    for table in tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        name, key = table.name, keys[0].name
        # is_called false on an empty table, so its first row still gets 1.
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f'COALESCE(MAX("{key}"), 1), MAX("{key}") IS NOT NULL) FROM "{name}"'
            ),
            {"table": name, "column": key},
        )


# -- checking a document -----------------------------------------------------------------------


def _checked(document: Any, revision: str) -> dict[str, list[dict[str, Any]]]:
    """The document's rows, decoded for the tables, or ``InvalidBackup`` saying what is wrong."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidBackup(
            f"Not a registry backup: expected a JSON object with format {FORMAT!r}."
        )
    version = document.get("version")
    if version != VERSION or isinstance(version, bool):
        raise InvalidBackup(
            f"Backup format version {version!r} is not supported: this registry reads version "
            f"{VERSION}."
        )
    if document.get("schema_revision") != revision:
        raise InvalidBackup(
            f"The backup was taken at schema revision {document.get('schema_revision')!r}; this "
            f"database is at {revision!r}. Restore into a database migrated to the backup's "
            "revision (then migrate it), or export again from a registry at this one."
        )
    content = document.get("tables")
    if not isinstance(content, dict):
        raise InvalidBackup("The backup has no `tables` object.")
    expected = {t.name for t in tables()}
    unknown, missing = set(content) - expected, expected - set(content)
    if unknown or missing:
        raise InvalidBackup(
            "The backup's tables do not match the schema: "
            f"unknown {sorted(unknown) or 'none'}, missing {sorted(missing) or 'none'}."
        )
    return {t.name: _rows(t, content[t.name]) for t in tables()}


def _rows(table: Table, content: Any) -> list[dict[str, Any]]:
    where = f"table {table.name}"
    if not isinstance(content, dict) or set(content) != {"columns", "rows"}:
        raise InvalidBackup(f"{where}: expected an object with `columns` and `rows`.")
    names, rows = content["columns"], content["rows"]
    expected = [c.name for c in table.columns]
    if (
        not isinstance(names, list)
        or not all(isinstance(n, str) for n in names)
        or sorted(names) != sorted(expected)
    ):
        raise InvalidBackup(f"{where}: columns {names!r} are not the table's {expected!r}.")
    if not isinstance(rows, list):
        raise InvalidBackup(f"{where}: `rows` is not a list.")
    columns = [table.columns[name] for name in names]
    decoded = []
    for index, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != len(columns):
            raise InvalidBackup(f"{where}, row {index}: expected a list of {len(columns)} values.")
        values = {}
        for column, value in zip(columns, row, strict=True):
            try:
                values[column.name] = _decode(column.type, value, nullable=bool(column.nullable))
            except (TypeError, ValueError) as error:
                raise InvalidBackup(
                    f"{where}, row {index}, column {column.name}: {error}"
                ) from None
        decoded.append(values)
    keys = [c.name for c in table.primary_key.columns]
    if len({tuple(v[k] for k in keys) for v in decoded}) != len(decoded):
        raise InvalidBackup(f"{where}: two rows share a primary key.")
    return decoded


def _decode(type_: TypeEngine[Any], value: Any, *, nullable: bool) -> Any:
    """The Python value a column of ``type_`` stores for a JSON ``value``."""
    if value is None:
        if not nullable:
            raise ValueError("must not be null")
        return None
    base = type_.impl_instance if isinstance(type_, TypeDecorator) else type_
    if isinstance(base, JSONType):
        _check_text(value)
        return value
    if isinstance(base, Boolean):
        if not isinstance(value, bool):
            raise TypeError(f"expected true or false, not {value!r}")
        return value
    if isinstance(base, Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"expected an integer, not {value!r}")
        if not INT_MIN <= value <= INT_MAX:
            raise ValueError(f"{value} is out of range")
        return value
    if isinstance(base, Float):
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise TypeError(f"expected a number, not {value!r}")
        if not math.isfinite(value):
            raise ValueError("must be finite")
        return float(value)
    if not isinstance(value, str):
        raise TypeError(f"expected a string, not {value!r}")
    _check_text(value)
    if isinstance(base, DateTime):
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(f"timestamp {value!r} has no UTC offset")
        return moment.astimezone(UTC)
    if isinstance(base, Date):
        return date.fromisoformat(value)
    if isinstance(base, String):
        length = base.length
        if length is not None and len(value) > length:
            raise ValueError(f"longer than {length} characters")
        return value
    raise TypeError(f"no rule to restore a {type(base).__name__} column")


def _check_text(value: Any) -> None:
    """Strings anywhere in a value must be storable on both engines: UTF-8, no NUL."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text holds a NUL character")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("text holds a lone surrogate") from None
    elif isinstance(value, list):
        for item in value:
            _check_text(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_text(item)
