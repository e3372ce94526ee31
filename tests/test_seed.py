"""The seed loads everything once; a second run changes nothing; seeded text is exact.

Every seed record marked ``"verified": true`` is checked against the evidence the repository
carries in ``seed/evidence/`` (see its README): the words it claims were read must be found
there, in a passage that is not itself marked UNVERIFIED or NOT FOUND.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from api.models import Definition, DefinitionRevision, Organisation, PracticeModel, Source
from seed.loader import DATA, seed

EVIDENCE = DATA.parent / "evidence"


def test_seed_is_idempotent(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        first = seed(session)
        counts = [
            session.exec(select(func.count()).select_from(t)).one()
            for t in (Organisation, Source, Definition, DefinitionRevision, PracticeModel)
        ]
        second = seed(session)
        again = [
            session.exec(select(func.count()).select_from(t)).one()
            for t in (Organisation, Source, Definition, DefinitionRevision, PracticeModel)
        ]

    assert first > 100
    assert second == 0
    assert again == counts


def test_changed_seed_wording_becomes_a_new_revision(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        seed(session)
        definition = session.exec(select(Definition).where(Definition.slug == "nes-2017")).one()
        revision = session.exec(
            select(DefinitionRevision).where(DefinitionRevision.definition_id == definition.id)
        ).one()
        original = revision.text
        # Simulate an older seed by editing the stored text: the loader must not overwrite it.
        revision.text = "An older wording."
        session.add(revision)
        session.commit()

        assert seed(session) >= 1
        texts = session.exec(
            select(DefinitionRevision.text)
            .where(DefinitionRevision.definition_id == definition.id)
            .order_by(DefinitionRevision.number)  # type: ignore[arg-type]
        ).all()
    assert texts == ["An older wording.", original]


def test_seed_files_seed_no_csc_teams() -> None:
    organisations = json.loads((DATA / "organisations.json").read_text())
    assert [o for o in organisations if o["kind"] == "csc_team"] == []


# --------------------------------------------------------------------------------------
# The evidence: seed/evidence/sources.md and eif-report-page.txt, cut into passages
# --------------------------------------------------------------------------------------

#: The files claims are checked against, each with the name a passage's context gives it.
EVIDENCE_FILES = {"sources.md": "sources.md", "eif-report-page.txt": "EIF report page"}
#: A sentence of sources.md holding one of these was not read in a source: it proves nothing.
NOT_READ = re.compile(r"UNVERIFIED|NOT FOUND|[Rr]ecalled|[Ii]nferred|presumably")
#: Sections of sources.md that suggest how to seed rather than report what was read.
NOT_EVIDENCE = ("5. Seed-data suggestions",)
#: Curly quotes become straight; Markdown emphasis and code marks go.
_PUNCTUATION = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "*": None, "`": None}
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])|$")
_ITEM_START = re.compile(r"(\||- |>|\d+\. )")


def normalise(text: str) -> str:
    """Whitespace collapsed, quotation marks straightened, Markdown emphasis removed."""
    return " ".join(text.translate(_PUNCTUATION).split())


@dataclass
class Passage:
    """A paragraph, list item, table row or quoted line of the evidence.

    ``context`` is what the passage is read under: the file, its headings, the list items it
    is nested in, and itself. ``unread`` holds the spans of its sentences that ``NOT_READ``
    marks as not read in a source (all of it, if it is nested in such a passage).
    """

    label: str
    indent: int
    lines: list[str]
    headings: tuple[str, ...]
    quoted: bool
    parent: Passage | None = None
    text: str = ""
    context: str = ""
    unread: list[tuple[int, int]] = field(default_factory=list)

    def finish(self) -> Passage:
        self.text = normalise(" ".join(self.lines))
        chain = [p.text for p in self.ancestors()]
        self.context = " ".join([self.label, *self.headings, *reversed(chain), self.text])
        if self.parent is not None and self.parent.unread == [(0, len(self.parent.text))]:
            self.unread = [(0, len(self.text))]  # nested in a passage that was not read
            return self
        start = 0
        for end in _SENTENCE_END.finditer(self.text):
            if NOT_READ.search(self.text[start : end.start()]):
                self.unread.append((start, end.start()))
            start = end.end()
        return self

    def ancestors(self) -> Iterator[Passage]:
        parent = self.parent
        while parent is not None:
            yield parent
            parent = parent.parent

    @property
    def root(self) -> Passage:
        return ([self, *self.ancestors()])[-1]

    def holds(self, claim: str) -> bool:
        """Whether ``claim`` (normalised) is in the passage, outside any unread sentence."""
        for match in re.finditer(re.escape(claim), self.text):
            if not any(a < match.end() and match.start() < b for a, b in self.unread):
                return True
        return False


def _markdown_passages(text: str, label: str) -> Iterator[Passage]:
    headings: dict[int, str] = {}
    stack: list[Passage] = []  # the open list items, shallowest first
    current: Passage | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line == "---" or line.startswith("#"):
            if current is not None:
                yield current.finish()
                current = None
            if line.startswith("#"):
                level = len(line) - len(line.lstrip("#"))
                headings = {k: v for k, v in headings.items() if k < level}
                if level > 1:  # the document's own title is not a section of it
                    headings[level] = normalise(line.lstrip("#"))
                stack = []
                if not any(h.startswith(NOT_EVIDENCE) for h in headings.values()):
                    yield Passage(label, 0, [line.lstrip("#")], (), False).finish()
            continue
        if any(h.startswith(NOT_EVIDENCE) for h in headings.values()):
            continue
        indent = len(raw) - len(raw.lstrip())
        quote = line.startswith(">")
        if current is not None and not quote and not current.quoted and not _ITEM_START.match(line):
            current.lines.append(line)  # a wrapped line of the same item
            continue
        if current is not None:
            yield current.finish()
        while stack and stack[-1].indent >= indent:
            stack.pop()
        current = Passage(
            label,
            indent,
            [line.lstrip(">")],
            tuple(headings[k] for k in sorted(headings)),
            quote,
            stack[-1] if stack else None,
        )
        stack.append(current)
    if current is not None:
        yield current.finish()


def _text_passages(text: str, label: str) -> Iterator[Passage]:
    stack: list[Passage] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip())
        while stack and stack[-1].indent >= indent:
            stack.pop()
        passage = Passage(label, indent, [raw], (), False, stack[-1] if stack else None).finish()
        stack.append(passage)
        yield passage


@cache
def evidence() -> tuple[Passage, ...]:
    passages: list[Passage] = []
    for name, label in EVIDENCE_FILES.items():
        text = (EVIDENCE / name).read_text(encoding="utf-8")
        parse = _markdown_passages if name.endswith(".md") else _text_passages
        passages += parse(text, label)
    return tuple(passages)


def holding(claim: str, *, any_case_first: bool = False) -> list[Passage]:
    """The passages that hold ``claim`` verbatim, after normalisation.

    With ``any_case_first`` the claim's first letter may be of either case (a list item
    "safety" seeded as the label "Safety").
    """
    wanted = normalise(claim)
    if not wanted:
        return []
    variants = {wanted}
    if any_case_first:
        variants |= {wanted[0].lower() + wanted[1:], wanted[0].upper() + wanted[1:]}
    return [p for p in evidence() if any(p.holds(v) for v in variants)]


def names(text: str, alias: str) -> bool:
    """Whether ``alias`` occurs in ``text`` as whole words, in any case (not the uk of gov.uk)."""
    pattern = rf"(?<![\w.]){re.escape(normalise(alias))}(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def quotations(text: str | None) -> list[str]:
    """The spans a free-text field puts in double or single quotation marks."""
    if not text:
        return []
    text = normalise(text)
    return re.findall(r'"([^"]+)"', text) + re.findall(r"(?<!\w)'([^']+)'(?!\w)", text)


def unread_quotations(record: dict[str, Any], *fields: str) -> list[str]:
    """The quotations in ``fields`` of ``record`` that the evidence does not hold."""
    problems = []
    for name in fields:
        for quoted in quotations(record.get(name)):
            bare = quoted.rstrip(".,;: ")
            if not (holding(quoted, any_case_first=True) or holding(bare, any_case_first=True)):
                problems.append(f"{name} quotes {quoted!r}, which the evidence does not hold")
    return problems


def test_evidence_is_in_the_repository_and_read_whole() -> None:
    passages = evidence()
    assert {p.label for p in passages} == set(EVIDENCE_FILES.values())
    assert len(passages) > 200
    # Passages marked UNVERIFIED are not evidence: the recalled OHID descriptions prove nothing.
    assert not holding("Safety: the physical, psychological and emotional safety")
    assert holding("Safety: people feel physically and psychologically safe.")
    # The seed-data suggestions of sources.md are not evidence either.
    assert not holding("ACE Hub Wales + Traumatic Stress Wales (Public Health Wales)")


# --------------------------------------------------------------------------------------
# Every verified record, one parametrised check per kind
# --------------------------------------------------------------------------------------


def _seed(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return data


DEFINITIONS = _seed("definitions")
SOURCES = _seed("sources")
FRAMEWORKS = _seed("frameworks")
SOURCES_BY_SLUG = {s["slug"]: s for s in SOURCES}
ORGANISATIONS = {o["slug"]: o for o in _seed("organisations")}
MODELS = _seed("practice_models")

#: How each reporter of a survey figure is named in the evidence.
OUTLETS = {
    "CYP Now": ("CYP Now",),
    "BASW": ("BASW",),
    "Trowler": ("Trowler",),
    "Molloy": ("Molloy",),
    "press release": ("press release",),
    "EIF report page": ("EIF report page", "EIF page"),
}
#: How each country is named in the evidence.
COUNTRIES = {
    "United Kingdom": ("United Kingdom", "UK"),
    "United States": ("United States", "US"),
    "Scotland": ("Scotland", "Scottish"),
    "Wales": ("Wales", "Welsh"),
}
_WORDS = "one two three four five six seven eight nine ten eleven twelve"
NUMBER_WORDS = dict(enumerate(_WORDS.split(), start=1))


def aliases(slug: str) -> list[str]:
    """The ways the evidence may name an organisation: its names, and its slug if an acronym."""
    org = ORGANISATIONS[slug]
    found = [org["name"], re.sub(r"\s*\(.*?\)", "", org["name"])]
    found += [n["name"] for n in org["names"]]
    if "-" not in slug:
        found.append(slug)  # samhsa, ohid, nes, dfe, eif...
    return found


def identifies(context: str, source: str) -> bool:
    """Whether ``context`` names a source: by its title, or by its publisher when the title
    is the registry's bracketed description."""
    record = SOURCES_BY_SLUG[source]
    if not record["title"].startswith("["):
        return names(context, record["title"])
    return record["publisher"] is not None and any(
        names(context, a) for a in aliases(record["publisher"])
    )


