"""Ranked full-text search over current definition texts, in each engine's own index.

SQLite (the embedded default) uses an FTS5 table kept in step by ``index_definition``;
PostgreSQL uses a GIN expression index on ``definition_revision``. Both stem English words,
weight the title above the text, drop the same English stop words from the query and match
every remaining word; ``definition_matches`` hides the difference behind one interface: a
subquery of (definition_id, score), higher score = better match.
"""

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Float, Integer, bindparam, func, literal_column, text
from sqlalchemy.sql import ColumnElement, Subquery
from sqlmodel import Session, and_, col, select

from api.models import Definition, DefinitionRevision

_WORD = re.compile(r"\w+", re.UNICODE)

# PostgreSQL's 'english' configuration ignores these words (its Snowball stop list); SQLite's
# FTS5 does not, so they are dropped from every query to make both engines match alike.
_STOP_TEXT = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom this
    that these those am is are was were be been being have has had having do does did doing a an
    the and but if or because as until while of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then
    once here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
# The weighted document PostgreSQL's GIN index is built on (see the first migration): the
# expression must be written exactly like this for the planner to use the index.
PG_DOCUMENT = (
    "setweight(to_tsvector('english', definition_revision.title), 'A') || "
    "setweight(to_tsvector('english', definition_revision.text), 'B')"
)


def query_terms(q: str) -> list[str]:
    """The words of a free-text query; punctuation and FTS operators are never interpreted."""
    return [w for w in _WORD.findall(q.lower()) if w not in STOP_WORDS][:32]


def index_definition(session: Session, definition_id: int, title: str, text_: str) -> None:
    """Point the search index at a definition's current title and text (SQLite only)."""
    index_definitions(session, [(definition_id, title, text_)])


def index_definitions(
    executor: Session | Connection, rows: Sequence[tuple[int, str, str]], *, fresh: bool = False
) -> None:
    """Index many (definition id, title, text) at once (SQLite only); ``fresh``: none of the
    definitions is indexed yet (a bulk load), so there is nothing to delete first."""
    bind = executor.get_bind() if isinstance(executor, Session) else executor
    if bind.dialect.name != "sqlite" or not rows:
        return  # PostgreSQL's expression index follows the rows by itself.
    values = [{"id": i, "title": title, "text": text_} for i, title, text_ in rows]
    if not fresh:
        executor.execute(text("DELETE FROM definition_search WHERE rowid = :id"), values)
    executor.execute(
        text(
            "INSERT INTO definition_search(rowid, title, text, definition_id) "
            "VALUES (:id, :title, :text, :id)"
        ),
        values,
    )


def rebuild_index(session: Session, current: Iterable[tuple[int, str, str]]) -> int:
    """Empty the search index and fill it from (definition id, title, text) of each definition's
    current revision (a restore writes rows directly, not through ``index_definition``)."""
    if session.get_bind().dialect.name != "sqlite":
        return 0  # PostgreSQL's expression index is rebuilt with the rows it indexes.
    session.execute(text("DELETE FROM definition_search"))
    rows = list(current)
    index_definitions(session, rows, fresh=True)
    return len(rows)


def definition_matches(session: Session, q: str) -> Subquery | None:
    """A subquery (definition_id, score) of definitions whose current text matches every word."""
    terms = query_terms(q)
    if not terms:
        return None
    if session.get_bind().dialect.name == "sqlite":
        # Each term quoted, so user input is always a phrase, never FTS5 syntax.
        match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        # bm25() is lower-is-better; negate it so both engines sort by score descending.
        return (
            select(
                literal_column("definition_search.rowid", Integer).label("definition_id"),
                (-literal_column("bm25(definition_search, 2.0, 1.0)", Float)).label("score"),
            )
            .select_from(text("definition_search"))
            .where(text("definition_search MATCH :match").bindparams(bindparam("match", match)))
            .subquery("matches")
        )
    document: ColumnElement[Any] = literal_column(PG_DOCUMENT)
    tsquery = func.plainto_tsquery(literal_column("'english'"), " ".join(terms))
    return (
        select(
            col(Definition.id).label("definition_id"),
            func.ts_rank(document, tsquery).cast(Float).label("score"),
        )
        .join(
            DefinitionRevision,
            and_(
                col(DefinitionRevision.definition_id) == Definition.id,
                col(DefinitionRevision.number) == Definition.current_revision,
            ),
        )
        .where(document.op("@@")(tsquery))
        .subquery("matches")
    )
