"""A treaty's readable texts and confed's translations of them (`translations:`).

A translation is keyed by the dotted path of the English text it renders, e.g.
`phases.open-movement.title`; the English field stays the one the file is read by.
Translations are confed's own wording, never a source's: pages mark them as such.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from confed.i18n import current
from confed.treaty.model import Treaty

TEXT_FIELDS = ("title", "name", "summary", "description", "note", "assumption")
"""Fields whose text a translation may render."""

CLAUSE_TEXT_FIELDS = {
    "PropertyProvision": ("covers", "body"),
    "HolySite": ("access",),
    "Recognition": ("as",),
    "ForeignForce": ("who",),
    "TransitionalAdministration": ("who",),
}
"""Further fields in words, by clause: elsewhere `body` is an id, so it is not general;
`who` names a force or an administration in words."""


def _text_fields(node: Any) -> tuple[str, ...]:
    return TEXT_FIELDS + CLAUSE_TEXT_FIELDS.get(type(node).__name__, ())


def _step(node: Any, key: str) -> Any:
    if isinstance(node, BaseModel):
        for name, info in type(node).model_fields.items():
            if key in (name, info.alias):
                return getattr(node, name)
        return None
    if isinstance(node, dict):
        return node.get(key)
    return None


def english_at(treaty: Treaty, path: str) -> str | None:
    """The English text at a dotted path, or None when no text field is there."""
    *head, last = path.split(".")
    node: Any = treaty
    for key in head:
        node = _step(node, key)
    if node is None or last not in _text_fields(node):
        return None
    text = _step(node, last)
    return text if isinstance(text, str) else None


def text_paths(node: Any, path: tuple[str, ...] = ()) -> Iterator[str]:
    """The dotted path of every text field a translation may render, in file order."""
    if isinstance(node, BaseModel):
        fields = _text_fields(node)
        for name, info in type(node).model_fields.items():
            key = info.alias or name
            value = getattr(node, name)
            if key in fields and isinstance(value, str) and value.strip():
                yield ".".join((*path, key))
            elif key not in ("translations", "sources"):
                yield from text_paths(value, (*path, key))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from text_paths(value, (*path, str(key)))


def translated(treaty: Treaty, path: str, english: str | None = None) -> tuple[str, str]:
    """The text at `path` in the current language, and the language it is in.

    Where confed has no translation, the English text is given, marked 'en', so a
    page can label it as English rather than pass it off as translated.
    """
    if english is None:
        english = english_at(treaty, path) or ""
    lang = current()
    text = treaty.translations.get(lang, {}).get(path)  # type: ignore[call-overload]
    return (text, lang) if text else (english, "en")


def translation_problems(treaty: Treaty) -> Iterator[tuple[tuple[str, ...], str, str]]:
    """Each translation whose path names no text of the treaty: path, message, expected."""
    for lang, table in treaty.translations.items():
        for path, text in table.items():
            where = ("translations", lang, path)
            if english_at(treaty, path) is None:
                yield (
                    where,
                    f"'{path}' names no text of this treaty",
                    "the dotted path of a " + ", ".join(TEXT_FIELDS) + " field present in the file",
                )
            elif not text.strip():
                yield where, "empty translation", "the text in " + lang


def _touched(over: Any, parts: list[str]) -> bool:
    """Whether an overlay sets, replaces or deletes the value at `parts` (or above it)."""
    node = over
    for part in parts:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
        if not isinstance(node, dict):
            return True  # a text, a replaced whole or a deletion (null) on the path
    return True


def drop_overridden(merged: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """A merged treaty without the inherited translations of texts the overlay changed.

    A variant that rewrites a title must not show its base's translation of the old one;
    the English is shown (marked as such) until the variant gives its own translation.
    """
    tables = merged.get("translations")
    if not isinstance(tables, dict):
        return merged
    own = over.get("translations") if isinstance(over.get("translations"), dict) else {}
    kept = {}
    for lang, table in tables.items():
        mine = own.get(lang) if isinstance(own.get(lang), dict) else {}
        kept[lang] = (
            {
                path: text
                for path, text in table.items()
                if path in mine or not _touched(over, path.split("."))
            }
            if isinstance(table, dict)
            else table
        )
    return {**merged, "translations": kept}