def attributed(passage: Passage, record: dict[str, Any]) -> bool:
    """Whether the passage is read under the source, organisation and year a record names.

    The passage's context (its headings, the items it is nested in, and itself) must name
    them all: wording read on one page is not thereby read in a publication the page does not
    name.
    """
    context = passage.context
    if record["year"] is not None and not names(context, str(record["year"])):
        return False
    if record["source"] is not None and not identifies(context, record["source"]):
        return False
    organisation = record["organisation"]
    return organisation is None or any(names(context, a) for a in aliases(organisation))


def states(text: str, value: float, unit: str | None) -> bool:
    """Whether ``text`` states ``value`` (as digits, or as a word for small counts)."""
    number = int(value) if value == int(value) else value
    forms = [f"{number}%", f"{number} per cent"] if unit == "percent" else [str(number)]
    if unit != "percent" and number in NUMBER_WORDS:
        forms.append(NUMBER_WORDS[int(number)])
    return any(re.search(rf"(?<![\w.]){re.escape(f)}(?!\w)", text, re.I) for f in forms)


def _verified(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r["verified"]]


def _params(kind: str) -> list[Any]:
    return [pytest.param(*args, id=f"{kind}-{key}") for key, args in _RECORDS[kind]]


_RECORDS: dict[str, list[tuple[str, tuple[Any, ...]]]] = {
    "definition": [(d["slug"], (d,)) for d in _verified(DEFINITIONS)],
    "source": [(s["slug"], (s,)) for s in _verified(SOURCES)],
    "finding": [
        (f"{s['slug']}-{f['number']}", (f,)) for s in SOURCES for f in _verified(s["findings"])
    ],
    "recommendation": [
        (f"{s['slug']}-{r['number']}", (r,))
        for s in SOURCES
        for r in _verified(s["recommendations"])
    ],
    "figure": [(f["slug"], (f,)) for s in SOURCES for f in _verified(s["figures"])],
    "framework": [(f["slug"], (f,)) for f in _verified(FRAMEWORKS)],
    "framework-item": [
        (f"{f['slug']}-{n}", (i,))
        for f in FRAMEWORKS
        for n, i in enumerate(f["items"], start=1)
        if i["verified"]
    ],
    "organisation": [(o["slug"], (o,)) for o in _verified(list(ORGANISATIONS.values()))],
    "organisation-name": [
        (f"{o['slug']}-{n}", (name,))
        for o in ORGANISATIONS.values()
        for n, name in enumerate(o["names"], start=1)
        if name["verified"]
    ],
    "practice-model": [(m["slug"], (m,)) for m in _verified(MODELS)],
    "model-principle": [
        (f"{m['slug']}-{p['slug']}", (p,)) for m in MODELS for p in _verified(m["principles"])
    ],
    "evidence-link": [
        (f"{m['slug']}-{n}", (e,))
        for m in MODELS
        for n, e in enumerate(m["evidence"], start=1)
        if e["verified"]
    ],
}


