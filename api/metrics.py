"""Prometheus metrics (prometheus-client): what is counted, and the /metrics exposition.

Requests are labelled by route template (``/v1/definitions/{definition_id}``), never the raw
path, so the number of series stays bounded whatever clients send; anything no route matched is
``unmatched``. With several server processes (``tic-registry serve --workers N``) each worker
writes its samples to files in ``PROMETHEUS_MULTIPROC_DIR`` and /metrics adds them up
(prometheus-client's multiprocess mode); ``serve`` sets that directory up. Nothing here knows
HTTP.
"""

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter(
    "tic_http_requests",
    "HTTP requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "tic_http_request_duration_seconds",
    "Time from request to the end of the response, by route template and method.",
    ["route", "method"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0),
)
DATABASE_ERRORS = Counter(
    "tic_database_errors",
    "Errors raised by the database driver, by SQLAlchemy exception class "
    "(IntegrityError for a refused write, OperationalError for a lost or busy database...).",
    ["error"],
)
ANALYSER = Histogram(
    "tic_analyser_duration_seconds",
    "Time the principle analyser takes on one text.",
    buckets=(0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5),
)


def exposition() -> tuple[bytes, str]:
    """The current samples in Prometheus' text format, and its content type."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
