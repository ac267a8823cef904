"""A 30-year cohort run's stored metrics, pinned: speed work must not change a number.

`fixtures/pinned_runs.json` holds, for every shipped treaty's 30-year cohort run (seed 1,
entry year 2030), per year and metric, the sum of the metric's values and a sum that
weighs each key by its position (so a value moved to another key also shows). The run
must reproduce them to 1e-9 (relative), which allows for another BLAS's rounding but
not for a changed model. After a deliberate model change, rewrite the file with
`python tests/test_run_pinned.py` and say why in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from confed.rights.engine import compiled_treaty
from confed.simulate.parameters import RunParameters
from confed.simulate.run import simulate
from confed.treaty.load import shipped_ids

PINNED = Path(__file__).parent / "fixtures" / "pinned_runs.json"


def summary(treaty: str) -> dict[str, list[list[float | str]]]:
    """Per year: the year, its phase, then each metric's name, sum and position-weighted sum."""
    sim = simulate(compiled_treaty(treaty), RunParameters(years=30, start_year=2030, seed=1))
    out = []
    for layout, values in zip(sim.layout, sim.values, strict=True):
        row: list[float | str] = [layout.year, layout.phase]
        at = 0
        for metric, keys in layout.metrics:
            part = values[0, at : at + len(keys)]
            at += len(keys)
            row += [metric, float(part.sum()), float(part @ np.arange(1, len(keys) + 1))]
        out.append(row)
    return {"years": out}


@pytest.mark.parametrize("treaty", shipped_ids())
def test_a_cohort_run_reproduces_its_pinned_metrics(treaty):
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    assert treaty in pinned, f"no pinned run for {treaty}: run python {__file__}"
    got = summary(treaty)["years"]
    want = pinned[treaty]["years"]
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g[:2] == w[:2]
        assert g[2::3] == w[2::3], f"{treaty} {g[0]}: the metrics differ"
        assert np.allclose(g[3::3], w[3::3], rtol=1e-9, atol=1e-6), f"{treaty} {g[0]}: sums"
        assert np.allclose(g[4::3], w[4::3], rtol=1e-9, atol=1e-6), f"{treaty} {g[0]}: keys"


if __name__ == "__main__":
    PINNED.write_text(json.dumps({t: summary(t) for t in shipped_ids()}) + "\n", encoding="utf-8")
