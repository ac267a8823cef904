"""Treaties written in a request: a variant sent as text or as an object.

A variant is a treaty document, usually `extends: <shipped id>` plus overrides. It is
parsed by the project's safe YAML loader (no tags, no code), refused if it uses
anchors and aliases (which could expand exponentially) or nests too deeply, and may
extend shipped treaties only: a request can never make the server read its own files.
It is then written to a temporary directory and loaded like a file on disk, and every
location in an error is renamed from the temporary path to `request`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from confed.errors import ConfedError, Location, Problem, did_you_mean
from confed.treaty.load import LoadedTreaty, load_treaty, shipped_ids
from confed.yamlfile import check_shape, load_yaml

REQUEST = "request"
"""The file name shown in locations inside a request's text."""


def _check_extends(text: str) -> None:
    data, marks = load_yaml(text, REQUEST)
    if not isinstance(data, dict) or "extends" not in data:
        return
    parent = data["extends"]
    ids = list(shipped_ids())
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
    """Validate and check a treaty written in a request (YAML or JSON text)."""
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
