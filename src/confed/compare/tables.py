"""The tables both renderers show, computed once from the comparison dict.

The Markdown and the HTML report must state the same figures; computing the rows here
keeps them from drifting apart. Values are formatted, never ranked: no row is marked
best or worst.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from confed.i18n import N_, current
from confed.i18n.formats import number, percent
from confed.plain import place_name
from confed.termtable import plain_number
from confed.treaty.load import shipped_ids, shipped_treaty, short_title
from confed.treaty.texts import translated
from confed.verify.catalog import READING_WORDS, reading
from confed.vocab import NONE, SHARED, ZONE_NAMES

PARTY_WORDS = {
    "IL": "Israel",
    "PS": "Palestine",
    SHARED: "shared by the states",
    NONE: "no state",
}
"""A sovereign or a citizenship held before the treaty, where no treaty file names it."""

MISSING = "—"
"""Shown where a treaty reports no value."""

NOT_REPORTED = "not reported"
"""Shown where a treaty's verification lists no such invariant."""


def short_name(treaty: dict[str, Any]) -> str:
    """A treaty's name without its subtitle or parenthesis: 'A Land for All'.

    A line that gives its own `short` name (a stored run's) keeps it.
    """
    if "short" in treaty:
        return treaty["short"]
    return short_title(treaty_text(treaty, "title", treaty["name"]))


def treaty_text(treaty: dict[str, Any], path: str, english: str) -> str:
    """A shipped treaty's text at `path` in the current language (`english` otherwise)."""
    if current() == "en" or treaty.get("id") not in shipped_ids():
        return english
    return translated(shipped_treaty(treaty["id"]).treaty, path, english)[0]


def phase_title(treaty: dict[str, Any], phase: dict[str, Any]) -> str:
    """A phase's title in the current language, where the comparison names its id."""
    if "id" not in phase:
        return phase["title"]
    return treaty_text(treaty, f"phases.{phase['id']}.title", phase["title"])


def name_in(treaty: dict[str, Any], key: str, default: str | None = None) -> str:
    """The name the treaty file gives an id (a state, assembly, party or body).

    Else `default`, else the id. In Arabic or Hebrew, a shipped treaty's translation of
    that name where it has one.
    """
    english = treaty.get("names", {}).get(key, default or key)
    if current() == "en" or treaty.get("id") not in shipped_ids():
        return english
    path = _name_path(shipped_treaty(treaty["id"]).treaty, key)
    return translated(shipped_treaty(treaty["id"]).treaty, path, english)[0] if path else english


def _name_path(t: Any, key: str) -> str | None:
    """The dotted path of the name a treaty gives the id `key`, if it names it."""
    for sid, state in t.states.items():
        if key == sid:
            return f"states.{sid}.name"
        if key == state.assembly.id:
            return f"states.{sid}.assembly.name"
    for kind in ("third_parties", "bodies", "courts"):
        if key in getattr(t, kind):
            return f"{kind}.{key}.name"
    if key in t.security.foreign_forces:
        return f"security.foreign_forces.{key}.who"
    return None


def facts_text(value: Any, names: dict[str, str] | None = None) -> str:
    """A value as words: 'key: value; …', yes/no, lists with commas, no reprs, ids named.

    Zones take their names, and so do the ids in `names` (as comparison.json keeps them).

    >>> facts_text({"open_city": False, "regime": "coordinated-municipalities"})
    'open city: no; regime: coordinated-municipalities'
    >>> facts_text({"state": "PS", "zones": ["area-a", "gaza"], "until": None}, {"PS": "Palestine"})
    'state: Palestine; zones: Area A, Gaza; until: none'
    """
    if isinstance(value, dict):
        return "; ".join(
            f"{names_of(str(k), names).replace('_', ' ')}: {facts_text(v, names)}"
            for k, v in value.items()
        )
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(facts_text(v, names) for v in value) or "none"
    return "none" if value is None else names_of(str(value), names)


def names_of(key: str, names: dict[str, str] | None) -> str:
    """The name of a zone or of an id the treaty names, else the text as it is."""
    return (names or {}).get(key) or ZONE_NAMES.get(key, key)


def format_value(value: float | None, unit: str) -> str:
    """A metric value for a table: persons as whole numbers, shares as percentages."""
    if value is None:
        return MISSING
    if current() != "en" and unit in ("share", "persons"):
        return percent(value, 1) if unit == "share" else number(round(value))
    if unit == "share":
        return f"{value * 100:.1f} %"
    if unit == "persons":
        return f"{round(value):,}"
    return plain_number(value)


def metric_value(year: dict[str, Any], metric: dict[str, Any]) -> float | None:
    """One headline metric's value in one year, or None where the year lacks it."""
    value = year["metrics"].get(metric["id"], {}).get(metric["key"])
    return None if value is None else float(value)


@dataclass(frozen=True)
class Headline:
    """One metric under one treaty in its first and last simulated year."""

    metric: dict[str, Any]
    treaty: dict[str, Any]
    first_year: int
    first: str
    last_year: int
    last: str


def headlines(comparison: dict[str, Any]) -> list[Headline]:
    """Every headline metric × treaty, metric by metric, treaties in the given order."""
    rows = []
    for metric in comparison["metrics"]:
        for treaty in comparison["treaties"]:
            years = treaty["years"]
            first, last = years[0], years[-1]
            rows.append(
                Headline(
                    metric,
                    treaty,
                    first["year"],
                    format_value(metric_value(first, metric), metric["unit"]),
                    last["year"],
                    format_value(metric_value(last, metric), metric["unit"]),
                )
            )
    return rows


def common_years(rows: list[Headline]) -> tuple[int, int] | None:
    """The first and last year if every row shares them (the column headers), else None."""
    spans = {(r.first_year, r.last_year) for r in rows}
    return spans.pop() if len(spans) == 1 else None


