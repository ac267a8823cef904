"""Issue 15: which assumptions drive which conclusions, measured on Dask with SALib."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pytest

from confed.sensitivity.cluster import dask_runner
from confed.sensitivity.models import IshigamiModel
from confed.sensitivity.space import behaviour_ranges, treaty_ranges, uncertain_parameters
from confed.sensitivity.sweep import SweepSpec, analyse, design, evaluate
from confed.treaty.load import load_treaty

SMALL = (
    "--years",
    "3",
    "--samples",
    "4",
    "--param",
    "settler_leave_share",
    "--param",
    "min_destination_population",
    "--metric",
    "settlers_remaining_in_ps.total",
    "--metric",
    "population.in_land",
    "--json",
)


def test_every_uncertain_assumption_states_a_range_and_its_basis():
    names = {u.name for u in behaviour_ranges()}
    assert {"settler_leave_share", "return_years", "refugee_choose_israel.lebanon"} <= names
    treaty = {u.name: u for u in treaty_ranges(load_treaty("dajani-yehuda-2024").treaty)}
    assert set(treaty) == {
        "quota.residents-in-il.share_per_year",
        "quota.residents-in-ps.share_per_year",
        "phase.open-movement.start",
        "phase.open-residence.start",
    }
    for u in [*behaviour_ranges(), *treaty.values()]:
        assert u.low <= u.central <= u.high, u.name
        assert u.basis.startswith(("assumption: ", "source: ")), u.name


def test_the_sobol_wiring_finds_the_ishigami_indices_through_the_sweep_path():
    model, spec = IshigamiModel(), SweepSpec("sobol", 1024, 3)
    rows = design(spec, model)
    with dask_runner(None, 1) as runner:
        outputs = evaluate(model, rows, runner)
    found = {i["parameter"]: i for i in analyse(spec, model, rows, outputs)[0]["indices"]}
    exact = IshigamiModel.exact()
    for name in ("x1", "x2", "x3"):
        for measure in ("S1", "ST"):
            error = abs(found[name][measure] - exact[measure][name])
            assert error < max(2 * found[name][f"{measure}_conf"], 0.02), (name, measure)


def test_local_cluster_workers_run_with_glibc_malloc_defaults_one_thread_no_profiler():
    # Dask's nanny would set MALLOC_TRIM_THRESHOLD_, which made every large array a fresh
    # mapping and a worker's run 2.4x slower than the same run in the parent.
    # Dask's profiler thread would stop the task's thread every 10 ms to read its stack.
    names = ("MALLOC_TRIM_THRESHOLD_", "OPENBLAS_NUM_THREADS")

    def setting() -> dict:
        import dask

        return {
            **{n: os.environ.get(n) for n in names},
            "profile": dask.config.get("distributed.worker.profile.enabled"),
        }

    with dask_runner(None, 1) as runner:
        found = runner.client.run(setting)
    assert list(found.values()) == [
        {"MALLOC_TRIM_THRESHOLD_": None, "OPENBLAS_NUM_THREADS": "1", "profile": False}
    ]


def test_a_parameter_the_model_does_not_read_has_no_total_effect(confed, tmp_path):
    run = confed(
        "sensitivity", "dajani-yehuda-2024", *SMALL, "--workers", "1",
        "--store", str(tmp_path / "runs.duckdb"),
    )  # fmt: skip
    assert run.code == 0, run.err
    [entry] = json.loads(run.out)
    settlers = next(o for o in entry["results"] if o["output"].startswith("settlers"))
    index = {i["parameter"]: i for i in settlers["indices"]}
    # the inflow metric's threshold is read by no other metric
    assert index["min_destination_population"]["ST"] == pytest.approx(0, abs=0.05)
    assert index["settler_leave_share"]["ST"] > 0.8
    assert settlers["p5"] < settlers["p95"]
    assert entry["runs"] == 4 * (2 + 2)


def test_an_interrupted_sweep_resumes_from_the_stored_batches(confed, tmp_path):
    store = tmp_path / "runs.duckdb"
    args = ("sensitivity", "separation", *SMALL, "--workers", "1", "--store", str(store))
    first = json.loads(confed(*args).out)
    with duckdb.connect(str(store)) as db:  # lose half the batches, as a kill would
        (before,) = db.execute("SELECT count(*) FROM sweep_batches").fetchone()
        db.execute("DELETE FROM sweep_batches WHERE batch % 2 = 1")
        (kept,) = db.execute("SELECT count(*) FROM sweep_batches").fetchone()
    assert 0 < kept < before
    again = json.loads(confed(*args).out)
    assert again == first
    with duckdb.connect(str(store)) as db:
        assert db.execute("SELECT count(*) FROM sweep_batches").fetchone() == (before,)
    exported = tmp_path / "sweep.csv"
    assert confed(*args, "--export", str(exported)).code == 0
    assert exported.read_text().startswith("treaty,sweep_id,output,parameter,measure,value")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--samples", "6"), "do not make a Sobol design"),
        (("--at", "1999"), "is not a list of simulated years"),
        (("--param", "setler_leave_share"), "did you mean: settler_leave_share"),
        (("--metric", "population"), "'population' names no key"),
        (("--scheduler", "tcp://127.0.0.1:9"), "no Dask scheduler answers"),
    ],
)
def test_a_bad_sweep_is_refused_and_stores_nothing(confed, tmp_path, args, message):
    store = tmp_path / "runs.duckdb"
    run = confed("sensitivity", "alfa", "--years", "2", *args, "--store", str(store))
    assert run.code == 2 and message in run.err
    assert not store.exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dask_cluster():
    """A real Dask scheduler and one worker, as processes on 127.0.0.1, stopped after."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).parent / "dask")
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = subprocess.Popen(
        [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
         "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        from distributed import Client

        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(address, timeout="2s") as client:
                    if client.scheduler_info()["workers"]:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("the Dask scheduler and worker did not start")
            time.sleep(0.5)
        yield address
    finally:
        for process in (worker, scheduler):
            process.terminate()
            process.wait(timeout=30)


@pytest.mark.slow
def test_a_sweep_on_an_existing_dask_cluster_matches_the_local_run(confed, tmp_path, dask_cluster):
    remote = confed(
        "sensitivity", "holy-land-confederation", *SMALL, "--scheduler", dask_cluster,
        "--store", str(tmp_path / "remote.duckdb"),
    )  # fmt: skip
    assert remote.code == 0, remote.err
    local = confed(
        "sensitivity", "holy-land-confederation", *SMALL, "--workers", "2",
        "--store", str(tmp_path / "local.duckdb"),
    )  # fmt: skip
    assert local.code == 0, local.err
    assert json.loads(remote.out) == json.loads(local.out)


def test_uncertain_parameters_of_one_state_are_the_behaviour_ones():
    found = uncertain_parameters(load_treaty("one-state").treaty)
    assert {u.name for u in found} == {u.name for u in behaviour_ranges()}
    assert np.all([u.high > u.low for u in found])
