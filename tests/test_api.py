"""The HTTP API: every route, its bounds, and JSON errors that name the field."""

from __future__ import annotations

import threading
import time
import warnings
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from confed.api.busy import Slots
from confed.api.errors import ApiError
from confed.api.jobs import Busy, JobRunner
from confed.api.meta import MAX_BODY_BYTES, MAX_PEOPLE, VERSION
from confed.server.app import create_app

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2 for its test client
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

JAFFA = {"citizenship": "PS", "residence": "jaffa", "status": "refugee", "year": 2045}
ROUTES = {
    "/treaties",
    "/treaties/{treaty_id}",
    "/treaties/validate",
    "/rights",
    "/institutions/{treaty_id}",
    "/holy-sites/{treaty_id}",
    "/verify/{treaty_id}",
    "/power",
    "/simulate",
    "/jobs/{job_id}",
    "/runs",
    "/runs/{run_id}",
    "/runs/{run_id}/name",
    "/compare",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("api") / "runs.duckdb"


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store)) as c:
        yield c


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["version"] == VERSION
    assert set(body["error"]) == {"message", "field", "expected", "suggestion", "location"}
    return body["error"]


def yaml_post(client, text: str, kind: str = "application/yaml"):
    return client.post("/treaties/validate", content=text, headers={"content-type": kind})


# ---------------------------------------------------------------- treaties