def _verified_anywhere(value: Any) -> int:
    """How many objects in a seed file claim ``"verified": true``, at any depth."""
    if isinstance(value, list):
        return sum(_verified_anywhere(v) for v in value)
    if isinstance(value, dict):
        own = 1 if value.get("verified") is True else 0
        return own + sum(_verified_anywhere(v) for v in value.values())
    return 0


def test_every_verified_record_is_checked() -> None:
    claimed = sum(_verified_anywhere(_seed(p.stem)) for p in DATA.glob("*.json"))
    checked = {kind: len(records) for kind, records in _RECORDS.items()}
    assert sum(checked.values()) == claimed, checked
    # The seed's backbone: the report's findings, recommendations and figures, the
    # published definitions and frameworks, and the departments the report names.
    assert checked["finding"] == 4
    assert checked["recommendation"] == 3
    assert checked["figure"] >= 12
    assert checked["definition"] >= 5
    assert checked["framework-item"] >= 40
    assert checked["organisation"] >= 15


@pytest.mark.parametrize("record", _params("definition"))
def test_verified_definition_text_is_in_the_evidence(record: dict[str, Any]) -> None:
    found = holding(record["text"])
    assert found, "the definition's wording is not in the evidence"
    assert any(attributed(p, record) for p in found), (
        f"the wording is not read under its source {record['source']}, organisation "
        f"{record['organisation']} and year {record['year']}"
    )
    assert not unread_quotations(record, "note")


