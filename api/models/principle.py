"""The registry's fixed vocabulary of 12 trauma-informed principles."""

from sqlmodel import Field, SQLModel


class Principle(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=40, unique=True, index=True)
    name: str = Field(max_length=200)
    position: int
    has_it_when: str = Field(max_length=2000)
    not_merely: str | None = Field(default=None, max_length=2000)
    origin: str = Field(max_length=200)


class PrinciplePublic(SQLModel):
    slug: str
    name: str
    position: int
    has_it_when: str = Field(description="A text carries the principle when it says that...")
    not_merely: str | None = Field(description="...and does NOT carry it merely because...")
    origin: str
