"""One history mechanism: every revisioned resource is a head and immutable revisions.

Practice models kept their fields on the head (changed in place) with a JSON snapshot per write;
their revisions now carry every field as columns, with the principle mappings and evidence links
that belong to each. Team declarations get a head (``team``, sharing the organisation's id) that
points at the current declaration. Endorsement and declaration revisions record the author's
organisation beside the key. Existing history is moved, not rebuilt: every revision survives, and
the current revision of each practice model takes the live row's values (the seed used to bring
rows in line without a new snapshot).

Revision ID: 050fa6db3aa9
Revises: b68e52f06ce0
Create Date: 2026-11-29 13:35:02.186203

"""

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "050fa6db3aa9"
down_revision: str | None = "b68e52f06ce0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MODEL_FIELDS = (
    "name",
    "kind",
    "description",
    "is_standard_practice",
    "url",
    "source_id",
    "note",
    "verified",
    "provenance",
    "provenance_url",
)
KINDS = "'trauma_informed_model', 'practice_framework', 'training', 'trauma_specific_treatment'"

practice_model = sa.table(
    "practice_model",
    sa.column("id", sa.Integer),
    sa.column("slug", sa.String),
    sa.column("current_revision", sa.Integer),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("description", sa.String),
    sa.column("is_standard_practice", sa.Boolean),
    sa.column("url", sa.String),
    sa.column("source_id", sa.Integer),
    sa.column("note", sa.String),
    sa.column("verified", sa.Boolean),
    sa.column("provenance", sa.String),
    sa.column("provenance_url", sa.String),
)
model_revision = sa.table(
    "practice_model_revision",
    *[sa.column(c.name, c.type) for c in practice_model.columns if c.name in MODEL_FIELDS],
    sa.column("id", sa.Integer),
    sa.column("model_id", sa.Integer),
    sa.column("number", sa.Integer),
    sa.column("author_key_id", sa.Integer),
    sa.column("author_organisation_id", sa.Integer),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("snapshot", sa.JSON),
    sa.column("principles", sa.JSON),
    sa.column("evidence", sa.JSON),
)
model_principle = sa.table(
    "practice_model_principle",
    sa.column("model_id", sa.Integer),
    sa.column("principle_id", sa.Integer),
    sa.column("basis", sa.String),
    sa.column("verified", sa.Boolean),
)
evidence_link = sa.table(
    "evidence_link",
    sa.column("id", sa.Integer),
    sa.column("model_id", sa.Integer),
    sa.column("rating", sa.String),
    sa.column("scale", sa.String),
    sa.column("rated_on", sa.Date),
    sa.column("url", sa.String),
    sa.column("note", sa.String),
    sa.column("verified", sa.Boolean),
)
principle = sa.table(
    "principle", sa.column("id", sa.Integer), sa.column("slug", sa.String), sa.column("position")
)
EVIDENCE_FIELDS = ("rating", "scale", "rated_on", "url", "note", "verified")


def _author_organisations(table: str) -> None:
    """Fill author_organisation_id from the key that wrote each revision."""
    op.execute(
        f"UPDATE {table} SET author_organisation_id = (SELECT api_key.organisation_id FROM "
        f"api_key WHERE api_key.id = {table}.author_key_id) WHERE author_key_id IS NOT NULL"
    )


def _add_author_organisation(batch_op: Any, table: str) -> None:
    batch_op.add_column(sa.Column("author_organisation_id", sa.Integer(), nullable=True))
    batch_op.create_foreign_key(
        batch_op.f(f"fk_{table}_author_organisation_id_organisation"),
        "organisation",
        ["author_organisation_id"],
        ["id"],
    )


def _live_links(conn: Any) -> tuple[dict[int, list[dict[str, Any]]], dict[int, list[Any]]]:
    """Each model's principle mappings (in principle order) and evidence links, as stored."""
    principles: dict[int, list[dict[str, Any]]] = {}
    for model_id, slug, basis, verified in conn.execute(
        sa.select(
            model_principle.c.model_id,
            principle.c.slug,
            model_principle.c.basis,
            model_principle.c.verified,
        )
        .join(principle, principle.c.id == model_principle.c.principle_id)
        .order_by(principle.c.position)
    ):
        principles.setdefault(model_id, []).append(
            {"slug": slug, "basis": basis, "verified": bool(verified)}
        )
    evidence: dict[int, list[Any]] = {}
    for row in conn.execute(sa.select(evidence_link).order_by(evidence_link.c.id)):
        link = {f: getattr(row, f) for f in EVIDENCE_FIELDS}
        link["verified"] = bool(link["verified"])
        if isinstance(link["rated_on"], date):
            link["rated_on"] = link["rated_on"].isoformat()
        evidence.setdefault(row.model_id, []).append(link)
    return principles, evidence