@pytest.mark.parametrize("record", _params("finding"))
def test_verified_finding_is_in_the_evidence(record: dict[str, Any]) -> None:
    assert holding(record["text"]), "the finding's wording is not in the evidence"


@pytest.mark.parametrize("record", _params("recommendation"))
def test_verified_recommendation_is_in_the_evidence(record: dict[str, Any]) -> None:
    problems = unread_quotations(record, "wording_note")
    if not holding(record["text"]):
        problems.append("the recommendation's wording is not in the evidence")
    if record["implication"] and not holding(record["implication"]):
        problems.append("the implication's wording is not in the evidence")
    for slug in record["addressees"]:
        if not any(names(record["text"], a) for a in aliases(slug)):
            problems.append(f"addressee {slug} is not named in the recommendation")
    assert not problems


@pytest.mark.parametrize("record", _params("figure"))
def test_verified_figure_is_in_the_evidence(record: dict[str, Any]) -> None:
    """Its quote and value text are read; its value and reporters are read beside them."""
    problems = unread_quotations(record, "note")
    found: list[Passage] = []
    for name in ("quote", "value_text"):
        if record[name]:
            holders = holding(record[name], any_case_first=name == "value_text")
            if not holders:
                problems.append(f"{name} {record[name]!r} is not in the evidence")
            found += holders
    if not (record["quote"] or record["value_text"]):
        problems.append("a verified figure needs a quote or value text to check")
    if record["value"] is not None and not any(
        states(p.text, record["value"], record["unit"]) for p in found
    ):
        problems.append(f"value {record['value']} is not stated beside its quote or text")
    for reporter in (r.strip() for r in (record["reported_by"] or "").split(";") if r.strip()):
        outlet = next((k for k in OUTLETS if k.lower() in reporter.lower()), None)
        if outlet is None:
            problems.append(f"reporter {reporter!r} is not in OUTLETS")
        elif not any(names(p.context, a) for p in found for a in OUTLETS[outlet]):
            problems.append(f"the figure is not read as reported by {reporter!r}")
    assert not problems


