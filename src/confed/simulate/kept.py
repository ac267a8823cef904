"""Values built from arrays or tables, kept while the very same objects are asked for again.

A run's tables recur by identity (the same weights table each year of a phase, the same
start population each run), so what is built from them is kept by their `id`, with the
objects themselves so that no new object can take a kept one's identity.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


def kept_for(
    store: dict[tuple, tuple[tuple[Any, ...], Any]],
    objects: tuple[Any, ...],
    build: Callable[[], T],
    *,
    limit: int,
    key: tuple[Hashable, ...] = (),
) -> T:
    """`build()`, kept in `store` while the same `objects` (by identity) come again under `key`.

    Past `limit` entries the store starts again empty (a sweep makes new tables per sample).

    >>> store, table = {}, [1, 2]
    >>> kept_for(store, (table,), lambda: sum(table), limit=4)
    3
    >>> table.append(3)  # the same object: the kept value, not a new sum
    >>> kept_for(store, (table,), lambda: sum(table), limit=4)
    3
    >>> kept_for(store, ([1, 2, 3],), lambda: 6, limit=4)  # another object: built anew
    6
    """
    slot = (*key, *map(id, objects))
    found = store.get(slot)
    if found is None or any(a is not b for a, b in zip(found[0], objects, strict=True)):
        if len(store) > limit:
            store.clear()
        found = store[slot] = (objects, build())
    return found[1]
