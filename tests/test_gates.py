"""Gated phases: located loader errors, the year a gated phase begins, verify's reachability."""

from __future__ import annotations

from pathlib import Path

import pytest

from confed.errors import ConfedError
from confed.rights.engine import compiled_treaty
from confed.simulate.clock import PhaseClock
from confed.simulate.parameters import RunParameters
from confed.simulate.run import simulate
from confed.treaty.load import load_treaty
from confed.treaty.overrides import treaty_params
from confed.verify.catalog import DOES_NOT_HOLD, HOLDS
from confed.verify.gates import phases_reachable


def _variant(tmp_path: Path, gate: str) -> Path:
    """A variant of alfa whose open-residence phase (no start range) has `gate`'s lines."""
    path = tmp_path / "gated.yaml"
    path.write_text(
        "extends: alfa\nid: alfa-gated\nphases:\n  open-residence:\n"
        "    start_range: null\n    gate:\n" + gate,
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("gate", "message", "field"),
    [
        ("      when: [{metric: inflow_share_mx.total, at_most: 0.02}]\n      latest: 25\n",
         "unknown metric 'inflow_share_mx'", "phases.open-residence.gate.when.0.metric"),
        ("      when: [{metric: residents_by_state.XX, at_least: 1}]\n      latest: 25\n",
         "metric 'residents_by_state' has no key 'XX'", "gate.when.0.metric"),
        ("      latest: null\n", "missing required key 'latest'", "gate.latest"),
        ("      latest: 5\n", "the latest year (5) is before the phase's start", "gate.latest"),
        ("      when: [{metric: inflow_share_max.total}]\n      latest: 25\n",
         "needs 'at_least:' or 'at_most:'", "gate.when.0"),
    ],
)  # fmt: skip
def test_a_bad_gate_is_located(confed, tmp_path, gate, message, field):
    path = _variant(tmp_path, gate)
    run = confed("validate", str(path))
    assert run.code == 2
    assert message in run.err
    assert field in run.err
    assert f"{path.name}:" in run.err  # file and line of the mistake


def test_an_unknown_metric_gets_a_suggestion(tmp_path):
    path = _variant(tmp_path, "      when: [{metric: inflow_share_mx.total, at_most: 1}]\n")
    with pytest.raises(ConfedError) as exc:
        load_treaty(path)
    assert exc.value.problems[0].suggestion == "inflow_share_max"


