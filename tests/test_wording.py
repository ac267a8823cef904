"""The wording test: no generated text passes judgement in evaluative or partisan words.

Every text a reader sees is scanned: the comparison report (Markdown and HTML), the
explorer's pages, and the terminal output of `confed compare`, `confed verify` and
`confed show` for every shipped treaty. A finding is one of EVALUATIVE as a whole
word, case-insensitive (a place name such as Ya'bad is not the word "bad").

The list, and why each family is on it:

- verdict words: results are "met"/"not met" for a goal the text claims and
  "holds"/"does not hold" for a measured fact, never fail/failure, good/bad,
  better/worse, best/worst, fair/unfair, winner/loser;
- moral and legal verdicts, which are for readers, not for the tool: unjust,
  injustice, illegal, (il)legitimate, violation, oppression, victim, racist;
- one side's names for the other or for the land, and charged terms for the conflict:
  apartheid, occupation/occupier/occupied, colonial/colonist/colonisation, terror and
  its derivatives, ethnic cleansing, expulsion, siege, blockade, martyr, liberation,
  "Judea and Samaria", "Zionist entity".

Two things are exempt, each for a stated reason: the bibliographic reference of a
cited source (a publisher's or document's own name, e.g. "Palestine Liberation
Organization" as a party to the 1995 Interim Agreement, is cited by its public
identity), and ATTRIBUTED, a phrase a treaty's own text uses for its own aim, quoted
as that treaty's wording (listed with the treaty that uses it).
"""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from confed.server.app import create_app
from confed.sources import registry
from confed.treaty.load import shipped_ids

EVALUATIVE = (
    "fail", "fails", "failed", "failing", "failure", "failures",
    "good", "bad", "better", "worse", "best", "worst",
    "fair", "unfair", "winner", "winners", "loser", "losers",
    "unjust", "injustice", "illegal", "legitimate", "illegitimate",
    "violation", "violations", "violates", "oppression", "oppressive",
    "victim", "victims", "racist", "racism",
    "apartheid", "occupation", "occupier", "occupied",
    "colonial", "colonist", "colonists", "colonisation", "colonization",
    "terror", "terrorist", "terrorists", "terrorism",
    "ethnic cleansing", "expulsion", "expelled", "siege", "blockade",
    "martyr", "martyrs", "liberation", "liberated",
    "judea and samaria", "zionist entity",
)  # fmt: skip

ATTRIBUTED = {
    "ending-occupation": "dajani-yehuda-2024: the transitional administration's mandate",
    "ending occupation": "dajani-yehuda-2024: the same mandate as confed show words it",
    "ends the occupation": "dajani-yehuda-2024: the transitional administration's mandate",
}
"""Phrases that are a treaty's own wording for its own aim, shown as that treaty's."""

WORD = re.compile(
    r"(?<![\w'’-])("
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in EVALUATIVE)
    + r")(?![\w])",
    re.IGNORECASE,
)


def findings(text: str) -> list[str]:
    """Evaluative words in a text, with their context, after the stated exemptions."""
    plain = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())
    for reference in {" ".join(s.reference().split()) for s in registry().values()}:
        plain = plain.replace(reference, " ")
    for phrase in ATTRIBUTED:
        plain = re.sub(re.escape(phrase), " ", plain, flags=re.IGNORECASE)
    return [plain[max(0, m.start() - 60) : m.end() + 40] for m in WORD.finditer(plain)]


def test_the_word_list_catches_what_it_lists_and_spares_place_names():
    assert len(findings("<td>fails</td>; Judea  and Samaria; a terrorist")) == 3
    assert findings("Ya&#x27;bad (area-b); does not hold; not met") == []
    assert len(findings("in bad faith")) == 1
    assert findings("the transitional administration: ending-occupation") == []


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> dict[str, str]:
    """Every text a reader sees, by where it comes from (one short comparison run)."""
    from click.testing import CliRunner

    from confed.cli import cli

    out = tmp_path_factory.mktemp("wording")
    store = out / "runs.duckdb"
    runner = CliRunner()
    found: dict[str, str] = {}
    run = runner.invoke(
        cli, ["compare", "--years", "2", "--sweep", "2", "--out", str(out), "--store", str(store)]
    )
    assert run.exit_code == 0, run.output
    found["confed compare"] = run.output
    for name in ("comparison.md", "comparison.html"):
        found[name] = (out / name).read_text(encoding="utf-8")
    for treaty in shipped_ids():
        for verb in ("verify", "show"):
            found[f"confed {verb} {treaty}"] = runner.invoke(cli, [verb, treaty]).output
    pages = ["/explorer/?years=2", "/explorer/claims?years=2", "/explorer/treaties"]
    pages += ["/explorer/rights"]
    pages += ["/explorer/scenario", "/explorer/runs"]
    pages += [f"/explorer/treaties/{t}" for t in shipped_ids()]
    with TestClient(create_app(store)) as client:
        runs = client.get("/runs").json()
        pages += [f"/explorer/runs/{r['run_id']}" for r in runs["runs"][:2]]
        pages += [
            f"/explorer/rights?citizenship=PS&residence=hebron&year=2035&treaty={t}"
            for t in shipped_ids()
        ]
        for page in pages:
            response = client.get(page)
            assert response.status_code == 200, page
            found[page] = response.text
        found["/verify"] = json.dumps([client.get(f"/verify/{t}").json() for t in shipped_ids()])
    return found


def test_no_generated_text_uses_an_evaluative_word(texts):
    hits = {where: found for where, text in texts.items() if (found := findings(text))}
    assert hits == {}


def test_the_texts_scanned_include_every_treatys_results(texts):
    for treaty in shipped_ids():
        assert "Properties the text does not claim" in texts[f"confed verify {treaty}"]
        assert f"/explorer/treaties/{treaty}" in texts
    assert "not met" not in texts["confed verify separation"]
    assert "does not hold" in texts["comparison.md"]
