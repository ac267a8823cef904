"""Runs on one process or several, streamed to the store: the same values every way."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest

import confed.simulate.runner as runner
from confed.rights.engine import compiled_treaty
from confed.simulate.parameters import RunParameters
from confed.simulate.results import YearResult
from confed.simulate.run import simulate
from confed.simulate.runner import simulate_stored
from confed.store import Store


def _keys_by_run(compiled, params, seed, progress=None):
    """A run whose keys depend on its number: every third run reports two more."""
    n = seed.spawn_key[-1]
    extra = {"y": 1.0 + n} if n % 3 == 0 else {}
    other = {"b": {"z": 2.0 * n}} if n % 3 == 0 else {}
    years = [
        YearResult(2030 + y, "p", {"a": {"x": n + y / 10, **extra}, **other}) for y in range(2)
    ]
    if progress is not None:
        progress(len(years))
    return years


@pytest.mark.parametrize("workers", [1, 2])
def test_runs_with_other_keys_are_read_by_the_first_runs_keys_on_any_number_of_processes(
    monkeypatch, workers
):
    monkeypatch.setattr(runner, "simulate_once", _keys_by_run)  # forked workers inherit it
    compiled = SimpleNamespace(
        treaty=SimpleNamespace(id="t"), loaded=SimpleNamespace(content_hash="h")
    )
    sim = simulate(compiled, RunParameters(years=2, start_year=2030, runs=7), workers=workers)
    assert [y.keys for y in sim.layout] == [[("a", "x"), ("a", "y"), ("b", "z")]] * 2
    runs = np.arange(7)
    third = runs % 3 == 0
    expected = np.column_stack(
        [runs, np.where(third, 1.0 + runs, 0), np.where(third, 2.0 * runs, 0)]
    )
    assert np.array_equal(sim.values[0], expected)
    assert np.array_equal(sim.values[1][:, 0], runs + 0.1)
    assert sim.runs[4][1].metrics == {"a": {"x": 4.1, "y": 0.0}, "b": {"z": 0.0}}


def test_runs_streamed_to_the_store_are_the_runs_kept_in_memory(tmp_path):
    c = compiled_treaty("holy-land-confederation")
    params = RunParameters(years=3, start_year=2030, runs=3, seed=5)
    kept = simulate(c, params)
    run_id, streamed = simulate_stored(c, params, tmp_path / "runs.duckdb", workers=2)
    with Store(tmp_path / "runs.duckdb") as store:
        record, rows = store.run(run_id), store.results(run_id)
    assert record.parameters == params.model_dump() and record.treaty_hash == kept.treaty_hash
    expected = sorted(
        (int(r), int(y), m, k, float(v))
        for batch in kept.columns()
        for r, y, m, k, v in zip(*batch.values(), strict=True)
    )
    assert rows == expected and len(rows) == 3 * sum(len(y.keys) for y in kept.layout)
    assert streamed.as_json() == kept.as_json()


def test_other_processes_read_and_write_the_store_while_runs_go_on(tmp_path):
    path = tmp_path / "runs.duckdb"
    with Store(path) as store:  # a run already there, which another process lists
        first = store.save_simulation(
            simulate(compiled_treaty("separation"), RunParameters(years=2, start_year=2030))
        )
    listed = []

    def another_process_lists_and_saves(_years):
        if not listed:  # the store is free: another process opens it within a second
            code = (
                "import sys; from pathlib import Path;"
                "from confed.store import NewRun, Store, connect;"
                "connect(Path(sys.argv[1]), wait=1).close(); store = Store(Path(sys.argv[1]));"
                "print(*(r.run_id for r in store.runs()));"
                "store.save(NewRun('t', 'h', {}, 'v'), [])"
            )
            done = subprocess.run(
                [sys.executable, "-c", code, str(path)], capture_output=True, text=True
            )
            listed.append((done.returncode, done.stdout.split(), done.stderr))

    c = compiled_treaty("separation")
    params = RunParameters(years=2, start_year=2030, runs=3)
    run_id, _ = simulate_stored(c, params, path, progress=another_process_lists_and_saves)
    assert listed == [(0, [first], "")]
    with Store(path) as store:
        assert len(store.runs()) == 3 and run_id in {r.run_id for r in store.runs()}
        assert len(store.results(run_id)) == 3 * len(store.results(first))  # none dropped
