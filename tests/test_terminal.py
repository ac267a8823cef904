"""Every command reads well at 80 columns in a pipe, and `--json` is for machines.

Each command runs through click's CliRunner (whose output is not a terminal) with
COLUMNS=80, on the shipped treaties and a real stored run. Human output must keep every
line within 80 columns, cut no name or number (no `…`), print no Python repr and no
number in scientific notation; `--json` must print valid JSON alone on standard output,
with the keys machines read.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from confed.cli import cli
from confed.screen import Screen, cell_len
from confed.treaty.load import shipped_ids
from confed.treaty.permanent_status import HOLY_SITES

WIDTH = 80
PERSON = ("--citizenship", "PS", "--residence", "jaffa", "--status", "refugee", "--year", "2045")
VARIANT = str(Path(__file__).parents[1] / "docs" / "examples" / "alfa-late-residence.yaml")

FLAWS = {
    "a cut word or number": re.compile(r"…"),
    "scientific notation": re.compile(r"\d(\.\d+)?e[+-]\d\d"),
    "a Python repr": re.compile(r"\{'|\['|\b(None|True|False)\b(?!\s+[a-z])"),  # not "None of"
}


def flaws(text: str) -> list[str]:
    """What is wrong with a human output: wide lines, cut words, reprs, exponents.

    A line may be wider only when it is one word longer than the width (a long web
    address), which is kept whole rather than cut.
    """
    found = [f"{cell_len(line)} columns: {line}" for line in text.splitlines()
             if cell_len(line) > WIDTH and len(line.split()) > 1]  # fmt: skip
    for what, pattern in FLAWS.items():
        found += [f"{what}: {m.group(0)!r} in …{text[max(m.start() - 40, 0) : m.end()]}"
                  for m in pattern.finditer(text)]  # fmt: skip
    return found


def invoke(*args: str, width: int = WIDTH) -> str:
    """Run `confed ARGS` as a pipe 80 columns wide (or `width`); its standard output."""
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A run store holding one real run of alfa (three years, three Monte-Carlo runs)."""
    path = str(tmp_path_factory.mktemp("terminal") / "runs.duckdb")
    data = json.loads(invoke("simulate", "alfa", "--years", "12", "--runs", "3", "--out", path,
                             "--param", "settler_leave_share=0.5", "--json"))  # fmt: skip
    return path, data["run_id"]


def test_the_flaw_check_finds_what_it_looks_for():
    assert flaws("ok 28,740,000 people\n") == []
    assert flaws("    https://example.org/" + "a" * 80) == []  # a web address stays whole
    bad = "x " * 41 + "\npopulat… 2.874e+07 {'IL': 5} None\nNone of these\n"
    assert len(flaws(bad)) == 5


COMMANDS = [
    ("--help",),
    *((name, "--help") for name in (
        "citations", "compare", "data", "institutions", "places", "population", "power",
        "results", "rights", "route", "runs", "schema", "sensitivity", "serve", "show",
        "simulate", "treaties", "validate", "verify")),
    ("data", "check", "--help"),
    ("treaties",),
    *(("show", t) for t in shipped_ids()),
    *(("verify", t) for t in shipped_ids()),
    *(("institutions", t) for t in shipped_ids()),
    *(("rights", t, *PERSON) for t in shipped_ids()),
    ("rights", "status-quo", "--citizenship", "none", "--residence", "beit hanina",
     "--year", "2031"),
    ("places", "jerusalem"),
    ("population",),
    ("population", "--by", "place"),
    ("route", "alfa", "--domain", "water"),
    *(("route", t, "--site", site) for t in ("separation", "holy-land-confederation",
                                              "peace-to-prosperity-2020") for site in HOLY_SITES),
    ("power", "--quota", "12", "--weights", "4,4,4,2,2,1", "--names", "FR,DE,IT,BE,NL,LU"),
    ("citations",),
    ("validate", VARIANT),
    ("data", "check"),
]  # fmt: skip


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_command_reads_well_at_80_columns_in_a_pipe(args):
    assert flaws(invoke(*args)) == []


def test_stored_runs_and_results_read_as_short_tables(store):
    path, run_id = store
    listing = invoke("runs", "--store", path)
    assert flaws(listing) == []
    assert run_id in listing and "settler_leave_share=0.5" in listing
    summary = invoke("results", run_id[:6], "--store", path)
    assert flaws(summary) == []
    assert len(summary.splitlines()) < 80  # not one line per stored value
    assert "Phases: Security transition from 2030" in summary
    assert "People: living in the land" in summary
    assert re.search(r"\b\d{1,3}(,\d{3})+\b", summary)  # grouped thousands
    assert re.search(r"\d+\.\d %", summary)  # shares as percentages
    assert "5th to 95th percentile" in summary  # three runs: bands
    for year in ("2030", "2033", "2040", "2041"):  # each phase's first year and the last
        assert year in summary
    chosen = invoke("results", run_id, "--store", path, "--metric", "electorate",
                    "--year", "2035")  # fmt: skip
    assert flaws(chosen) == [] and "Knesset" in chosen
    assert "2035" in chosen and "2041" not in chosen.split("Phases")[1].split("\n", 2)[2]
    everything = invoke("results", run_id, "--store", path, "--all")
    assert flaws(everything) == []
    assert len(everything.splitlines()) > 10 * len(summary.splitlines())


