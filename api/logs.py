"""Logging for the server and the commands: one configuration, two renderings, no secrets.

Everything (our loggers, uvicorn's, alembic's) goes through the standard library's logging to
standard error. On a terminal the lines are plain and short; otherwise, or with
``TIC_LOG_FORMAT=json``, each is one JSON object (python-json-logger's formatter: correct
escaping, every ``extra`` field kept) that a log shipper can index. Each record carries the id
of the request it was written for (``request_id``, from ``api.observe``) and passes through
``RedactKeys``, so neither a key nor a secret in a query string reaches a log line. Request
bodies are never logged.
"""

import logging
import re
import sys
from contextvars import ContextVar
from typing import Any, TextIO

from pythonjsonlogger.core import RESERVED_ATTRS

# The id of the request being answered (set by api.observe), for every line logged meanwhile.
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

# Query parameters whose value is a secret, and anything shaped like one of our keys.
_SECRET_PARAM = re.compile(
    r"(?i)([?&](?:api[_-]?key|key|token|access[_-]?token|secret|password|auth(?:orization)?)=)"
    r"[^&\s\"]*"
)
_KEY_SHAPE = re.compile(r"tic_[0-9a-f]{1,32}_[A-Za-z0-9_\-]+")
REDACTED = "[redacted]"
FORMATS = ("auto", "json", "plain")


def redact(text: str) -> str:
    return _KEY_SHAPE.sub(REDACTED, _SECRET_PARAM.sub(rf"\1{REDACTED}", text))


class RedactKeys(logging.Filter):
    """Rewrites a record's message and arguments (uvicorn logs the path with its query)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        record.msg = redact(record.msg) if isinstance(record.msg, str) else record.msg
        return True


class RequestId(logging.Filter):
    """Adds ``request_id`` to every record (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


def install_log_redaction() -> None:
    """For a server started some other way (``uvicorn api.main:app``): its access log, which
    carries query strings, keeps no keys either."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactKeys) for f in access.filters):
        access.addFilter(RedactKeys())


def wants_json(log_format: str, stream: TextIO | None = None) -> bool:
    """JSON unless asked for plain, or left to choose (``auto``) on a terminal."""
    if log_format == "auto":
        return not (stream or sys.stderr).isatty()
    return log_format == "json"


def logging_config(log_format: str = "auto", level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` dictionary; ``serve`` hands it to uvicorn, which applies
    it in every worker process."""
    formatter: dict[str, Any] = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601, UTC
            # uvicorn's copy of each message with terminal colour codes: noise in JSON.
            "reserved_attrs": [*RESERVED_ATTRS, "color_message"],
        }
        if wants_json(log_format)
        else {"format": "%(asctime)s %(levelname)-7s %(message)s", "datefmt": "%H:%M:%S"}
    )
    uvicorn = {"handlers": [], "propagate": True, "level": level}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "api.logs.RequestId"},
            "redact": {"()": "api.logs.RedactKeys"},
        },
        "formatters": {"default": formatter},
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "default",
                "filters": ["request_id", "redact"],
            }
        },
        "root": {"handlers": ["default"], "level": level},
        "loggers": dict.fromkeys(("uvicorn", "uvicorn.error", "uvicorn.access"), uvicorn),
    }
