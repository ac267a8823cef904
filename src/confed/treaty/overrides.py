"""A treaty with some quota sizes changed: `--param quota.ID.FIELD=VALUE`.

Every quota size a text leaves open is an assumption a user can change. A change is
written as an `extends:` variant of the treaty and loaded like any treaty file, so it is
validated (located errors name the `--param`), proven and hashed the same way.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from confed.errors import ConfedError, Problem, one_of
from confed.treaty.load import LoadedTreaty, load_treaty, resolve_treaty_path, shipped_ids

PREFIX = "quota."
FIELDS: dict[str, type] = {
    "per_year": int,
    "share_per_year": float,
    "total": int,
    "carry_over": bool,
    "allocation": str,
}
"""The quota fields a `--param` may set, with the type its value is read as."""


def is_treaty_param(item: str) -> bool:
    """Whether a `NAME=VALUE` item changes the treaty (a quota) rather than behaviour."""
    return item.startswith(PREFIX)


def quota_changes(treaty: LoadedTreaty, items: list[str]) -> dict[str, dict[str, Any]]:
    """`quota.ID.FIELD=VALUE` items as {quota id: {field: value}}; located errors otherwise.

    >>> from confed.treaty.load import load_treaty
    >>> quota_changes(load_treaty("separation"), ["quota.refugee-admission-il.per_year=2000"])
    {'refugee-admission-il': {'per_year': 2000}}
    >>> quota_changes(load_treaty("separation"), ["quota.refugee-admission-il.size=1"])
    Traceback (most recent call last):
    confed.errors.ConfedError: --param quota.refugee-admission-il.size=1: ...
    """
    changes: dict[str, dict[str, Any]] = {}
    for item in items:
        name, sep, raw = item.partition("=")
        qid, _, field = name[len(PREFIX) :].rpartition(".")
        where = f"--param {item}"
        if not sep or qid not in treaty.treaty.quotas:
            known = [f"{PREFIX}{q}.FIELD" for q in treaty.treaty.quotas] or ["(no quotas)"]
            raise ConfedError(
                Problem(
                    f"{treaty.treaty.id} has no quota '{qid}'",
                    field=where,
                    **one_of(f"{PREFIX}{qid}.FIELD", known),
                )
            )
        if field not in FIELDS:
            raise ConfedError(
                Problem(f"a quota has no field '{field}'", field=where, **one_of(field, FIELDS))
            )
        changes.setdefault(qid, {})[field] = _value(raw, FIELDS[field], where)
    return changes


def _value(raw: str, kind: type, where: str) -> Any:
    """`raw` read as `kind`, or a located error saying what was expected."""
    if kind is bool:
        if raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        raise ConfedError(
            Problem(f"'{raw}' is not true or false", field=where, expected="true or false")
        )
    if kind is str:
        return raw
    try:
        return kind(raw)
    except ValueError:
        expected = "a whole number" if kind is int else "a number"
        raise ConfedError(
            Problem(f"'{raw}' is not {expected}", field=where, expected=expected)
        ) from None


def with_quota_changes(name: str, items: list[str]) -> LoadedTreaty:
    """Treaty `name` (a shipped id or a file) with the quota sizes in `items` changed."""
    base = load_treaty(name if name in shipped_ids() else Path(name))
    if not items:
        return base
    parent = name if name in shipped_ids() else str(resolve_treaty_path(name).resolve())
    variant = {
        "extends": parent,
        "id": base.treaty.id,
        "quotas": quota_changes(base, items),
    }
    with tempfile.TemporaryDirectory(prefix="confed-param-") as folder:
        path = Path(folder) / "params.yaml"
        path.write_text(json.dumps(variant, ensure_ascii=False), encoding="utf-8")
        try:
            return load_treaty(path)
        except ConfedError as exc:
            raise ConfedError(
                [Problem(p.message, None, f"--param {p.field}", p.expected) for p in exc.problems]
            ) from None
