"""One invariant's result: its status, whether the text claims it, and what shows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from confed.verify.catalog import INVARIANTS, reading


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
