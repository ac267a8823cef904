"""confed compare: the same population, horizon and seed for every treaty, in three reports."""

from __future__ import annotations

import json

import pytest

from confed.compare.build import HEADLINE, comparison


@pytest.fixture(scope="module")
def two_treaties():
    return comparison(["dajani-yehuda-2024", "separation"], years=4)


def test_every_treaty_gets_verdicts_metrics_bodies_map_assumptions_and_sources(two_treaties):
    for t in two_treaties["treaties"]:
        assert len(t["years"]) == 4
        for metric, key, _, _ in HEADLINE:
            assert key in t["years"][-1]["metrics"][metric]
        assert {v["status"] for v in t["invariants"]} <= {
            "holds",
            "does-not-hold",
            "not-applicable",
        }
        assert t["sources"] and all(s["reference"] for s in t["sources"])
        assert any(p["zone"] == "east-jerusalem-palestinian" for p in t["map"]["places"])
        assert t["assumptions"]
    dy, separation = two_treaties["treaties"]
    assert {b["id"] for b in dy["bodies"]}
    verdict = {v["id"]: v["status"] for v in separation["invariants"]}
    assert verdict["no-forced-relocation"] == "does-not-hold"
    assert {v["id"]: v["status"] for v in dy["invariants"]}["reciprocity"] == "holds"


def test_a_goal_the_text_does_not_claim_is_a_measured_fact_not_a_verdict(two_treaties):
    separation = {v["id"]: v for v in two_treaties["treaties"][1]["invariants"]}
    relocation = separation["no-forced-relocation"]
    assert (relocation["claimed"], relocation["reading"]) == (False, "does not hold")
    vote = separation["one-national-vote"]
    assert (vote["claimed"], vote["reading"]) == (True, "met")


def test_the_map_says_who_may_live_where(two_treaties):
    separation = two_treaties["treaties"][1]
    places = {p["id"]: p for p in separation["map"]["places"]}
    assert places["hebron"]["sovereign"] == "PS"
    assert places["hebron"]["may_reside"]["IL"] == "no"
    assert places["tel-aviv-yafo"]["may_reside"]["IL"] == "yes"


def test_reports_state_vintages_and_that_they_are_not_a_forecast(two_treaties):
    assert "not a forecast" in two_treaties["note"]
    assert {v["table"] for v in two_treaties["vintages"]} >= {"aggregates.csv", "rates.csv"}


def test_cli_writes_three_reports_and_a_table(confed, tmp_path):
    out = tmp_path / "report"
    run = confed(
        "compare",
        "alfa",
        "one-state",
        "--years",
        "2",
        "--sweep",
        "2",
        "--map-year",
        "2030",
        "--out",
        str(out),
        "--store",
        str(tmp_path / "runs.duckdb"),
    )
    assert run.code == 0, run.err
    assert "without a national vote" in run.out and "one-state" in run.out
    markdown = (out / "comparison.md").read_text(encoding="utf-8")
    assert "one-state" in markdown and "not a forecast" in markdown
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in data["treaties"]] == ["alfa", "one-state"]
    assert {t["map"]["year"] for t in data["treaties"]} == {2030}
    assert "<svg" in (out / "comparison.html").read_text(encoding="utf-8")
    assert len(confed("runs", "--store", str(tmp_path / "runs.duckdb"), "--json").out) > 10
    # each headline figure's range over the stated assumptions, and what moves it
    alfa = data["treaties"][0]["uncertainty"]
    assert alfa["runs"] == 2 * (len(alfa["parameters"]) + 2)
    settled = alfa["metrics"]["refugees_returned_to_ps.total"]
    assert settled["p5"] < settled["p95"]
    assert settled["indices"][0]["parameter"].startswith(("refugee_choose", "return_years"))
    assert "## Uncertainty" in markdown
    # the evidence appendix: how each treaty's clauses are cited
    from confed.treaty.citations import citation_counts
    from confed.treaty.load import load_treaty

    counts = citation_counts(load_treaty("alfa").treaty)
    assert data["treaties"][0]["citations"]["verified"] == counts.verified
    assert "## Appendix: citations" in markdown
    row = f"| A Land for All | {counts.clauses} | {counts.verified} | {counts.unverified} |"
    assert row in markdown
    assert 'class="tornado"' in (out / "comparison.html").read_text(encoding="utf-8")


def test_cli_unknown_treaty_writes_nothing(confed, tmp_path):
    out = tmp_path / "report"
    run = confed("compare", "alfa", "confederatoin", "--out", str(out))
    assert run.code == 2
    assert "confederatoin" in run.err
    assert not out.exists()


def test_every_treaty_runs_over_the_same_calendar_years(confed, tmp_path):
    out, store = tmp_path / "report", str(tmp_path / "runs.duckdb")
    run = confed(
        "compare",
        "status-quo",
        "dajani-yehuda-2024",
        "--years",
        "2",
        "--sweep",
        "0",
        "--out",
        str(out),
        "--store",
        store,
    )
    assert run.code == 0, run.err
    assert "Calendar 2030–2031, the same for every treaty" in run.out
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert data["calendar"]["first"] == 2030 and data["calendar"]["last"] == 2031
    years = {t["id"]: [y["year"] for y in t["years"]] for t in data["treaties"]}
    assert years == {"status-quo": [2030, 2031], "dajani-yehuda-2024": [2030, 2031]}
    entry = {t["id"]: t["entry_year"] for t in data["treaties"]}
    assert entry == {"status-quo": 2025, "dajani-yehuda-2024": 2030}
    assert "| calendar | 2030–2031 |" in (out / "comparison.md").read_text(encoding="utf-8")


def test_a_calendar_that_starts_before_a_stated_entry_is_refused(confed, tmp_path):
    out = tmp_path / "report"
    run = confed("compare", "status-quo", "--start-year", "2020", "--sweep", "0", "--out", str(out))
    assert run.code == 2
    assert "status-quo enters into force in 2025" in run.err and not out.exists()


def test_the_status_quo_map_asks_whether_a_citizen_living_at_home_may_move_here():
    from confed.compare.map_places import map_places
    from confed.rights.engine import compiled_treaty, entry_year

    c = compiled_treaty("status-quo")
    start, _ = entry_year(c)
    shown = map_places(c, start, start)
    assert shown["asked_for"]["PS"]["zone"] == "area-a"
    places = {p["id"]: p for p in shown["places"]}
    # Someone already living in Jerusalem may stay; a West Bank resident may not move there.
    assert places["tel-aviv-yafo"]["may_reside"]["PS"] == "no"
    assert places["silwan"]["may_reside"]["PS"] == "no"
    assert places["hebron"]["may_reside"]["IL"] == "no"
    assert places["tel-aviv-yafo"]["may_reside"]["IL"] == "yes"


def test_security_control_and_others_forces_are_reported_as_cited(two_treaties):
    from confed.compare.markdown import render_markdown

    security = two_treaties["treaties"][1]["security"]
    assert security["control"]["PS"]["external"] == "multinational-force"
    assert "geneva-initiative-2003 § Art. 5" in security["control"]["PS"]["sources"]
    assert {f["who"] for f in security["foreign_forces"]} >= {
        "Multinational force (international presence)"
    }
    text = render_markdown(two_treaties)
    force, ps = "Multinational force (international presence)", "State of Palestine"
    assert f"| Two states by separation | {ps} | {force} | {ps} |" in text
