"""Whether a treaty's linked quotas hold in a run: admissions never outnumber their bound.

A linked quota (`at_most:`) ties admissions to a stock counted every year, so whether
it holds depends on how the population moves and grows: it is checked on the shipped
behaviour's cohort run, year by year, and a breach is reported with its year.
"""

from __future__ import annotations

from typing import Any

from confed.rights.compile import CompiledTreaty

YEARS = 30
"""How many years after entry into force the check runs."""


def linked_quota_breach(compiled: CompiledTreaty, start: int) -> dict[str, Any] | None:
    """The first year and quota in which admissions outnumber their bound, or None."""
    from confed.simulate.parameters import RunParameters
    from confed.simulate.run import simulate

    linked = [qid for qid, q in compiled.treaty.quotas.items() if q.at_most is not None]
    sim = simulate(compiled, RunParameters(years=YEARS, start_year=start))
    for year in sim.runs[0]:
        counted = year.metrics.get("linked_quota", {})
        for qid in linked:
            admitted, bound = counted[f"{qid}.admitted"], counted[f"{qid}.bound"]
            if admitted > bound * (1 + 1e-9) + 1e-6:
                return {
                    "year": year.year,
                    "quota": qid,
                    "admitted": round(admitted),
                    "bound": round(bound),
                }
    return None
