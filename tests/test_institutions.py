"""Every shipped treaty's bodies by phase, sunsets, equality checks, and routing."""

from __future__ import annotations

import json

import pytest

from confed.institutions.bodies import body_at, equality_checks
from confed.institutions.report import institutions_at
from confed.institutions.route import route
from confed.treaty.decision import AtLeast
from confed.treaty.load import load_treaty, shipped_ids

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


def test_a_casting_vote_gives_the_third_party_positive_power():
    from confed.institutions.bodies import by_party
    from confed.institutions.game import game_for
    from confed.institutions.power import power_of
    from confed.treaty.decision import Deadlock, EachParty

    seats, rule = {"IL": 5, "PS": 5, "UN": 1}, EachParty(each_party={"IL": 3, "PS": 3})
    silent = game_for(seats, rule)
    casting = game_for(seats, rule, deadlock=Deadlock(casting=["UN"], assumption="test"))
    assert by_party(silent, power_of(silent).banzhaf)["UN"] == 0
    assert by_party(casting, power_of(casting).banzhaf)["UN"] > 0


def test_a_body_without_a_deadlock_breaker_is_reported_able_to_deadlock(confed):
    data = json.loads(confed("institutions", "status-quo", "--json").out)
    body = data["phases"][0]["bodies"][0]
    assert body["deadlock"]["breaker"] is None
    assert body["deadlock"]["no_way_out"] is True
    assert body["deadlock"]["counterexample"] == {"yes": {"IL": 1}, "no": {"PS": 1}} or body[
        "deadlock"
    ]["counterexample"] == {"yes": {"PS": 1}, "no": {"IL": 1}}
    run = confed("institutions", "status-quo")
    assert "can deadlock with no way out" in run.out


def test_dajani_yehuda_third_party_holds_power_while_it_sits_and_its_vote_ends_with_it(confed):
    def council(year):
        data = json.loads(
            confed("institutions", "dajani-yehuda-2024", "--year", year, "--json").out
        )
        return next(b for b in data["phases"][0]["bodies"] if b["body"] == "confederal-council")

    sitting, after = council("2031"), council("2050")
    assert sitting["banzhaf_by_party"]["international"] > 0
    assert sitting["deadlock"]["breaker"].startswith("casting vote of international")
    checks = {c["id"]: c["holds"] for c in sitting["checks"]}
    assert checks["can-block:IL"] and checks["can-block:PS"] and checks["third-party-capped"]
    assert "international" not in after["banzhaf_by_party"]
    assert "not in force" in after["deadlock"]["breaker"]
    assert after["deadlock"]["share"] > sitting["deadlock"]["share"]


def test_geneva_arbitration_decides_every_deadlock_of_the_verification_group():
    t = load_treaty("separation").treaty
    report = next(
        r
        for r in institutions_at(t, t.phase_order()[0])
        if r.at.body_id == "implementation-verification-group"
    )
    assert report.banzhaf_by_party["arbitration-chair"] > 0
    assert report.banzhaf_by_party["implementation-group"] == 0  # they mediate, no vote
    assert report.deadlock.no_way_out is False
    assert "referral to arbitration-chair" in report.deadlock.breaker
    assert "after 3 unresolved steps" in report.deadlock.breaker


def test_a_deadlock_rule_naming_nobody_is_a_located_error(tmp_path, confed):
    body = tmp_path / "body.yaml"
    body.write_text(
        "seats: {A: 1, B: 1}\nrule: {each_party: {A: 1, B: 1}}\n"
        "deadlock:\n  after: 2\n  assumption: nobody named\n"
    )
    run = confed("power", "--body", str(body))
    assert run.code == 2
    assert "body.yaml:3:" in run.err and "'casting:" in run.err


def test_bloc_voting_with_a_seat_count_is_refused_with_what_to_write(tmp_path, confed):
    body = tmp_path / "body.yaml"
    body.write_text("seats: {A: 3, B: 2, C: 2}\nvoting: bloc\nrule: {at_least: 2}\n")
    run = confed("power", "--body", str(body))
    assert run.code == 2
    assert "would count seats, not members" in run.err and "members: N" in run.err
    body.write_text("seats: {A: 3, B: 2, C: 2}\nvoting: bloc\nrule: {members: 2}\n")
    data = json.loads(confed("power", "--body", str(body), "--json").out)
    assert data["exact"]["banzhaf"] == ["1/3", "1/3", "1/3"]
