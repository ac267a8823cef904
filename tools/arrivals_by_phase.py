"""Print the yearly arrivals per phase of the confederation treaties (docs/population.md).

Usage: .venv/bin/python tools/arrivals_by_phase.py
Cohort mode, seed 1, 30 years from each treaty's entry into force, shipped behaviour.
"""

from __future__ import annotations

import numpy as np

from confed.rights.engine import compiled_treaty, entry_year
from confed.simulate.parameters import RunParameters
from confed.simulate.run import simulate

TREATIES = ("alfa", "dajani-yehuda-2024", "holy-land-confederation")


def main() -> None:
    """Print the Markdown table, one row per treaty and phase."""
    print(
        "| treaty | phase | years | into Israel a year (mean; max) | refugees among them | "
        "into Palestine a year (mean; max) | still waiting for Israel at the end |"
    )
    print("|---|---|---|---|---|---|---|")
    for name in TREATIES:
        c = compiled_treaty(name)
        start, _ = entry_year(c)
        years = simulate(c, RunParameters(years=30, start_year=start)).runs[0]
        returned = np.diff([0.0] + [y.metrics["refugees_returned_to_il"]["total"] for y in years])
        for phase in c.phases:
            rows = [i for i, y in enumerate(years) if y.phase == phase]
            if not rows:
                continue
            il = np.array([years[i].metrics["arrivals"].get("IL", 0.0) for i in rows])
            ps = np.array([years[i].metrics["arrivals"].get("PS", 0.0) for i in rows])
            waiting = years[rows[-1]].metrics["applicants_waiting"].get("IL", 0.0)
            span = f"{years[rows[0]].year}–{years[rows[-1]].year}"
            print(
                f"| {name} | {phase} | {span} | {il.mean():,.0f}; {il.max():,.0f} | "
                f"{returned[rows].sum() / max(il.sum(), 1):.0%} | "
                f"{ps.mean():,.0f}; {ps.max():,.0f} | {waiting:,.0f} |"
            )


if __name__ == "__main__":
    main()
