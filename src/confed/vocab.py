"""The fixed vocabularies every treaty, place and person row shares.

Each vocabulary is an ordered tuple; a value's position is its small integer code in
the columnar arrays, so the order here is part of the data format.
"""

from __future__ import annotations

ZONES: tuple[str, ...] = (
    "israel",
    "settlement-bloc",
    "settlement-outside-blocs",
    "east-jerusalem-israeli",
    "east-jerusalem-palestinian",
    "area-a",
    "area-b",
    "area-c",
    "gaza",
    "abroad",
)
"""Zones of residence, as the issue and DESIGN.md name them."""

ZONE_NAMES: dict[str, str] = {
    "israel": "Israel within the 1967 line",
    "settlement-bloc": "settlement blocs",
    "settlement-outside-blocs": "settlements outside the blocs",
    "east-jerusalem-israeli": "Israeli neighbourhoods of East Jerusalem",
    "east-jerusalem-palestinian": "Palestinian neighbourhoods of East Jerusalem",
    "area-a": "Area A",
    "area-b": "Area B",
    "area-c": "Area C",
    "gaza": "Gaza",
    "abroad": "abroad",
}
"""Each zone as a reader names it, for tables and sentences."""

STATUSES: tuple[str, ...] = (
    "israeli-citizen",
    "jerusalem-resident",
    "west-bank",
    "gaza",
    "refugee",
    "other",
)
"""Registered legal statuses. Rules read these, never national group or religion."""

PRIOR_CITIZENSHIPS: tuple[str, ...] = ("IL", "PS", "none")
"""Citizenship a person holds before the treaty enters into force (the CLI's --citizenship)."""

ACCESS: tuple[str, ...] = ("no", "permit", "quota", "yes")
"""Values of may_enter / may_reside / may_work, from most to least restricted."""

RESTRICTIONS: tuple[str, ...] = ("none", "individual", "collective")
"""Values of movement_restriction: no restriction, individual screening, collective closure."""

PER_STATE_RIGHTS: tuple[str, ...] = ("may_enter", "may_reside", "may_work")
"""Rights that are answered once per state (a direction of movement)."""

RIGHTS: tuple[str, ...] = (
    "national_vote",
    "local_vote",
    *PER_STATE_RIGHTS,
    "relocation_required",
    "courts",
    "movement_restriction",
)
"""Every right a treaty must define besides citizenship, in output order."""

NONE = "none"
"""The value meaning 'no state / no vote / no council'."""

SHARED = "shared"
"""Territory value for a place under the shared sovereignty of all the treaty's states."""