@pytest.mark.parametrize("record", _params("framework-item"))
def test_verified_framework_item_is_in_the_evidence(record: dict[str, Any]) -> None:
    assert holding(record["label"], any_case_first=True), "the label is not in the evidence"
    if record["description"]:
        # Beside its label: "Safety: people feel...", "realizes the widespread impact..."
        first_word = re.split(r"\W+", record["label"])[0].lower()
        assert any(first_word in p.text.lower() for p in holding(record["description"])), (
            "the description is not in the evidence beside its label"
        )


@pytest.mark.parametrize("record", _params("framework"))
def test_verified_framework_is_read_as_one_list_under_its_attribution(
    record: dict[str, Any],
) -> None:
    """Its items are listed together, under the organisation and year it names."""
    labels = [i["label"] for i in record["items"]]
    roots: set[int] | None = None
    by_id: dict[int, Passage] = {}
    for label in labels:
        found = {id(p.root): p.root for p in holding(label, any_case_first=True)}
        by_id |= found
        roots = set(found) if roots is None else roots & set(found)
    assert roots, "the items are not listed together in one passage of the evidence"
    assert any(attributed(by_id[r], record) for r in roots), (
        f"the list is not read under its source {record['source']}, organisation "
        f"{record['organisation']} and year {record['year']}"
    )
    assert not unread_quotations(record, "note")


@pytest.mark.parametrize("record", _params("source"))
def test_verified_source_citation_is_in_the_evidence(record: dict[str, Any]) -> None:
    """Title (unless a bracketed description), URL, authors, date, year and licence."""
    problems = unread_quotations(record, "summary", "notes")
    claims = [("title", record["title"])] if not record["title"].startswith("[") else []
    claims += [("url", record["url"]), ("licence", record["licence"])]
    for name, claim in claims:
        if claim and not holding(claim, any_case_first=True):
            problems.append(f"{name} {claim!r} is not in the evidence")
    for author in record["authors"]:
        if not (holding(author) or holding(author.replace(",", ""))):
            problems.append(f"author {author!r} is not in the evidence")
    if record["published_on"]:
        day = date.fromisoformat(record["published_on"])
        forms = [f"{day.day} {day:%b} {day.year}", f"{day.day} {day:%B} {day.year}"]
        if not any(holding(f) for f in forms):
            problems.append(f"date {record['published_on']} is not in the evidence")
    if record["year"] and not holding(str(record["year"])):
        problems.append(f"year {record['year']} is not in the evidence")
    assert not problems


