"""ASGI middleware: a request body size limit enforced while the body streams in; gzip for large
responses; unexpected errors answered without breaking the connection. (HEAD is served from GET
by ``api.observe.Observe``, which also sets every response's own headers.)"""

import inspect
import logging

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware, GZipResponder
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem_response
from api.logs import request_id

logger = logging.getLogger("api.errors")


class BodySizeLimit:
    """Refuse bodies over ``max_bytes`` with 413, whether or not Content-Length is sent.

    A declared Content-Length over the limit is refused before the app runs. The stream is also
    counted, so a chunked upload cannot get round the limit: going over raises an HTTPException
    inside the app, which the problem+json handlers turn into the same 413.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _detail(self) -> str:
        return f"The request body is larger than the limit of {self.max_bytes} bytes."

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                response = problem_response(
                    413, self._detail(), instance=scope.get("path"), scope=scope
                )
                await response(scope, receive, send)
                return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, detail=self._detail())
            return message

        await self.app(scope, limited_receive, send)


class UnexpectedErrors:
    """Answer an unhandled exception with the app's own 500 handler and keep the connection.

    Starlette's outermost ServerErrorMiddleware sends that handler's 500 and then re-raises the
    exception, for the server to log; uvicorn, given an exception after a response has started,
    closes the connection, so the client's next request on the same keep-alive connection is
    reset. Here the exception ends with the response the handler gives (the handler logs it).
    Only a response already under way is different: it cannot be completed, and closing the
    connection is the one way left to say so, so that exception still propagates.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = finished = False

        async def watched_send(message: Message) -> None:
            nonlocal started, finished
            if message["type"] == "http.response.start":
                started = True
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                finished = True
            await send(message)

        try:
            await self.app(scope, receive, watched_send)
        except Exception as exc:
            if finished:  # the client has its whole answer: log, and keep the connection
                logger.exception("error after answering %s %s", scope["method"], scope["path"])
                return
            handler = scope["app"].exception_handlers.get(Exception)
            if started or handler is None:
                raise
            response = handler(Request(scope, receive), exc)
            if inspect.isawaitable(response):
                response = await response
            rid = request_id.get()
            if rid is not None:  # api.observe, inside, named this request
                response.headers["X-Request-ID"] = rid
            await response(scope, receive, send)


class _UntaggedGZipResponder(GZipResponder):
    """Starlette's gzip responder, except that a response carrying an ETag is sent as it is."""

    async def send_with_compression(self, message: Message) -> None:
        await super().send_with_compression(message)
        if message["type"] != "http.response.start":
            return
        passing = self.content_encoding_set or self.partial_response
        if (
            not passing
            and not self.content_type_is_excluded
            and "etag" in Headers(raw=message["headers"])
        ):
            # From here on the responder passes every message through untouched.
            self.content_encoding_set = True
            await self.send(self.initial_message)


class Compress(GZipMiddleware):
    """gzip for large responses (lists, exports, the OpenAPI document) when the client accepts it.

    A response with an ETag is never compressed: a strong ETag names one representation, and
    the gzipped body is another (RFC 9110 8.8.3), so a compressed response would need another
    tag, which a client would then send back in If-Match and see refused. Those responses (one
    resource) are small; what is large (lists, exports) carries no ETag.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and "gzip" in Headers(scope=scope).get("accept-encoding", ""):
            responder = _UntaggedGZipResponder(
                self.app,
                self.minimum_size,
                compresslevel=self.compresslevel,
                thread_minimum_size=self.thread_minimum_size,
                exclude_content_types=self.exclude_content_types,
            )
            await responder(scope, receive, send)
            return
        await super().__call__(scope, receive, send)  # uncompressed, with Vary: Accept-Encoding
