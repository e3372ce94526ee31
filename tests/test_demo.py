"""The demo script against a live server (uvicorn in a subprocess over a fresh seeded database)."""

import httpx
import pytest
from sqlmodel import select

from api.db import Database
from api.models import ApiKey
from seed import demo


@pytest.mark.slow
def test_demo_populates_every_insight_and_is_idempotent(
    live_server: str, database: Database
) -> None:
    server = live_server
    said: list[str] = []

    assert demo.main(server, database.url, say=said.append) == 0

    assert sum(line.startswith("registered ") for line in said) == len(demo.TEAMS)
    assert sum(line.startswith("declared ") for line in said) == len(demo.TEAMS)
    with httpx.Client(base_url=server, timeout=10) as client:
        teams = client.get("/v1/teams").json()["items"]
        assert sorted(t["slug"] for t in teams) == sorted(t["slug"] for t in demo.TEAMS)
        assert all("(fictional)" in t["name"] for t in teams)
        assert all(t["declaration_revision"] == 1 for t in teams)

        survey = client.get("/v1/insights/survey").json()
        assert survey["team_count"] == 4
        rows = {a["activity"]: a for a in survey["activities"]}
        # 3 of the 4 fictional teams use strengths-based approaches, 2 of 4 screen.
        assert rows["strengths_based_approaches"]["share"] == 0.75
        assert rows["screening"]["share"] == 0.5
        assert rows["screening"]["report"]["value"] == 53
        assert all(a["share"] is not None and a["teams_doing"] > 0 for a in survey["activities"])

        pathways = client.get("/v1/insights/treatment-pathways").json()
        assert pathways["teams_without_treatment"] == 2
        assert pathways["teams_with_treatment"] == 2
        assert pathways["report_outcome"]["value_text"] == "only two instances"

        variety = client.get("/v1/insights/model-variety").json()
        assert variety["distinct_models"] == 7
        assert variety["shared_by_several"] == 1  # signs-of-safety
        assert variety["standard_practice_share"] is not None

        example = "example-borough-fictional-csc"
        alignment = client.get(f"/v1/teams/{example}/alignment").json()
        assert alignment["core"] is not None
        assert (
            alignment["works_to_definition"]["definition_id"] == alignment["core"]["definition_id"]
        )

    said.clear()
    assert demo.main(server, database.url, say=said.append) == 0

    assert sum(line.startswith("already registered: ") for line in said) == len(demo.TEAMS)
    assert sum(line.startswith("unchanged: ") for line in said) == len(demo.TEAMS)
    with httpx.Client(base_url=server, timeout=10) as client:
        teams = client.get("/v1/teams").json()["items"]
        assert len(teams) == len(demo.TEAMS)
        assert all(t["declaration_revision"] == 1 for t in teams)
        history = client.get(f"/v1/teams/{example}/declarations").json()["items"]
        assert len(history) == 1
    # The demo's keys (a steward's and one per team, each run) are revoked once it has finished.
    with database.session() as session:
        made = session.exec(select(ApiKey).where(ApiKey.label == "seed.demo")).all()
    assert len(made) == 2 * (1 + len(demo.TEAMS))
    assert all(key.revoked_at is not None for key in made)
