"""ASGI middleware: the version header on every response, a bounded request body, fresh treaties.

The body is read here, before any route, and refused with 413 as soon as it is larger
than the limit: by its Content-Length when one is sent, and by counting the bytes that
actually arrive otherwise. The bounded body is then replayed to the application.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from confed.api.errors import error_response
from confed.api.meta import MAX_BODY_BYTES, VERSION, VERSION_HEADER
from confed.errors import Problem
from confed.treaty.freshness import forget_if_changed


class Bounded:
    """Add `X-Confed-Version` to every response; refuse bodies over `limit` bytes."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Read the bounded body, then call the application with it and the header."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((VERSION_HEADER.lower().encode(), VERSION.encode()))
                message = {**message, "headers": headers}
            await send(message)

        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and not declared.isdigit():
            bad = Problem("Content-Length is not a number", field="Content-Length")
            await error_response(400, [bad])(scope, receive, send_with_version)
            return
        if declared is not None and int(declared) > self.limit:
            await self._refuse(scope, receive, send_with_version)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(scope, receive, send_with_version)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_version)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            413,
            [
                Problem(
                    f"the request body is larger than {self.limit:,} bytes",
                    field="body",
                    expected=f"at most {self.limit:,} bytes",
                )
            ],
        )
        await response(scope, receive, send)


class FreshTreaties:
    """Forget what was computed from the shipped treaty files once one of them changed.

    Checked before a request is handled, at most once a second (`forget_if_changed`), so
    a server left running answers from the treaty files as they are now.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Look at the treaty files (if it is time to), then call the application."""
        if scope["type"] == "http":
            forget_if_changed()
        await self.app(scope, receive, send)
