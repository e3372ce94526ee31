"""What a data user expects: SKOS JSON-LD that RDF tools read, with absolute IRIs and the
principles as a concept scheme; a CSV a spreadsheet opens with its accents; gzip for large
responses; CORS closed unless configured."""

import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef

from api.app import create_app
from api.comparison.vocabulary import PRINCIPLES
from api.config import Settings, settings
from api.db import Database
from tests.conftest import Keys

TIC = Namespace("https://tic-registry.example/vocab#")
DCT = Namespace("http://purl.org/dc/terms/")
BASE = "http://testserver"
# rdflib 7's own JSON-LD parser still builds a ConjunctiveGraph, which rdflib 7 deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


def _graph(client: TestClient) -> Graph:
    response = client.get("/v1/definitions", headers={"Accept": "application/ld+json"})
    assert response.status_code == 200
    return Graph().parse(data=response.text, format="json-ld")


def test_the_skos_export_parses_as_rdf_with_the_triples_the_registry_holds(
    client: TestClient,
) -> None:
    graph = _graph(client)
    items = client.get("/v1/definitions", params={"limit": 200}).json()["items"]
    assert len(items) == 7

    # Per definition: type, scheme, label, definition, publisher, modified, status, revision,
    # verified; one tic:carries per principle; one dct:source per source, URL and citation;
    # dct:issued when it has a year. Each publisher's label once. The definitions' scheme: type
    # and label. The principles' scheme: type, label, 12 top concepts; each principle: type,
    # scheme, top concept of, label, notation, definition.
    per_definition = sum(
        9
        + len(d["principles"])
        + sum(1 for key in ("source", "url", "citation") if d[key])
        + (d["year"] is not None)
        for d in items
    )
    publishers = len({d["organisation"] for d in items})
    principles = 2 + len(PRINCIPLES) + 6 * len(PRINCIPLES)
    assert len(graph) == per_definition + publishers + 2 + principles

    definitions = URIRef(f"{BASE}/v1/definitions")
    principle_scheme = URIRef(f"{BASE}/v1/principles")
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == len(items) + 12
    assert len(set(graph.subjects(SKOS.inScheme, definitions))) == len(items)
    assert len(set(graph.objects(principle_scheme, SKOS.hasTopConcept))) == 12
    carried = list(graph.triples((None, TIC.carries, None)))
    assert len(carried) == sum(len(d["principles"]) for d in items)
    # Every IRI is absolute, and every principle a definition carries is a concept of the scheme.
    assert all(str(s).startswith(f"{BASE}/") for s in concepts)
    for _, _, principle in carried:
        assert (principle, SKOS.inScheme, principle_scheme) in graph
    samhsa = next(d for d in items if d["slug"] == "samhsa-2014")
    subject = URIRef(f"{BASE}/v1/definitions/{samhsa['id']}")
    assert (subject, SKOS.prefLabel, Literal(samhsa["title"], lang="en")) in graph
    assert (subject, DCT.publisher, URIRef(f"{BASE}/v1/organisations/samhsa")) in graph
    safety = URIRef(f"{BASE}/v1/principles/safety")
    assert (safety, SKOS.notation, Literal("1")) in graph


def test_the_configured_public_base_url_makes_the_iris(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "public_base_url", "https://registry.example.gov.uk")
    graph = _graph(client)
    subjects = {str(s) for s in graph.subjects() if isinstance(s, URIRef)}
    assert subjects
    assert all(s.startswith("https://registry.example.gov.uk/v1/") for s in subjects)


def test_the_csv_opens_in_a_spreadsheet_with_its_accents(client: TestClient, keys: Keys) -> None:
    text = "Les enfants se sentent en sécurité; naïve café-crème practice, Señora Ødegård."
    created = client.post(
        "/v1/definitions", json={"title": "Définition (DfE)", "text": text}, headers=keys.dfe
    )
    assert created.status_code == 201
    response = client.get(
        "/v1/definitions", params={"organisation": "dfe"}, headers={"Accept": "text/csv"}
    )
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    lines = raw.split(b"\r\n")
    assert lines[0] == b"\xef\xbb\xbfid,slug,organisation,organisation_name,kind,revision," + (
        b"status,adoption_status,title,text,year,source,citation,url,verified,principles,updated_at"
    )
    assert "Définition (DfE)".encode() in lines[1]
    assert text.encode() in lines[1]
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends CRLF


def test_large_responses_are_gzipped_and_tagged_ones_are_not(client: TestClient) -> None:
    lists = client.get("/v1/definitions", headers={"Accept-Encoding": "gzip"})
    assert lists.headers["content-encoding"] == "gzip"
    assert lists.headers["vary"] == "Accept-Encoding"
    assert lists.json()["items"]  # httpx decoded it
    exported = client.get(
        "/v1/definitions", headers={"Accept-Encoding": "gzip", "Accept": "text/csv"}
    )
    assert exported.headers["content-encoding"] == "gzip"
    assert exported.content.startswith(b"\xef\xbb\xbf")
    # One resource, with its strong ETag: sent as it is, so the tag names the body sent.
    one = client.get("/v1/definitions/1", headers={"Accept-Encoding": "gzip"})
    assert len(one.content) > 1024
    assert "content-encoding" not in one.headers
    assert one.headers["etag"]
    # Small responses are not worth compressing; nor is anything for a client that did not ask.
    assert "content-encoding" not in client.get("/healthz").headers
    plain = client.get("/v1/definitions", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.headers["vary"] == "Accept-Encoding"
    assert plain.content == lists.content  # the same JSON, once decoded


def test_cors_is_closed_by_default_and_opens_to_configured_origins(database: Database) -> None:
    origin = {"Origin": "https://dashboard.example.gov.uk"}
    with TestClient(create_app(database=database)) as closed:
        response = closed.get("/v1/principles", headers=origin)
        assert "access-control-allow-origin" not in response.headers
    configured = Settings(cors_origins=["https://dashboard.example.gov.uk"])
    with TestClient(create_app(configured, database=database)) as opened:
        response = opened.get("/v1/principles", headers=origin)
        assert response.headers["access-control-allow-origin"] == origin["Origin"]
        other = opened.get("/v1/principles", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers
