"""Exports of definitions: CSV, and SKOS concepts as JSON-LD."""

import csv
import io
from typing import Any

from api.models.definition import DefinitionSummary

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


def definitions_jsonld(items: list[DefinitionSummary], base_url: str) -> dict[str, Any]:
    """Each definition as a skos:Concept in one scheme; the text is its skos:definition."""
    scheme = f"{base_url}/v1/definitions"
    graph: list[dict[str, Any]] = [
        {
            "@id": scheme,
            "@type": "skos:ConceptScheme",
            "skos:prefLabel": {"@value": "Trauma-informed care definitions", "@language": "en"},
        }
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
            "tic:principles": item.principles,
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
