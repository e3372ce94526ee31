"""The stack's ceiling: a bare FastAPI app answering ``GET /v1/definitions/{id}`` from memory.

``bench.scale`` fetches some definitions from our server, writes their exact bytes and headers
to a JSON file named by ``TIC_CEILING_RESPONSES`` and serves this app (``python -m bench.ceiling
--port N``) with the same uvicorn settings as ``tic-registry serve`` (one worker, no server
header, the registry's logging); both are then loaded alike. Whatever the registry does beyond
this (the database, the ETag check, the representation cache, its middleware) is the difference.

The only module of ``bench`` allowed to import the web framework (see pyproject.toml).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Response

from api.config import settings
from api.logs import logging_config

_saved = json.loads(Path(os.environ["TIC_CEILING_RESPONSES"]).read_text(encoding="utf-8"))
# id -> (body bytes, headers): what our server sent, minus what the server itself adds.
RESPONSES: dict[int, tuple[bytes, dict[str, str]]] = {
    int(i): (r["body"].encode("utf-8"), r["headers"]) for i, r in _saved.items()
}

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@app.get("/healthz")
async def healthz() -> Response:
    return Response(b'{"status":"ok"}', media_type="application/json")


@app.get("/v1/definitions/{definition_id}")
async def definition(definition_id: int) -> Response:
    body, headers = RESPONSES[definition_id]
    return Response(body, headers=headers)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.ceiling")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args()
    # As api.commands.serve runs ours.
    uvicorn.run(
        "bench.ceiling:app",
        host=args.host,
        port=args.port,
        workers=1,
        server_header=False,
        log_config=logging_config(settings.log_format, settings.log_level),
    )
