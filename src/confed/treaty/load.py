"""Load a treaty by id or path: merge `extends:`, validate, check references and time line.

Proving that the rights decide every person type is compiling them, one layer up
(`confed.rights.compile.compile_treaty`): this layer never imports the rights engine.

Every failure becomes a `ConfedError` whose problems name file:line:column, the field
path, what was expected and, where a near miss is likely, a did-you-mean.
"""

from __future__ import annotations

import hashlib
import json
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from confed.errors import ConfedError, Location, Problem, did_you_mean
from confed.treaty.freshness import kept_until_treaties_change, shipped_folder
from confed.treaty.model import Treaty
from confed.treaty.texts import drop_overridden
from confed.yamlfile import Marks, Path_, load_yaml_file


@dataclass
class LoadedTreaty:
    """A validated, checked treaty and where each of its values was written."""

    treaty: Treaty
    marks: Marks
    files: tuple[str, ...]
    content_hash: str

    def locate(self, path: Path_) -> Location | None:
        """The location of the longest prefix of `path` that was written in a file."""
        return locate(self.marks, path)


@kept_until_treaties_change
def shipped_ids() -> tuple[str, ...]:
    """Ids of the treaties shipped with the package, listed once (until the files change)."""
    return tuple(sorted(e.name[:-5] for e in shipped_folder().iterdir() if e.suffix == ".yaml"))


def _shipped_path(name: str) -> Path:
    return shipped_folder() / f"{name}.yaml"


class UnknownTreaty(ConfedError):
    """A name that is not a shipped treaty where only shipped ones are taken (never a path)."""

    def __init__(self, name: str, field: str = "treaty"):
        ids = shipped_ids()
        hits = [i for i in ids if name and i.startswith(name.lower())]
        super().__init__(
            Problem(
                f"no shipped treaty named '{name}'",
                field=field,
                expected="one of " + ", ".join(ids),
                suggestion=did_you_mean(name, ids) or (hits[0] if len(hits) == 1 else None),
            )
        )


@kept_until_treaties_change
def shipped_treaty(name: str) -> LoadedTreaty:
    """A shipped treaty by id, loaded once (until its file changes); `UnknownTreaty` otherwise.

    >>> shipped_treaty("alfa").treaty.title.split(":")[0]
    'A Land for All'
    >>> shipped_treaty("dajani")
    Traceback (most recent call last):
    confed.treaty.load.UnknownTreaty: treaty: no shipped treaty named 'dajani'
    ...
      did you mean: dajani-yehuda-2024?
    """
    if name not in shipped_ids():
        raise UnknownTreaty(name)
    return load_treaty(name)


def short_title(title: str) -> str:
    """A treaty's title without its subtitle or parenthesis.

    >>> short_title("A Land for All: Two States, One Homeland (2022)")
    'A Land for All'
    """
    return title.split(":")[0].split(" (")[0].strip()


def treaty_title(treaty_id: str) -> str:
    """A shipped treaty's short title ('A Land for All'), a scenario's that of its original.

    In the current language, from the treaty's translations.

    >>> treaty_title("alfa"), treaty_title("alfa-variant"), treaty_title("mine")
    ('A Land for All', 'A Land for All', 'mine')
    """
    from confed.treaty.texts import translated  # texts reads the loaded model

    original = treaty_id.removesuffix("-variant")
    if original not in shipped_ids():
        return treaty_id
    return short_title(translated(shipped_treaty(original).treaty, "title")[0])


def resolve_treaty_path(name: str, relative_to: Path | None = None) -> Path:
    """A shipped treaty id, or a path to a YAML file (relative to `relative_to`)."""
    if name in shipped_ids():
        return _shipped_path(name)
    candidate = Path(name) if relative_to is None else relative_to / name
    if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
        return candidate
    raise ConfedError(
        Problem(
            f"no shipped treaty or file named '{name}'",
            field="treaty",
            expected="one of " + ", ".join(shipped_ids()) + ", or a path to a .yaml file",
            suggestion=did_you_mean(name, shipped_ids()),
        )
    )


def locate(marks: Marks, path: Path_) -> Location | None:
    """The location of the longest prefix of `path` found in `marks`."""
    for end in range(len(path), -1, -1):
        if path[:end] in marks:
            return marks[path[:end]]
    return None


_ABSENT = object()


