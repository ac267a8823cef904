"""A bound on synchronous heavy requests: a few at once, the rest refused with 429.

Compare, power and batch rights requests compute for up to a few seconds on a worker
thread; refusing the excess at once keeps the server answering the light requests
instead of queueing work behind them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from confed.api.errors import ApiError
from confed.errors import Problem


class Slots:
    """At most `limit` holders at once; `hold()` raises a 429 `ApiError` beyond."""

    def __init__(self, limit: int):
        self.limit = limit
        self._semaphore = threading.BoundedSemaphore(limit)

    @contextmanager
    def hold(self, what: str) -> Iterator[None]:
        """Hold a slot while computing `what`, or refuse the request."""
        if not self._semaphore.acquire(blocking=False):
            raise ApiError(
                429,
                Problem(
                    f"the server is already computing {self.limit} heavy requests",
                    field=what,
                    expected="a retry in a few seconds",
                ),
                headers={"Retry-After": "5"},
            )
        try:
            yield
        finally:
            self._semaphore.release()
