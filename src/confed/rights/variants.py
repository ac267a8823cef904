"""Compiled treaties for a request: a shipped id, or a variant sent as an object.

Compiling proves a variant's rights, so an inline variant is compiled here (a few kept in
memory) and its problems are named under the request's `treaty` field.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import replace
from threading import Lock
from typing import Any

from confed.errors import ConfedError, Problem
from confed.rights.compile import CompiledTreaty, compile_treaty
from confed.rights.engine import compiled_shipped
from confed.treaty.inline import REQUEST, load_text

_CACHE_SIZE = 16
_cache: OrderedDict[str, CompiledTreaty] = OrderedDict()
_cache_lock = Lock()


def compiled_text(text: str) -> CompiledTreaty:
    """A treaty written in a request's text, checked and proven."""
    return compile_treaty(load_text(text))


def compiled_for(ref: str | dict[str, Any]) -> CompiledTreaty:
    """A shipped id, or an inline variant object (compiled, a few kept in memory)."""
    if isinstance(ref, str):
        return compiled_shipped(ref)
    text = json.dumps(ref, indent=1, ensure_ascii=False)
    with _cache_lock:
        if text in _cache:
            _cache.move_to_end(text)
            return _cache[text]
    try:
        compiled = compiled_text(text)
    except ConfedError as exc:
        raise ConfedError([_under(p, "treaty") for p in exc.problems]) from None
    with _cache_lock:
        _cache[text] = compiled
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return compiled


def _under(p: Problem, prefix: str) -> Problem:
    """A problem of an inline variant: the field under `prefix`, no line in text never sent."""
    where = p.location if p.location is None or p.location.file != REQUEST else None
    return replace(p, field=f"{prefix}.{p.field}" if p.field else prefix, location=where)
