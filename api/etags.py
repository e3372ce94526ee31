"""Entity tags: the one recipe for revisioned resources, and matching them (RFC 9110 8.8.3).

A revisioned resource's representation is fixed by the versions it is built from, so its ETag
is those versions: ``"d12-r3-rules-4.0"`` for definition 12 at revision 3 as analysed by
rules-4.0. A representation assembled from several revisioned resources (a team with the models
it declares) hashes the list of their versions. Reference data that has no revisions (sources,
principles) takes a hash of the representation itself.
"""

import hashlib
from collections.abc import Sequence

from pydantic import BaseModel

# (tag of the kind of resource, id, revision number)
Version = tuple[str, int, int]


def version_etag(versions: Sequence[Version], variant: str = "") -> str:
    suffix = f"-{variant}" if variant else ""
    if len(versions) == 1:
        tag, key, number = versions[0]
        return f'"{tag}{key}-r{number}{suffix}"'
    joined = ",".join(f"{t}{k}-r{n}" for t, k, n in versions) + suffix
    return f'"v-{hashlib.sha256(joined.encode()).hexdigest()[:24]}"'


def content_etag(model: BaseModel) -> str:
    """A strong ETag from the representation itself, for resources without revision numbers."""
    digest = hashlib.sha256(model.model_dump_json().encode()).hexdigest()[:32]
    return f'"{digest}"'


def _tags(header: str, *, weak: bool) -> set[str]:
    """The entity tags of a header; ``weak`` comparison (If-None-Match) ignores W/ prefixes,
    strong comparison (If-Match, RFC 9110 13.1.1) keeps them, so a weak tag never matches."""
    tags = {t.strip() for t in header.split(",") if t.strip()}
    return {t.removeprefix("W/") for t in tags} if weak else tags


def none_match(header: str | None, etag: str) -> bool:
    """True when an If-None-Match header names ``etag`` (the client holds this version)."""
    if not header:
        return False
    return header.strip() == "*" or etag in _tags(header, weak=True)


def if_match_holds(header: str, etag: str) -> bool:
    return header.strip() == "*" or etag in _tags(header, weak=False)