@pytest.mark.parametrize("record", _params("organisation"))
def test_verified_organisation_is_in_the_evidence(record: dict[str, Any]) -> None:
    """Its name, and any URL, country or parent it claims."""
    problems = unread_quotations(record, "description")
    if not holding(record["name"]):
        problems.append("the name is not in the evidence")
    if record["url"] and not holding(record["url"]):
        problems.append("the URL is not in the evidence")
    naming = [p for a in aliases(record["slug"]) for p in evidence() if names(p.text, a)]
    if record["country"] and not any(
        names(p.context, c) for p in naming for c in COUNTRIES[record["country"]]
    ):
        problems.append(f"no passage naming it places it in {record['country']}")
    if record["parent"]:
        parent = aliases(record["parent"])
        if not any(
            names(p.text.partition("part of")[2], a)
            for p in naming
            if "part of" in p.text
            for a in parent
        ):
            problems.append(f"no passage says it is part of {record['parent']}")
    assert not problems


@pytest.mark.parametrize("record", _params("organisation-name"))
def test_verified_organisation_name_is_in_the_evidence(record: dict[str, Any]) -> None:
    assert holding(record["name"]), "the name is not in the evidence"
    assert not unread_quotations(record, "note")


@pytest.mark.parametrize("record", _params("practice-model"))
def test_verified_practice_model_is_in_the_evidence(record: dict[str, Any]) -> None:
    assert holding(record["name"], any_case_first=True), "the name is not in the evidence"
    assert not unread_quotations(record, "description", "note")


@pytest.mark.parametrize("record", _params("model-principle"))
def test_verified_model_principle_basis_is_quoted_from_the_evidence(
    record: dict[str, Any],
) -> None:
    """The mapping is the registry's judgment; what is verified is the quoted basis."""
    assert quotations(record["basis"]), "a verified basis must quote what it rests on"
    assert not unread_quotations(record, "basis")


def test_verified_evidence_links_are_in_the_evidence() -> None:
    """None is seeded verified yet; this is a plain loop so that none is not a skipped test."""
    problems = []
    for key, (record,) in _RECORDS["evidence-link"]:
        claims = [c for c in (record["rating"], record["url"]) if c]
        if not claims:
            problems.append(f"evidence-link-{key}: no rating or URL to check")
        problems += [
            f"evidence-link-{key}: {c!r} is not in the evidence" for c in claims if not holding(c)
        ]
        problems += [f"evidence-link-{key}: {q}" for q in unread_quotations(record, "note")]
    assert not problems


@pytest.mark.parametrize(
    ("records", "slug"),
    [
        pytest.param(
            list(ORGANISATIONS.values()), "ace-hub-wales", id="parent-public-health-wales"
        ),
        pytest.param(FRAMEWORKS, "nes-2017-five-rs", id="five-rs-in-the-2017-framework"),
        pytest.param(DEFINITIONS, "nes-2017", id="nes-definition-in-the-2017-framework"),
        pytest.param(FRAMEWORKS, "harris-fallot-2001-five-values", id="values-in-the-2001-book"),
    ],
)
def test_inferred_facts_are_marked_unverified_and_say_so(
    records: list[dict[str, Any]], slug: str
) -> None:
    """Facts inferred rather than read: the record says so and is not presented as verified."""
    (record,) = [r for r in records if r["slug"] == slug]
    assert record["verified"] is False
    assert "inferred" in record["provenance"]


def test_no_seed_text_says_what_no_source_states() -> None:
    """No source says the EIF report's teams were anonymous: only that none is named."""
    seed_text = " ".join(p.read_text(encoding="utf-8") for p in DATA.glob("*.json"))
    assert "anonymous" not in seed_text.lower()