def _as_dict(value: Any) -> dict[str, Any]:
    if isinstance(value, str):  # some drivers hand JSON back as text
        value = json.loads(value)
    return dict(value or {})


def upgrade() -> None:
    conn = op.get_bind()

    # Team declarations: a head per team that has declared, pointing at its newest declaration.
    op.create_table(
        "team",
        sa.Column("current_revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["id"], ["organisation.id"], name=op.f("fk_team_id_organisation")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
    )
    op.execute(
        "INSERT INTO team (id, current_revision, created_at) SELECT team_id, MAX(number), "
        "MIN(created_at) FROM team_declaration GROUP BY team_id"
    )
    with op.batch_alter_table("team_declaration", schema=None) as batch_op:
        _add_author_organisation(batch_op, "team_declaration")
        batch_op.drop_constraint(
            batch_op.f("fk_team_declaration_team_id_organisation"), type_="foreignkey"
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_team_declaration_team_id_team"), "team", ["team_id"], ["id"]
        )
    _author_organisations("team_declaration")
    with op.batch_alter_table("team_declaration_model", schema=None) as batch_op:
        batch_op.create_check_constraint(
            op.f("ck_team_declaration_model_scope"),
            "scope IN ('whole_service', 'training_only', 'pilot')",
        )

    with op.batch_alter_table("endorsement_revision", schema=None) as batch_op:
        _add_author_organisation(batch_op, "endorsement_revision")
    _author_organisations("endorsement_revision")

    # Practice models: every field moves onto the revisions.
    with op.batch_alter_table("practice_model_revision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verified", sa.Boolean(), nullable=True))
        batch_op.add_column(
            sa.Column("provenance", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "provenance_url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True)
        )
        batch_op.add_column(
            sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True)
        )
        batch_op.add_column(
            sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True)
        )
        batch_op.add_column(sa.Column("is_standard_practice", sa.Boolean(), nullable=True))
        batch_op.add_column(
            sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True)
        )
        batch_op.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True)
        )
        batch_op.add_column(sa.Column("principles", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("evidence", sa.JSON(), nullable=True))
        _add_author_organisation(batch_op, "practice_model_revision")
    _author_organisations("practice_model_revision")

    principles, evidence = _live_links(conn)
    models = conn.execute(sa.select(practice_model)).all()
    for model in models:
        live = {f: getattr(model, f) for f in MODEL_FIELDS}
        live["principles"] = principles.get(model.id, [])
        live["evidence"] = evidence.get(model.id, [])
        revisions = conn.execute(
            sa.select(model_revision.c.id, model_revision.c.number, model_revision.c.snapshot)
            .where(model_revision.c.model_id == model.id)
            .order_by(model_revision.c.number)
        ).all()
        numbers = {r.number for r in revisions}
        for r in revisions:
            # The head's current revision is what clients were shown: take the live row. Older
            # revisions are what their snapshot recorded (missing keys fall back to the row).
            values = live if r.number == model.current_revision else _as_dict(r.snapshot)
            row = {f: values.get(f, live[f]) for f in (*MODEL_FIELDS, "principles", "evidence")}
            conn.execute(model_revision.update().where(model_revision.c.id == r.id).values(**row))
        if model.current_revision not in numbers:
            conn.execute(
                model_revision.insert().values(
                    model_id=model.id,
                    number=model.current_revision,
                    snapshot={},
                    created_at=sa.func.current_timestamp(),
                    **live,
                )
            )

    with op.batch_alter_table("practice_model_revision", schema=None) as batch_op:
        for column in ("verified", "name", "kind", "principles", "evidence"):
            batch_op.alter_column(column, nullable=False)
        batch_op.create_index(batch_op.f("ix_practice_model_revision_kind"), ["kind"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_practice_model_revision_source_id_source"),
            "source",
            ["source_id"],
            ["id"],
        )
        batch_op.create_check_constraint(
            op.f("ck_practice_model_revision_kind"), f"kind IN ({KINDS})"
        )
        batch_op.drop_column("snapshot")

    op.drop_table("practice_model_principle")
    with op.batch_alter_table("evidence_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_link_model_id"))
    op.drop_table("evidence_link")
    with op.batch_alter_table("practice_model", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_model_kind"))
        batch_op.drop_constraint(batch_op.f("ck_practice_model_kind"), type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_practice_model_source_id_source"), type_="foreignkey"
        )
        for column in MODEL_FIELDS:
            batch_op.drop_column(column)


def downgrade() -> None:
    conn = op.get_bind()

    # Practice models: the head takes its current revision's fields back; snapshots are rebuilt.
    op.create_table(
        "evidence_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("rating", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("scale", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("rated_on", sa.Date(), nullable=True),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["practice_model.id"],
            name=op.f("fk_evidence_link_model_id_practice_model"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_link")),
    )
    with op.batch_alter_table("evidence_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_link_model_id"), ["model_id"], unique=False)
    op.create_table(
        "practice_model_principle",
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("principle_id", sa.Integer(), nullable=False),
        sa.Column("basis", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["practice_model.id"],
            name=op.f("fk_practice_model_principle_model_id_practice_model"),
        ),
        sa.ForeignKeyConstraint(
            ["principle_id"],
            ["principle.id"],
            name=op.f("fk_practice_model_principle_principle_id_principle"),
        ),
        sa.PrimaryKeyConstraint(
            "model_id", "principle_id", name=op.f("pk_practice_model_principle")
        ),
    )
    with op.batch_alter_table("practice_model", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("kind", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("description", sa.String(length=4000), nullable=True))
        batch_op.add_column(sa.Column("is_standard_practice", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("url", sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("note", sa.String(length=4000), nullable=True))
        batch_op.add_column(sa.Column("verified", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("provenance", sa.String(length=1000), nullable=True))
        batch_op.add_column(sa.Column("provenance_url", sa.String(length=1000), nullable=True))
    with op.batch_alter_table("practice_model_revision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("snapshot", sa.JSON(), nullable=True))

    slugs = dict(conn.execute(sa.select(practice_model.c.id, practice_model.c.slug)).all())
    principle_ids = dict(conn.execute(sa.select(principle.c.slug, principle.c.id)).all())
    heads = dict(
        conn.execute(sa.select(practice_model.c.id, practice_model.c.current_revision)).all()
    )
    for r in conn.execute(sa.select(model_revision)).all():
        fields = {f: getattr(r, f) for f in MODEL_FIELDS}
        links = {"principles": list(r.principles or []), "evidence": list(r.evidence or [])}
        snapshot = {"slug": slugs[r.model_id], **fields, **links}
        snapshot["verified"] = bool(snapshot["verified"])
        conn.execute(
            model_revision.update().where(model_revision.c.id == r.id).values(snapshot=snapshot)
        )
        if heads.get(r.model_id) != r.number:
            continue
        conn.execute(
            practice_model.update().where(practice_model.c.id == r.model_id).values(**fields)
        )
        for p in links["principles"]:
            conn.execute(
                model_principle.insert().values(
                    model_id=r.model_id,
                    principle_id=principle_ids[p["slug"]],
                    basis=p.get("basis"),
                    verified=bool(p.get("verified")),
                )
            )
        for e in links["evidence"]:
            rated_on = e.get("rated_on")
            conn.execute(
                evidence_link.insert().values(
                    model_id=r.model_id,
                    **{f: e.get(f) for f in EVIDENCE_FIELDS if f != "rated_on"},
                    rated_on=date.fromisoformat(rated_on) if rated_on else None,
                )
            )

    with op.batch_alter_table("practice_model", schema=None) as batch_op:
        for column in ("name", "kind", "verified"):
            batch_op.alter_column(column, nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_practice_model_source_id_source"), "source", ["source_id"], ["id"]
        )
        batch_op.create_check_constraint(op.f("ck_practice_model_kind"), f"kind IN ({KINDS})")
        batch_op.create_index(batch_op.f("ix_practice_model_kind"), ["kind"], unique=False)
    with op.batch_alter_table("practice_model_revision", schema=None) as batch_op:
        batch_op.alter_column("snapshot", nullable=False)
        batch_op.drop_constraint(batch_op.f("ck_practice_model_revision_kind"), type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_practice_model_revision_source_id_source"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_practice_model_revision_author_organisation_id_organisation"),
            type_="foreignkey",
        )
        batch_op.drop_index(batch_op.f("ix_practice_model_revision_kind"))
        for column in (*MODEL_FIELDS, "principles", "evidence", "author_organisation_id"):
            batch_op.drop_column(column)

    with op.batch_alter_table("endorsement_revision", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_endorsement_revision_author_organisation_id_organisation"),
            type_="foreignkey",
        )
        batch_op.drop_column("author_organisation_id")

    with op.batch_alter_table("team_declaration_model", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_team_declaration_model_scope"), type_="check")
    with op.batch_alter_table("team_declaration", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_team_declaration_author_organisation_id_organisation"),
            type_="foreignkey",
        )
        batch_op.drop_constraint(batch_op.f("fk_team_declaration_team_id_team"), type_="foreignkey")
        batch_op.create_foreign_key(
            batch_op.f("fk_team_declaration_team_id_organisation"),
            "organisation",
            ["team_id"],
            ["id"],
        )
        batch_op.drop_column("author_organisation_id")
    op.drop_table("team")
