"""The Idempotency-Key header, and the JSON response of an idempotent create."""

from typing import Annotated

from fastapi import Header
from fastapi.responses import JSONResponse

from api.services.idempotency import Answer

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="A unique value per logical request (a UUID, say): retries with the same "
        "key and body return the first response instead of writing again.",
    ),
]


def answer_response(answer: Answer) -> JSONResponse:
    headers = dict(answer.headers)
    if answer.replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(answer.body, status_code=answer.status_code, headers=headers)