def test_every_metric_a_run_stores_has_a_title_and_a_unit(store):
    from confed.metric_words import METRICS

    path, run_id = store
    years = json.loads(invoke("results", run_id, "--store", path, "--json"))["years"]
    stored = {metric for year in years for metric, keys in year.items() if isinstance(keys, dict)}
    assert stored <= set(METRICS), stored - set(METRICS)
    assert all(m.unit in ("people", "adults", "share") and m.counts for m in METRICS.values())


def test_an_unknown_metric_is_refused_before_any_output(store):
    path, run_id = store
    result = CliRunner(env={"COLUMNS": "80"}).invoke(
        cli, ["results", run_id, "--store", path, "--metric", "electorat"]
    )
    assert result.exit_code != 0 and result.stdout == ""
    assert "did you mean: electorate" in str(result.exception)


def test_simulate_and_compare_read_well(tmp_path):
    store = str(tmp_path / "runs.duckdb")
    simulated = invoke("simulate", "separation", "--years", "4", "--out", store)
    assert flaws(simulated) == [] and "saved as run" in simulated
    report = str(tmp_path / "report")
    compared = invoke("compare", "alfa", "peace-to-prosperity-2020", "--years", "2",
                      "--sweep", "0", "--out", report, "--store", store)  # fmt: skip
    assert flaws(compared) == []
    assert "peace-to-prosperity-2020" in compared  # a name rich used to cut at 80 columns
    assert "People living in the land" in compared


def test_answers_name_things_as_people_do():
    def words(*args: str) -> str:  # wide, so that no table cell wraps a name
        return " ".join(invoke(*args, width=250).split())

    rights = words("rights", "dajani-yehuda-2024", *PERSON)
    assert "Palestinian National Assembly" in rights and "Tel Aviv-Yafo" in rights
    assert not re.search(r"\b(pna|tel-aviv-yafo|palestine-supreme-court)\b", rights)
    assert "the person lives in that state" in rights  # a condition as a sentence
    shown = words("show", "alfa")
    assert "Supreme Court of Palestine" in shown and "Palestinian National" not in shown
    assert "is not a citizen of that state, does not live in that state" in shown
    assert "citizen_of_state" not in shown and "=true" not in shown
    institutions = words("institutions", "alfa")
    assert "International guarantors" in institutions and "{'" not in institutions
    # gates, holy sites and recognition name states and measures, not ids and keys
    assert "the largest yearly inflow into a municipality is at most 0.02" in shown
    assert "inflow_share_max" not in shown
    site = words("route", "separation", "--site", "western-wall")
    assert "sovereign: Israel" in site and not re.search(r"\b(IL|PS)\b", site)
    separation = words("show", "separation")
    assert "Western Wall / al-Buraq Wall: sovereign Israel; administered by State of" in separation
    assert "State of Palestine: by Israel" in separation


def test_the_sensitivity_summary_reads_well(tmp_path, monkeypatch):
    from confed import termtable
    from confed.sensitivity.commands import _print_sweep

    store = str(tmp_path / "runs.duckdb")
    entries = json.loads(invoke("sensitivity", "alfa", "--years", "2", "--samples", "2",
                                "--param", "settler_leave_share", "--workers", "1",
                                "--store", store, "--json"))  # fmt: skip
    recorded = io.StringIO()
    monkeypatch.setattr(termtable, "screen", Screen(recorded, WIDTH))  # printed for people too
    for entry in entries:
        _print_sweep(entry)
    text = recorded.getvalue()
    assert flaws(text) == [] and "Israelis living" in text and "settler_leave_share" in text


JSON = [
    (("treaties",), {"id", "framework", "title", "phases"}),
    (("show", "alfa"), {"id", "title", "phases", "rights"}),
    (("rights", "dajani-yehuda-2024", *PERSON), {"treaty", "person", "explain"}),
    (("places", "jaffa"), {"id", "name", "zone"}),
    (("population",), {"year", "total", "by_zone"}),
    (("institutions", "alfa"), {"treaty", "phases"}),
    (("route", "alfa", "--domain", "water"), {"level", "body", "dispute"}),
    (("route", "separation", "--site", "western-wall"),
     {"site", "sovereign", "administered_by", "access", "source"}),
    (("power", "--quota", "3", "--weights", "2,1,1"), {"banzhaf"}),
    (("citations",), {"treaty", "clauses"}),
    (("verify", "alfa"), {"treaty", "invariants"}),
    (("validate", VARIANT), {"valid", "treaty", "clauses"}),
    (("data", "check"), {"aggregates"}),
]  # fmt: skip


@pytest.mark.parametrize(("args", "keys"), JSON, ids=[" ".join(a) for a, _ in JSON])
def test_json_is_valid_alone_on_stdout_with_its_keys(args, keys):
    data = json.loads(invoke(*args, "--json"))
    item = data[0] if isinstance(data, list) else data
    assert keys <= set(item)


def test_json_of_runs_results_and_compare(store, tmp_path):
    path, run_id = store
    listed = json.loads(invoke("runs", "--store", path, "--json"))
    assert {"run_id", "treaty", "parameters"} <= set(listed[0])
    results = json.loads(invoke("results", run_id, "--store", path, "--json"))
    assert {"run_id", "treaty", "years"} <= set(results) and len(results["years"]) == 36
    compared = json.loads(invoke("compare", "alfa", "--years", "2", "--sweep", "0", "--json",
                                 "--out", str(tmp_path / "r"), "--store", path))  # fmt: skip
    assert {"treaties", "metrics", "calendar"} <= set(compared)
