"""The names a reader sees for a treaty's ids and a rule's values, in the current language.

State, assembly, court and joint body ids take the treaty's names (or confed's translation of them),
place and council ids the place's name in the reader's script, vocabulary values their
glossary term. In Arabic and Hebrew each inserted name is wrapped in Unicode isolates
(FSI … PDI) so that, say, a Hebrew place name inside an Arabic sentence keeps its order.
"""

from __future__ import annotations

from typing import Any

from confed.i18n import DEFAULT, current, isolate
from confed.i18n.terms import STATUS_LABELS, VALUE_LABELS, ZONE_LABELS, term
from confed.places import Places
from confed.treaty.model import Treaty
from confed.treaty.texts import translated


def listing(items: list[str], style: str = "standard") -> str:
    """Items joined as the current language lists them ('a, b and c'; style 'or': 'a or b')."""
    from babel.lists import format_list

    return format_list(items, style, current()) if items else term("value", "none")


def _treaty_name(treaty: Treaty, value: str) -> str | None:
    if value in treaty.states:
        return translated(treaty, f"states.{value}.name")[0]
    for sid, state in treaty.states.items():
        if state.assembly.id == value:
            return translated(treaty, f"states.{sid}.assembly.name")[0]
    if value in treaty.courts:
        return translated(treaty, f"courts.{value}.name")[0]
    if value in treaty.bodies:
        return translated(treaty, f"bodies.{value}.name")[0]
    if value in treaty.third_parties:
        return translated(treaty, f"third_parties.{value}.name")[0]
    if value in treaty.phases:
        return translated(treaty, f"phases.{value}.title")[0]
    return None


def word(
    value: Any, treaty: Treaty, places: Places, kind: str = "value", style: str = "standard"
) -> str:
    """A value as the reader's language names it: a term, a treaty name or a place.

    A list is joined with 'and' (style 'standard') or, for the values a condition
    accepts, with 'or'.
    """
    if isinstance(value, list | tuple):
        return listing([word(v, treaty, places, kind) for v in value], style)
    if value is None:
        return term("value", "none")
    if isinstance(value, bool):
        return term("value", value)
    text = str(value)
    if current() == DEFAULT and kind == "value":
        return text  # English keeps the ids the treaty file and the JSON use
    if kind in ("zone", "status") or text in VALUE_LABELS:
        return term(kind if kind in ("zone", "status") else "value", text)
    named = _treaty_name(treaty, text)
    if named is not None:
        return isolate(named)
    if (row := places.row_of(text)) is not None:
        return isolate(places.name_in(row, current())[0])
    if text in ZONE_LABELS:
        return term("zone", text)
    if text in STATUS_LABELS:
        return term("status", text)
    return isolate(text)
