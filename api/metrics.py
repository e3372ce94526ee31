"""Prometheus metrics (prometheus-client): what is counted, and the /metrics exposition.

Requests are labelled by route template (``/v1/definitions/{definition_id}``), never the raw
path, so the number of series stays bounded whatever clients send; anything no route matched is
``unmatched``. With several server processes (``tic-registry serve --workers N``) each worker
writes its samples to files in ``PROMETHEUS_MULTIPROC_DIR`` and /metrics adds them up
(prometheus-client's multiprocess mode); ``serve`` sets that directory up. Nothing here knows
HTTP.

prometheus-client takes about a twentieth of a second to import (its exposition brings
http.server, wsgiref and urllib.request), so it is imported, and the metrics made, at their first
use (a request, a query error, an analysis or a scrape), not when the app is imported. They are
made together and in this order, so the exposition lists them as when they were made at import.
"""

import os
import threading
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from prometheus_client import Counter, Histogram

_LATENCY_BUCKETS = (
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
    20.0,
)
_ANALYSER_BUCKETS = (0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5)


class Metrics(NamedTuple):
    requests: "Counter"
    latency: "Histogram"
    database_errors: "Counter"
    analyser: "Histogram"


_made: Metrics | None = None
# Making a metric twice raises (a name is registered once): the first uses may come at once,
# from the event loop and from worker threads.
_making = threading.Lock()


def metrics() -> Metrics:
    global _made
    if _made is None:
        with _making:
            if _made is None:
                _made = _make()
    return _made


def _make() -> Metrics:
    from prometheus_client import Counter, Histogram

    return Metrics(
        requests=Counter(
            "tic_http_requests",
            "HTTP requests answered, by route template, method and status.",
            ["route", "method", "status"],
        ),
        latency=Histogram(
            "tic_http_request_duration_seconds",
            "Time from request to the end of the response, by route template and method.",
            ["route", "method"],
            buckets=_LATENCY_BUCKETS,
        ),
        database_errors=Counter(
            "tic_database_errors",
            "Errors raised by the database driver, by SQLAlchemy exception class "
            "(IntegrityError for a refused write, OperationalError for a lost or busy "
            "database...).",
            ["error"],
        ),
        analyser=Histogram(
            "tic_analyser_duration_seconds",
            "Time the principle analyser takes on one text.",
            buckets=_ANALYSER_BUCKETS,
        ),
    )


def exposition() -> tuple[bytes, str]:
    """The current samples in Prometheus' text format, and its content type."""
    from prometheus_client import (
        CONTENT_TYPE_LATEST,
        REGISTRY,
        CollectorRegistry,
        generate_latest,
        multiprocess,
    )

    metrics()  # made before the first scrape, even one that comes before any request
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
