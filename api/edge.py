"""Protections at the edge: rate limits and security headers.

- ``RateLimit`` (the ``limits`` library's moving windows, in memory per process) counts every
  request against its client address, requests carrying an API key also against that key, and
  anonymous analyses, comparisons, matrices and nearest neighbours against a stricter
  per-address limit: they cost the most CPU. Over a limit: 429 problem+json with
  ``Retry-After``. Health probes are exempt.
- ``security_headers``: ``X-Content-Type-Options``, ``Referrer-Policy``, ``X-Frame-Options``
  and a Content Security Policy fitting each kind of page: none at all for JSON, our own assets
  only for the explore pages, and what Swagger UI and ReDoc need (their inline start-up script
  and styles) for the docs pages. ``api.observe.Observe`` adds them to every response.

Access logs that keep no keys are ``api.logs``'s (``RedactKeys``).
"""

import math
import re
import time
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import problem_response

if TYPE_CHECKING:
    from limits import RateLimitItem

# Health probes and Prometheus' scrapes come often from one address and cost little.
EXEMPT = frozenset({"/healthz", "/readyz", "/metrics"})
COMPUTE = frozenset(
    {"/v1/analyses", "/v1/comparisons", "/v1/comparisons/matrix", "/v1/comparisons/neighbours"}
)
# Reads that compute as much as a comparison: limited like the POSTs above.
COMPUTE_GET = re.compile(r"^/v1/definitions/[^/]+/neighbours$")
# The public id of a key: "Authorization: Bearer tic_<key_id>_<secret>". Only the id is read
# here (nothing is verified): it names the key's bucket.
_KEY_ID = re.compile(rb"^bearer\s+tic_([0-9a-f]{1,32})_", re.IGNORECASE)


class RateLimit:
    def __init__(
        self,
        app: ASGIApp,
        *,
        per_address: str,
        per_key: str,
        anonymous_compute: str,
        enabled: bool = True,
    ) -> None:
        # limits (a tenth of a second to import, with its asyncio storages) is imported here:
        # Starlette builds its middleware at the first request, not when the app is built.
        from limits import parse
        from limits.storage import MemoryStorage
        from limits.strategies import MovingWindowRateLimiter

        self.app = app
        self.enabled = enabled
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.per_address = parse(per_address)
        self.per_key = parse(per_key)
        self.anonymous_compute = parse(anonymous_compute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.enabled or scope["path"] in EXEMPT:
            await self.app(scope, receive, send)
            return
        address = (scope.get("client") or ("unknown", 0))[0]
        key_id = None
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                match = _KEY_ID.match(value)
                key_id = match.group(1).decode() if match else None
        checks: list[tuple[RateLimitItem, str]] = [(self.per_address, f"address:{address}")]
        if key_id is not None:
            checks.append((self.per_key, f"key:{key_id}"))
        elif (scope["method"] == "POST" and scope["path"] in COMPUTE) or (
            scope["method"] == "GET" and COMPUTE_GET.match(scope["path"])
        ):
            checks.append((self.anonymous_compute, f"compute:{address}"))
        for item, identity in checks:
            if not self.limiter.hit(item, identity):
                reset = self.limiter.get_window_stats(item, identity).reset_time
                wait = max(1, math.ceil(reset - time.time()))
                response = problem_response(
                    429,
                    f"Too many requests: the limit is {item}. Try again in {wait} s, or send "
                    "an API key for a higher limit.",
                    kind="too-many-requests",
                    headers={"Retry-After": str(wait)},
                    instance=scope["path"],
                    scope=scope,
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# Swagger UI and ReDoc start from an inline script and style themselves inline; ReDoc runs its
# search in a worker made from a blob.
DOCS_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; worker-src 'self' blob:; frame-ancestors 'none'; "
    "base-uri 'none'"
)
DOCS_PATHS = ("/docs", "/redoc", "/docs-assets")
COMMON = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


def policy_for(path: str, content_type: bytes) -> str:
    if path.startswith(DOCS_PATHS):
        return DOCS_POLICY
    if content_type.startswith(b"text/html") or path.startswith("/explore"):
        return PAGE_POLICY
    return API_POLICY


def security_headers(
    path: str, present: set[bytes], content_type: bytes
) -> list[tuple[bytes, bytes]]:
    """The security headers a response lacks (``present``: its header names, lower case); a
    response that sets one itself keeps its own. Added by ``api.observe.Observe``."""
    extra = [(n, v) for n, v in COMMON if n not in present]
    if b"content-security-policy" not in present:
        extra.append((b"content-security-policy", _POLICIES[policy_for(path, content_type)]))
    return extra


_POLICIES = {p: p.encode() for p in (API_POLICY, PAGE_POLICY, DOCS_POLICY)}
