"""The server's HTTP/1.1 protocol: uvicorn's h11 protocol with a deadline per request.

uvicorn closes idle keep-alive connections but lets a client take as long as it likes to
send a request's head and body, so a few hundred half-sent requests hold every descriptor
and task. Here each request must arrive whole — head and body — within REQUEST_DEADLINE
seconds of its first byte (or of the connection opening), and at most MAX_CONNECTIONS are
open at once; otherwise the connection is closed. Closed connections are logged at most
once a minute, as a count.
"""

from __future__ import annotations

import asyncio
import logging
import time

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

REQUEST_DEADLINE = 10.0
"""Seconds a client has to send one whole request (head and body)."""

MAX_CONNECTIONS = 500
"""Open connections beyond which a new one is closed at once, before it holds anything."""

LOG_EVERY = 60.0
"""Seconds between two log lines about slow clients."""

_RECEIVING = (h11.IDLE, h11.SEND_BODY)
logger = logging.getLogger("confed.serve")


class SlowClientLog:
    """Counts connections closed as slow or excess; logs the count at most once per LOG_EVERY."""

    def __init__(self) -> None:
        self.closed = 0
        self.unlogged = 0
        self.logged_at = float("-inf")

    def record(self) -> None:
        """Count one closed connection; log if the last line is older than LOG_EVERY."""
        self.closed += 1
        self.unlogged += 1
        now = time.monotonic()
        if now - self.logged_at >= LOG_EVERY:
            logger.warning(
                "closed %d connection(s): a request not sent whole within %g s, "
                "or more than %d connections open",
                self.unlogged,
                REQUEST_DEADLINE,
                MAX_CONNECTIONS,
            )
            self.unlogged = 0
            self.logged_at = now


SLOW_CLIENTS = SlowClientLog()


class DeadlineH11Protocol(H11Protocol):
    """h11 protocol that closes a connection whose request does not arrive in time."""

    deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Refuse a connection beyond the cap; start the clock on the others."""
        super().connection_made(transport)
        if len(self.connections) > MAX_CONNECTIONS:
            SLOW_CLIENTS.record()
            transport.close()
            return
        self._arm()

    def data_received(self, data: bytes) -> None:
        """Start the clock on a request's first byte; stop it once the request is whole."""
        if self.deadline is None and self.conn.their_state is h11.IDLE:
            self._arm()
        super().data_received(data)
        if self.conn.their_state not in _RECEIVING:
            self._disarm()

    def on_response_complete(self) -> None:
        """Keep the clock on a body still arriving after the answer went out."""
        super().on_response_complete()
        if self.conn.their_state is h11.SEND_BODY:  # answered before the body arrived
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the clock with the connection."""
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self.deadline = self.loop.call_later(REQUEST_DEADLINE, self._expired)

    def _disarm(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None

    def _expired(self) -> None:
        self.deadline = None
        if self.conn.their_state in _RECEIVING and not self.transport.is_closing():
            SLOW_CLIENTS.record()
            self.transport.close()
