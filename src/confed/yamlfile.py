"""Read YAML into plain data while remembering where every value came from.

Treaty authors are not programmers, so two YAML 1.1 surprises are turned off: the words
`yes`, `no`, `on`, `off` stay strings (a right's value is literally `yes` or `no`), and
a key written twice is an error rather than a silent overwrite.
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


def _location(node: yaml.Node, file: str) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    """YAML 1.2-style scalars: only true/false are booleans."""
    tag, text = node.tag, node.value
    if node.style:  # quoted or block text (plain is None or "")
        return text
    if tag.endswith(":bool"):
        return text.lower() == "true" if text.lower() in _BOOL_WORDS else text
    if tag.endswith(":int"):
        return int(text.replace("_", ""), 0) if text[:2].lower() in ("0x", "0o") else int(text)
    if tag.endswith(":float"):
        return float(text)
    if tag.endswith(":null"):
        return None
    return text


def _build(node: yaml.Node, path: Path_, file: str, marks: Marks) -> Any:
    marks[path] = _location(node, file)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
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
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else None
        raise ConfedError(
            Problem(f"not valid YAML: {exc.problem}", where, expected="well-formed YAML")
        ) from None
    marks: Marks = {}
    if node is None:
        return None, marks
    return _build(node, (), file, marks), marks


def load_yaml_file(path: Path) -> tuple[Any, Marks]:
    """Read and parse a YAML file, with a clear error when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfedError(Problem(f"cannot read file: {exc.strerror}", field=str(path))) from None
    except UnicodeDecodeError:
        raise ConfedError(
            Problem("file is not UTF-8 text", field=str(path), expected="a UTF-8 YAML file")
        ) from None
    return load_yaml(text, str(path))
