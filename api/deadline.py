"""A deadline on every request: when the database hangs, answer 503 instead of waiting with it.

A stopped database refuses connections at once and the error handlers answer 503. A hung one
(a stalled server, a network partition) accepts and then says nothing: without a deadline every
request would wait as long as it hangs, ``/readyz`` included. This middleware answers 503 with
``Retry-After`` once ``seconds`` pass without the response having started, and marks the request
abandoned; the work itself may still be blocked in a database call, so a writing session refuses
to commit for an abandoned request (``api.deps.write_session``). A write reported failed is
therefore never applied later, when the database wakes up.
"""

import asyncio
from contextlib import suppress

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import ABANDONED
from api.errors import problem_response


class Deadline:
    def __init__(self, app: ASGIApp, seconds: float, retry_after: int) -> None:
        self.app = app
        self.seconds = seconds
        self.retry_after = retry_after

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.seconds <= 0:
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        # One future, opened by whichever comes first: the response starting, the work ending,
        # or the deadline. (A waiter task and asyncio.wait cost a cached GET measurably more.)
        loop = asyncio.get_running_loop()
        gate: asyncio.Future[None] = loop.create_future()
        started = False

        def open_gate(*_: object) -> None:
            if not gate.done():
                gate.set_result(None)

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if state.get(ABANDONED):
                return  # the client was answered already
            if message["type"] == "http.response.start":
                started = True
                open_gate()
            await send(message)

        work = asyncio.ensure_future(self.app(scope, receive, guarded_send))
        work.add_done_callback(open_gate)
        timer = loop.call_later(self.seconds, open_gate)
        try:
            await gate
        finally:
            timer.cancel()
        if work.done() or started:
            await work  # finished, or streaming its response: let it end (errors propagate)
            return
        state[ABANDONED] = True
        work.cancel()
        work.add_done_callback(_consume)
        response = problem_response(
            503,
            f"The database did not answer within {self.seconds:g} s; nothing was changed. "
            "Try again shortly.",
            kind="database-unavailable",
            headers={"Retry-After": str(self.retry_after), "Cache-Control": "no-store"},
            instance=scope.get("path"),
            scope=scope,
        )
        await response(scope, receive, send)


def _consume(task: "asyncio.Future[None]") -> None:
    """Retrieve an abandoned request's outcome so asyncio does not log it as unhandled."""
    with suppress(BaseException):
        task.exception()