def test_openapi_lists_every_route_and_every_response_carries_the_version(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200 and r.headers["x-confed-version"] == VERSION
    assert set(r.json()["paths"]) == ROUTES
    assert client.get("/no-such-route").headers["x-confed-version"] == VERSION
    error_of(client.get("/no-such-route"), 404)


def test_treaties_lists_the_shipped_treaties(client):
    body = client.get("/treaties").json()
    ids = {t["id"] for t in body["treaties"]}
    assert {"alfa", "dajani-yehuda-2024", "separation", "one-state", "status-quo"} <= ids
    assert body["version"] == VERSION
    assert all(t["phases"] >= 1 and t["title"] for t in body["treaties"])


def test_a_treaty_is_shown_merged_with_its_sources(client):
    body = client.get("/treaties/alfa").json()
    assert body["treaty"]["id"] == "alfa" and body["treaty"]["phases"]
    assert body["sources"] and all(s["reference"] and s["url"] for s in body["sources"])


def test_an_unknown_treaty_is_404_with_a_guess(client):
    error = error_of(client.get("/treaties/alfaa"), 404)
    assert error["field"] == "treaty" and error["suggestion"] == "alfa"
    error = error_of(client.post("/rights", json={"treaty": "dajani", **JAFFA}), 404)
    assert error["suggestion"] == "dajani-yehuda-2024"


def test_a_valid_variant_validates(client):
    r = yaml_post(client, "extends: alfa\nid: my-variant\ntitle: My variant\n")
    body = r.json()
    assert r.status_code == 200 and body["valid"] is True and body["id"] == "my-variant"
    assert body["files"] == ["alfa.yaml", "request"] and body["person_types"] > 0
    r = yaml_post(client, '{"extends": "separation", "id": "v"}', "application/json")
    assert r.status_code == 200 and r.json()["valid"] is True


def test_malformed_yaml_is_422_with_its_line(client):
    error = error_of(yaml_post(client, "extends: alfa\nid: v\ntitle: x\n  bad: [\n"), 422)
    assert error["message"].startswith("not valid YAML")
    assert error["location"]["file"] == "request" and error["location"]["line"] == 4


def test_a_misspelt_key_is_located_with_a_guess(client):
    error = error_of(yaml_post(client, "extends: alfa\nid: v\nframwork: x\n"), 422)
    assert error["suggestion"] == "framework" and error["location"]["line"] == 3


def test_malformed_json_is_422_with_its_line(client):
    error = error_of(yaml_post(client, '{\n"extends": }', "application/json"), 422)
    assert error["location"] == {"file": "request", "line": 2, "column": 12}


def test_a_request_may_extend_shipped_treaties_only_and_no_aliases(client):
    error = error_of(yaml_post(client, "extends: ../../etc/secrets.yaml\n"), 422)
    assert error["field"] == "extends" and "shipped" in error["message"]
    laughs = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    assert "aliases" in error_of(yaml_post(client, laughs), 422)["message"]
    deep = "a: " + "[" * 80 + "]" * 80 + "\n"
    assert "deeply" in error_of(yaml_post(client, deep), 422)["message"]


def test_validate_wants_yaml_or_json(client):
    error = error_of(yaml_post(client, "extends: alfa\n", "text/html"), 415)
    assert error["field"] == "Content-Type"


# ---------------------------------------------------------------- rights


def test_one_persons_rights_match_the_cli(client, confed):
    import json

    r = client.post("/rights", json={"treaty": "dajani-yehuda-2024", **JAFFA})
    assert r.status_code == 200 and r.headers["x-confed-version"] == VERSION
    body = r.json()
    cli = confed(
        "rights", "dajani-yehuda-2024", "--citizenship", "PS", "--residence", "jaffa",
        "--status", "refugee", "--year", "2045", "--json",
    )  # fmt: skip
    assert body.pop("version") == VERSION and body == json.loads(cli.out)
    assert body["explain"]


@pytest.mark.parametrize("name", ["יפו", "يافا", "Yafo"])
def test_a_place_named_in_any_script_gets_the_same_answer(client, name):
    by_id = client.post("/rights", json={"treaty": "dajani-yehuda-2024", **JAFFA}).json()
    r = client.post("/rights", json={"treaty": "dajani-yehuda-2024", **JAFFA, "residence": name})
    assert r.status_code == 200
    answer = r.json()
    assert answer["person"]["residence"] == "jaffa" and answer == by_id


def test_an_unknown_place_is_422_naming_residence_with_a_guess(client):
    bad = {**JAFFA, "residence": "jafa"}
    error = error_of(client.post("/rights", json={"treaty": "alfa", **bad}), 422)
    assert error["field"] == "residence" and error["suggestion"] == "jaffa"
    batch = {"treaty": "alfa", "people": [JAFFA, JAFFA, bad]}
    assert error_of(client.post("/rights", json=batch), 422)["field"] == "people.2.residence"


def test_a_misspelt_request_key_is_named_with_a_guess(client):
    body = {"treaty": "alfa", "citizenship": "PS", "residenc": "jaffa", "year": 2045}
    r = client.post("/rights", json=body)
    problems = r.json()["problems"]
    assert r.status_code == 422
    assert {"field": "residenc", "suggestion": "residence"}.items() <= problems[1].items()


def test_a_batch_answers_in_order(client):
    people = [JAFFA, {**JAFFA, "citizenship": "IL", "status": None, "residence": "tel-aviv-yafo"}]
    body = client.post("/rights", json={"treaty": "alfa", "people": people}).json()
    assert [a["person"]["citizenship"] for a in body["answers"]] == ["PS", "IL"]


def test_an_oversized_batch_is_refused_naming_the_limit(client):
    batch = {"treaty": "alfa", "people": [JAFFA] * (MAX_PEOPLE + 1)}
    error = error_of(client.post("/rights", json=batch), 422)
    assert error["field"] == "people" and "10,000" in error["expected"]


def test_an_inline_variant_answers(client):
    variant = {"extends": "alfa", "id": "alfa-variant"}
    body = client.post("/rights", json={"treaty": variant, **JAFFA}).json()
    assert body["treaty"] == "alfa-variant"


def test_a_bad_inline_variant_names_the_field_under_treaty(client):
    variant = {"extends": "alfa", "id": "v", "rights": {"may_enter": {"default": "maybe"}}}
    error = error_of(client.post("/rights", json={"treaty": variant, **JAFFA}), 422)
    assert error["field"] == "treaty.rights.may_enter.default" and error["location"] is None


def test_a_large_body_is_413_with_or_without_content_length(client):
    big = b"x" * (MAX_BODY_BYTES + 1)
    headers = {"content-type": "application/json"}
    error_of(client.post("/rights", content=big, headers=headers), 413)

    def chunks():
        for _ in range(3):
            yield b"x" * (MAX_BODY_BYTES // 2)

    error_of(client.post("/rights", content=chunks(), headers=headers), 413)


def test_malformed_json_body_is_422(client):
    r = client.post("/rights", content=b'{"treaty": ', headers={"content-type": "application/json"})
    assert error_of(r, 422)["message"].startswith("not valid JSON")


# ---------------------------------------------------------------- institutions and power


def test_verify_says_which_goals_the_text_claims(client):
    body = client.get("/verify/separation").json()
    found = {i["id"]: i for i in body["invariants"]}
    assert (found["end-of-claims"]["claimed"], found["end-of-claims"]["reading"]) == (True, "met")
    relocation = found["no-forced-relocation"]
    assert (relocation["claimed"], relocation["reading"]) == (False, "does not hold")
    assert client.get("/verify/nope").status_code == 404


def test_institutions_of_a_year(client):
    body = client.get("/institutions/alfa", params={"year": 2035}).json()
    assert body["treaty"] == "alfa" and len(body["phases"]) == 1
    assert all("banzhaf_by_party" in b for b in body["phases"][0]["bodies"])
    error = error_of(client.get("/institutions/alfa", params={"year": 2000}), 422)
    assert error["field"] == "year"


def test_power_of_the_eec_council(client):
    weights = [4, 4, 4, 2, 2, 1]
    body = client.post("/power", json={"quota": 12, "weights": weights}).json()
    assert body["exact"]["banzhaf"] == ["5/21", "5/21", "5/21", "1/7", "1/7", "0"]
    assert body["names"] == ["v1", "v2", "v3", "v4", "v5", "v6"]


def test_power_of_a_body_with_a_double_majority(client):
    spec = {"seats": {"IL": 5, "PS": 5}, "rule": {"each_party": {"IL": 3, "PS": 3}}}
    body = client.post("/power", json={"body": spec}).json()
    assert body["names"][0] == "IL1" and sum(body["banzhaf"]) == pytest.approx(1)


def test_power_of_the_eu_council_double_majority(client):
    import yaml

    path = Path(__file__).resolve().parents[1] / "docs" / "examples" / "eu-council.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    body = client.post("/power", json={"body": spec}).json()
    assert body["names"][0] == "DE" and body["method"] == "meet in the middle"
    assert body["exact"]["coleman_act"] == "4440667/33554432"


@pytest.mark.parametrize(
    ("request_body", "field"),
    [
        ({"quota": 3, "weights": [1, -2]}, "weights.1"),
        ({"quota": 3, "weights": [1] * 201}, "weights"),
        ({"quota": 3, "weights": [9_000, 9_000]}, "weights"),
        ({"quota": 3, "weights": [1, 2], "names": ["a"]}, "names"),
        ({"weights": [1, 2]}, "quota"),
        ({"body": {"seats": {"A": 300, "B": 300, "C": 300}, "rule": {"majority": {}}}}, None),
    ],
)
def test_bad_power_requests_name_the_field(client, request_body, field):
    error = error_of(client.post("/power", json=request_body), 422)
    if field:
        assert error["field"] == field
    else:
        assert error["field"].startswith("body")


# ---------------------------------------------------------------- simulate, jobs, runs


def wait_for(client, job_id: str) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(f"/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError("the job did not finish")


@pytest.mark.parametrize(
    ("request_body", "status", "field"),
    [
        ({"treaty": "alfaa", "years": 2}, 404, "treaty"),
        ({"treaty": "alfa", "years": 2, "params": {"setler_leave_share": 0.5}}, 422, None),
        ({"treaty": "alfa", "years": 2, "params": {"settler_leave_share": 2}}, 422, "params"),
        ({"treaty": "alfa", "years": 40, "persons": True}, 422, "years"),
        ({"treaty": "alfa", "years": 200, "runs": 100}, 422, "runs"),
        ({"treaty": "alfa", "years": 0}, 422, "years"),
        ({"treaty": "alfa", "yeras": 2}, 422, "yeras"),
        ({"treaty": {"extends": "/etc/passwd.yaml"}, "years": 2}, 422, "treaty.extends"),
    ],
)
def test_a_bad_simulation_starts_nothing_and_stores_nothing(tmp_path, request_body, status, field):
    store = tmp_path / "runs.duckdb"
    with TestClient(create_app(store)) as c:
        error = error_of(c.post("/simulate", json=request_body), status)
        if field:
            assert error["field"] == field
        else:
            assert error["suggestion"] == "settler_leave_share"
        assert not store.exists()
        assert c.get("/runs").json()["runs"] == []


def test_a_simulation_job_runs_to_done_and_is_stored(client):
    r = client.post("/simulate", json={"treaty": "separation", "years": 2, "seed": 3})
    assert r.status_code == 202 and r.headers["location"] == f"/jobs/{r.json()['job_id']}"
    job = wait_for(client, r.json()["job_id"])
    assert job["status"] == "done" and job["progress"] == {"done": 2, "total": 2}
    result = job["result"]
    assert result["treaty"] == "separation" and len(result["years"]) == 2
    runs = client.get("/runs").json()["runs"]
    assert result["run_id"] in {run["run_id"] for run in runs}
    stored = client.get(f"/runs/{result['run_id']}").json()
    assert [y["year"] for y in stored["years"]] == [y["year"] for y in result["years"]]
    assert stored["parameters"]["seed"] == 3
    first = stored["years"][0]
    assert first["relocated_by_treaty"]["total"] == pytest.approx(
        result["years"][0]["relocated_by_treaty"]["total"]
    )


def test_an_assumed_quota_size_is_changed_with_an_overlay(client):
    quota = {"residents-in-il": {"share_per_year": 0.005}}
    body = {"treaty": {"extends": "dajani-yehuda-2024", "quotas": quota}, "years": 1}
    job = wait_for(client, client.post("/simulate", json=body).json()["job_id"])
    assert job["status"] == "done", job
    admitted = job["result"]["years"][0]["quota_admitted"]["residents-in-il"]
    israel = job["result"]["years"][0]["residents_by_state"]["IL"]
    assert 0.004 * israel < admitted <= 0.005 * israel  # the changed size binds
    unsized = {"residents-in-il": {"share_per_year": None}}
    body = {"treaty": {"extends": "dajani-yehuda-2024", "quotas": unsized}, "years": 1}
    error = error_of(client.post("/simulate", json=body), 422)
    assert error["field"] == "treaty.quotas.residents-in-il"
    assert "a quota needs a size" in error["message"]


def test_unknown_run_and_job_are_404(client):
    assert error_of(client.get("/runs/nosuchrun"), 404)["field"] == "run"
    assert error_of(client.get("/jobs/nosuchjob"), 404)["field"] == "job"


def test_the_job_runner_refuses_beyond_its_limit_and_reports_failures():
    runner = JobRunner(limit=2, keep=3)
    release = threading.Event()

    def wait(job):
        release.wait(10)
        return {"ok": True}

    first = runner.submit(wait, 1)
    runner.submit(wait, 1, heavy=True)
    with pytest.raises(Busy):
        runner.submit(wait, 1)
    release.set()
    deadline = time.monotonic() + 10
    while runner.get(first.job_id).status != "done" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert runner.get(first.job_id).result == {"ok": True}

    def boom(job):
        raise RuntimeError("secret detail")

    while any(runner.get(j).active for j in list(runner._jobs)):
        time.sleep(0.01)
    failed = runner.submit(boom, 1)
    while runner.get(failed.job_id).active:
        time.sleep(0.01)
    assert failed.status == "failed" and "secret" not in failed.error["message"]
    runner.shutdown()


def test_heavy_slots_refuse_with_429():
    slots = Slots(1)
    with slots.hold("compare"), pytest.raises(ApiError) as refused, slots.hold("compare"):
        pass
    assert refused.value.status == 429
    with slots.hold("compare"):  # released again
        pass


# ---------------------------------------------------------------- compare


def test_compare_two_treaties(client):
    body = client.post("/compare", json={"treaties": ["alfa", "separation"], "years": 2}).json()
    assert [t["id"] for t in body["treaties"]] == ["alfa", "separation"]
    assert body["parameters"]["years"] == 2 and body["version"] == VERSION
    assert all(len(t["years"]) == 2 and t["invariants"] for t in body["treaties"])


def test_compare_bounds_and_names(client):
    assert error_of(client.post("/compare", json={"years": 61}), 422)["field"] == "years"
    error = error_of(client.post("/compare", json={"treaties": ["alfa", "sepration"]}), 404)
    assert error["field"] == "treaties.1" and error["suggestion"] == "separation"
