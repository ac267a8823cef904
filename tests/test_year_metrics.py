"""A run's years as rows of a shared layout: the same metrics, read by key or by a sweep."""

from __future__ import annotations

import pytest

from confed.rights.engine import compiled_treaty
from confed.simulate.parameters import RunParameters
from confed.simulate.results import YearMetrics, YearParts, layout_of, value_of
from confed.simulate.run import simulate_once
from confed.simulate.runner import first_seed, run_seeds


def test_a_year_reads_as_the_metrics_it_was_given_in_their_order():
    parts = YearParts()
    parts.add("population", ("total", "in_land"), [3.0, 2])
    parts.add_dict("arrivals", {"israel": 1.5})
    parts.add("empty", (), [])
    year = parts.year(2031, "open").metrics
    assert isinstance(year, YearMetrics)
    expected = {"population": {"total": 3.0, "in_land": 2.0}, "arrivals": {"israel": 1.5}}
    assert year == {**expected, "empty": {}} and parts.as_dict() == {**expected, "empty": {}}
    assert list(year) == ["population", "arrivals", "empty"]
    assert value_of(year, "arrivals", "israel") == 1.5
    assert value_of(year, "arrivals", "palestine") == 0.0 == value_of(year, "missing", "total")
    with pytest.raises(KeyError):
        year["missing"]


def test_runs_of_a_treaty_share_one_layout_object_per_year():
    c = compiled_treaty("holy-land-confederation")
    params = RunParameters(years=3, start_year=2030)
    first, second = (simulate_once(c, params, s) for s in run_seeds(3, 2))
    assert all(a is b for a, b in zip(layout_of(first), layout_of(second), strict=True))
    assert first[-1].metrics != second[-1].metrics  # other draws, the same keys
    councils = first[-1].metrics["council_electorate"]
    assert len(councils) > 1000 and all(isinstance(v, float) for v in councils.values())


@pytest.mark.parametrize("treaty", ["dajani-yehuda-2024", "separation"])
def test_a_run_computing_only_what_is_read_gives_the_full_runs_values(treaty):
    """dajani-yehuda-2024's phases wait for gates on last year's metrics; separation's don't."""
    c = compiled_treaty(treaty)
    params = RunParameters(years=12, start_year=2030, seed=4)
    seed = first_seed(params.seed)
    full = simulate_once(c, params, seed)
    reads = {2035: frozenset({"electorate_share"}), 2041: frozenset({"population", "arrivals"})}
    partial = simulate_once(c, params, seed, None, reads)
    assert [(y.year, y.phase) for y in partial] == [(y.year, y.phase) for y in full]
    by_year = {y.year: (y.metrics, f.metrics) for y, f in zip(partial, full, strict=True)}
    for year, names in reads.items():
        ours, theirs = by_year[year]
        assert all(ours[name] == theirs[name] for name in names)
    assert "council_electorate" not in by_year[2041][0]  # not read: not computed
    assert "population" not in by_year[2040][0]
