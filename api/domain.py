"""Domain exceptions: what services raise when a rule refuses a request.

They know nothing of HTTP. The web layer maps each class to a status in one table
(``api.errors``); the seed, the command line and the benchmarks catch them as plain exceptions.
``kind`` names the problem (it becomes the problem+json ``type``); ``extra`` adds fields a client
can act on (the ETag that is now current, the field that is wrong).
"""

from typing import Any, ClassVar


class DomainError(Exception):
    kind: ClassVar[str] = "domain-error"

    def __init__(self, detail: str, *, kind: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.problem_kind = kind or self.kind
        self.extra = extra


class NotFound(DomainError):
    kind = "not-found"

    @classmethod
    def of(cls, what: str, key: object) -> "NotFound":
        return cls(f"No {what} {key!r} in the registry.")


class Conflict(DomainError):
    """The request contradicts the resource's state (already withdrawn, slug taken...)."""

    kind = "conflict"


class Stale(DomainError):
    """The client's version is not the current one: another writer got there first."""

    kind = "precondition-failed"

    def __init__(self, current_etag: str | None, what: str = "resource") -> None:
        super().__init__(
            f"The {what} has changed since you read it: fetch it again, reapply your change and "
            "send the new ETag in If-Match.",
            **({"current_etag": current_etag} if current_etag else {}),
        )
        self.current_etag = current_etag


class PreconditionRequired(DomainError):
    kind = "precondition-required"

    def __init__(self) -> None:
        super().__init__("Send If-Match with the ETag of the version you are changing.")


class Unauthenticated(DomainError):
    """No key, or one that is unknown or revoked."""

    kind = "unauthorised"


class Forbidden(DomainError):
    """A known caller without the right to do this."""

    kind = "forbidden"


class Unprocessable(DomainError):
    """Well-formed but refused by a rule that is not about one field."""

    kind = "unprocessable"


class InvalidField(DomainError):
    """One field of the request is wrong; ``field`` is its dotted path in the body."""

    kind = "validation-error"

    def __init__(self, field: str, message: str, code: str, *, location: str = "body") -> None:
        super().__init__(f"The request is not valid: check {field}. {message}")
        self.field = field
        self.message = message
        self.code = code
        self.location = location


class InvalidCursor(DomainError):
    kind = "invalid-cursor"

    def __init__(self) -> None:
        super().__init__(
            "The cursor is not valid: use the next_cursor of a previous page unchanged."
        )


def require_patch(changes: dict[str, Any], required: tuple[str, ...]) -> None:
    """A PATCH must change something, and may not null a field that cannot be empty."""
    if not changes:
        raise InvalidField("body", "Nothing to change: send at least one field.", "empty")
    for name in required:
        if name in changes and changes[name] is None:
            raise InvalidField(name, f"{name} cannot be set to null.", "null")
