"""The application factory: metadata, middleware, error handlers, routers, and the database.

The app owns its database: ``create_app`` opens it in the lifespan (from settings, unless one is
given) and disposes of it on shutdown, so tests and tools build an app on any database without
patching module globals.
"""

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute

from api import __doc__ as package_doc
from api.comparison.analyser import prepare as prepare_analyser
from api.config import Settings, settings
from api.db import Database
from api.deadline import Deadline
from api.edge import RateLimit
from api.errors import install_error_handlers
from api.logs import install_log_redaction
from api.middleware import BodySizeLimit, Compress, UnexpectedErrors
from api.observe import Observe
from api.openapi_meta import DESCRIPTION, TAGS, install_openapi, operation_id
from api.representations import CachedReads, RenderedCache
from api.routers import (
    comparisons,
    core_definition,
    definitions,
    docs,
    explore,
    frameworks,
    insights,
    organisations,
    practice_models,
    principles,
    problems,
    service,
    sources,
    teams,
)
from api.services import neighbours

ROUTERS = (
    service,
    docs,
    sources,
    organisations,
    principles,
    frameworks,
    definitions,
    core_definition,
    comparisons,
    practice_models,
    teams,
    insights,
    explore,
    problems,
)


# How long the lifespan waits for the indexes before it lets requests in: a small registry's
# are built by then; a large one's go on building while /readyz answers 503.
WARM_WAIT_S = 2.0


def _warm(database: Database) -> None:
    """Build the neighbour index comparisons and neighbours read (18 s at 100,000 definitions),
    so no request pays for it. A failure (the database down) is logged and left to the first
    request that needs the index."""
    try:
        with database.session() as session:
            neighbours.warm(session)
    except Exception:
        logging.getLogger(__name__).warning("warming the neighbour index failed", exc_info=True)


def _route(endpoint: object) -> APIRoute:
    """The route of one of our endpoints (the object the router puts in the scope)."""
    return next(
        r
        for module in ROUTERS
        for r in module.router.routes
        if isinstance(r, APIRoute) and r.endpoint is endpoint
    )


def create_app(config: Settings = settings, database: Database | None = None) -> FastAPI:
    """The registry's app, on ``database`` or, by default, on the configured URL."""
    install_log_redaction()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = database is None
        app.state.database = database or Database.from_settings(config)
        # the analyser's rules compile here, not at import and not in the first request
        prepare_analyser()
        warming = threading.Thread(target=_warm, args=(app.state.database,), daemon=True)
        warming.start()
        warming.join(WARM_WAIT_S)
        app.state.warming = warming  # /readyz answers 503 while it runs
        try:
            yield
        finally:
            warming.join()  # it reads the database about to be disposed of
            if owned:
                app.state.database.dispose()

    app = FastAPI(
        title="Trauma-informed care definitions registry",
        summary=package_doc,
        description=DESCRIPTION,
        version="1.0.0",
        openapi_tags=TAGS,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        # The handler's name (list_definitions, revise_definition...) is the operation id: short,
        # stable, and what a generated client calls its function.
        generate_unique_id_function=operation_id,
    )
    app.state.representations = RenderedCache(config.representation_cache_entries)
    # Innermost (added first): a single GET whose answer is known skips routing.
    app.add_middleware(CachedReads, route=_route(definitions.get_definition))
    app.add_middleware(BodySizeLimit, max_bytes=config.max_body_bytes)
    app.add_middleware(
        Deadline, seconds=config.request_timeout, retry_after=config.retry_after_seconds
    )
    app.add_middleware(
        RateLimit,
        per_address=config.rate_limit_per_address,
        per_key=config.rate_limit_per_key,
        anonymous_compute=config.rate_limit_anonymous_compute,
        enabled=config.rate_limit_enabled,
    )
    if config.cors_origins:  # closed unless configured
        app.add_middleware(
            CORSMiddleware,
            allow_origins=config.cors_origins,
            allow_methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=[
                "Authorization",
                "Content-Type",
                "If-Match",
                "If-None-Match",
                "Idempotency-Key",
            ],
            expose_headers=["ETag", "Location", "Retry-After", "Idempotent-Replayed"],
        )
    # Below 1 KiB gzip saves too little to be worth the CPU; level 6 is zlib's own balance.
    app.add_middleware(Compress, minimum_size=1024, compresslevel=6)
    # Request id, HEAD as GET, every response's headers (cache policy, security, request id),
    # log line and metrics for everything inside, rate-limited and refused included.
    app.add_middleware(Observe)
    # Outermost of ours (added last): answers what every layer inside it failed to handle.
    app.add_middleware(UnexpectedErrors)
    install_error_handlers(app)
    install_openapi(app)
    app.mount(docs.ASSETS_PATH, docs.assets, name="docs-assets")
    app.mount(explore.ASSETS_PATH, explore.assets, name="explore-assets")
    for module in ROUTERS:
        app.include_router(module.router)
    return app
