"""The FastAPI application: metadata, middleware, error handlers and routers. Nothing else."""

from fastapi import FastAPI

from api import __doc__ as package_doc
from api.config import settings
from api.errors import install_error_handlers
from api.middleware import BodySizeLimit, HeadAsGet
from api.openapi_meta import DESCRIPTION, TAGS, install_openapi
from api.routers import (
    comparisons,
    core_definition,
    definitions,
    docs,
    frameworks,
    insights,
    organisations,
    practice_models,
    principles,
    service,
    sources,
    teams,
)

app = FastAPI(
    title="Trauma-informed care definitions registry",
    summary=package_doc,
    description=DESCRIPTION,
    version="1.0.0",
    openapi_tags=TAGS,
    docs_url=None,
    redoc_url=None,
)
app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
app.add_middleware(HeadAsGet)
install_error_handlers(app)
install_openapi(app)
app.mount(docs.ASSETS_PATH, docs.assets, name="docs-assets")
for module in (
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
):
    app.include_router(module.router)
