"""verify: verdicts that follow from the texts, counterexamples, and the exit code."""

from __future__ import annotations

import json

import pytest

from confed.rights.compile import compile_treaty
from confed.rights.engine import compiled_treaty
from confed.treaty.load import load_treaty, shipped_ids
from confed.verify.catalog import INVARIANTS
from confed.verify.invariants import verify


def verdicts(treaty: str) -> dict:
    return {v.id: v for v in verify(compiled_treaty(treaty))}


def test_status_quo_east_jerusalem_permanent_residents_vote_for_the_palestinian_council():
    v = verdicts("status-quo")["one-national-vote"]
    assert v.status == "does-not-hold"  # a refugee without status living inside Israel has no vote
    assert v.counterexample["status"] == "refugee"
    assert v.counterexample["zone"] == "israel"


def test_separation_settlers_outside_the_annexed_blocs_must_relocate():
    v = verdicts("separation")["no-forced-relocation"]
    assert v.status == "does-not-hold"
    assert v.counterexample["citizenship"] == "IL"
    assert v.counterexample["zone"] == "settlement-outside-blocs"
    assert any("geneva-initiative-2003" in s for s in v.sources)


@pytest.mark.parametrize("treaty", ["alfa", "dajani-yehuda-2024", "holy-land-confederation"])
def test_confederations_hold_reciprocity_and_need_no_relocation(treaty):
    v = verdicts(treaty)
    assert v["reciprocity"].status == "holds"
    assert v["no-forced-relocation"].status == "holds"
    assert v["one-national-vote"].status == "holds"
    # no text publishes its bodies' seats, so the bodies are assumption-only and named
    equality = v["collective-equality"]
    assert equality.status == "not-applicable" and equality.excluded


def test_separation_and_status_quo_are_not_reciprocal():
    for treaty in ("separation", "status-quo"):
        v = verdicts(treaty)["reciprocity"]
        assert v.status == "does-not-hold"
        assert v.counterexample["person"]["citizenship"] in ("PS", "none")


def test_jerusalem_verdicts_follow_each_regime():
    assert verdicts("dajani-yehuda-2024")["jerusalem-open-without-barriers"].status == "holds"
    assert verdicts("separation")["jerusalem-open-without-barriers"].counterexample == {
        "regime": "divided",
        "open_city": False,
    }


def test_one_state_has_no_reciprocity_question():
    v = verdicts("one-state")
    assert v["reciprocity"].status == "not-applicable"
    assert v["one-national-vote"].status == "holds"


def test_a_body_that_lets_one_side_pass_alone_fails_collective_equality(tmp_path):
    path = tmp_path / "described.yaml"
    path.write_text(
        "extends: separation\nid: described\nbodies:\n  refugee-commission:\n"
        "    assumed: false\n"  # as if the texts fixed the seats confed assumes
    )
    v = {x.id: x for x in verify(compile_treaty(load_treaty(path)))}["collective-equality"]
    assert v.status == "does-not-hold"
    assert v.counterexample["coalition"]["PS"] == 0


def test_a_narrowing_is_accepted_only_when_a_clause_says_so(tmp_path):
    narrowing = (
        "extends: {base}\nid: narrowed\nrights:\n  may_work:\n    exceptions:\n"
        "      closure:\n        when: {{state: IL, citizenship: PS}}\n        value: no\n"
        "        from: open-residence\n        assumption: test{extra}\n"
    )
    plain = tmp_path / "plain.yaml"
    plain.write_text(narrowing.format(base="alfa", extra=""))
    said = tmp_path / "said.yaml"
    said.write_text(narrowing.format(base="alfa", extra="\n        narrows: true"))
    fails = verify(compile_treaty(load_treaty(plain)))
    ok = verify(compile_treaty(load_treaty(said)))
    assert {v.id: v.status for v in fails}["rights-never-shrink"] == "does-not-hold"
    assert {v.id: v.status for v in ok}["rights-never-shrink"] == "holds"


