"""The Idempotency-Key header, and the response of an idempotent create."""

from collections.abc import Callable
from typing import Annotated

from fastapi import Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlmodel import Session

from api.keys import Actor
from api.services import idempotency

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="A unique value per logical request (a UUID, say): retries with the same "
        "key and body return the first response instead of writing again (remembered for "
        "`TIC_IDEMPOTENCY_TTL_HOURS`, 24 by default). The same key with another body is 422.",
    ),
]


def idempotent_create(
    request: Request,
    session: Session,
    caller: Actor,
    key: str | None,
    body: BaseModel,
    create: Callable[[], tuple[BaseModel, dict[str, str]]],
) -> JSONResponse:
    """201 with what ``create`` (write, then present) returns, once per Idempotency-Key."""

    def answer() -> idempotency.Answer:
        public, headers = create()
        return idempotency.Answer(201, public.model_dump(mode="json"), headers)

    result = idempotency.run(
        session,
        caller,
        key,
        method=request.method,
        path=request.url.path,
        body=body.model_dump(mode="json"),
        create=answer,
    )
    headers = dict(result.headers)
    if result.replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(result.body, status_code=result.status_code, headers=headers)