CLAIMED_NOTE = N_(
    "A goal a treaty's text claims (its `intends:`) reads met or not met; a property it "
    "does not claim is a measured fact that holds or does not hold, and is not a goal of "
    "that text."
)
"""The key to the invariants matrix, printed above it in every report."""


@dataclass(frozen=True)
class Reading:
    """One invariant under one treaty: the words shown and whether the text claims it."""

    text: str
    claimed: bool

    @property
    def css(self) -> str:
        """The HTML class: claimed goals and measured facts are styled apart."""
        kind = "claimed" if self.claimed else "measured"
        return f"{kind}-{self.text.replace(' ', '-')}"

    @property
    def label(self) -> str:
        """The cell text, in the current language: a claimed goal says so."""
        if current() == "en":
            return f"{self.text} (claimed)" if self.claimed else self.text
        from confed.i18n import _

        text = _(READING_WORDS.get(self.text, self.text))
        return _("{reading} (claimed)").format(reading=text) if self.claimed else text


ASSUMPTION_ONLY = N_(
    "assumption only: the text does not describe this body, so it is left out of the verdicts"
)
"""Shown with a body that only an `assumption:` (or an `assumed` mark) puts in a treaty."""


def holds_text(holds: bool) -> str:
    """A body check's result as a measured fact."""
    return "holds" if holds else "does not hold"


def reading_of(inv: dict[str, Any]) -> Reading:
    """The reading of one item of a treaty's `invariants`."""
    claimed = bool(inv.get("claimed", False))
    return Reading(reading(inv["status"], claimed), claimed)


@dataclass(frozen=True)
class InvariantRow:
    """One invariant across the treaties: its title and each treaty's reading."""

    id: str
    title: str
    status: dict[str, Reading]  # treaty id → reading (NOT_REPORTED where it is absent)


def invariant_rows(comparison: dict[str, Any]) -> list[InvariantRow]:
    """The union of the treaties' invariants, in first-seen order."""
    titles: dict[str, str] = {}
    status: dict[str, dict[str, Reading]] = {}
    for treaty in comparison["treaties"]:
        for inv in treaty["invariants"]:
            titles.setdefault(inv["id"], inv["title"])
            status.setdefault(inv["id"], {})[treaty["id"]] = reading_of(inv)
    ids = [t["id"] for t in comparison["treaties"]]
    absent = Reading(NOT_REPORTED, False)
    return [
        InvariantRow(i, title, {t: status[i].get(t, absent) for t in ids})
        for i, title in titles.items()
    ]


def sources(comparison: dict[str, Any]) -> list[tuple[dict[str, Any], list[str]]]:
    """Each source once (by id, first-seen order), with the ids of the treaties citing it."""
    seen: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for treaty in comparison["treaties"]:
        for source in treaty["sources"]:
            seen.setdefault(source["id"], (source, []))[1].append(treaty["id"])
    return list(seen.values())


def phases_text(treaty: dict[str, Any]) -> str:
    """A treaty's phases on one line: 'Phase 1 (2030–2035); Phase 2 (2035–)'."""
    return "; ".join(
        f"{p['title']} ({p['start']}–{p['end'] if p.get('end') is not None else ''})"
        for p in treaty["phases"]
    )


def party_name(comparison: dict[str, Any], code: str) -> str:
    """A state (or a citizenship held before the treaty) as readers name it: 'Israel', not IL.

    The first treaty file that names the state decides ('State of ' dropped).

    >>> party_name({"treaties": [{"names": {"ODS": "One democratic state"}}]}, "ODS")
    'One democratic state'
    >>> party_name({"treaties": []}, "PS"), party_name({"treaties": []}, "shared")
    ('Palestine', 'shared by the states')
    """
    for t in comparison["treaties"]:
        if code in t.get("names", {}):
            return t["names"][code].removeprefix("State of ")
    return PARTY_WORDS.get(code, code)


def place_counts(
    comparison: dict[str, Any], places: list[dict[str, Any]], field: str, party: str | None = None
) -> str:
    """How many places have each value of `sovereign` or of `may_reside[party]`."""
    values = Counter(p[field] if party is None else p[field].get(party, MISSING) for p in places)
    if party is None:
        return ", ".join(f"{party_name(comparison, v)} {n}" for v, n in sorted(values.items()))
    return ", ".join(f"{v} {n}" for v, n in sorted(values.items()))


def reside_parties(comparison: dict[str, Any]) -> list[str]:
    """Every party that any map's `may_reside` answers for, sorted."""
    return sorted(
        {k for t in comparison["treaties"] for p in t["map"]["places"] for k in p["may_reside"]}
    )


def reside_question(comparison: dict[str, Any], party: str) -> str:
    """The question a map's `may_reside[party]` answers, naming whom it asks about."""
    asked = next(
        (
            t["map"]["asked_for"][party]
            for t in comparison["treaties"]
            if party in t["map"].get("asked_for", {})
        ),
        None,
    )
    if current() == "en":
        where = (
            f" living in {place_name(asked['lives_in']) or asked['lives_in']}"
            f" ({ZONE_NAMES.get(asked['zone'], asked['zone'])})"
            if asked
            else ""
        )
        return f"May a citizen of {party_name(comparison, party)}{where} come to live here?"
    from confed.i18n import _
    from confed.i18n.terms import term
    from confed.places import places

    state = term("citizenship", party)
    if not asked:
        return _("May a citizen of {state} come to live here?").format(state=state)
    table = places()
    home = table.name_in(table.code(asked["lives_in"]), current())[0]
    return _("May a citizen of {state} living in {place} ({zone}) come to live here?").format(
        state=state, place=home, zone=term("zone", asked["zone"])
    )
