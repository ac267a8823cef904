"""The explorer's pages and scenario edits, through the app without a browser."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

from confed.errors import ConfedError
from confed.rights.variants import compiled_for
from confed.server.app import create_app
from confed.store import Store
from confed.verify.invariants import verify
from confed.web.scenario import QuotaEdit, ScenarioEdit, overlay, sunsets_of


@pytest.fixture
def store_path(tmp_path):
    return tmp_path / "runs.duckdb"


@pytest.fixture
def client(store_path):
    with TestClient(create_app(store_path)) as c:
        yield c


def _alert(page: str) -> str:
    found = re.search(r'role="alert">(.*?)</div>', page, re.S)
    assert found, "the page shows no problem"
    return found.group(1)


def _finish(client: TestClient, job: dict) -> dict:
    for _ in range(1800):  # a busy machine runs a sweep's last batches slowly
        job = client.get(f"/jobs/{job['job_id']}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError("the scenario job did not finish in three minutes")


def test_home_leads_to_the_comparison(client):
    r = client.get("/", follow_redirects=False)
    assert r.status_code in (302, 307) and r.headers["location"] == "/explorer/"


@pytest.mark.parametrize(
    "path",
    [
        "/explorer/treaties",
        "/explorer/treaties/dajani-yehuda-2024",
        "/explorer/rights",
        "/explorer/scenario",
        "/explorer/runs",
    ],
)
def test_pages_are_html_with_the_version(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["x-confed-version"]
    assert '<main id="main"' in r.text and 'aria-current="page"' in r.text


def test_assets_are_served_from_the_package_and_nothing_else(client):
    assert client.get("/explorer/static/explorer.js").text.startswith("// The scenario editor")
    assert "svg.chart" in client.get("/explorer/static/report.css").text
    r = client.get("/explorer/static/../app.py")
    assert r.status_code == 404


def test_every_page_links_only_to_the_app_or_sources(client):
    page = client.get("/explorer/treaties/alfa").text
    for src in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert src.startswith(("/", "#", "https://", "http://", "data:")), src
    assert not re.search(r'(?:src)="https?://', page), "a script or style fetched from outside"


def test_treaty_page_shows_timeline_rights_bodies_and_sources(client):
    page = client.get("/explorer/treaties/dajani-yehuda-2024").text
    assert page.count('class="phase-bar') == 3
    assert "2030–2034" in page  # the transitional administration, entry into force 2030
    assert "the assembly of the state of citizenship" in page  # rules in words, not keys
    assert "Confederal council" in page and "Banzhaf" in page
    assert "dajani-yehuda-2024" in page and "Foreign Affairs" in page
    assert "0.2% of Israel&#x27;s residents a year (unused places lapse)" in page
    holy_land = client.get("/explorer/treaties/holy-land-confederation").text
    assert "never more than the Israel citizens residing in Palestine" in holy_land


def test_unknown_treaty_page_is_a_404_page_that_names_the_known_ones(client):
    r = client.get("/explorer/treaties/dajani")
    assert r.status_code == 404
    assert "text/html" in r.headers["content-type"]
    assert "dajani-yehuda-2024" in _alert(r.text)


@pytest.mark.parametrize("residence", ["Yafo", "יפו", "يافا"])
def test_rights_calculator_answers_with_its_reasons(client, residence):
    r = client.get(
        "/explorer/rights",
        params={"treaty": "alfa", "citizenship": "PS", "residence": residence, "year": "2045"},
    )
    assert r.status_code == 200
    answer = r.text[r.text.index('id="answer"') :]
    # named as people name them, never by id
    assert re.search(
        r"national vote</th><td class=\"value\">Palestinian National Assembly<", answer
    )
    assert "Tel Aviv-Yafo" in answer and "tel-aviv-yafo" not in answer
    assert "Because" in answer and "alfa-principles" in answer


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("residence", "Yafoo", "yafo"),
        ("year", "soon", "whole number"),
        ("citizenship", "XX", "IL, PS, none"),
        ("treaty", "nope", "dajani-yehuda-2024"),
    ],
)
def test_rights_calculator_names_the_wrong_field(client, field, value, says):
    query = {"treaty": "alfa", "citizenship": "PS", "residence": "jaffa", "year": "2045"}
    r = client.get("/explorer/rights", params={**query, field: value})
    assert r.status_code == 422
    alert = _alert(r.text)
    assert f"<code>{field}</code>" in alert and says in alert
    assert 'id="answer"' not in r.text


def test_comparison_page_refuses_a_bad_horizon(client):
    r = client.get("/explorer/", params={"years": "500"})
    assert r.status_code == 422 and "years" in _alert(r.text)


def test_overlay_keeps_only_what_changed():
    edit = ScenarioEdit(
        treaty="alfa",
        phase_starts={"security-transition": 0, "open-movement": 5, "open-residence": 10},
        quotas={"agreed-residents-in-il": QuotaEdit(per_year=500)},
    )
    data = overlay(edit)
    assert data["extends"] == "alfa"
    assert data["phases"] == {
        "security-transition": {"start": 0, "end": 5},
        "open-movement": {"start": 5, "end": 10},
    }
    assert data["quotas"] == {"agreed-residents-in-il": {"per_year": 500}}
    assert compiled_for(data).treaty.quotas["agreed-residents-in-il"].per_year == 500


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        ({"phase_starts": {"open-movement": 12}}, "phase_starts.open-residence"),
        ({"phase_starts": {"security-transition": 1}}, "phase_starts.security-transition"),
        ({"phase_starts": {"open-movment": 4}}, "phase_starts.open-movment"),
        ({"quotas": {"agreed": {"per_year": 1}}}, "quotas.agreed"),
        (
            {"sunsets": {"transitional_administration": "never"}},
            "sunsets.transitional_administration",
        ),
        ({"jerusalem_regime": "shared"}, "jerusalem_regime"),
        ({}, "treaty"),
    ],
)
def test_overlay_refuses_an_edit_naming_its_field(edit, field):
    with pytest.raises(ConfedError) as caught:
        overlay(ScenarioEdit(treaty="alfa", **edit))
    assert caught.value.problems[0].field == field


def test_a_sunset_moved_to_never_breaks_the_ending_of_transitional_powers():
    t = compiled_for("dajani-yehuda-2024").treaty
    keys = {s.key for s in sunsets_of(t)}
    assert "body:security-coordination-council:third-party-sunset" in keys
    data = overlay(
        ScenarioEdit(treaty="dajani-yehuda-2024", sunsets={"court:confederal-court": "never"})
    )
    assert data["courts"]["confederal-court"]["third_party_until"] is None
    verdicts = {v.id: v for v in verify(compiled_for(data))}
    ends = verdicts["transitional-powers-end"]
    assert (ends.status, ends.reading) == ("does-not-hold", "not met")
    assert ends.counterexample["court"] == "confederal-court"


def test_a_third_party_seat_without_power_is_no_power_that_outlives_its_sunset():
    data = overlay(
        ScenarioEdit(
            treaty="dajani-yehuda-2024",
            sunsets={"body:confederal-council:third-party-sunset": "never"},
        )
    )
    assert data["bodies"]["confederal-council"]["changes"]["third-party-sunset"] is None
    verdicts = {v.id: v.status for v in verify(compiled_for(data))}
    assert verdicts["transitional-powers-end"] == "holds"


def test_jerusalem_regime_sets_the_councils():
    data = overlay(
        ScenarioEdit(treaty="dajani-yehuda-2024", jerusalem_regime="shared-municipality")
    )
    assert data["jerusalem"]["councils"] == {"IL": "jerusalem", "PS": "jerusalem"}
    compiled = compiled_for(data)
    assert "al-quds" not in compiled.council_vocab


def test_a_bad_scenario_is_refused_and_stores_nothing(client, store_path):
    r = client.post(
        "/explorer/scenario/run",
        json={"treaty": "alfa", "phase_starts": {"open-movement": 30}, "years": 5},
    )
    assert r.status_code == 422
    assert r.json()["error"]["field"] == "phase_starts.open-residence"
    r = client.post("/explorer/scenario/run", json={"treaty": "alfa", "yeers": 5})
    assert r.status_code == 422 and "yeers" in r.json()["error"]["field"]
    with Store(store_path) as store:
        assert store.runs() == []


def test_a_scenario_runs_against_its_original_and_both_are_stored(client, store_path):
    r = client.post(
        "/explorer/scenario/run",
        json={
            "treaty": "alfa",
            "quotas": {"agreed-residents-in-il": {"per_year": 100}},
            "years": 8,
        },
    )
    assert r.status_code == 202
    job = _finish(client, r.json())
    assert job["status"] == "done", job["error"]
    with Store(store_path) as store:
        runs = {run.run_id: run for run in store.runs()}
    variant = runs[job["result"]["variant_run"]]
    assert variant.parameters["variant"]["quotas"] == {"agreed-residents-in-il": {"per_year": 100}}
    assert variant.parameters["original_run"] == job["result"]["original_run"]
    assert "variant" not in runs[job["result"]["original_run"]].parameters

    page = client.get(job["result"]["url"]).text
    cell = re.search(r'class="num changed" data-metric="refugees_returned_to_il">(.*?)<', page)
    assert cell and cell.group(1).startswith("-")
    assert "extends: alfa" in page  # the variant, ready to save as a treaty file
    plain = client.get(f"/explorer/runs/{variant.run_id}").text  # compared with its original
    assert 'data-metric="refugees_returned_to_il"' in plain
    original = client.get(f"/explorer/runs/{job['result']['original_run']}").text
    assert 'name="against"' in original and variant.run_id in original
    history = client.get("/explorer/runs").text
    assert history.count("(scenario)") == 1 and variant.run_id[:12] in history


def test_unknown_run_page_is_a_404(client):
    r = client.get("/explorer/runs/ffffffff")
    assert r.status_code == 404 and "ffffffff" in _alert(r.text)


def test_a_scenario_changes_an_assumed_quota_share_and_keeps_one_size():
    edit = {"agreed-residents-in-il": QuotaEdit(share_per_year=0.01, carry_over=True)}
    data = overlay(ScenarioEdit(treaty="alfa", quotas=edit))
    assert data["quotas"] == {
        "agreed-residents-in-il": {"share_per_year": 0.01, "carry_over": True}
    }
    quota = compiled_for(data).treaty.quotas["agreed-residents-in-il"]
    assert quota.share_per_year == 0.01 and quota.carry_over
    unsized = overlay(
        ScenarioEdit(treaty="alfa", quotas={"agreed-residents-in-il": {"share_per_year": None}})
    )
    with pytest.raises(ConfedError) as caught:
        compiled_for(unsized)
    assert "a quota needs a size" in caught.value.render()
    assert caught.value.problems[0].field == "treaty.quotas.agreed-residents-in-il"


def test_the_sensitivity_page_lists_every_stated_range_with_its_basis(client):
    page = client.get("/explorer/sensitivity?treaty=dajani-yehuda-2024").text
    assert 'name="ranges.settler_leave_share.low"' in page and 'value="0.05"' in page
    assert "phase.open-residence.start" in page and "assumption: " in page
    assert 'data-run="/explorer/sensitivity/run"' in page


def test_narrowing_a_range_narrows_what_it_moves(client, store_path):
    from confed.sensitivity.store import SweepStore

    body = {
        "treaty": "dajani-yehuda-2024",
        "ranges": {"settler_leave_share": {"low": 0.24, "high": 0.26}},
        "samples": 4,
        "years": 3,
    }
    started = client.post("/explorer/sensitivity/run", json=body)
    assert started.status_code == 202, started.text
    job = _finish(client, started.json())
    assert job["status"] == "done", job
    page = client.get(job["result"]["url"]).text
    assert "settler_leave_share</code>: 0.24–0.26" in page
    with SweepStore(store_path) as store:
        stated, edited = (store.summary(job["result"][k]) for k in ("stated", "edited"))
    settlers = "settlers_remaining_in_ps.total"
    span = [s["metrics"][settlers]["p95"] - s["metrics"][settlers]["p5"] for s in (stated, edited)]
    assert span[1] < 0.2 * span[0]


def test_a_bad_range_is_refused_with_its_field(client):
    body = {"treaty": "alfa", "ranges": {"settler_leave_share": {"low": 0.5, "high": 0.1}}}
    r = client.post("/explorer/sensitivity/run", json=body)
    assert r.status_code == 422 and r.json()["error"]["field"] == "ranges.settler_leave_share"


def test_the_comparison_page_shows_ranges_once_the_cli_has_swept_them(client, store_path, confed):
    before = client.get("/explorer/?years=2").text
    assert 'id="uncertainty"' not in before and "confed compare --years 2" in before
    run = confed(
        "compare", "alfa", "--years", "2", "--out", str(store_path.parent / "report"),
        "--store", str(store_path),
    )  # fmt: skip
    assert run.code == 0, run.err
    after = client.get("/explorer/?years=2").text
    assert 'id="uncertainty"' in after  # sent when the reader scrolls to it
    assert 'class="tornado"' in client.get("/explorer/compare/uncertainty?years=2").text
