"""The registry in a browser: read-only pages under /explore, their templates and assets."""

from api.routers.explore.pages import router
from api.routers.explore.render import ASSETS_PATH, assets

__all__ = ["ASSETS_PATH", "assets", "router"]
