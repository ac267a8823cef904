"""Encodings corrected against the public texts (issue 12, part 3)."""

from __future__ import annotations

from confed.treaty.load import load_treaty


def test_alfa_international_forces_serve_in_every_zone_it_gives_palestine():
    t = load_treaty("alfa").treaty
    palestine = {zone for zone, holder in t.territory.zones.items() if holder == "PS"}
    assert set(t.transitional_administration.zones) == palestine


def test_separation_swaps_are_not_called_equal_and_its_presence_has_no_sunset():
    t = load_treaty("separation").treaty
    assert "equal land swaps" not in t.summary
    assert "6.3%" in t.territory.note and "5.8%" in t.territory.note
    last = t.phase_order()[-1]
    assert t.transitional_administration.until == last
    assert "mutual consent" in t.transitional_administration.note


def test_status_quo_east_jerusalem_vote_cites_the_interim_agreement():
    rule = load_treaty("status-quo").treaty.rights.national_vote.rules["east-jerusalem-residents"]
    assert rule.value == "pna"
    assert rule.source == ["oslo-ii-1995 § Annex II Art. VI"]


def test_one_state_naturalisation_of_foreign_nationals_is_an_assumption():
    rule = load_treaty("one-state").treaty.citizenship.rules["foreign-nationals-in-the-land"]
    assert rule.value == "ODS"
    assert rule.source is None and "assumes" in rule.assumption


def test_holy_land_jerusalem_is_partially_open_not_open():
    j = load_treaty("holy-land-confederation").treaty.jerusalem
    assert j.open_city is False
    assert "partially open" in j.note
