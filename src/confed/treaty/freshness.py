"""Values computed from the shipped treaty files, forgotten when one of those files changes.

A long-running server keeps loaded treaties, compiled rights and rendered pages. A treaty
file edited (or added) while it runs must not go on being answered from the old text, so
every such cache registers here, and `forget_if_changed` (called per request, at most
once every CHECK_EVERY seconds) clears them all when a file's time or size has changed.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

CHECK_EVERY = 1.0
"""Seconds between two looks at the treaty files' times and sizes."""

_FORGETS: list[Callable[[], None]] = []
_lock = threading.Lock()
_seen: tuple | None = None
_checked_at = float("-inf")

F = TypeVar("F", bound=Callable)


def shipped_folder() -> Path:
    """The package folder holding the shipped treaty files."""
    return Path(str(resources.files("confed.frameworks")))


def shipped_stamp() -> tuple[tuple[str, int, int], ...]:
    """Name, modification time (ns) and size of every shipped treaty file."""
    with os.scandir(shipped_folder()) as entries:
        files = [e for e in entries if e.name.endswith(".yaml")]
        return tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in files))


def on_treaty_change(forget: Callable[[], None]) -> None:
    """Call `forget` whenever a shipped treaty file is found changed."""
    _FORGETS.append(forget)


def kept_until_treaties_change(fn: F) -> F:
    """`functools.cache`, its entries forgotten when a shipped treaty file changes."""
    cached = cache(fn)
    on_treaty_change(cached.cache_clear)
    return cached  # type: ignore[return-value]


def forget_if_changed() -> bool:
    """Clear every registered cache if a treaty file changed since the last look; True if so.

    The first look only records the files as they are.
    """
    global _seen, _checked_at
    now = time.monotonic()
    if now - _checked_at < CHECK_EVERY:
        return False
    with _lock:
        _checked_at = now
        stamp = shipped_stamp()
        changed = _seen is not None and stamp != _seen
        _seen = stamp
        if changed:
            for forget in _FORGETS:
                forget()
        return changed
