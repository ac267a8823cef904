"""Arguments as measurable claims and the published polls: the data, and where they are shown."""

from __future__ import annotations

import re
from functools import cache

import pytest

from confed.compare.claims import claims, metric_ref, parse_claims
from confed.compare.html import render_html
from confed.compare.opinion import POPULATIONS, for_framework, opinion
from confed.errors import ConfedError
from confed.rights.engine import compiled_treaty
from confed.simulate.parameters import RunParameters
from confed.simulate.run import simulate
from confed.sources import parse_citation, registry
from confed.treaty.load import shipped_ids
from confed.verify.catalog import INVARIANTS


@cache
def _first_years() -> dict[str, dict]:
    """Each shipped treaty's metrics in its first simulated year."""
    params = RunParameters(years=1, start_year=2025)
    return {t: simulate(compiled_treaty(t), params).as_json()["years"][0] for t in shipped_ids()}


def test_every_claim_cites_a_document_section_and_measures_something_that_exists():
    found = claims()
    assert len(found) >= 12
    outline = [c for c in found.values() if c.made_by[0].startswith("fixamerica-confederation")]
    assert {parse_citation(c.made_by[0]).section for c in outline} == {
        "Arguments For",
        "Arguments Against",
    }
    assert {c.about for c in found.values()} >= {"confederation", "separation", "one-state"}
    years = _first_years()
    for cid, claim in found.items():
        assert claim.caveat and all(parse_citation(s).doc in registry() for s in claim.made_by)
        for m in claim.measures:
            if m.invariant:
                assert m.invariant in INVARIANTS
            if m.metric:
                ref = metric_ref(m.metric)
                assert any(ref["key"] in y.get(ref["id"], {}) for y in years.values()), (cid, m)
            if m.data and m.data.startswith("opinion:"):
                assert any(o.item == m.data.partition(":")[2] for o in opinion()), (cid, m)


def test_a_claim_file_mistake_is_reported_at_its_line_and_field():
    text = """x:
  claim: A.
  made_by: [fixamerica-confederation § Arguments Sideways]
  about: confederation
  measures: [{invariant: no-forced-relocation}]
  caveat: B.
"""
    with pytest.raises(ConfedError) as err:
        parse_claims(text, "claims.yaml")
    message = str(err.value)
    assert "claims.yaml:3" in message and "x.made_by" in message
    assert "not a heading of fixamerica-confederation" in message
    with pytest.raises(ConfedError, match=r"claims.yaml:5.*reads"):
        parse_claims(text.replace("Sideways", "For").replace(
            "{invariant: no-forced-relocation}", "{metric: relocated_by_treaty.total}"
        ), "claims.yaml")  # fmt: skip


def test_every_poll_row_names_publisher_fieldwork_population_sample_and_address():
    rows = opinion()
    assert len(rows) >= 30
    for o in rows:
        assert o.publisher and re.match(r"^\d{4}-\d{2}", o.fieldwork), o
        assert o.url.startswith(("https://", "http://")) and o.population in POPULATIONS
        assert 0 <= o.value <= 100
        assert o.n or o.status == "unverified", o  # a missing sample is marked
    waves = {o.wave[:4] for o in rows}
    assert {"2016", "2017", "2018", "2020", "2022", "2024"} <= waves
    confederation = {o.population: o.value for o in for_framework("confederation")}
    assert confederation == {"palestinians": 22, "israelis": 28}  # December 2022, as published
    assert {o.population for o in for_framework("separation")} == set(POPULATIONS)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    from confed.compare.build import comparison

    return render_html(comparison(["alfa", "separation", "one-state"], years=2))


def test_the_report_shows_claims_opinion_and_work_for_every_treaty(report):
    for section in ("claims", "opinion", "work"):
        assert f'<section id="{section}">' in report
    claims_part = report.split('<section id="claims">')[1].split("</section>")[0]
    for cid in claims():
        assert f'id="claim-{cid}"' in claims_part
    assert claims_part.count("What the numbers cannot measure") == len(claims())
    assert "§ Arguments Against" in claims_part and "separation" in claims_part
    opinion_part = report.split('<section id="opinion">')[1].split("</section>")[0]
    assert "Encoded here by: A Land for All" in opinion_part and "unverified" in opinion_part
    work_part = report.split('<section id="work">')[1].split("</section>")[0]
    assert "193,000" in work_part and "barred from entry" in work_part
    assert 'href="#charts"' in work_part and "work_permit_share" in work_part
    assert "Security transition (" in work_part  # alfa's workers in its first phase
    assert "People working in a state they neither live in" in report  # charted over the years


@pytest.fixture
def client(tmp_path):
    from fastapi.testclient import TestClient

    from confed.server.app import create_app

    with TestClient(create_app(tmp_path / "runs.duckdb")) as c:
        yield c


def test_the_explorer_claims_page_shows_the_same_sections(client):
    page = client.get("/explorer/claims?years=2")
    assert page.status_code == 200
    for section in ("claims", "opinion", "work"):
        assert f'<section id="{section}">' in page.text
    assert 'href="/explorer/claims"' in page.text  # in the navigation
    assert 'id="chart-work-title"' in page.text
    bad = client.get("/explorer/claims?years=0")
    assert bad.status_code == 422 and "years" in bad.text
