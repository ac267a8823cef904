"""A table of person cases across the shipped treaties, each pinned to the clause it checks.

Each row of cases/rights_cases.csv asks one question (treaty, person, year) and states
the expected value of one output *and* the treaty clause that must decide it, so a case
fails both when the value changes and when a different rule starts deciding it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from confed.rights.answer import answer_for
from confed.rights.engine import compiled_treaty

CASES = list(csv.DictReader((Path(__file__).parent / "cases" / "rights_cases.csv").open()))


def _expected(text: str):
    return {"true": True, "false": False, "null": None}.get(text, text)


def _value(data: dict, output: str):
    if "." in output:
        right, state = output.split(".")
        return data[right][state]
    value = data[output]
    return ",".join(value) if isinstance(value, list) else value


def test_the_table_covers_every_treaty_with_forty_cases_or_more():
    assert len(CASES) >= 40
    assert {c["treaty"] for c in CASES} == {
        "alfa",
        "dajani-yehuda-2024",
        "holy-land-confederation",
        "separation",
        "one-state",
        "status-quo",
        "peace-to-prosperity-2020",
    }


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['treaty']}:{c['output']}:{c['why']}")
def test_case(case):
    data = answer_for(
        compiled_treaty(case["treaty"]),
        case["citizenship"],
        case["residence"],
        int(case["year"]),
        case["status"] or None,
    ).data
    assert _value(data, case["output"]) == _expected(case["expected"])
    decided_by = {e["output"]: e["rule"] for e in data["explain"]}
    assert decided_by[case["output"]] == case["clause"]
