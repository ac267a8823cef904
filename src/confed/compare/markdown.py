"""comparison.md: the comparison as Markdown tables, for reading in a repository or a diff.

It states what the HTML report states, less the charts and the map: the headline
figures in the first and last year, the invariants matrix, each body's power, the
places per sovereign, the assumptions and the sources.
"""

from __future__ import annotations

from typing import Any

from confed.compare.claims_report import claims_markdown
from confed.compare.evidence import evidence_markdown
from confed.compare.findings import NOTE as FINDINGS_NOTE
from confed.compare.findings import findings
from confed.compare.glossary import glossary_markdown
from confed.compare.sections import ELECTORATE_NOTE, SECURITY_HEADER, electorate_rows, security_rows
from confed.compare.tables import (
    ASSUMPTION_ONLY,
    CLAIMED_NOTE,
    MISSING,
    common_years,
    facts_text,
    headlines,
    holds_text,
    invariant_rows,
    name_in,
    phases_text,
    place_counts,
    reading_of,
    reside_parties,
    reside_question,
    short_name,
    sources,
)
from confed.compare.uncertainty import uncertainty_markdown


def _cell(text: object) -> str:
    """Table-cell text: pipes escaped, line breaks folded."""
    return " ".join(str(text).split()).replace("|", r"\|")


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "---|" * len(header))
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _headline_table(comparison: dict[str, Any]) -> list[str]:
    rows = headlines(comparison)
    years = common_years(rows)
    first, last = (str(y) for y in years) if years else ("first year", "last year")
    body = [
        [
            f"{r.metric['title']} ({r.metric['unit']})",
            short_name(r.treaty),
            r.first if years else f"{r.first} ({r.first_year})",
            r.last if years else f"{r.last} ({r.last_year})",
        ]
        for r in rows
    ]
    return _table(["metric", "treaty", first, last], body)


def _invariants(comparison: dict[str, Any]) -> list[str]:
    ids = [t["id"] for t in comparison["treaties"]]
    rows = [[r.title, *(r.status[t].label for t in ids)] for r in invariant_rows(comparison)]
    header = ["property", *(short_name(t) for t in comparison["treaties"])]
    lines = [CLAIMED_NOTE, "", *_table(header, rows)]
    lines += ["### Counterexamples and sources", ""]
    for treaty in comparison["treaties"]:
        for inv in treaty["invariants"]:
            parts = [f"- {short_name(treaty)} · {inv['title']}: {reading_of(inv).label}"]
            if inv.get("counterexample"):
                parts.append(f" — {_cell(facts_text(inv['counterexample'], treaty.get('names')))}")
            if inv.get("detail"):
                parts.append(f" — {_cell(inv['detail'])}")
            if inv["sources"]:
                parts.append(f" (sources: {'; '.join(inv['sources'])})")
            lines.append("".join(parts))
    return [*lines, ""]


def _bodies(comparison: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for treaty in comparison["treaties"]:
        lines += [f"### {treaty['name']}", ""]
        if not treaty["bodies"]:
            lines += ["No joint bodies.", ""]
        for body in treaty["bodies"]:
            power = body["power"]
            lines += [f"**{body['name']}** — rule: {body['rule']}", ""]
            if body.get("assumption_only"):
                lines += [f"_{ASSUMPTION_ONLY}_", ""]
            lines += _table(
                ["party", "power (Banzhaf index)"],
                [[name_in(treaty, p), f"{v:.3f}"] for p, v in power["by_party"].items()],
            )
            lines += [f"- {c['detail']}: {holds_text(c['holds'])}" for c in body["checks"]]
            lines.append("")
    return lines


def _places(comparison: dict[str, Any]) -> list[str]:
    parties = reside_parties(comparison)
    rows = [
        [
            short_name(t),
            t["map"]["year"],
            place_counts(comparison, t["map"]["places"], "sovereign"),
            *(place_counts(comparison, t["map"]["places"], "may_reside", p) for p in parties),
        ]
        for t in comparison["treaties"]
    ]
    header = ["treaty", "year", "places by sovereign"]
    return _table(header + [reside_question(comparison, p) for p in parties], rows)


def render_markdown(comparison: dict[str, Any]) -> str:
    """The whole comparison.md for a Comparison dict (see `confed compare`).

    The key differences first, then the figures, the reference (glossary, parameters,
    assumptions, sources) last, as in the HTML report.
    """
    c = comparison
    names = {t["id"]: short_name(t) for t in c["treaties"]}
    lines = [
        f"# {c['title']}",
        "",
        f"> {c['note']}",
        "",
        f"confed {c['confed_version']}, generated {c['generated']}; "
        f"calendar {c['calendar']['first']}–{c['calendar']['last']}.",
        "",
        "## Key differences",
        "",
        FINDINGS_NOTE,
        "",
        *(f"- {f.text}" for f in findings(c)),
        "",
        "## Headline figures",
        "",
        f"Each metric in the first and last simulated year; {MISSING} where a treaty reports none.",
        "",
        *_headline_table(c),
        "## Goals and properties",
        "",
        *_invariants(c),
        "## Electorates",
        "",
        ELECTORATE_NOTE,
        "",
        *_table(["treaty", "assembly", "first year", "last year"], electorate_rows(c)),
        "## Joint bodies",
        "",
        *_bodies(c),
        "## Security",
        "",
        "Who holds each state's external security and borders, and whose forces sit where, "
        "as each text states it ('joint': the states together).",
        "",
        *_table(SECURITY_HEADER, security_rows(c)),
        *claims_markdown(c),
        *uncertainty_markdown(c, c["metrics"]),
        "## Places",
        "",
        "Number of places by sovereign and by whether a citizen of each state, living at home, "
        "may come to live there, in each map's year.",
        "",
        *_places(c),
        *glossary_markdown(c),
        "## Treaties",
        "",
        *_table(
            ["treaty", "entry year", "entry year from", "phases"],
            [
                [t["name"], t["entry_year"], t["entry_year_source"], phases_text(t)]
                for t in c["treaties"]
            ],
        ),
        "## Parameters and data",
        "",
        c["calendar"]["note"],
        "",
        *_table(["parameter", "value"], [[k, v] for k, v in c["parameters"].items()]),
        *_table(
            ["table", "date", "what"], [[v["table"], v["date"], v["what"]] for v in c["vintages"]]
        ),
        "## Assumptions",
        "",
        *(
            f"- {short_name(t)} · {a['where']}: {a['text']}"
            for t in c["treaties"]
            for a in t["assumptions"]
        ),
        "",
        "## Sources",
        "",
        *(
            f"- {s['id']}: {s['reference']}"
            + (f" <{s['url']}>" if s.get("url") else "")
            + f" (cited by {', '.join(names[t] for t in cited_by)})"
            for s, cited_by in sources(c)
        ),
        "",
        *evidence_markdown(c),
    ]
    return "\n".join(lines) + "\n"
