"""The seeds' own examples, answered by the CLI's code path."""

from __future__ import annotations

import json

import pytest

from confed.rights.answer import answer_for
from confed.rights.engine import compiled_treaty

CONFEDERATIONS = ["alfa", "dajani-yehuda-2024", "holy-land-confederation"]
ALL = [*CONFEDERATIONS, "separation", "one-state", "status-quo"]


def ask(treaty: str, citizenship: str, residence: str, status: str, year: int) -> dict:
    return answer_for(compiled_treaty(treaty), citizenship, residence, year, status).data


def test_returning_refugee_in_jaffa_votes_pna_nationally_and_in_tel_aviv_yafo_locally():
    # Dajani & Yehuda, Foreign Affairs 2024, § Sharing Space ¶7.
    d = ask("dajani-yehuda-2024", "PS", "jaffa", "refugee", 2050)
    assert d["phase"] == "open-residence"
    assert d["sovereign"] == "IL"
    assert d["citizenship"] == "PS"
    assert d["national_vote"] == "pna"
    assert d["local_vote"] == "tel-aviv-yafo"
    assert d["may_reside"]["IL"] == "yes"
    assert d["relocation_required"] is False


def test_israeli_in_ariel_votes_knesset_nationally_and_in_ariel_locally():
    # Dajani & Yehuda, Foreign Affairs 2024, § Sharing Space ¶7.
    d = ask("dajani-yehuda-2024", "IL", "ariel", "israeli-citizen", 2031)
    assert d["sovereign"] == "PS"
    assert d["national_vote"] == "knesset"
    assert d["local_vote"] == "ariel"
    assert d["may_reside"]["PS"] == "yes"
    assert d["relocation_required"] is False


@pytest.mark.parametrize("treaty", CONFEDERATIONS)
def test_settlers_may_stay_in_every_confederation(treaty):
    for year in (2030, 2040, 2060):
        d = ask(treaty, "IL", "kiryat-arba", "israeli-citizen", year)
        assert d["relocation_required"] is False
        assert d["may_reside"]["PS"] in ("yes", "quota")


@pytest.mark.parametrize("treaty", ALL)
@pytest.mark.parametrize("town", ["nazareth", "umm-al-fahm", "jaffa"])
def test_palestinian_citizens_of_israel_keep_their_status(treaty, town):
    # Dajani & Yehuda § Sharing Space ¶6; the rules read legal status only, so a citizen
    # of Israel in Nazareth has the rights of any citizen of Israel living in Israel.
    for year in (2030, 2045, 2060):
        d = ask(treaty, "IL", town, "israeli-citizen", year)
        assert d["relocation_required"] is False
        state = "IL" if treaty != "one-state" else next(iter(d["may_reside"]))
        assert d["may_reside"][state] == "yes"
        assert d["national_vote"] is not None
        if treaty != "one-state":
            assert d["citizenship"] == "IL"
            assert d["national_vote"] == "knesset"


def test_rights_json_has_the_documented_keys(confed):
    run = confed(
        "rights",
        "dajani-yehuda-2024",
        "--citizenship",
        "PS",
        "--residence",
        "Yafo",
        "--status",
        "refugee",
        "--year",
        "2050",
        "--json",
    )
    assert run.code == 0
    d = json.loads(run.out)
    for key in (
        "treaty",
        "year",
        "phase",
        "sovereign",
        "citizenship",
        "national_vote",
        "local_vote",
        "may_enter",
        "may_reside",
        "may_work",
        "relocation_required",
        "courts",
        "movement_restriction",
        "explain",
    ):
        assert key in d
    assert set(d["may_enter"]) == {"IL", "PS"}
    outputs = {e["output"] for e in d["explain"]}
    assert {"phase", "sovereign", "citizenship", "national_vote", "may_reside.IL"} <= outputs
    for item in d["explain"]:
        assert set(item) >= {"output", "value", "rule", "clause", "source"}
        assert item["source"] or item["assumption"], item


def test_human_output_has_because_lines_and_sources(confed):
    run = confed("rights", "alfa", "--citizenship", "IL", "--residence", "ariel", "--year", "2031")
    assert run.code == 0
    assert "status not given: assumed an Israeli citizen" in run.out
    assert "because" in run.out
    assert "[alfa-principles]" in run.out


def test_default_start_year_is_shown_when_the_treaty_states_none(confed):
    run = confed(
        "rights", "alfa", "--citizenship", "PS", "--residence", "nablus", "--year", "2035", "--json"
    )
    d = json.loads(run.out)
    assert d["start_year"] == 2030
    assert "default" in d["start_year_source"]
    moved = json.loads(
        confed(
            "rights",
            "alfa",
            "--citizenship",
            "PS",
            "--residence",
            "nablus",
            "--year",
            "2035",
            "--start-year",
            "2034",
            "--json",
        ).out
    )
    assert moved["phase"] == "security-transition"


def test_year_before_entry_into_force_is_a_user_error(confed):
    run = confed("rights", "alfa", "--citizenship", "PS", "--residence", "nablus", "--year", "2020")
    assert run.code == 2
    assert "before this treaty's entry into force" in run.err


def test_unknown_place_and_bad_citizenship_are_user_errors(confed):
    run = confed("rights", "alfa", "--citizenship", "PS", "--residence", "Nablos", "--year", "2035")
    assert run.code == 2 and "did you mean: nablus?" in run.err
    run = confed("rights", "alfa", "--citizenship", "XX", "--residence", "nablus", "--year", "2035")
    assert run.code == 2 and "not a valid citizenship" in run.err
