"""The language of each HTTP request: its `lang` query, else its Accept-Language header.

Set once here for the request's task, so pages and answers translate with `_()`;
threads the request hands work to copy it. `asked` records whether the address named
the language, so the explorer's links keep it (`?lang=he`) and the switch can change it.
"""

from __future__ import annotations

from contextvars import ContextVar
from urllib.parse import parse_qs, urlencode

from starlette.types import ASGIApp, Receive, Scope, Send

from confed.i18n import LANGUAGES, negotiate, using

asked: ContextVar[str | None] = ContextVar("confed_lang_asked", default=None)
"""The language the address asked for (`?lang=`), or None when it was negotiated."""

address: ContextVar[str] = ContextVar("confed_address", default="/")
"""The request's path and query without its `lang`, for the language switch's links."""


class Language:
    """Render each HTTP request in its negotiated language."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Negotiate, then call the application inside that language."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        requested = (query.get("lang") or [None])[-1]
        header = dict(scope.get("headers", [])).get(b"accept-language", b"").decode("latin-1")
        lang = negotiate(requested, header)
        token = asked.set(lang if requested and requested.lower() in LANGUAGES else None)
        rest = urlencode([(k, v) for k, vs in query.items() if k != "lang" for v in vs])
        place = address.set(scope.get("path", "/") + (f"?{rest}" if rest else ""))
        try:
            with using(lang):
                await self.app(scope, receive, send)
        finally:
            address.reset(place)
            asked.reset(token)
