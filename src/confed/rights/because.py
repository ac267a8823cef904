"""An answer as plain data: the rights of one person and the trace that explains them.

The engine (`rights.answer`) and the cached answer (`rights.cached`) both build these,
so `confed rights` prints the same whichever path answered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from confed.i18n import current
from confed.vocab import NONE, PER_STATE_RIGHTS

NULLABLE = ("sovereign", "citizenship", "national_vote", "local_vote")
"""Outputs whose 'none' is printed as null: no state, no citizenship, no vote."""


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


def answer_of(
    when: dict[str, Any],
    person: dict[str, Any],
    states: Sequence[str],
    value: Callable[[str, str | None], Any],
    because: list[Because],
) -> Answer:
    """The answer keyed as `confed rights --json` documents it.

    `when` holds treaty, year, start_year, start_year_source and phase; `value(output,
    state)` is the decided label of an output (a state's for the per-state rights).
    """

    def shown(output: str, state: str | None = None) -> Any:
        v = value(output, state)
        return None if v == NONE and output in NULLABLE else v

    data: dict[str, Any] = {
        "lang": current(),  # the language of the texts; keys and values stay English
        **when,
        "person": person,
        "sovereign": shown("sovereign"),
        "citizenship": shown("citizenship"),
        "national_vote": shown("national_vote"),
        "local_vote": shown("local_vote"),
    }
    for right in PER_STATE_RIGHTS:
        data[right] = {state: shown(right, state) for state in states}
    data["relocation_required"] = bool(shown("relocation_required"))
    data["courts"] = list(shown("courts"))
    data["movement_restriction"] = shown("movement_restriction")
    data["explain"] = [b.as_json() for b in because]
    return Answer(data, because)
