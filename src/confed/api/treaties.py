"""Treaties named in requests: a shipped id, or a variant sent as text or as an object.

A variant is a treaty document, usually `extends: <shipped id>` plus overrides. It is
parsed by the project's safe YAML loader (no tags, no code), refused if it uses
anchors and aliases (which could expand exponentially) or nests too deeply, and may
extend shipped treaties only: a request can never make the server read its own files.
It is then written to a temporary directory and loaded like a file on disk, and every
location in an error is renamed from the temporary path to `request`.
"""

from __future__ import annotations

import json
import tempfile
from collections import OrderedDict
from dataclasses import replace
from functools import cache
from pathlib import Path
from threading import Lock
from typing import Any

from confed.api.errors import ApiError
from confed.errors import ConfedError, Location, Problem, did_you_mean
from confed.rights.compile import CompiledTreaty
from confed.rights.engine import compiled_treaty
from confed.treaty.load import LoadedTreaty, load_treaty, shipped_ids
from confed.yamlfile import check_shape, load_yaml

REQUEST = "request"
"""The file name shown in locations inside a request's text."""

_CACHE_SIZE = 16
_cache: OrderedDict[str, CompiledTreaty] = OrderedDict()
_cache_lock = Lock()


@cache
def known_ids() -> tuple[str, ...]:
    """The shipped treaty ids, listed once per process (the package does not change)."""
    return tuple(shipped_ids())


def unknown_treaty(name: str, field: str = "treaty") -> ApiError:
    """404 naming the shipped ids, with the closest one."""
    ids = list(known_ids())
    return ApiError(
        404,
        Problem(
            f"no shipped treaty named '{name}'",
            field=field,
            expected="one of " + ", ".join(ids),
            suggestion=did_you_mean(name, ids) or _prefix(name, ids),
        ),
    )


def _prefix(name: str, ids: list[str]) -> str | None:
    """The one id starting with `name` (`dajani` → `dajani-yehuda-2024`)."""
    hits = [i for i in ids if name and i.startswith(name.lower())]
    return hits[0] if len(hits) == 1 else None


def shipped(name: str) -> CompiledTreaty:
    """A shipped treaty, compiled once per process; 404 for any other name."""
    if name not in known_ids():
        raise unknown_treaty(name)
    return compiled_treaty(name)


def compiled_for(ref: str | dict[str, Any]) -> CompiledTreaty:
    """A shipped id, or an inline variant object (compiled, a few kept in memory)."""
    if isinstance(ref, str):
        return shipped(ref)
    text = json.dumps(ref, indent=1, ensure_ascii=False)
    with _cache_lock:
        if text in _cache:
            _cache.move_to_end(text)
            return _cache[text]
    try:
        loaded = load_text(text)
    except ConfedError as exc:
        raise ConfedError([_under(p, "treaty") for p in exc.problems]) from None
    assert loaded.compiled is not None
    with _cache_lock:
        _cache[text] = loaded.compiled
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return loaded.compiled


def _under(p: Problem, prefix: str) -> Problem:
    """A problem of an inline variant: the field under `prefix`, no line in text never sent."""
    where = p.location if p.location is None or p.location.file != REQUEST else None
    return replace(p, field=f"{prefix}.{p.field}" if p.field else prefix, location=where)


def _check_extends(text: str) -> None:
    data, marks = load_yaml(text, REQUEST)
    if not isinstance(data, dict) or "extends" not in data:
        return
    parent = data["extends"]
    ids = list(known_ids())
    if not isinstance(parent, str) or parent not in ids:
        raise ConfedError(
            Problem(
                f"a request may extend a shipped treaty only, not '{parent}'",
                marks.get(("extends",)),
                field="extends",
                expected="one of " + ", ".join(ids),
                suggestion=did_you_mean(str(parent), ids),
            )
        )


def load_text(text: str) -> LoadedTreaty:
    """Validate, check and compile a treaty written in a request (YAML or JSON text)."""
    check_shape(text, REQUEST)
    _check_extends(text)
    with tempfile.TemporaryDirectory(prefix="confed-api-") as folder:
        path = Path(folder) / f"{REQUEST}.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            loaded = load_treaty(path)
        except ConfedError as exc:
            raise ConfedError([_relabel(p, folder) for p in exc.problems]) from None
    loaded.files = tuple(_file_label(f, folder) for f in loaded.files)
    loaded.marks = {
        k: Location(_file_label(v.file, folder), v.line, v.column) for k, v in loaded.marks.items()
    }
    return loaded


def _file_label(file: str, folder: str) -> str:
    """`request` for the request's text, the file name for a shipped treaty."""
    return REQUEST if file.startswith(folder) else Path(file).name


def _relabel(p: Problem, folder: str) -> Problem:
    where = p.location
    if where is not None:
        where = Location(_file_label(where.file, folder), where.line, where.column)

    def clean(text: str | None) -> str | None:
        return None if text is None else text.replace(f"{folder}/", "").replace(folder, "")

    return Problem(clean(p.message) or "", where, clean(p.field), clean(p.expected), p.suggestion)


def treaty_title(treaty_id: str) -> str:
    """A shipped treaty's short title ('A Land for All'), a scenario's that of its original.

    In the current language, from the treaty's translations.

    >>> treaty_title("alfa"), treaty_title("alfa-variant"), treaty_title("mine")
    ('A Land for All', 'A Land for All', 'mine')
    """
    from confed.compare.tables import short_name

    original = treaty_id.removesuffix("-variant")
    if original not in known_ids():
        return treaty_id
    return short_name({"id": original, "name": shipped(original).treaty.title})
