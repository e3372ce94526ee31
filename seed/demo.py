"""Demo: register a few clearly fictional CSC teams over the public API and declare what they use.

    python -m seed.demo [--base-url http://127.0.0.1:8000]   (or: make demo BASE_URL=...)

No source the seed is checked against names the EIF report's teams, so the registry seeds no
teams; this fills the insights endpoints with invented ones so they can be tried. Every team is
named "(fictional)".

It talks to a running server through HTTP, like any client. The API keys it needs are made
directly in the database the server uses (``TIC_DATABASE_URL``, the same setting the server
reads), so run it on the machine that runs the server, against the same database. The keys
are revoked when it finishes.

Re-running it is safe: a 409 on registration means the team is already there, and a team's
declaration is only re-sent (adding a revision) when it differs from what the team declares now.
"""

import argparse
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from sqlmodel import select

from api.config import settings
from api.db import Database
from api.keys import create_key
from api.models import ApiKey, Organisation
from api.models.common import utcnow

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
STEWARD_ORGANISATION = "dhsc"
DESCRIPTION = (
    "A fictional team registered by `python -m seed.demo` so the insights have data to show. "
    "It is not a real children's social care team."
)
CORE = "core"  # in a declaration below: works to the current core proposal

TEAMS: list[dict[str, Any]] = [
    {
        "slug": "example-borough-fictional-csc",
        "name": "Example Borough (fictional) CSC",
        "local_authority": "Example Borough (fictional)",
        "region": "Fictional North",
        "declaration": {
            "practice_models": [
                {"slug": "sanctuary-model", "scope": "whole_service", "since": "2019-04-01"},
                {"slug": "signs-of-safety", "scope": "whole_service", "since": None},
            ],
            "activities": [
                "strengths_based_approaches",
                "training",
                "screening",
                "cross_agency_collaboration",
            ],
            "treatment_pathways": [
                {
                    "practice_model": "trauma-focused-cbt",
                    "provider": "Example Borough CAMHS (fictional)",
                    "note": "Referral after a screening.",
                }
            ],
            "works_to_definition": CORE,
        },
    },
    {
        "slug": "sample-county-fictional-csc",
        "name": "Sample County (fictional) CSC",
        "local_authority": "Sample County Council (fictional)",
        "region": "Fictional Midlands",
        "declaration": {
            "practice_models": [
                {"slug": "signs-of-safety", "scope": "whole_service", "since": "2017-01-01"},
                {"slug": "aces-awareness-training", "scope": "training_only", "since": None},
            ],
            "activities": ["strengths_based_approaches", "training"],
            "treatment_pathways": [],
            "works_to_definition": None,
        },
    },
    {
        "slug": "demo-city-fictional-csc",
        "name": "Demo City (fictional) CSC",
        "local_authority": "Demo City Council (fictional)",
        "region": "Fictional South",
        "declaration": {
            "practice_models": [
                {"slug": "pace-ddp", "scope": "pilot", "since": "2023-09-01"},
                {"slug": "restorative-practice", "scope": "whole_service", "since": None},
            ],
            "activities": [
                "strengths_based_approaches",
                "screening",
                "written_policies",
                "clear_definition",
            ],
            "treatment_pathways": [
                {
                    "practice_model": "child-parent-psychotherapy",
                    "provider": "Demo City infant mental health service (fictional)",
                    "note": None,
                }
            ],
            "works_to_definition": None,
        },
    },
    {
        "slug": "illustrative-shire-fictional-csc",
        "name": "Illustrative Shire (fictional) CSC",
        "local_authority": "Illustrative Shire (fictional)",
        "region": "Fictional East",
        "declaration": {
            "practice_models": [
                {"slug": "systemic-practice", "scope": "whole_service", "since": None},
                {"slug": "trauma-recovery-model", "scope": "pilot", "since": "2024-02-01"},
            ],
            "activities": ["training", "cross_agency_collaboration"],
            "treatment_pathways": [],
            "works_to_definition": None,
        },
    },
]


class DemoError(RuntimeError):
    pass


