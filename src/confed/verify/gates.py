"""Whether every phase of a treaty begins: on its date, when its gate opens, or at its latest.

A dated phase, and a gated one with a latest year, begin by construction (that is the
proof). A gate whose condition its metric can never meet is blocked by proof too. A
gate with no latest year is checked on the shipped behaviour's cohort run: the year its
conditions first hold is the witness, and if they never hold the verdict names the
condition that blocks it and the nearest value the run reached.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from confed.i18n import N_
from confed.rights.compile import CompiledTreaty
from confed.treaty.gates import GateTable, condition_text, never_holds
from confed.verify.catalog import DOES_NOT_HOLD, HOLDS
from confed.verify.verdict import English, Said, Verdict

YEARS = 30
"""How many years after entry into force the run behind the check lasts."""


def phases_reachable(compiled: CompiledTreaty, start: int) -> Verdict:
    """The `phases-reachable` verdict of a compiled treaty entering into force in `start`."""
    t = compiled.treaty
    order = t.phase_order()
    gated = [pid for pid in order if t.phases[pid].gate is not None]
    if not gated:
        return Verdict("phases-reachable", HOLDS, said=Said(N_("every phase begins on its date")))
    sources = [s for pid in gated for s in t.phases[pid].gate.source or []]
    years = _run(compiled, start)
    notes, blocked = [], None
    for pid in gated:
        note, block = _phase(compiled, pid, years, start)
        notes.append(note)
        if block is not None and blocked is None:
            blocked = block
    said = Said(
        N_("{notes} (a {years}-year cohort run with the shipped behaviour)"),
        {"notes": notes, "years": YEARS},
    )
    if blocked is None:
        return Verdict("phases-reachable", HOLDS, sources=sources, said=said)
    return Verdict("phases-reachable", DOES_NOT_HOLD, blocked, sources, said=said)


def _run(compiled: CompiledTreaty, start: int) -> list[Any]:
    from confed.simulate.parameters import RunParameters
    from confed.simulate.run import simulate

    return simulate(compiled, RunParameters(years=YEARS, start_year=start)).runs[0]


def _phase(
    compiled: CompiledTreaty, pid: str, years: list[Any], start: int
) -> tuple[Said, dict[str, Any] | None]:
    """What the run shows for one gated phase, and a counterexample if it never begins."""
    t = compiled.treaty
    gate = t.phases[pid].gate
    assert gate is not None
    order = t.phase_order()
    k = order.index(pid)
    began = next((y.year for y in years if order.index(y.phase) >= k), None)
    impossible = [(test, why) for test in gate.when if (why := never_holds(test))]
    if impossible:
        test, why = impossible[0]
        if gate.latest == "never":
            return Said(N_("{phase}: blocked, {why}"), {"phase": pid, "why": English(why)}), {
                "phase": pid,
                "blocked_by": condition_text(test),
                "proof": why,
            }
        latest = start + gate.latest
        never = N_("{phase}: conditions can never hold ({why}); begins at its latest, {year}")
        return Said(never, {"phase": pid, "why": English(why), "year": latest}), None
    table = GateTable.of(gate)
    values = table.values([y.metrics for y in years])
    held = table.holds(values)
    first = next((y.year for y, h in zip(years, held, strict=True) if h), None)
    if began is not None:
        how = (
            Said(N_("its conditions held in {year}"), {"year": first})
            if first is not None and first < began
            else Said(N_("its conditions had not held: its latest year"))
        )
        return Said(
            N_("{phase}: began in {year} ({how})"), {"phase": pid, "year": began, "how": how}
        ), None
    worst = int(np.argmin(_margin(table, values)))
    last = {
        condition_text(x): None if np.isnan(v) else round(float(v), 6)
        for x, v in zip(gate.when, values[-1], strict=True)
    }
    return Said(N_("{phase}: not begun by {year}"), {"phase": pid, "year": years[-1].year}), {
        "phase": pid,
        "blocked_by": condition_text(gate.when[worst]),
        "last_year": years[-1].year,
        "values": last,
    }


def _margin(table: GateTable, values: np.ndarray) -> np.ndarray:
    """For each condition, how far its last year's value is inside its bounds (< 0: outside)."""
    last = values[-1]
    return np.minimum(last - table.low, table.high - last)
