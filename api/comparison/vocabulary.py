"""The registry's 12 principles: the one place the vocabulary is stated.

``principles.json`` beside this module holds each principle's slug, name, position and what
counts (and what does not); the analyser, the services and the seed all read it from here, so a
principle is named once.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from api.comparison import datafile

PRINCIPLES_FILE = Path(__file__).with_name("principles.json")


@dataclass(frozen=True, slots=True)
class PrincipleDefinition:
    slug: str
    name: str
    position: int
    has_it_when: str
    not_merely: str | None
    origin: str


def _load() -> tuple[PrincipleDefinition, ...]:
    raw = datafile.read(PRINCIPLES_FILE, json.loads)
    principles = tuple(PrincipleDefinition(**item) for item in raw)
    if [p.position for p in principles] != list(range(1, len(principles) + 1)):
        raise ValueError(f"{PRINCIPLES_FILE.name}: positions must run 1..n in file order")
    return principles


PRINCIPLES: tuple[PrincipleDefinition, ...] = _load()
PRINCIPLE_SLUGS: tuple[str, ...] = tuple(p.slug for p in PRINCIPLES)
PRINCIPLE_NAMES: dict[str, str] = {p.slug: p.name for p in PRINCIPLES}