def test_the_first_phase_cannot_be_gated(tmp_path):
    path = tmp_path / "first.yaml"
    path.write_text(
        "extends: alfa\nphases:\n  security-transition:\n    gate:\n"
        "      when: [{metric: population.total, at_least: 0}]\n      latest: 0\n"
        "      assumption: a test\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfedError, match="cannot be gated"):
        load_treaty(path)


def test_the_clock_opens_a_gate_the_year_after_its_condition_first_holds():
    t = load_treaty("alfa").treaty
    clock = PhaseClock(treaty_params(t, ["phase.open-residence.start=5"]))
    measured = [0.05, 0.04, 0.03, 0.03, 0.03, 0.03, 0.01, 0.03]  # years 0..7
    phases = [clock.phase(0, None)]
    for year, value in enumerate(measured[:-1], start=1):
        phases.append(clock.phase(year, {"inflow_share_max": {"total": value}}))
    # the condition (<= 0.02) first holds in year 6's measure: the phase begins in year 7
    assert phases == [0, 0, 0, 1, 1, 1, 1, 2]


def test_the_clock_falls_back_to_the_latest_year():
    t = load_treaty("alfa").treaty
    params = treaty_params(t, ["phase.open-residence.latest=12"])
    clock = PhaseClock(params)
    shocks = {"inflow_share_max": {"total": 0.5}}
    phases = [clock.phase(year, shocks if year else None) for year in range(15)]
    assert phases.index(2) == 12


def test_a_gated_phase_begins_when_its_measured_condition_first_holds():
    """On a real run: open-residence may begin in year 7 but waits for a quiet year."""
    compiled = compiled_treaty("alfa")
    params = RunParameters(
        years=14, start_year=2030, treaty_params=["phase.open-residence.start=7"]
    )
    years = simulate(compiled, params).runs[0]
    quiet = [
        y.year for y in years if y.year >= 2036 and y.metrics["inflow_share_max"]["total"] <= 0.02
    ]
    begun = next(y.year for y in years if y.phase == "open-residence")
    assert quiet, "the run has a year within the condition"
    assert begun == max(quiet[0] + 1, 2037)


def test_a_gated_phase_that_never_meets_its_condition_begins_at_its_fallback(tmp_path):
    path = _variant(
        tmp_path,
        "      when: [{metric: inflow_share_max.total, at_most: 0.0001}]\n      latest: 12\n",
    )
    compiled = load_treaty(path).compiled
    years = simulate(compiled, RunParameters(years=14, start_year=2030)).runs[0]
    assert next(y.year for y in years if y.phase == "open-residence") == 2042


def test_verify_proves_every_phase_of_alfa_reachable():
    v = phases_reachable(compiled_treaty("alfa"), 2030)
    assert v.status == HOLDS
    assert "open-residence: began in" in (v.detail or "")


def test_verify_shows_the_condition_that_blocks_a_phase(tmp_path):
    path = _variant(
        tmp_path,
        "      when: [{metric: inflow_share_max.total, at_most: 0.0001}]\n      latest: never\n",
    )
    v = phases_reachable(load_treaty(path).compiled, 2030)
    assert v.status == DOES_NOT_HOLD
    assert v.counterexample["phase"] == "open-residence"
    assert v.counterexample["blocked_by"] == "inflow_share_max.total <= 0.0001"


def test_verify_proves_an_impossible_condition_blocks_without_a_run(tmp_path):
    path = _variant(
        tmp_path,
        "      when: [{metric: free_movement_share.total, at_least: 1.5}]\n      latest: never\n",
    )
    v = phases_reachable(load_treaty(path).compiled, 2030)
    assert v.status == DOES_NOT_HOLD
    assert v.counterexample["proof"] == "free_movement_share is at most 1, never at least 1.5"


@pytest.mark.parametrize(
    ("param", "message"),
    [
        ("phase.open-movement.latest=9", "the phase has no gate"),
        ("phase.open-residence.latest=soon", "'soon' is not a year"),
    ],
)
def test_a_bad_gate_parameter_is_refused(param, message):
    with pytest.raises(ConfedError, match=message):
        treaty_params(load_treaty("alfa").treaty, [param])


def test_a_gate_parameter_changes_the_latest_year():
    params = treaty_params(load_treaty("alfa").treaty, ["phase.open-residence.latest=never"])
    assert params.gates[-1].latest == "never"


def test_a_start_moved_past_the_latest_year_begins_the_phase_at_its_start():
    params = treaty_params(load_treaty("alfa").treaty, ["phase.open-residence.start=30"])
    clock = PhaseClock(params)
    shocks = {"inflow_share_max": {"total": 0.5}}
    phases = [clock.phase(year, shocks if year else None) for year in range(32)]
    assert phases.index(2) == 30


def test_the_scenario_editor_edits_a_gate():
    from confed.web.scenario import ScenarioEdit, variant_of

    edit = ScenarioEdit(
        treaty="alfa",
        gates={"open-residence": {"latest": 20, "bounds": {0: {"at_most": 0.01}}}},
    )
    _, compiled = variant_of(edit)
    gate = compiled.treaty.phases["open-residence"].gate
    assert (gate.latest, gate.when[0].at_most) == (20, 0.01)
    dropped = ScenarioEdit(treaty="alfa", gates={"open-residence": {"gated": False}})
    assert variant_of(dropped)[1].treaty.phases["open-residence"].gate is None


def test_a_gate_may_ask_for_its_conditions_several_years_in_a_row():
    t = load_treaty("alfa").treaty
    params = treaty_params(t, ["phase.open-residence.start=5"])
    gate = params.gates[2].model_copy(update={"for_years": 2})
    clock = PhaseClock(params.__class__(params.quotas, params.phase_starts, (None, None, gate)))
    measured = [0.05, 0.05, 0.05, 0.05, 0.01, 0.05, 0.01, 0.01, 0.05]  # years 0..8
    phases = [clock.phase(0, None)]
    for year, value in enumerate(measured[:-1], start=1):
        phases.append(clock.phase(year, {"inflow_share_max": {"total": value}}))
    # one quiet year (4) is not enough; years 6 and 7 in a row open it in year 8
    assert phases.index(2) == 8
