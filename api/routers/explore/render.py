"""Templates and assets of the pages: one Jinja2 environment, the principle legend, and the
response every page is sent as."""

from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from api.comparison.vocabulary import PRINCIPLES

if TYPE_CHECKING:
    from jinja2 import Environment

API_DIR = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = API_DIR / "templates"
STATIC_DIR = API_DIR / "static"
ASSETS_PATH = "/static"
assets = StaticFiles(directory=STATIC_DIR)

PRINCIPLE_NUMBER: dict[str, int] = {p.slug: p.position for p in PRINCIPLES}
PRINCIPLE_NAME: dict[str, str] = {p.slug: p.name for p in PRINCIPLES}
# One light background per principle: near-black text on each has a contrast above 12:1, and
# every mark is also labelled with the principle's number, so none depends on colour.
PRINCIPLE_COLOURS: tuple[str, ...] = (
    "#bbd4ea",
    "#cce2d8",
    "#fff7bf",
    "#f4cdc6",
    "#dbd5e9",
    "#fcd6c3",
    "#bfe3e0",
    "#efdfed",
    "#e5e6e7",
    "#d3e8a3",
    "#f2e3c6",
    "#c6cde8",
)
assert len(PRINCIPLE_COLOURS) == len(PRINCIPLES)

KIND_NAMES = {
    "department": "Government department",
    "standards_body": "Standards or public health body",
    "research_body": "Research body",
    "csc_team": "Children's social care team",
    "published": "Published definition",
    "submitted": "Submitted definition",
    "core_proposal": "Core definition proposal",
}
SCOPE_NAMES = {
    "whole_service": "Whole service",
    "training_only": "Training only",
    "pilot": "Pilot",
}
KIND_PLURALS = {
    "department": "Government departments",
    "standards_body": "Standards and public health bodies",
    "research_body": "Research bodies",
    "csc_team": "Children's social care teams",
}
ACTIVITY_NAMES = {
    "strengths_based_approaches": "Strengths-based approaches",
    "training": "Training in trauma or trauma-informed care",
    "screening": "Screening for trauma or ACEs",
    "cross_agency_collaboration": "Cross-agency collaboration and referral",
    "written_policies": "Trauma-informed ethos with written policies",
    "clear_definition": "A clear definition of trauma-informed care",
}


def activity_name(slug: str) -> str:
    return ACTIVITY_NAMES.get(slug, slug.replace("_", " ").capitalize())


def day(value: date | datetime) -> str:
    """A date as GOV.UK writes one: 20 January 2022."""
    return f"{value.day} {value:%B %Y}"


DASH = "\u2013"  # an en dash: "no value"


def percent(value: float | None, places: int = 0) -> str:
    """A share (0..1) as a percentage; a dash when there is nothing to divide by."""
    if value is None:
        return DASH
    return f"{value * 100:.{places}f}%"


def plain(slug: str | None) -> str:
    """A status or other slug in words: 'published' reads 'Published'."""
    return DASH if slug is None else slug.replace("_", " ").replace("-", " ").capitalize()


def humanise(slug: str | None) -> str:
    if slug is None:
        return DASH
    return KIND_NAMES.get(slug) or SCOPE_NAMES.get(slug) or slug.replace("_", " ").capitalize()


# Built at the first page, not at import: jinja2 takes about a tenth of a second to import and
# the app is built (and every worker started) without rendering a page.
@cache
def environment() -> "Environment":
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        principles=PRINCIPLES,
        principle_number=PRINCIPLE_NUMBER,
        principle_name=PRINCIPLE_NAME,
        kind_plurals=KIND_PLURALS,
        activity_name=activity_name,
        assets=ASSETS_PATH,
    )
    env.filters.update(percent=percent, humanise=humanise, plain=plain, day=day)
    return env


def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(**context)
    # Security headers, a content security policy that allows nothing from elsewhere among
    # them, are added to every page by api.edge.security_headers (through api.observe).
    return HTMLResponse(html, status_code=status)
