"""Plain words for what treaty files and the engine name by id.

Treaty files give states, assemblies, bodies, courts, third parties and phases their
names and titles; places.csv names places. This module reads those names so answers say
"Palestinian National Assembly", not `pna`, and turns a rule's `when:` conditions into
a sentence. Words for the fixed vocabularies (zones, statuses, rights, values) are here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from confed.treaty.model import Treaty

ZONE_WORDS = {
    "israel": "Israel within the 1967 line",
    "settlement-bloc": "a settlement bloc",
    "settlement-outside-blocs": "a settlement outside the blocs",
    "east-jerusalem-israeli": "an Israeli neighbourhood of East Jerusalem",
    "east-jerusalem-palestinian": "a Palestinian neighbourhood of East Jerusalem",
    "area-a": "Area A",
    "area-b": "Area B",
    "area-c": "Area C",
    "gaza": "Gaza",
    "abroad": "abroad",
}
"""Each zone as a sentence names it."""

STATUS_WORDS = {
    "israeli-citizen": "Israeli citizen",
    "jerusalem-resident": "permanent resident of East Jerusalem",
    "west-bank": "West Bank resident",
    "gaza": "Gaza resident",
    "refugee": "refugee",
    "other": "foreign national",
}
"""Each registered status as a noun (`a_or_an` puts the article before it)."""

RIGHT_WORDS = {
    "phase": "phase",
    "sovereign": "sovereign state",
    "citizenship": "citizenship",
    "national_vote": "national vote",
    "local_vote": "local vote",
    "may_enter": "may enter",
    "may_reside": "may live in",
    "may_work": "may work in",
    "relocation_required": "must relocate",
    "courts": "courts",
    "movement_restriction": "movement restrictions",
}
"""Each output of a rights answer as a label."""

VALUE_WORDS = {
    "yes": "yes",
    "no": "no",
    "permit": "with a permit",
    "quota": "within a quota",
    "keep": "keeps the citizenship held before",
    "assembly-of-citizenship": "the assembly of the state of citizenship",
    "council-of-residence": "the council where the person lives",
    "national-of-residence": "the national courts of the state of residence",
    "national-of-citizenship": "the national courts of the state of citizenship",
    "individual": "individual screening",
    "collective": "collective restrictions",
    "shared": "shared by both states",
    "none": "none",
}
"""Values of rights that are words of the engine rather than names in the treaty."""


class Names:
    """The display name of every id a treaty or the places table uses."""

    def __init__(self, treaty: Treaty):
        self.treaty = treaty
        self.names: dict[str, str] = dict(VALUE_WORDS)
        for sid, state in treaty.states.items():
            self.names[sid] = state.name.removeprefix("State of ")
            self.names[state.assembly.id] = state.assembly.name
        for table in (treaty.third_parties, treaty.bodies, treaty.courts):
            self.names.update({key: item.name for key, item in table.items()})
        self.names.update({key: phase.title for key, phase in treaty.phases.items()})
        self._ids: re.Pattern[str] | None = None

    def __call__(self, value: Any) -> str:
        """The name of an id or a value (a list reads 'a, b and c'; booleans yes/no).

        >>> from confed.treaty.load import load_treaty
        >>> name = Names(load_treaty("dajani-yehuda-2024").treaty)
        >>> name("pna"), name(["IL", "PS"]), name(True)
        ('Palestinian National Assembly', 'Israel and Palestine', 'yes')
        >>> name("tel-aviv-yafo")
        'Tel Aviv-Yafo'
        """
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, list | tuple):
            return joined([self(v) for v in value])
        if value is None:
            return "none"
        text = str(value)
        if text in self.names:
            return self.names[text]
        return place_name(text) or text

    def text(self, value: Any) -> str:
        """Any value in words: ids inside a sentence named, mappings as 'name: value' lists.

        >>> from confed.treaty.load import load_treaty
        >>> name = Names(load_treaty("alfa").treaty)
        >>> name.text("IL cannot pass a decision without the other side")
        'Israel cannot pass a decision without the other side'
        >>> name.text({"yes": {"PS": 3}, "no": {"IL": 5, "PS": 2}})
        'yes: Palestine 3; no: Israel 5, Palestine 2'
        """
        if isinstance(value, dict):
            flat = all(not isinstance(v, dict | list) for v in value.values())
            if flat and all(isinstance(v, int | float) for v in value.values()):
                return ", ".join(f"{self(k)} {self.text(v)}" for k, v in value.items())
            return "; ".join(
                f"{self(k).replace('_', ' ')}: {self.text(v)}" for k, v in value.items()
            )
        if isinstance(value, list | tuple):
            return joined([self.text(v) for v in value])
        if isinstance(value, float):
            return f"{value:,.4g}" if abs(value) < 1e6 else f"{round(value):,}"
        if not isinstance(value, str):
            return self(value)
        if " " not in value and value not in self.names:  # one id: a zone, status or place
            return ZONE_WORDS.get(value) or STATUS_WORDS.get(value) or self(value)
        if self._ids is None:
            words = {**ZONE_WORDS, **{k: v for k, v in self.names.items() if k not in VALUE_WORDS}}
            self._words = words
            ids = sorted(words, key=len, reverse=True)
            self._ids = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
        return self._ids.sub(lambda m: self._words[m.group(1)], value)

    def zone(self, zone: str) -> str:
        """A zone in words."""
        return ZONE_WORDS.get(zone, zone)

    def condition(self, when: dict[str, Any]) -> str:
        """A rule's conditions as a clause about the person, e.g. 'lives in that state'.

        >>> from confed.treaty.load import load_treaty
        >>> name = Names(load_treaty("alfa").treaty)
        >>> name.condition({"citizen_of_state": False, "citizenship": ["IL", "PS"]})
        'is not a citizen of that state and is a citizen of Israel or Palestine'
        >>> name.condition({})
        'always'
        """
        parts, where = [], ""
        for fact, wanted in when.items():
            if fact == "state" and isinstance(wanted, str):
                where = f"in {self(wanted)}: "
                continue
            negated = hasattr(wanted, "not_")
            values = wanted.not_ if negated else wanted
            values = values if isinstance(values, list) else [values]
            parts.append(self._fact(fact, values, negated))
        return where + (joined(parts, "and") if parts else "always")

    def _fact(self, fact: str, values: list[Any], negated: bool) -> str:
        if values in ([True], [False]):
            yes = values[0] != negated
            return BOOLEAN_FACTS[fact][0 if yes else 1]
        words = {
            "prior_citizenship": lambda v: (
                f"{self(v)} citizenship" if v != "none" else "no citizenship"
            ),
            "status": lambda v: a_or_an(STATUS_WORDS.get(v, v)),
            "zone": self.zone,
            "citizenship": lambda v: self(v) if v != "none" else "no state",
        }.get(fact, self)
        listed = joined([words(v) for v in values], "or")
        phrase = FACT_PHRASES.get(fact, fact.replace("_", " ") + " is {}").format(listed)
        return f"not: {phrase}" if negated else phrase


FACT_PHRASES = {
    "prior_citizenship": "held {} before the treaty",
    "status": "is registered as {}",
    "zone": "lives in {}",
    "place": "lives in {}",
    "council": "lives in the municipality of {}",
    "district": "lives in the district {}",
    "residence_state": "lives in a place held by {}",
    "citizenship": "is a citizen of {}",
    "state": "the state in question is {}",
}
"""How a condition on each fact reads, the wanted values in place of {}."""

BOOLEAN_FACTS = {
    "in_land": ("lives in the land", "lives abroad"),
    "lives_in_own_state": ("lives in the state of citizenship", "lives outside it"),
    "citizen_of_state": ("is a citizen of that state", "is not a citizen of that state"),
    "lives_in_state": ("lives in that state", "does not live in that state"),
}
"""True and false readings of the yes-or-no facts."""


def a_or_an(noun: str) -> str:
    """The noun with its indefinite article: 'an Israeli citizen', 'a Gaza resident'."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def joined(items: list[str], conjunction: str = "and") -> str:
    """Items as a list in prose: 'a', 'a and b', 'a, b and c'.

    >>> joined(["Israel", "Palestine", "Jordan"], "or")
    'Israel, Palestine or Jordan'
    >>> joined([])
    ''
    """
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def place_name(place_id: str) -> str | None:
    """The name of a place or municipality id from places.csv, or None if unknown.

    >>> place_name("jaffa"), place_name("jerusalem"), place_name("pna")
    ('Jaffa', 'Jerusalem', None)
    """
    from confed.places import places

    table = places()
    if (row := table.row_of(place_id)) is not None:
        return table.names[row]
    if place_id in table.councils:  # a municipality named after no single place
        return place_id.replace("-", " ").title()
    return None
