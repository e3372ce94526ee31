"""Heavy libraries imported when first used rather than when the app is imported.

numpy and scipy take about half a second to import, and the app needs them only once a TF-IDF
index or a similarity matrix is first built: importing ``api.main`` (a worker's start, every
command, every test process) should not pay for them.
"""

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands for module ``name`` under ``alias`` in a module's globals until first used; then
    imports it and puts the real module in its place, so later uses cost nothing extra."""

    def __init__(self, name: str, namespace: dict[str, Any], alias: str) -> None:
        self._name = name
        self._namespace = namespace
        self._alias = alias

    def _load(self) -> ModuleType:
        module = importlib.import_module(self._name)
        self._namespace[self._alias] = module
        return module

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._load(), attribute)
