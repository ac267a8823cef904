"""Work across the border: the sourced baseline, the metric's shares, zeros and quotas."""

from __future__ import annotations

import numpy as np
import pytest

from confed.errors import ConfedError
from confed.people.summary import population_at
from confed.places import places
from confed.rights.engine import compiled_treaty
from confed.simulate.metrics import ADULT_SHARE
from confed.simulate.parameters import RunParameters, default_behaviour
from confed.simulate.run import simulate
from confed.simulate.work import baseline, cross_border_workers, shares
from confed.sources import registry
from confed.treaty.load import load_treaty
from confed.vocab import ACCESS, STATUSES, ZONES

COVERED = ("area-a", "area-b", "area-c", "east-jerusalem-palestinian", "gaza")
"""Where the PCBS Labour Force Survey counts (the West Bank with East Jerusalem, Gaza)."""


def test_every_baseline_row_names_its_publisher_year_source_and_address():
    rows = baseline()
    assert len(rows) >= 8
    for row in rows:
        assert row["publisher"] and row["url"].startswith("https://"), row
        assert row["source"] in registry(), row["source"]
        assert row["status"] in ("sourced", "derived", "unverified"), row
        assert 2010 <= int(row["year"]) <= 2025 and int(row["workers"]) > 0
    years = {int(r["year"]) for r in rows if r["measure"] == "employed"}
    assert {2018, 2022, 2023} <= years
    assert any(r["year"] == "2024" for r in rows)  # after October 2023


def test_the_permit_share_is_the_2022_count_over_the_adults_the_survey_covers():
    row = next(r for r in baseline() if r["year"] == "2022" and r["period"] == "annual")
    c = population_at(2025)
    zone = np.array(ZONES)[places().zone[c.place]]
    adults = (c.counts * ADULT_SHARE).sum(axis=(1, 2))
    covered = np.isin(zone, COVERED) & (c.status != STATUSES.index("israeli-citizen"))
    derived = int(row["workers"]) / adults[covered].sum()
    assert default_behaviour().work_permit_share == pytest.approx(derived, abs=5e-4)


def _year(treaty: str, years: int = 8, **behaviour) -> list[dict]:
    params = RunParameters(years=years, start_year=2025)
    if behaviour:
        params = params.model_copy(
            update={"behaviour": default_behaviour().model_copy(update=behaviour)}
        )
    sim = simulate(compiled_treaty(treaty), params)
    return [y["cross_border_workers"] for y in sim.as_json()["years"]]


def test_nobody_works_across_a_border_no_right_crosses():
    assert all(y["total"] == 0 for y in _year("one-state", 2))  # one state: no border
    for y in _year("status-quo", 2):  # no one may work in Palestine's towns by permit
        assert y["PS"] == 0 and y["IL.yes"] == 0 and y["IL.quota"] == 0
    c = compiled_treaty("alfa")
    adults = np.ones(c.space.size)
    for k in range(len(c.phases)):
        value = c.outputs["may_work"][k].value
        barred = np.where((value == ACCESS.index("no")).all(axis=0), adults, 0.0)
        out = cross_border_workers(c, k, barred, default_behaviour(), {}, {})
        assert out["total"] == 0


def test_under_permits_the_count_is_the_observed_share_of_those_allowed():
    c = compiled_treaty("status-quo")
    b = default_behaviour()
    adults = np.arange(c.space.size, dtype=float)
    out = cross_border_workers(c, 0, adults, b, {}, {})
    s = c.states.index("IL")
    permit = c.outputs["may_work"][0].value[s] == ACCESS.index("permit")
    outside = c.sovereign != c.sovereign_vocab.index("IL")
    in_land = c.places.zone[c.space.place] != ZONES.index("abroad")
    expected = adults[permit & outside & in_land].sum() * b.work_permit_share
    assert out["IL.permit"] == pytest.approx(expected)
    assert shares(b, "IL")[ACCESS.index("yes")] == b.work_open_share


def test_opening_work_raises_the_count_by_the_assumed_share():
    before, after = _year("alfa", 5)[0], _year("alfa", 5)[-1]  # permits, then open work
    assert before["IL.permit"] > 0 and before["IL.yes"] == 0
    assert after["IL.yes"] > before["IL.permit"] and after["IL.permit"] == 0
    closed = _year("alfa", 5, work_open_share=0.0)[-1]
    assert closed["IL.yes"] == 0


def _variant(tmp_path, quota: str, rule_quota: str = "work-permits") -> str:
    path = tmp_path / "variant.yaml"
    path.write_text(
        f"""extends: alfa
id: work-variant
quotas:
  work-permits:
    right: may_work
    into: IL
    for_citizens_of: PS
{quota}
    assumption: A test variant.
rights:
  may_work:
    rules:
      open-work:
        value: quota
        quota: {rule_quota}
""",
        encoding="utf-8",
    )
    return str(path)


def test_a_work_quota_caps_the_workers_holding_its_places(tmp_path):
    loaded = load_treaty(_variant(tmp_path, "    per_year: 20000\n    carry_over: false"))
    sim = simulate(loaded.compiled, RunParameters(years=6, start_year=2025))
    years = [y["cross_border_workers"] for y in sim.as_json()["years"]]
    assert years[-1]["IL.quota"] == pytest.approx(20_000)
    assert all(y["IL.quota"] <= 20_000 for y in years)
    assert years[-1]["IL.yes"] == 0


@pytest.mark.parametrize(
    ("quota", "rule_quota", "message"),
    [
        ("    total: 5000", "work-permits", "a work quota is sized by the permits in force"),
        (
            "    per_year: 10\n    carry_over: false",
            "agreed-residents-in-il",
            "rations may_reside, not may_work",
        ),
    ],
)
def test_a_misfit_work_quota_is_refused_where_it_is_written(tmp_path, quota, rule_quota, message):
    with pytest.raises(ConfedError) as err:
        load_treaty(_variant(tmp_path, quota, rule_quota))
    assert message in str(err.value)
