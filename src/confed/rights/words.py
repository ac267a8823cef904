"""The words `confed rights` prints for a treaty's ids and rules, read from the treaty.

`rights.terminal` prints an answer with any object of this shape: `TreatyWords` reads
the treaty model and the place table; the cached answer (`rights.cached`) keeps what
`TreatyWords` said for every id and rule, so it prints the same without the model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from confed.i18n import current
from confed.plain import Names
from confed.treaty.labels import word
from confed.treaty.texts import translated

if TYPE_CHECKING:
    from confed.places import Places
    from confed.treaty.model import Treaty

RANKS = {"rules": "rule", "exceptions": "exception"}


class TreatyWords:
    """A treaty's names and rule readings in the current language (English: the file's)."""

    def __init__(self, treaty: Treaty, places: Places):
        self.treaty = treaty
        self.places = places
        self.names = Names(treaty)

    @property
    def title(self) -> str:
        """The treaty's title as the reader's language has it."""
        if current() == "en":
            return self.treaty.title
        return translated(self.treaty, "title")[0]

    def __call__(self, value: Any) -> str:
        """A value or id as the reader sees it: English the file's names, else `word`."""
        if current() == "en":
            return self.names(value)
        return word(value, self.treaty, self.places)

    def zone(self, zone: str) -> str:
        """A zone in (English) words."""
        return self.names.zone(zone)

    def rule_reason(self, rule: str) -> str:
        """Why a rule, exception or default decided, in English: its conditions and note.

        `rule` is a trace path such as `rights.may_work.rules.residents`.
        """
        path = rule.split(".")
        node: Any = self.treaty
        for part in path:
            node = node[part] if isinstance(node, dict) else getattr(node, part)
        note = f". {node.note.strip()}" if getattr(node, "note", None) else ""
        if path[-1] == "default":
            return f"this is the default{note}"
        return f"a {RANKS[path[-2]]} applies: the person {self.names.condition(node.when)}{note}"
