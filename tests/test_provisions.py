"""Property, holy sites and recognition: `confed show`, `confed route --site`, the API, errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from confed.errors import ConfedError
from confed.server.app import create_app
from confed.treaty.load import load_treaty
from confed.treaty.permanent_status import HOLY_SITES


def test_show_prints_each_property_provision_with_its_basis(confed):
    run = confed("show", "separation")
    assert run.code == 0
    text = " ".join(run.out.split())
    assert "Property refugee-claims-clinton: Claims of Palestinian refugees: commission" in text
    assert "compensation and commission and fund (An International Commission" in text
    assert "basis: geneva-initiative-2003 § Art. 7; citation unverified" in text
    assert "Recognition State of Israel: by Palestine" in text


def test_show_says_where_the_text_is_silent_or_the_file_encodes_nothing(confed):
    silent = " ".join(confed("show", "dajani-yehuda-2024").out.split())
    assert "Property of settlers who stay and of refugees who return: the text is silent" in silent
    assert "Rachel's Tomb / Bilal bin Rabah Mosque: the text is silent" in silent
    bare = " ".join(confed("show", "one-state").out.split())
    assert "Property not encoded in this treaty file" in bare


def test_show_lines_fit_in_80_columns(confed, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = confed("show", "alfa").out
    start = out.index("Gated phases")
    assert all(len(line) <= 80 for line in out[start:].splitlines()[:40])


@pytest.mark.parametrize("site", list(HOLY_SITES))
def test_route_answers_every_site_under_separation(confed, site):
    run = confed("route", "separation", "--site", site)
    assert run.code == 0
    assert HOLY_SITES[site].split(" / ")[0] in run.out
    assert "basis: " in run.out


@pytest.mark.parametrize(
    ("treaty", "site", "expected"),
    [
        ("separation", "haram-al-sharif-temple-mount",
         ["sovereign: Palestine", "State of Palestine"]),
        ("separation", "western-wall", ["sovereign: Israel", "administered by: State of Israel"]),
        ("peace-to-prosperity-2020", "haram-al-sharif-temple-mount",
         ["sovereign: Israel", "status quo continues", "King of Jordan"]),
        ("holy-land-confederation", "church-of-the-holy-sepulchre",
         ["Inter-religious council of the Old City", "citation unverified"]),
        ("status-quo", "haram-al-sharif-temple-mount", ["custodian", "without", "praying"]),
        ("dajani-yehuda-2024", "western-wall", ["the text is silent", "dajani-yehuda-2024"]),
        ("one-state", "rachels-tomb", ["does not encode this site"]),
    ],
)  # fmt: skip
def test_route_says_who_holds_administers_and_may_enter_a_site(confed, treaty, site, expected):
    run = confed("route", treaty, "--site", site)
    text = " ".join(run.out.split())
    assert run.code == 0
    for words in expected:
        assert words in text


def test_route_needs_a_domain_or_a_site(confed):
    run = confed("route", "alfa")
    assert run.code == 2
    assert "exactly one of --domain DOMAIN or --site" in run.err
    assert confed("route", "alfa", "--site", "temple").code == 2


def test_the_api_answers_holy_sites():
    with TestClient(create_app()) as client:
        every = client.get("/holy-sites/separation").json()["sites"]
        assert [s["site"] for s in every] == list(HOLY_SITES)
        wrong = client.get("/holy-sites/separation", params={"site": "westernwall"})
        assert wrong.status_code == 422
        assert wrong.json()["error"]["suggestion"] == "western-wall"
        page = client.get("/explorer/treaties/peace-to-prosperity-2020").text
        assert 'id="holy-sites"' in page and "King of Jordan" in page


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("holy_sites:\n  western-wall: {administered_by: [UN], source: alfa-principles}\n",
         "unknown party 'UN'"),
        ("holy_sites:\n  western-wal: {silent: true, source: alfa-principles}\n",
         "'western-wal' is not allowed here"),
        ("holy_sites:\n  rachels-tomb: {access: all}\n",
         "a silent clause states nothing: remove access"),
        ("property:\n  homes: {covers: homes, source: alfa-principles}\n",
         "say what the text provides (kind)"),
        ("property:\n  homes: {covers: homes, kind: [refund], source: alfa-principles}\n",
         "'refund' is not allowed here"),
        ("recognition:\n  XX: {by: [PS], source: alfa-principles}\n", "unknown state 'XX'"),
        ("trust_measures:\n  t: {description: d, phase: later, source: alfa-principles}\n",
         "unknown phase 'later'"),
    ],
)  # fmt: skip
def test_a_bad_provision_is_located(tmp_path, block, message):
    path = tmp_path / "variant.yaml"
    path.write_text("extends: alfa\n" + block, encoding="utf-8")
    with pytest.raises(ConfedError) as exc:
        load_treaty(path)
    problem = exc.value.problems[0]
    assert message in problem.message
    assert problem.location is not None and problem.location.file.endswith("variant.yaml")
