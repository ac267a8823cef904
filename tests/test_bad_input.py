"""Bad input from the command line, in treaty files and over HTTP: located, never a crash.

Every case asserts the exit code or HTTP status a user gets, that the message names
what was wrong, and that nothing was written (no run store, no report).
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from confed.server.app import create_app
from confed.treaty.load import shipped_ids

TREATIES = shipped_ids()

# ---------------------------------------------------------------- the command line

CLI: list[tuple[tuple[str, ...], str]] = [
    *((("rights", t, "--citizenship", "PS", "--residence", "atlantis", "--year", "2045"),
       "atlantis") for t in TREATIES),
    *((("rights", t, "--citizenship", "XX", "--residence", "jaffa", "--year", "2045"),
       "XX") for t in TREATIES),
    *((("rights", t, "--citizenship", "PS", "--residence", "jaffa", "--year", "1900"),
       "1948<=x<=2200") for t in TREATIES),
    *((("rights", t, "--citizenship", "PS", "--residence", "jaffa", "--year", "2045",
        "--status", "tourist"), "tourist") for t in TREATIES),
    (("rights", "alfa", "--citizenship", "PS", "--residence", "jaffa", "--year", "2026"),
     "before this treaty's entry into force"),
    (("rights", "alfaa", "--citizenship", "PS", "--residence", "jaffa", "--year", "2045"),
     "no shipped treaty or file named 'alfaa'"),
    (("rights", "alfa", "--citizenship", "PS", "--residence", "jaffa"), "--year"),
    *((("simulate", "alfa", "--years", y), "--years") for y in ("0", "201", "-3", "many")),
    *((("simulate", "alfa", "--runs", r), "--runs") for r in ("0", "1001", "x")),
    *((("simulate", "alfa", "--seed", s), "--seed") for s in ("-1", "seed", "1.5")),
    *((("simulate", "alfa", "--start-year", y), "--start-year") for y in ("1800", "9999", "y")),
    *((("simulate", "alfa", "--param", p), m) for p, m in (
        ("settler_leave_share", "not a known NAME=VALUE parameter"),
        ("setler_leave_share=0.5", "did you mean: settler_leave_share"),
        ("settler_leave_share=half", "'half' is not a number"),
        ("settler_leave_share=2", "less than or equal to 1"),
        ("settler_leave_share=-0.1", "greater than or equal to 0"),
        ("settler_leave_share=nan", "finite number"),
        ("cross_border_move_rate=inf", "finite number"),
        ("return_years=0", "greater than or equal to 1"),
        ("return_years=1e18", "less than or equal to 100"),
        ("refugee_choose_israel.lebanon=1.5", "less than or equal to 1"),
        ("internal_move_mixing=-1", "greater than or equal to 0"),
        ("quota.nope.per_year=1", "alfa has no quota 'nope'"),
        ("quota.agreed-residents-in-il.size=1", "a quota has no field 'size'"),
        ("quota.agreed-residents-in-il.share_per_year=null", "a quota needs a size"),
        ("quota.agreed-residents-in-il.share_per_year=3", "less than or equal to 1"),
        ("quota.agreed-residents-in-il.carry_over=maybe", "'maybe' is not true or false"),
        ("quota.agreed-residents-in-il.per_year=1.5", "'1.5' is not a whole number"),
        ("phase.open-movement.start=20", "do not rise from 0"),
        ("phase.open-movment.start=2", "has no phase 'open-movment'"),
        ("phase.open-movement.end=5", "a phase has no field 'end'"),
    )),
    (("simulate", "confederatoin"), "no shipped treaty or file named"),
    (("simulate", "/no/such/file.yaml"), "cannot read file"),
    *((("compare", "alfa", "--years", y), "--years") for y in ("0", "many")),
    (("compare", "alfa", "--sweep", "3"), "do not make a Sobol design"),
    (("compare", "alfa", "--start-year", "2020"), "before the base population (2025)"),
    (("compare", "status-quo", "--start-year", "2024", "--sweep", "0"), "enters into force"),
    (("compare", "alfa", "--map-year", "3000"), "--map-year"),
    (("compare", "alfa", "nosuch"), "nosuch"),
    *((("sensitivity", "alfa", *args), m) for args, m in (
        (("--samples", "6"), "do not make a Sobol design"),
        (("--samples", "1"), "--samples"),
        (("--method", "fast"), "--method"),
        (("--at", "2000"), "is not a list of simulated years"),
        (("--at", "soon"), "is not a list of simulated years"),
        (("--param", "nosuch"), "is not an uncertain parameter"),
        (("--metric", "population"), "names no key"),
        (("--years", "0"), "--years"),
        (("--workers", "0"), "--workers"),
    )),
    *((("population", *args), m) for args, m in (
        (("--year", "1800"), "1948<=x<=2200"),
        (("--year", "2020"), "before the base population"),
        (("--by", "street"), "--by"),
    )),
    (("show", "alfaa"), "no shipped treaty or file named"),
    (("show", "x.yml"), "cannot read file"),
    (("verify", "holy"), "no shipped treaty or file named"),
    (("verify", "x.yaml"), "cannot read file"),
    *((("institutions", name), "no shipped treaty") for name in ("dajani", "nope")),
    (("institutions", "alfa", "--year", "1900"), "1948<=x<=2200"),
    (("institutions", "alfa", "--seed", "-2"), "--seed"),
    (("route", "alfa", "--domain", "weather"), "weather"),
    (("power", "--quota", "3"), "give --quota and --weights"),
    (("power", "--quota", "3", "--weights", "1,x,2"), "--weights"),
    (("power", "--body", "/no/such/body.yaml"), "body.yaml"),
    (("validate", "/no/such/treaty.yaml"), "cannot read file"),
    (("results", "nosuchrun"), "nosuchrun"),
    (("places", "--zone", "moon"), "moon"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "message"), CLI, ids=[" ".join(a)[:60] for a, _ in CLI])
def test_a_bad_command_line_is_refused_with_its_reason_and_writes_nothing(
    confed, tmp_path, args, message
):
    store = tmp_path / "runs.duckdb"
    extra = ()
    if args[0] in ("simulate",):
        extra = ("--out", str(store))
    elif args[0] in ("compare", "sensitivity", "results"):
        extra = ("--store", str(store))
    if args[0] == "compare":
        extra += ("--out", str(tmp_path / "report"))
    run = confed(*args, *extra)
    assert run.code == 2, (run.code, run.err)
    assert message in run.err, run.err
    assert "Traceback" not in run.err
    assert not store.exists() and not (tmp_path / "report").exists()


# ---------------------------------------------------------------- treaty files

LOADER: list[tuple[str, str]] = [
    ("extends: alfa\ntitel: x\n", "unknown key 'titel'"),
    ("extends: alfa\nphases:\n  open-movement:\n    start: soon\n", "phases.open-movement.start"),
    ("extends: alfa\nphases:\n  open-movement:\n    start: -1\n", "phases.open-movement.start"),
    ("extends: alfa\nphases:\n  open-movement:\n    start: 12\n", "overlapping phases"),
    ("extends: alfa\nphases:\n  open-movement:\n    end: 2\n", "phase ends"),
    ("extends: alfa\nphases:\n  open-residence:\n    start: 14\n", "gap between phases"),
    ("extends: alfa\nterritory:\n  zones:\n    israel: XX\n", "territory.zones.israel"),
    ("extends: alfa\nterritory:\n  zones:\n    moon: IL\n", "territory.zones.moon"),
    ("extends: alfa\nterritory:\n  places:\n    IL: [atlantis]\n", "unknown place 'atlantis'"),
    ("extends: alfa\nquotas:\n  agreed-residents-in-il:\n    into: XX\n", "unknown state 'XX'"),
    ("extends: alfa\nquotas:\n  agreed-residents-in-il:\n    right: may_fly\n", "right"),
    ("extends: alfa\nquotas:\n  agreed-residents-in-il:\n    per_year: -5\n", "per_year"),
    ("extends: alfa\nquotas:\n  agreed-residents-in-il:\n    share_per_year: 0\n",
     "share_per_year"),
    ("extends: alfa\nquotas:\n  agreed-residents-in-il:\n    share_per_year: null\n",
     "a quota needs a size"),
    ("extends: alfa\nquotas:\n  agreed-residents-in-il:\n    carry_over: null\n",
     "must say whether unused places carry over"),
    ("extends: alfa\nquotas:\n  agreed-residents-in-il:\n    allocation: auction\n",
     "allocation"),
    ("extends: alfa\nquotas:\n  agreed-residents-in-il:\n    ranges:\n"
     "      share_per_year: {low: 0.5, high: 0.1, assumption: t}\n", "low <= high"),
    ("extends: alfa\nquotas:\n  agreed-residents-in-il:\n    ranges:\n"
     "      size: {low: 1, high: 2, assumption: t}\n", "ranges.size"),
    ("extends: alfa\nphases:\n  open-residence:\n    start_range: {low: 1, high: 30, "
     "assumption: t}\n", "could start before"),
    ("extends: alfa\nrights:\n  may_reside:\n    rules:\n      x:\n        when: {state: IL}\n"
     "        value: quota\n        assumption: t\n", "names its quota"),
    ("extends: alfa\nrights:\n  may_reside:\n    rules:\n      x:\n        when: {state: IL}\n"
     "        value: yes\n        quota: nope\n        assumption: t\n", "unknown quota"),
    ("extends: alfa\nrights:\n  may_reside:\n    rules:\n      x:\n        when: {colour: red}\n"
     "        value: yes\n        assumption: t\n", "not a fact this rule can test"),
    ("extends: alfa\nrights:\n  may_reside:\n    rules:\n      x:\n        when: {state: IL}\n"
     "        value: perhaps\n        assumption: t\n", "perhaps"),
    ("extends: alfa\nrights:\n  may_reside:\n    rules:\n      x:\n        when: {state: IL}\n"
     "        value: yes\n        from: never\n        assumption: t\n", "never"),
    ("extends: alfa\nrights:\n  may_reside:\n    rules:\n      x:\n        when: {state: IL}\n"
     "        value: yes\n", "a clause needs 'source:'"),
    ("extends: alfa\nrights:\n  may_reside:\n    default:\n      value: quota\n"
     "      assumption: t\n", "a default cannot grant 'quota'"),
    ("extends: alfa\nrights:\n  national_vote: null\n", "national_vote"),
    ("extends: alfa\nbodies:\n  b:\n    name: B\n    seats: {IL: 2, XX: 1}\n"
     "    rule: {majority: simple}\n    assumption: t\n", "XX"),
    ("extends: alfa\nbodies:\n  b:\n    name: B\n    seats: {IL: 2}\n"
     "    rule: {fraction: '1/0'}\n    assumption: t\n", "not a fraction between 0 and 1"),
    ("extends: alfa\nbodies:\n  b:\n    name: B\n    seats: {IL: 2}\n"
     "    rule: {fraction: '5/2'}\n    assumption: t\n", "not a fraction between 0 and 1"),
    ("extends: alfa\nbodies:\n  b:\n    name: B\n    seats: {IL: 2}\n"
     "    rule: {quorum: 3}\n    assumption: t\n", "expected one of"),
    ("extends: alfa\ncompetences:\n  water: {level: galactic, source: alfa-principles}\n",
     "level"),
    ("extends: alfa\nintends: [world-peace]\n", "unknown invariant 'world-peace'"),
    ("extends: alfa\njerusalem:\n  regime: floating\n", "jerusalem.regime"),
    ("extends: alfa\nsources:\n  x: {title: T}\n", "sources.x"),
    ("extends: alfa\nphases:\n  open-movement:\n    source: nowhere § 1\n", "nowhere"),
    ("extends: alfa\nentry_into_force:\n  year: 1066\n  assumption: t\n", "entry_into_force"),
    ("extends: alfa\nstates:\n  il:\n    name: x\n", "states.il"),
    ("extends: alfa\nphases:\n  open-movement:\n    start: .nan\n", "'.nan' is not a number"),
    ("extends: alfa\nphases:\n  open-movement:\n    start: 1:30\n", "'1:30' is not a number"),
    ("extends: alfa\nid: \"a\x02b\"\n", "control characters are not allowed"),
    ("extends: alfa\nid: [unclosed\n", "not valid YAML"),
    ("extends: alfa\nid: a\nid: b\n", "written twice"),
    ("a: &x [1]\nb: *x\n", "anchors and aliases"),
    ("- just\n- a list\n", "must be a mapping"),
    ("extends: [alfa, separation]\n", "`extends` names one treaty"),
    ("extends: nosuch\n", "no shipped treaty or file named 'nosuch'"),
    ("extends: alfa\n" + "x:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 55)),
     "nests too deeply"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), LOADER, ids=[str(i) for i in range(len(LOADER))])
def test_a_bad_treaty_file_is_located(confed, tmp_path, text, message):
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    run = confed("validate", str(path))
    assert run.code == 2, run.err
    assert message in run.err, run.err
    assert str(path) in run.err and "Traceback" not in run.err


# ---------------------------------------------------------------- the HTTP API

API: list[tuple[str, str, object, int, str]] = [
    ("post", "/rights", {"treaty": "alfa"}, 422, "citizenship"),
    ("post", "/rights", {"treaty": "alfaa", "citizenship": "PS", "residence": "jaffa",
                         "year": 2045}, 404, "treaty"),
    ("post", "/rights", {"treaty": "alfa", "citizenship": "XX", "residence": "jaffa",
                         "year": 2045}, 422, "citizenship"),
    ("post", "/rights", {"treaty": "alfa", "citizenship": "PS", "residence": "atlantis",
                         "year": 2045}, 422, "residence"),
    ("post", "/rights", {"treaty": "alfa", "citizenship": "PS", "residence": "jaffa",
                         "year": 99999}, 422, "year"),
    ("post", "/rights", {"treaty": "alfa", "citizenship": "PS", "residence": "jaffa",
                         "year": 2026}, 422, "year"),
    ("post", "/rights", {"treaty": "alfa", "citizenship": "PS", "residence": "jaffa",
                         "year": 2045, "colour": "red"}, 422, "colour"),
    ("post", "/rights", {"treaty": "alfa", "people": []}, 422, "people"),
    ("post", "/rights", {"treaty": {"extends": "/etc/passwd.yaml"}, "citizenship": "PS",
                         "residence": "jaffa", "year": 2045}, 422, "treaty.extends"),
    ("post", "/treaties/validate", "a: &x [1]\nb: *x\n", 422, ""),
    ("post", "/treaties/validate", "extends: alfa\ntitel: x\n", 422, "titel"),
    ("post", "/treaties/validate", "extends: alfa\nphases:\n  open-movement:\n    start: .inf\n",
     422, ""),
    ("post", "/simulate", {"treaty": "alfa", "years": 0}, 422, "years"),
    ("post", "/simulate", {"treaty": "alfa", "seed": -1}, 422, "seed"),
    ("post", "/simulate", {"treaty": "alfa", "start_year": 1000}, 422, "start_year"),
    ("post", "/simulate", {"treaty": "alfa", "params": {"settler_leave_share": 7}}, 422,
     "params"),
    ("post", "/simulate", {"treaty": {"extends": "alfa", "quotas": {
        "agreed-residents-in-il": {"share_per_year": None}}}}, 422,
     "treaty.quotas.agreed-residents-in-il"),
    ("post", "/compare", {"treaties": ["alfa", "nosuch"]}, 404, "treaties.1"),
    ("post", "/compare", {"years": 0}, 422, "years"),
    ("post", "/compare", {"treaties": ["status-quo"], "start_year": 2020}, 422, "start_year"),
    ("post", "/power", {"quota": 3}, 422, "weights"),
    ("post", "/power", {"quota": 3, "weights": [1, -2]}, 422, "weights"),
    ("post", "/power", {"body": {"name": "l", "seats": {"a": 10_000},
                                 "rule": {"majority": "simple"}}}, 422, "body.seats"),
    ("get", "/runs/nosuchrun", None, 404, "run"),
    ("get", "/jobs/nosuchjob", None, 404, "job"),
    ("get", "/institutions/nosuch", None, 404, "treaty"),
    ("get", "/treaties/nosuch", None, 404, "treaty"),
    ("get", "/verify/nosuch", None, 404, "treaty"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "field"),
    API,
    ids=[f"{m} {p} {i}" for i, (m, p, *_) in enumerate(API)],
)
def test_a_bad_request_is_a_located_4xx_and_stores_nothing(
    tmp_path, method, path, body, status, field
):
    store = tmp_path / "runs.duckdb"
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        if isinstance(body, str):
            r = client.post(path, content=body, headers={"content-type": "application/yaml"})
        elif body is None:
            r = client.request(method.upper(), path)
        else:
            r = client.request(method.upper(), path, json=body)
        assert r.status_code == status, r.text
        error = r.json()["error"]
        assert field in (error.get("field") or ""), error
        assert "Traceback" not in r.text
        if path in ("/simulate", "/compare"):
            assert client.get("/runs").json()["runs"] == []


def test_the_suite_covers_at_least_150_cases():
    assert len(CLI) + len(LOADER) + len(API) >= 150
