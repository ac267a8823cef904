"""Every shipped treaty's bodies by phase, sunsets, equality checks, and routing."""

from __future__ import annotations

import json

import pytest

from confed.institutions.bodies import body_at, equality_checks
from confed.institutions.report import institutions_at
from confed.institutions.route import route
from confed.treaty.load import load_treaty, shipped_ids
from confed.treaty.model import AtLeast

SHIPPED = shipped_ids()


@pytest.mark.parametrize("treaty", SHIPPED)
def test_every_body_is_reported_in_every_phase(treaty, confed):
    t = load_treaty(treaty).treaty
    data = json.loads(confed("institutions", treaty, "--json").out)
    assert [p["phase"] for p in data["phases"]] == t.phase_order()
    for phase in data["phases"]:
        assert {b["body"] for b in phase["bodies"]} == set(t.bodies)
        for body in phase["bodies"]:
            shares = sum(body["banzhaf_by_party"].values())
            assert shares == pytest.approx(1.0) or body["coleman_act"] in (0.0, 1.0)


def test_third_party_sunset_is_visible_by_year(confed):
    before = json.loads(
        confed("institutions", "dajani-yehuda-2024", "--year", "2031", "--json").out
    )
    after = json.loads(confed("institutions", "dajani-yehuda-2024", "--year", "2050", "--json").out)
    body = "security-coordination-council"
    b0 = next(b for b in before["phases"][0]["bodies"] if b["body"] == body)
    b1 = next(b for b in after["phases"][0]["bodies"] if b["body"] == body)
    assert b0["seats"].get("international") == 1
    assert b0["banzhaf_by_party"]["international"] > 0
    assert "international" not in b1["seats"]
    assert b1["changed_by"] == "third-party-sunset"
    assert b1["coleman_act"] < b0["coleman_act"]  # the tie-break's exit raises deadlock


def test_a_side_that_passes_alone_is_caught_with_its_coalition():
    t = load_treaty("dajani-yehuda-2024").treaty
    at = body_at(t, "confederal-council", "open-residence")
    lopsided = type(at)(
        at.body_id, at.name, at.phase, {"IL": 6, "PS": 4}, AtLeast(at_least=6), "individual", None
    )
    checks = {c.id: c for c in equality_checks(lopsided, ["IL", "PS"])}
    assert not checks["no-side-passes-alone:IL"].holds
    assert checks["no-side-passes-alone:IL"].counterexample == {"IL": 6, "PS": 0}
    assert not checks["can-block:PS"].holds
    assert not checks["equal-power"].holds


def test_confederation_bodies_keep_collective_equality_after_the_sunset():
    for treaty in ("alfa", "dajani-yehuda-2024", "holy-land-confederation"):
        t = load_treaty(treaty).treaty
        last = t.phase_order()[-1]
        for report in institutions_at(t, last):
            checks = {c.id: c.holds for c in report.checks}
            assert checks["no-side-passes-alone:IL"] and checks["no-side-passes-alone:PS"]
            assert checks["can-block:IL"] and checks["can-block:PS"]
            assert checks["equal-power"]


def test_route_gives_level_body_rule_and_court_with_sources():
    t = load_treaty("dajani-yehuda-2024").treaty
    answer = route(t, "customs", "open-movement")
    assert answer["level"] == "confederal"
    assert answer["body"]["id"] == "confederal-council"
    assert "at least 3 of IL" in answer["body"]["rule"]
    assert answer["dispute"]["court"] == "confederal-court"
    assert answer["source"]


def test_route_unknown_domain_suggests(confed):
    run = confed("route", "dajani-yehuda-2024", "--domain", "custom")
    assert run.code == 2 and "did you mean: customs?" in run.err