def _merge(base: Any, over: Any) -> Any:
    """Overlay `over` on `base`: mappings merge key by key, `null` deletes, others replace."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            if value is None:
                out.pop(key, None)
            elif key in out:
                out[key] = _merge(out[key], value)
            else:
                out[key] = value
        return out
    return over


def _merged_marks(
    merged: Any, over: Any, base_marks: Marks, over_marks: Marks, path: Path_ = ()
) -> Marks:
    """Where each value of `merged` was written: in the overlay where it came from there.

    One walk of the merged data, so merging costs time linear in the documents' size.
    """
    out: Marks = {}
    stack = [(merged, over, path)]
    while stack:
        node, over_node, here = stack.pop()
        source = over_marks if over_node is not _ABSENT and here in over_marks else base_marks
        if here in source:
            out[here] = source[here]
        if isinstance(node, dict):
            for key, child in node.items():
                below = over_node.get(key, _ABSENT) if isinstance(over_node, dict) else _ABSENT
                if over_node is not _ABSENT and not isinstance(over_node, dict):
                    below = over_node  # replaced whole: every value below is the overlay's
                stack.append((child, below, (*here, key)))
        elif isinstance(node, list):
            whole = over_node if isinstance(over_node, list) else None
            for i, child in enumerate(node):
                stack.append((child, whole[i] if whole is not None else _ABSENT, (*here, i)))
    return out


def _read_chain(path: Path, seen: tuple[Path, ...]) -> tuple[dict[str, Any], Marks, list[str]]:
    """Read a file and, recursively, what it extends; merged data, marks and files."""
    resolved = path.resolve()
    if resolved in seen:
        cycle = " → ".join(p.name for p in (*seen, resolved))
        raise ConfedError(
            Problem(f"`extends` forms a cycle: {cycle}", field="extends", expected="no cycle")
        )
    data, marks = load_yaml_file(path)
    if not isinstance(data, dict):
        raise ConfedError(
            Problem("a treaty file must be a mapping of keys", Location(str(path), 1, 1))
        )
    data.setdefault("id", path.stem)
    parent = data.get("extends")
    if parent is None:
        return data, marks, [str(path)]
    if not isinstance(parent, str):
        raise ConfedError(
            Problem(
                "`extends` names one treaty",
                marks.get(("extends",)),
                field="extends",
                expected="a treaty id or a file path",
            )
        )
    try:
        parent_path = resolve_treaty_path(parent, relative_to=path.parent)
    except ConfedError as exc:
        problem = exc.problems[0]
        raise ConfedError(
            Problem(
                problem.message,
                marks.get(("extends",)),
                "extends",
                problem.expected,
                problem.suggestion,
            )
        ) from None
    base, base_marks, files = _read_chain(parent_path, (*seen, resolved))
    merged = drop_overridden(_merge(base, data), data)
    return merged, _merged_marks(merged, data, base_marks, marks), [*files, str(path)]


# ---------------------------------------------------------------- pydantic errors


def _unwrap(tp: Any) -> list[Any]:
    """The concrete alternatives of an annotation (Annotated and unions removed)."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [alt for arg in typing.get_args(tp) for alt in _unwrap(arg)]
    return [tp]


def _step(tp: Any, element: str | int) -> Any:
    for alt in _unwrap(tp):
        if isinstance(alt, type) and issubclass(alt, BaseModel):
            for name, info in alt.model_fields.items():
                if element in (name, info.alias):
                    return info.annotation
            continue
        origin = typing.get_origin(alt)
        if origin is dict:
            return typing.get_args(alt)[1]
        if origin is list and isinstance(element, int):
            return typing.get_args(alt)[0]
    return None


def _allowed_keys(loc: tuple[str | int, ...], root: type[BaseModel]) -> list[str]:
    tp: Any = root
    for element in loc:
        tp = _step(tp, element)
        if tp is None:
            return []
    keys = []
    for alt in _unwrap(tp):
        if isinstance(alt, type) and issubclass(alt, BaseModel):
            keys += [info.alias or name for name, info in alt.model_fields.items()]
    return keys


def _data_path(loc: tuple[str | int, ...], marks: Marks) -> Path_:
    """Drop the union tags pydantic puts in `loc` that are not keys of the data."""
    path: Path_ = ()
    for element in loc:
        if (*path, element) in marks:
            path = (*path, element)
    return path


def problem_from_error(
    error: dict[str, Any], marks: Marks, root: type[BaseModel] = Treaty
) -> Problem:
    """A pydantic error as a located problem; `root` is the model that was validated."""
    loc = tuple(error["loc"])
    path = _data_path(loc, marks)
    shown = [*path]
    if loc and loc[-1] not in path and error["type"] in ("missing", "extra_forbidden"):
        shown.append(loc[-1])
    field = ".".join(map(str, shown)) or None
    where = locate(marks, path)
    kind, ctx = error["type"], error.get("ctx", {})
    given = error.get("input")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1], root)
        return Problem(
            f"unknown key '{loc[-1]}'",
            locate(marks, (*path, loc[-1])) or where,
            field,
            ", ".join(allowed) if allowed else None,
            did_you_mean(str(loc[-1]), allowed),
        )
    if kind == "missing":
        return Problem(f"missing required key '{loc[-1]}'", where, field)
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
        return Problem(
            f"'{given}' is not allowed here",
            where,
            field,
            expected,
            did_you_mean(str(given), options),
        )
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        expected = {
            r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "a lowercase id like 'open-movement'",
            r"^[A-Z]{2,5}$": "a state id in capitals like 'IL' or 'PS'",
        }.get(pattern, f"text matching {pattern}")
        return Problem(f"'{given}' is not a valid id", where, field, expected)
    message = error["msg"].removeprefix("Value error, ")
    return Problem(f"{message} (got {given!r})" if kind != "value_error" else message, where, field)


# ---------------------------------------------------------------- entry points


def load_treaty(name: str | Path) -> LoadedTreaty:
    """Load a shipped treaty by id, or a treaty file by path; validated and checked."""
    from confed.treaty.check import check_treaty  # the checks read the loaded treaty

    path = name if isinstance(name, Path) else resolve_treaty_path(name)
    data, marks, files = _read_chain(path, ())
    try:
        treaty = Treaty.model_validate(data)
    except ValidationError as exc:
        raise ConfedError(
            [problem_from_error(e, marks) for e in exc.errors(include_url=False)][:12]
        ) from None
    content = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    loaded = LoadedTreaty(
        treaty, marks, tuple(files), hashlib.sha256(content.encode()).hexdigest()[:16]
    )
    check_treaty(loaded)
    return loaded
