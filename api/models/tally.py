"""What each organisation's current definitions carry, kept as definitions are written.

Consensus asks, per organisation, which principles any of its current definitions carries.
Reading that from every current revision's analysis costs a pass over the registry; these
counts are kept instead by every write of a definition, in the write's transaction
(``api.services.tallies``), per analyser version.
"""

from sqlmodel import Field, SQLModel


class OrganisationTally(SQLModel, table=True):
    """How many of an organisation's current definitions (core proposals aside) count: those
    the analyser read, or has not analysed yet; those in a language it does not read do not."""

    __tablename__ = "organisation_tally"

    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True)
    method_version: str = Field(max_length=40, primary_key=True)
    definitions: int = Field(default=0)


class PrincipleTally(SQLModel, table=True):
    """How many of an organisation's current definitions carry a principle."""

    __tablename__ = "principle_tally"

    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True)
    method_version: str = Field(max_length=40, primary_key=True)
    principle_id: int = Field(foreign_key="principle.id", primary_key=True)
    definitions: int = Field(default=0)


class TallyVersion(SQLModel, table=True):
    """An analyser version whose tallies were counted from every current definition, and the
    count and highest id of definition revisions they account for (each write moves both). A
    revision written some other way (a bulk load) leaves them behind ``revisions_key``, and
    consensus then counts from scratch until the tallies are rebuilt."""

    __tablename__ = "tally_version"

    method_version: str = Field(max_length=40, primary_key=True)
    revisions: int = Field(default=0)
    highest: int = Field(default=0)
