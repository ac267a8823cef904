"""Citations a reader can follow: counts, unverified clauses, headings, and what show prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from confed.cli import cli
from confed.errors import ConfedError
from confed.treaty.citations import (
    citation_counts,
    sections_not_in_document,
    unverified_clauses,
)
from confed.treaty.load import load_treaty, shipped_ids


def _load(tmp_path: Path, text: str):
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return load_treaty(path).treaty


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfedError) as info:
        _load(tmp_path, text)
    return info.value.render()


@pytest.mark.parametrize("treaty", shipped_ids())
def test_counts_add_up_for_every_shipped_treaty(treaty):
    t = load_treaty(treaty).treaty
    n = citation_counts(t)
    assert n.treaty == treaty
    assert n.clauses > 0
    assert n.verified + n.unverified <= n.clauses
    assert n.unverified == len(unverified_clauses(t))
    # every clause either cites a source or states an assumption
    assert n.verified + n.unverified + n.assumptions >= n.clauses


@pytest.mark.parametrize("treaty", ["alfa", "holy-land-confederation"])
def test_the_confederation_texts_cite_only_their_own_headings(treaty):
    """Every section a clause names is one of the document's own headings."""
    assert sections_not_in_document(load_treaty(treaty).treaty) == []


def test_a_made_up_heading_is_found(tmp_path):
    t = _load(
        tmp_path,
        "extends: alfa\nphases:\n  open-movement:\n    source: alfa-principles § Borders\n",
    )
    assert ("phases.open-movement", "alfa-principles § Borders") in sections_not_in_document(t)
    assert citation_counts(t).verified == citation_counts(load_treaty("alfa").treaty).verified - 1


def test_an_unverified_clause_is_counted_and_listed(tmp_path):
    t = _load(
        tmp_path,
        "extends: alfa\nphases:\n  open-movement:\n    citation: unverified\n",
    )
    base = citation_counts(load_treaty("alfa").treaty)
    counts = citation_counts(t)
    assert counts.unverified == base.unverified + 1
    assert counts.verified == base.verified - 1
    assert ("phases.open-movement", ["alfa-principles § Vision of the Open Land"]) in (
        unverified_clauses(t)
    )


def test_unverified_needs_a_source_to_be_unverified(tmp_path):
    text = (
        "extends: alfa\nentry_into_force:\n  year: null\n  citation: unverified\n"
        "  assumption: none given\n"
    )
    assert "'citation: unverified' needs 'source:'" in _error(tmp_path, text)


def test_citation_takes_only_unverified(tmp_path):
    text = "extends: alfa\nphases:\n  open-movement:\n    citation: checked\n"
    assert "phases.open-movement.citation" in _error(tmp_path, text)


def test_an_assumed_body_must_say_what_is_assumed(tmp_path):
    text = "extends: status-quo\nbodies:\n  joint-water-committee:\n    assumed: true\n"
    message = _error(tmp_path, text)
    assert "an 'assumed: true' body needs 'assumption:'" in message


def test_bodies_without_a_text_for_their_seats_are_marked_assumed():
    assumed = {
        (tid, bid)
        for tid in shipped_ids()
        for bid, body in load_treaty(tid).treaty.bodies.items()
        if body.assumed
    }
    assert ("separation", "refugee-commission") in assumed
    assert ("alfa", "confederal-council") in assumed
    assert ("holy-land-confederation", "old-city-council") in assumed
    assert ("status-quo", "joint-water-committee") not in assumed  # Oslo II Annex III Art. 40


def test_confed_citations_json_lists_counts_and_unverified_clauses():
    result = CliRunner().invoke(cli, ["citations", "alfa", "peace-to-prosperity-2020", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["treaty"]: r for r in json.loads(result.output)}
    assert set(rows) == {"alfa", "peace-to-prosperity-2020"}
    alfa = rows["alfa"]
    assert {"clauses", "verified", "unverified", "assumptions"} <= set(alfa)
    unverified = {item["clause"] for item in alfa["unverified_clauses"]}
    assert "courts.joint-human-rights-court" in unverified
    assert alfa["unverified"] == len(alfa["unverified_clauses"])


def test_confed_citations_table_covers_every_shipped_treaty():
    result = CliRunner().invoke(cli, ["citations"])
    assert result.exit_code == 0, result.output
    for tid in ("alfa", "status-quo", "peace-to-prosperity-2020"):
        assert tid in result.output


def test_confed_show_prints_each_clause_source_and_assumption(monkeypatch):
    monkeypatch.setenv("COLUMNS", "300")  # one table row a line, so phrases are not wrapped
    result = CliRunner().invoke(cli, ["show", "alfa"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "Where each clause comes from" in text
    assert "alfa-main-principles § Jerusalem for all" in text
    assert "rights.courts.default" in text and "(citation unverified)" in text
    assert "confed assumes consent is given after ten years" in text
    assert "with a verified citation" in text