@pytest.mark.parametrize("treaty", shipped_ids())
def test_every_invariant_has_a_verdict_and_json_shape(treaty, confed):
    run = confed("verify", treaty, "--json")
    data = json.loads(run.out)
    assert data["treaty"] == treaty
    assert [i["id"] for i in data["invariants"]] == list(INVARIANTS)
    for item in data["invariants"]:
        assert set(item) >= {"id", "title", "status", "counterexample", "sources"}
        assert item["status"] in ("holds", "does-not-hold", "not-applicable")
        assert item["claimed"] == (item["id"] in load_treaty(treaty).treaty.intends)
        assert (item["counterexample"] is not None) == (item["status"] == "does-not-hold") or (
            item["id"] == "one-deciding-level"
        )
    assert run.code == 0  # every shipped treaty satisfies what it intends


def test_exit_code_1_when_an_intended_invariant_fails(tmp_path, confed):
    path = tmp_path / "evict.yaml"
    path.write_text(
        "extends: dajani-yehuda-2024\nid: evict\nrights:\n  relocation_required:\n"
        "    rules:\n      evict:\n        when: {zone: settlement-outside-blocs}\n"
        "        value: true\n        assumption: test\n"
    )
    run = confed("verify", str(path))
    assert run.code == 1
    assert "not met" in run.out and "Goals the text claims" in run.out


def test_unknown_intended_invariant_is_a_located_error(tmp_path, confed):
    path = tmp_path / "bad.yaml"
    path.write_text("extends: alfa\nid: bad\nintends: [reciprocty]\n")
    run = confed("validate", str(path))
    assert run.code == 2
    assert "did you mean: reciprocity?" in run.err


def test_a_body_the_text_does_not_describe_is_left_out_of_the_verdicts(tmp_path):
    path = tmp_path / "assumed.yaml"
    path.write_text(
        "extends: alfa\nid: assumed\nbodies:\n  lopsided:\n    name: An assumed board\n"
        "    seats: {IL: 3, PS: 1}\n    rule: {majority: simple}\n"
        "    assumption: the text describes no such board\n"
    )
    v = {x.id: x for x in verify(compile_treaty(load_treaty(path)))}["collective-equality"]
    assert v.status == "not-applicable" and "lopsided" in v.excluded  # alfa's own are too
    assert "assumption only" in v.detail
    sourced = path.read_text().replace(
        "    assumption: the text describes no such board\n",
        "    source: alfa-principles § Joint institutions\n",
    )
    path.write_text(sourced)
    v = {x.id: x for x in verify(compile_treaty(load_treaty(path)))}["collective-equality"]
    assert (v.status, v.counterexample["body"]) == ("does-not-hold", "lopsided")


def test_separations_own_aims_are_claimed_and_met():
    v = verdicts("separation")
    for aim in ("national-majority-in-each-state", "self-determination", "end-of-claims"):
        assert (v[aim].claimed, v[aim].reading) == (True, "met")
    assert any("clinton-parameters-2000" in s for s in v["end-of-claims"].sources)


def test_an_end_of_claims_the_text_does_not_state_is_a_fact_not_a_verdict():
    v = verdicts("alfa")["end-of-claims"]
    assert (v.claimed, v.reading) == (False, "does not hold")


def test_one_state_electorate_has_no_majority_people_of_a_national_home():
    v = verdicts("one-state")
    assert v["national-majority-in-each-state"].status == "not-applicable"
    shares = v["self-determination"].counterexample
    assert shares["assemblies_where_it_is_the_majority"] == []


def test_status_quo_security_of_palestine_is_held_by_israel():
    v = verdicts("status-quo")["each-state-holds-its-security"]
    assert v.counterexample["state"] == "PS"
    assert (v.counterexample["external"], v.counterexample["borders"]) == ("IL", "IL")
    assert v.sources == ["oslo-ii-1995 § Art. XII"]
    assert "Israeli forces in Area B, Area C" in v.detail


def test_an_unknown_security_holder_is_a_located_error(tmp_path, confed):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "extends: alfa\nid: bad\nsecurity:\n  control:\n"
        "    PS: {external: UN, borders: PS, assumption: test}\n"
    )
    run = confed("validate", str(path))
    assert run.code == 2
    assert "security.control.PS.external" in run.err and "unknown holder 'UN'" in run.err
