"""Races against a real server process: lost updates and retried submissions.

Threads released by one barrier hit uvicorn at once, so the database (PostgreSQL under
TIC_TEST_BACKEND=postgres, SQLite otherwise) is what settles the race, not the test client.
"""

import threading
from collections.abc import Callable
from typing import Any

import httpx2

from tests.conftest import Keys

RACERS = 8


def race(work: Callable[[httpx2.Client, int], httpx2.Response], base: str) -> list[Any]:
    barrier = threading.Barrier(RACERS)
    results: list[Any] = [None] * RACERS

    def run(i: int) -> None:
        with httpx2.Client(base_url=base, timeout=30) as client:
            barrier.wait(timeout=30)
            try:
                results[i] = work(client, i)
            except Exception as exc:  # recorded and asserted on below, never swallowed
                results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(RACERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert all(not t.is_alive() for t in threads)
    return results


def test_racing_patches_with_the_same_etag_one_wins(live_server: str, keys: Keys) -> None:
    with httpx2.Client(base_url=live_server, timeout=30) as client:
        created = client.post(
            "/v1/definitions", json={"title": "Race", "text": "Original text."}, headers=keys.dfe
        )
        assert created.status_code == 201
        url, etag = created.headers["location"], created.headers["etag"]

    responses = race(
        lambda c, i: c.patch(
            url, json={"text": f"Text from writer {i}."}, headers={**keys.dfe, "If-Match": etag}
        ),
        live_server,
    )

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [412] * (RACERS - 1), statuses
    winner = next(r for r in responses if r.status_code == 200).json()["text"]
    with httpx2.Client(base_url=live_server, timeout=30) as client:
        revisions = client.get(f"{url}/revisions").json()["items"]
        current = client.get(url).json()
    # Nothing merged, nothing silently dropped: the original, then exactly the winner's text.
    assert [r["text"] for r in revisions] == ["Original text.", winner]
    assert current["text"] == winner
    assert current["revision"] == 2


def test_racing_retries_with_one_idempotency_key_store_once(live_server: str, keys: Keys) -> None:
    payload = {"title": "Retried submission", "text": "Children feel safe."}
    headers = {**keys.home_office, "Idempotency-Key": "race-1"}

    responses = race(
        lambda c, i: c.post("/v1/definitions", json=payload, headers=headers), live_server
    )

    assert [r.status_code for r in responses] == [201] * RACERS, [r.text for r in responses]
    assert len({r.json()["id"] for r in responses}) == 1
    assert len({r.headers["location"] for r in responses}) == 1
    with httpx2.Client(base_url=live_server, timeout=30) as client:
        mine = client.get("/v1/definitions", params={"organisation": "home-office"}).json()
    assert [d["title"] for d in mine["items"]] == ["Retried submission"]


def test_racing_first_endorsements_one_wins(live_server: str, keys: Keys) -> None:
    with httpx2.Client(base_url=live_server, timeout=30) as client:
        core_id = client.get("/v1/core-definition").json()["proposal"]["id"]
    url = f"/v1/core-definition/proposals/{core_id}/endorsements/dfe"

    responses = race(
        lambda c, i: c.put(url, json={"position": "endorse", "comment": f"w{i}"}, headers=keys.dfe),
        live_server,
    )

    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(201) == 1, statuses
    # Late arrivals either lost the insert race (412) or saw the first and lacked If-Match (428).
    assert set(statuses) <= {201, 412, 428}, statuses
    with httpx2.Client(base_url=live_server, timeout=30) as client:
        history = client.get(f"{url}/history").json()["items"]
    assert len(history) == 1


def test_racing_practice_model_edits_one_wins(live_server: str, keys: Keys) -> None:
    url = "/v1/practice-models/aces-awareness-training"
    with httpx2.Client(base_url=live_server, timeout=30) as client:
        etag = client.get(url).headers["etag"]

    responses = race(
        lambda c, i: c.patch(
            url, json={"description": f"Edit {i}."}, headers={**keys.steward, "If-Match": etag}
        ),
        live_server,
    )

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [412] * (RACERS - 1), statuses
    with httpx2.Client(base_url=live_server, timeout=30) as client:
        revisions = client.get(f"{url}/revisions").json()["items"]
    assert [r["number"] for r in revisions] == [1, 2]
