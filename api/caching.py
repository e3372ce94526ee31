"""HTTP caching: the one place that decides each response's ``Cache-Control`` (set on every
response by ``api.observe.Observe``, replacing any the app set).

- A definition's revision (``GET /v1/definitions/{id}/revisions/{n}``) never changes once
  written: ``public, max-age=31536000, immutable``. (Its ``principles`` are the analysis of the
  analyser version it names in ``analysis_method``; after an analyser upgrade a cached copy keeps
  the older analysis until it expires, while the current definition shows the new one.)
- Everything else a GET reads is current state that a write may change at any moment:
  ``no-cache``, so a cache may keep it but asks again each time; with the ``ETag`` most reads
  carry, the answer is a bodiless 304 while nothing has changed.
- The pages' stylesheets and the docs' assets change only with a release: a day.
- A read made with an API key is the caller's own: ``private``, never stored by shared caches.
- Writes, computations posted to us, problem responses, probes and metrics: ``no-store``.
"""

import re

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
PRIVATE = "private, no-cache"
ASSETS = "public, max-age=86400"
NO_STORE = "no-store"

# Reads whose policy is not REVALIDATE, by path (the first full match wins).
READS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"/v1/definitions/[^/]+/revisions/[^/]+"), IMMUTABLE),
    (re.compile(r"/(?:static|docs-assets)/.+"), ASSETS),
    (re.compile(r"/(?:healthz|readyz|metrics)"), NO_STORE),
)


def cache_control(method: str, path: str, status: int, *, authorised: bool) -> str:
    """The Cache-Control for one response (a 304 gets what its 200 would)."""
    if method not in ("GET", "HEAD") or not 200 <= status < 400:
        return NO_STORE
    policy = next((p for pattern, p in READS if pattern.fullmatch(path)), REVALIDATE)
    if authorised and policy != NO_STORE:
        return PRIVATE
    return policy
