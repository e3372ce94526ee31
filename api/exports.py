"""Exports of definitions: CSV a spreadsheet opens as it is, and SKOS concepts as JSON-LD."""

import csv
import io
from typing import Any

from api.comparison.vocabulary import PRINCIPLES
from api.models.definition import DefinitionSummary

# A byte order mark first: without it Excel reads a CSV as the machine's legacy code page and
# shows "Ã©" for "é". Other readers (LibreOffice, pandas with utf-8-sig, Python's csv after
# decoding with utf-8-sig) skip it.
BOM = "\ufeff"

CSV_COLUMNS = (
    "id",
    "slug",
    "organisation",
    "organisation_name",
    "kind",
    "revision",
    "status",
    "adoption_status",
    "title",
    "text",
    "year",
    "source",
    "citation",
    "url",
    "verified",
    "principles",
    "updated_at",
)


def definitions_csv(items: list[DefinitionSummary]) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(CSV_COLUMNS)
    for item in items:
        row = item.model_dump(mode="json")
        row["principles"] = " ".join(item.principles)
        writer.writerow(["" if row[c] is None else _cell(row[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def _cell(value: Any) -> str:
    text = str(value).lower() if isinstance(value, bool) else str(value)
    # Neutralise spreadsheet formulas (CSV injection): these texts come from outside.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


JSONLD_CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "tic": "https://tic-registry.example/vocab#",
}


def principle_scheme(base_url: str) -> list[dict[str, Any]]:
    """The 12 principles as a SKOS concept scheme: each a concept, with its name, its position
    as notation, and what counts as carrying it as its definition."""
    scheme = f"{base_url}/v1/principles"
    nodes: list[dict[str, Any]] = [
        {
            "@id": scheme,
            "@type": "skos:ConceptScheme",
            "skos:prefLabel": {"@value": "Principles of trauma-informed care", "@language": "en"},
            "skos:hasTopConcept": [{"@id": f"{scheme}/{p.slug}"} for p in PRINCIPLES],
        }
    ]
    for p in PRINCIPLES:
        nodes.append(
            {
                "@id": f"{scheme}/{p.slug}",
                "@type": "skos:Concept",
                "skos:inScheme": {"@id": scheme},
                "skos:topConceptOf": {"@id": scheme},
                "skos:prefLabel": {"@value": p.name, "@language": "en"},
                "skos:notation": str(p.position),
                "skos:definition": {"@value": p.has_it_when, "@language": "en"},
            }
        )
    return nodes


def definitions_jsonld(items: list[DefinitionSummary], base_url: str) -> dict[str, Any]:
    """Each definition as a skos:Concept in one scheme, its text as its skos:definition, linked
    to the principle concepts it carries (``tic:carries``). ``base_url`` makes every @id
    absolute."""
    scheme = f"{base_url}/v1/definitions"
    graph: list[dict[str, Any]] = [
        {
            "@id": scheme,
            "@type": "skos:ConceptScheme",
            "skos:prefLabel": {"@value": "Trauma-informed care definitions", "@language": "en"},
        },
        *principle_scheme(base_url),
    ]
    for item in items:
        concept: dict[str, Any] = {
            "@id": f"{base_url}/v1/definitions/{item.id}",
            "@type": "skos:Concept",
            "skos:inScheme": {"@id": scheme},
            "skos:prefLabel": {"@value": item.title, "@language": item.language},
            "skos:definition": {"@value": item.text, "@language": item.language},
            "dct:publisher": {
                "@id": f"{base_url}/v1/organisations/{item.organisation}",
                "skos:prefLabel": item.organisation_name,
            },
            "dct:modified": {"@value": item.updated_at.isoformat(), "@type": "xsd:dateTime"},
            "tic:status": item.status,
            "tic:revision": item.revision,
            "tic:verified": item.verified,
            "tic:carries": [{"@id": f"{base_url}/v1/principles/{s}"} for s in item.principles],
        }
        source = []
        if item.source:
            source.append({"@id": f"{base_url}/v1/sources/{item.source}"})
        if item.url:
            source.append({"@id": item.url})
        if item.citation:
            source.append({"@value": item.citation})
        if source:
            concept["dct:source"] = source
        if item.year is not None:
            concept["dct:issued"] = {"@value": str(item.year), "@type": "xsd:gYear"}
        graph.append(concept)
    return {"@context": JSONLD_CONTEXT, "@graph": graph}
