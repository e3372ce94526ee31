"""The dependencies that authenticate a write's key and gate it by role.

Keys themselves (hashing, verification, the actor a key speaks for) live in ``api.keys``, which
knows nothing of HTTP. Resource-level rules (may this key act for that organisation?) are the
services' to check, on the actor they are given.
"""

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.deps import WriteSession
from api.domain import Unauthenticated
from api.keys import Actor, authenticate, create_key, hash_secret

__all__ = ["Actor", "CallerDep", "StewardDep", "create_key", "get_caller", "hash_secret"]

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key, sent as `Authorization: Bearer <key>`. Submitters write for "
    "their own organisation; stewards run the registry. **Obtaining a key:** the registry's "
    "stewards issue every key on the server (`tic-registry keys create --organisation SLUG "
    "--role submitter`, or `python -m api keys create`); a department or team asks the "
    "registry's service desk for one, naming its organisation and who will use it. Keys are "
    "shown once and only their hash is stored: a lost key is revoked and replaced.",
)


def get_caller(
    session: WriteSession,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Actor:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("This request needs an API key: send Authorization: Bearer <key>.")
    return authenticate(session, credentials.credentials)


CallerDep = Annotated[Actor, Depends(get_caller)]


def get_steward(caller: CallerDep) -> Actor:
    caller.require_steward()
    return caller


StewardDep = Annotated[Actor, Depends(get_steward)]
