"""An answer as plain data: the rights of one person and the trace that explains them.

The engine (`rights.answer`) and the cached answer (`rights.cached`) both build these,
so `confed rights` prints the same whichever path answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Because:
    """One output of an answer with the clause that decided it."""

    output: str
    value: Any
    rule: str
    clause: str
    conditions: tuple[tuple[str, str, str], ...]
    citations: tuple[str, ...]
    assumption: str | None
    references: tuple[str, ...] = ()
    assumption_lang: str = "en"
    """The language `assumption` is written in: the reader's, or English where confed
    has no translation (pages mark it so)."""

    @property
    def sources(self) -> tuple[str, ...]:
        """Each citation followed by its document's full reference."""
        return tuple(
            f"{c} — {r}" if r else c for c, r in zip(self.citations, self.references, strict=True)
        )

    def as_json(self) -> dict[str, Any]:
        """The `explain` item of `confed rights --json`."""
        return {
            "output": self.output,
            "value": _jsonable(self.value),
            "rule": self.rule,
            "clause": self.clause,
            "source": "; ".join(self.sources) if self.sources else None,
            "assumption": self.assumption,
            "conditions": [{"fact": f, "required": w, "actual": a} for f, w, a in self.conditions],
        }


def _jsonable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True)
class Answer:
    """A person's rights at a date, with the trace that explains them."""

    data: dict[str, Any]
    because: list[Because]
