"""The phase in force each year of a run, gates included.

A dated phase begins on its date. A gated phase begins in the first year from its
`start` whose previous year met its conditions (for as many years in a row as it
asks), or at its latest year; a phase never begins before the year after the one
before it. Years before the run's first year are not measured, so phases due by
then are taken to have begun on their dates.
"""

from __future__ import annotations

from collections.abc import Mapping

from confed.treaty.gates import GateTable
from confed.treaty.overrides import TreatyParams

Measured = Mapping[str, Mapping[str, float]]


class PhaseClock:
    """Steps through the phases of one run, one call a year."""

    def __init__(self, params: TreatyParams):
        self.starts = params.phase_starts
        self.gates = tuple(GateTable.of(g) if g is not None else None for g in params.gates)
        self.current: int | None = None
        self.streak = 0

    def phase(self, years_in: int, measured: Measured | None) -> int:
        """The phase index in force `years_in` years after entry; `measured` is last year's."""
        if self.current is None:
            self.current = _dated(self.starts, years_in)
            return self.current
        nxt = self.current + 1
        if nxt < len(self.starts):
            gate = self.gates[nxt] if nxt < len(self.gates) else None
            if gate is not None and measured is not None:
                held = bool(gate.holds(gate.values([measured]))[0])
                self.streak = self.streak + 1 if held else 0
            if years_in >= self.starts[nxt] and (
                gate is None
                or self.streak >= gate.for_years
                or (gate.latest is not None and years_in >= gate.latest)
            ):
                self.current, self.streak = nxt, 0
        return self.current


def _dated(starts: tuple[int, ...], years_in: int) -> int:
    """The phase holding `years_in` by the dates alone (the first year of a run)."""
    return TreatyParams({}, starts).phase_at(years_in)
