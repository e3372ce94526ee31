"""Every kind of problem the API answers with: its status, title and what a client should do.

A problem+json ``type`` is ``{base}/problems/{slug}``, and the service serves that page
(``api.routers.problems``), so a client or a developer who meets one can read what it means.
Pure data: no HTTP, no database.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ProblemType:
    slug: str
    status: int
    title: str
    meaning: str
    action: str


PROBLEM_TYPES: tuple[ProblemType, ...] = (
    ProblemType(
        "bad-request",
        400,
        "Bad request",
        "The request could not be read.",
        "Check the request against the API reference and send it again.",
    ),
    ProblemType(
        "domain-error",
        400,
        "Bad request",
        "A rule of the registry refused the request.",
        "Read the detail, correct the request and send it again.",
    ),
    ProblemType(
        "invalid-cursor",
        400,
        "Invalid cursor",
        "The cursor is not one a list issued: cursors are opaque and must be sent unchanged.",
        "Send the next_cursor of the previous page exactly as it was given, or start again "
        "without a cursor.",
    ),
    ProblemType(
        "unauthorised",
        401,
        "Unauthorized",
        "The request needs an API key and carried none, or one that is unknown or revoked.",
        "Send Authorization: Bearer followed by your key. Registry stewards issue keys; a "
        "department asks the registry's service desk for one.",
    ),
    ProblemType(
        "forbidden",
        403,
        "Forbidden",
        "The key is valid but may not do this: a submitter writes for its own organisation "
        "only, and only stewards propose core definitions, register organisations and edit "
        "practice models.",
        "Use a key of the organisation concerned, or ask a steward.",
    ),
    ProblemType(
        "not-found",
        404,
        "Not Found",
        "Nothing exists at this address, or the definition, organisation, model or other "
        "record named does not exist.",
        "Check the id or slug; lists such as /v1/definitions give the ones that exist.",
    ),
    ProblemType(
        "method-not-allowed",
        405,
        "Method Not Allowed",
        "The address exists but does not accept this method.",
        "Use one of the methods the Allow header names.",
    ),
    ProblemType(
        "conflict",
        409,
        "Conflict",
        "The request contradicts the record's state: the slug is taken, or the definition or "
        "proposal is already withdrawn or superseded.",
        "Read the record again and decide whether the change still makes sense.",
    ),
    ProblemType(
        "database-not-empty",
        409,
        "Conflict",
        "A backup is restored only into an empty database, and this one holds rows.",
        "Restore into a new, migrated database, or replace what it holds (--replace).",
    ),
    ProblemType(
        "precondition-failed",
        412,
        "Precondition Failed",
        "The If-Match header names a version that is no longer current: someone else changed "
        "the record since you read it. Nothing was overwritten.",
        "Read the record again (its ETag is in current_etag), reapply your change and send "
        "the new ETag in If-Match.",
    ),
    ProblemType(
        "content-too-large",
        413,
        "Content Too Large",
        "The request body is larger than the limit the registry is configured with (64 KiB by "
        "default).",
        "Send a smaller body: definitions are at most 20,000 characters.",
    ),
    ProblemType(
        "validation-error",
        422,
        "Invalid request",
        "A field of the request is missing or not valid; errors names each one, with its "
        "location and a message.",
        "Correct each field named in errors and send the request again.",
    ),
    ProblemType(
        "unprocessable",
        422,
        "Unprocessable Entity",
        "The request is well formed but a rule across its fields refuses it.",
        "Read the detail, correct the request and send it again.",
    ),
    ProblemType(
        "invalid-backup",
        422,
        "Unprocessable Entity",
        "The document cannot be restored: it is not a backup of this registry, it is of another "
        "format version or schema revision, or its rows do not fit the tables.",
        "Restore a backup taken by the same version of the registry (tic-registry export).",
    ),
    ProblemType(
        "not-a-department",
        422,
        "Unprocessable Entity",
        "Only government departments record positions on a core definition proposal.",
        "Record the position as one of the departments, with a key of that department.",
    ),
    ProblemType(
        "idempotency-key-reused",
        422,
        "Unprocessable Entity",
        "The Idempotency-Key was already used with a different request body. Nothing was written.",
        "Use a new key for a new request; reuse a key only to retry the same request.",
    ),
    ProblemType(
        "matrix-too-large",
        422,
        "Unprocessable Entity",
        "The similarity matrix would hold more definitions than one request may compare.",
        "Name fewer definitions in definition_ids.",
    ),
    ProblemType(
        "precondition-required",
        428,
        "Precondition Required",
        "Changing a record that exists needs an If-Match header with the ETag of the version "
        "you read, so no one's change is lost.",
        "Read the record, then send its ETag in If-Match with your change.",
    ),
    ProblemType(
        "too-many-requests",
        429,
        "Too Many Requests",
        "This address or key sent more requests than the registry's rate limits allow.",
        "Wait the number of seconds in Retry-After. Requests with an API key have a higher limit.",
    ),
    ProblemType(
        "internal-server-error",
        500,
        "Internal Server Error",
        "The registry failed in a way it did not expect. The error has been logged; nothing "
        "about it is in the response.",
        "Try again later; if it persists, tell the registry's service desk the time and the "
        "address you called.",
    ),
    ProblemType(
        "database-unavailable",
        503,
        "Service Unavailable",
        "The database did not answer, or not in time. Nothing was changed.",
        "Wait the number of seconds in Retry-After and send the request again.",
    ),
    ProblemType(
        "starting",
        503,
        "Service Unavailable",
        "The server has just started and is still building its index of definitions (on a "
        "large registry this takes some seconds); only its readiness probe says so.",
        "Wait the number of seconds in Retry-After and ask again, or send your request to "
        "another server that is ready.",
    ),
)
PROBLEMS: dict[str, ProblemType] = {p.slug: p for p in PROBLEM_TYPES}
# The kind of a problem raised with a status alone.
BY_STATUS: dict[int, str] = {
    400: "bad-request",
    401: "unauthorised",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    412: "precondition-failed",
    413: "content-too-large",
    422: "unprocessable",
    428: "precondition-required",
    429: "too-many-requests",
    500: "internal-server-error",
    503: "database-unavailable",
}
