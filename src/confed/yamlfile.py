"""Read YAML into plain data while remembering where every value came from.

Treaty authors are not programmers, so two YAML 1.1 surprises are turned off: the words
`yes`, `no`, `on`, `off` stay strings (a right's value is literally `yes` or `no`), and
a key written twice is an error rather than a silent overwrite. Every document is
bounded before it is built (size, depth, values; no anchors or aliases, which could
expand without limit), so no file or request can hold a core or exhaust memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from confed.errors import ConfedError, Location, Problem

Path_ = tuple[str | int, ...]
"""A path into nested data: mapping keys and list indexes."""

Marks = dict[Path_, Location]
"""Where each path's value starts in its source file."""

_BOOL_WORDS = {"true", "false"}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 2_000_000
"""The largest YAML document read (the shipped treaties are under 40 kB)."""
MAX_DEPTH = 50
"""The deepest nesting of mappings and lists."""
MAX_VALUES = 100_000
"""The most values (scalars, mappings, lists) in one document."""


def _location(node: yaml.Node, file: str) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(node: yaml.ScalarNode, file: str) -> Any:
    """YAML 1.2-style scalars: only true/false are booleans; numbers are finite and plain."""
    tag, text = node.tag, node.value
    if node.style:  # quoted or block text (plain is None or "")
        return text
    if tag.endswith(":bool"):
        return text.lower() == "true" if text.lower() in _BOOL_WORDS else text
    try:
        if tag.endswith(":int"):
            digits = text.replace("_", "")
            return int(digits, 0) if digits[:2].lower() in ("0x", "0o", "0b") else int(digits)
        if tag.endswith(":float"):
            value = float(text.replace("_", ""))
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError(text)
            return value
    except ValueError:
        raise ConfedError(
            Problem(
                f"'{text}' is not a number confed reads",
                _location(node, file),
                expected="a plain, finite number such as 12 or 0.5 (or quote it as text)",
            )
        ) from None
    if tag.endswith(":null"):
        return None
    return text


def check_shape(text: str, file: str) -> None:
    """Refuse a document too large, too deep, with too many values, or with anchors.

    Checked on the parser's events, before anything is built: the cost is linear in the
    text, and nothing is expanded.
    """
    if len(text) > MAX_BYTES:
        raise ConfedError(
            Problem(f"the document has {len(text):,} characters", Location(file, 1, 1),
                    expected=f"at most {MAX_BYTES:,}")
        )  # fmt: skip
    depth = values = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            mark = getattr(event, "start_mark", None)
            where = Location(file, mark.line + 1, mark.column + 1) if mark else None
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ConfedError(
                    Problem(
                        "anchors and aliases (&name, *name) are not accepted",
                        where,
                        expected="the values written out",
                    )
                )
            if isinstance(event, yaml.NodeEvent):
                values += 1
                if values > MAX_VALUES:
                    raise ConfedError(
                        Problem("the document holds too many values", where,
                                expected=f"at most {MAX_VALUES:,}")
                    )  # fmt: skip
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ConfedError(
                        Problem("the document nests too deeply", where,
                                expected=f"at most {MAX_DEPTH} levels")
                    )  # fmt: skip
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # load_yaml reports it with its location


def _build(node: yaml.Node, path: Path_, file: str, marks: Marks) -> Any:
    marks[path] = _location(node, file)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, file)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), file, marks) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ConfedError(Problem("a key must be a plain word", _location(key_node, file)))
            key = str(key_node.value)
            if key in out:
                raise ConfedError(
                    Problem(
                        f"key '{key}' is written twice in the same mapping",
                        _location(key_node, file),
                        field=".".join(map(str, (*path, key))) or None,
                        expected="each key once",
                    )
                )
            out[key] = _build(value_node, (*path, key), file, marks)
            marks[(*path, key)] = _location(key_node, file)  # point at the key a user wrote
        return out
    raise ConfedError(Problem("unsupported YAML node", _location(node, file)))


def load_yaml(text: str, file: str) -> tuple[Any, Marks]:
    """Parse `text` (named `file` in messages) into plain data and its marks."""
    check_shape(text, file)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else None
        raise ConfedError(
            Problem(f"not valid YAML: {exc.problem}", where, expected="well-formed YAML")
        ) from None
    except yaml.YAMLError as exc:  # e.g. a control character the reader refuses
        raise ConfedError(
            Problem(f"not valid YAML: {exc}".splitlines()[0], Location(file, 1, 1),
                    expected="printable UTF-8 text")
        ) from None  # fmt: skip
    marks: Marks = {}
    if node is None:
        return None, marks
    return _build(node, (), file, marks), marks


def load_yaml_file(path: Path) -> tuple[Any, Marks]:
    """Read and parse a YAML file, with a clear error when it cannot be read.

    At most `MAX_BYTES` are read, so a device or a huge file is refused, not swallowed.
    """
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
        text = raw.decode("utf-8")
    except OSError as exc:
        raise ConfedError(Problem(f"cannot read file: {exc.strerror}", field=str(path))) from None
    except UnicodeDecodeError:
        raise ConfedError(
            Problem("file is not UTF-8 text", field=str(path), expected="a UTF-8 YAML file")
        ) from None
    if len(raw) > MAX_BYTES:
        raise ConfedError(
            Problem("the file is too large", Location(str(path), 1, 1),
                    expected=f"at most {MAX_BYTES:,} bytes")
        )  # fmt: skip
    return load_yaml(text, str(path))