class Keys:
    """API keys made in the server's database for this run, revoked when it ends."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.key_ids: list[int] = []

    def make(self, organisation_slug: str, role: str) -> dict[str, str]:
        with self.database.session(write=True) as session:
            organisation = session.exec(
                select(Organisation).where(Organisation.slug == organisation_slug)
            ).first()
            if organisation is None:
                raise DemoError(f"no organisation {organisation_slug!r} in the database")
            key, secret = create_key(session, organisation, role, label="seed.demo")
            assert key.id is not None
            self.key_ids.append(key.id)
        return {"Authorization": f"Bearer {secret}"}

    def revoke_all(self) -> None:
        with self.database.session(write=True) as session:
            for key_id in self.key_ids:
                key = session.get(ApiKey, key_id)
                if key is not None and key.revoked_at is None:
                    key.revoked_at = utcnow()
                    session.add(key)
            session.commit()


@contextmanager
def demo_keys(database_url: str) -> Iterator[Keys]:
    database = Database(database_url)
    keys = Keys(database)
    try:
        yield keys
    finally:
        keys.revoke_all()
        database.dispose()


def _check(response: httpx.Response, *expected: int) -> httpx.Response:
    if response.status_code not in expected:
        raise DemoError(
            f"{response.request.method} {response.request.url.path} answered "
            f"{response.status_code}: {response.text}"
        )
    return response


def _comparable(declaration: dict[str, Any] | None) -> dict[str, Any] | None:
    """What a declaration says, in a form where equal meaning compares equal."""
    if declaration is None:
        return None
    return {
        "practice_models": sorted(
            (m["slug"], m["scope"], m.get("since")) for m in declaration["practice_models"]
        ),
        "activities": sorted(declaration["activities"]),
        "treatment_pathways": sorted(
            (p["practice_model"], p["provider"], p.get("note") or "")
            for p in declaration["treatment_pathways"]
        ),
        "works_to_definition": declaration.get("works_to_definition"),
    }


def _register(
    client: httpx.Client, steward: dict[str, str], team: dict[str, Any], say: Callable[[str], None]
) -> None:
    body = {k: v for k, v in team.items() if k != "declaration"}
    response = _check(
        client.post(
            "/v1/organisations",
            json={**body, "kind": "csc_team", "description": DESCRIPTION},
            headers=steward,
        ),
        201,
        409,
    )
    if response.status_code == 201:
        say(f"registered {team['slug']} ({team['name']})")
        return
    existing = _check(client.get(f"/v1/organisations/{team['slug']}"), 200).json()
    if existing["kind"] != "csc_team":
        raise DemoError(f"{team['slug']!r} is taken by a {existing['kind']}, not a CSC team")
    say(f"already registered: {team['slug']}")


def _declare(
    client: httpx.Client,
    headers: dict[str, str],
    team: dict[str, Any],
    core_id: int | None,
    say: Callable[[str], None],
) -> None:
    body = dict(team["declaration"])
    if body["works_to_definition"] == CORE:
        body["works_to_definition"] = core_id
    current = _check(client.get(f"/v1/teams/{team['slug']}"), 200)
    if _comparable(current.json()["declaration"]) == _comparable(body):
        revision = current.json()["declaration_revision"]
        say(f"unchanged: {team['slug']} (declaration {revision})")
        return
    response = _check(
        client.put(
            f"/v1/teams/{team['slug']}/practice-models",
            json=body,
            headers={**headers, "If-Match": current.headers["ETag"]},
        ),
        200,
    )
    models = ", ".join(f"{m['slug']} ({m['scope']})" for m in body["practice_models"])
    say(
        f"declared {team['slug']}: declaration {response.json()['declaration_revision']}: "
        f"{models}; {len(body['activities'])} activities; "
        f"{len(body['treatment_pathways'])} treatment pathway(s)"
    )


def _summarise(client: httpx.Client, say: Callable[[str], None]) -> None:
    survey = _check(client.get("/v1/insights/survey"), 200).json()
    say(f"insights: {survey['team_count']} declaring team(s) in the registry")
    for row in survey["activities"]:
        report = row["report"] or {}
        say(
            f"  {row['activity']}: {row['percent']}% of registered teams; "
            f"report: {report.get('value_text')}"
        )
    pathways = _check(client.get("/v1/insights/treatment-pathways"), 200).json()
    say(
        f"  no route to a trauma-specific treatment: {pathways['teams_without_treatment']} of "
        f"{pathways['team_count']} team(s)"
    )
    variety = _check(client.get("/v1/insights/model-variety"), 200).json()
    say(
        f"  distinct models in use: {variety['distinct_models']}; standard practice share: "
        f"{variety['standard_practice_share']}"
    )


def main(
    base_url: str = DEFAULT_BASE_URL,
    database_url: str | None = None,
    say: Callable[[str], None] = print,
    steward_organisation: str = STEWARD_ORGANISATION,
) -> int:
    """Register and declare the fictional teams; return 0 (raises DemoError on failure)."""
    with (
        demo_keys(database_url or settings.database_url) as keys,
        httpx.Client(base_url=base_url, timeout=30) as client,
    ):
        _check(client.get("/readyz"), 200)
        steward = keys.make(steward_organisation, "steward")
        core = client.get("/v1/core-definition")
        core_id = core.json()["proposal"]["id"] if core.status_code == 200 else None
        for team in TEAMS:
            _register(client, steward, team, say)
            _declare(client, keys.make(team["slug"], "submitter"), team, core_id, say)
        _summarise(client, say)
    return 0


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m seed.demo",
        description="Register fictional CSC teams and declare what they use.",
    )
    parser.add_argument(
        "--base-url",
        default=os.environ.get("BASE_URL", DEFAULT_BASE_URL),
        help="the running server (default: $BASE_URL or %(default)s)",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="the server's database, for making keys (default: TIC_DATABASE_URL)",
    )
    parser.add_argument("--steward-organisation", default=STEWARD_ORGANISATION)
    args = parser.parse_args(argv)
    try:
        return main(
            args.base_url, args.database_url, steward_organisation=args.steward_organisation
        )
    except (DemoError, httpx.HTTPError) as exc:
        print(f"demo failed: {exc}")
        return 1


if __name__ == "__main__":
    raise SystemExit(cli())
