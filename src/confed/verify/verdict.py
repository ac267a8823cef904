"""One invariant's result: its status, whether the text claims it, and what shows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from confed.verify.catalog import INVARIANTS, reading


class English(str):
    """A field of a detail that is English text (a name or a proof), shown as it is."""


@dataclass(frozen=True)
class Said:
    """A verdict's detail as a catalogue message and its fields, to say in any language.

    Fields are ids (named where shown), numbers, `English` text, lists of them, or
    details in turn; `english()` is the detail as JSON and the English terminal give it.
    """

    message: str
    fields: dict[str, Any] = field(default_factory=dict)

    def english(self) -> str:
        """The detail in English, ids as they are (the terminal names them)."""
        return self.message.format(**{k: _english(v) for k, v in self.fields.items()})


def _english(value: Any) -> str:
    if isinstance(value, Said):
        return value.english()
    if isinstance(value, list):
        joint = "; " if value and isinstance(value[0], Said) else ", "
        return joint.join(_english(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class Verdict:
    """One invariant's status, a counterexample where it does not hold, and its clauses."""

    id: str
    status: str
    counterexample: dict[str, Any] | None = None
    sources: list[str] = field(default_factory=list)
    detail: str | None = None
    claimed: bool = False
    excluded: list[str] = field(default_factory=list)
    said: Said | None = None

    def __post_init__(self) -> None:
        """The English detail of a detail given as a message."""
        if self.said is not None and self.detail is None:
            object.__setattr__(self, "detail", self.said.english())

    @property
    def reading(self) -> str:
        """'met'/'not met' for a claimed goal, 'holds'/'does not hold' for a measured fact."""
        return reading(self.status, self.claimed)

    @property
    def title(self) -> str:
        """The invariant in words."""
        return INVARIANTS[self.id]

    def as_json(self) -> dict[str, Any]:
        """The item of `confed verify --json`."""
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "claimed": self.claimed,
            "reading": self.reading,
            "counterexample": self.counterexample,
            "sources": self.sources,
            "detail": self.detail,
            "excluded": self.excluded,
        }
