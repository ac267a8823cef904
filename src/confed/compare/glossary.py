"""What each figure of the comparison counts, who it includes and its unit.

Every headline metric has an entry (a test checks it), and so do the words the report
uses for its other tables. Charts take their subtitle from here, so a chart and the
glossary never say two different things.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any


@dataclass(frozen=True)
class Term:
    """One glossary entry: what is counted, who is included, and the unit."""

    name: str
    counts: str
    who: str
    unit: str


LAND = "Israel, the West Bank with East Jerusalem, and Gaza"

METRICS: dict[str, Term] = {
    "population.in_land": Term(
        "People living in the land",
        "Everyone whose home in that year is in the land.",
        f"People of every age and status living in {LAND}; refugees abroad are not included.",
        "persons",
    ),
    "without_national_vote.residents": Term(
        "Adults without a national vote",
        "Adults living in the land who may vote for no national assembly (neither the "
        "Knesset, nor the Palestinian assembly, nor a single state's assembly).",
        "Adults (18 and over) living in the land, foreign nationals apart; each person "
        "counts under their legal status, never their national group.",
        "persons",
    ),
    "without_national_vote.total": Term(
        "Adults without a national vote",
        "Adults living in the land who may vote for no national assembly.",
        "Adults (18 and over) living in the land, foreign nationals included.",
        "persons",
    ),
    "without_national_vote.foreign_nationals": Term(
        "Foreign nationals without a national vote here",
        "Adult foreign nationals living in the land, who vote in their own states and for "
        "no assembly here.",
        "Adults living in the land whose status is foreign national.",
        "persons",
    ),
    "relocated_by_treaty.total": Term(
        "People the treaty requires to relocate",
        "People whose home a treaty's phase requires them to leave, summed since the "
        "first simulated year.",
        "Everyone of every age; a person counts once, in the year they must move.",
        "persons (cumulative)",
    ),
    "under_collective_restriction.total": Term(
        "People under collective movement restrictions",
        "People whose movement is restricted because of where they live or their status, "
        "not because of anything they did.",
        "Everyone of every age living in the land.",
        "persons",
    ),
    "free_movement_share.total": Term(
        "Share free to enter every state",
        "The share of the land's residents who may enter every state's territory in that year.",
        "Everyone of every age living in the land, as a share of all of them.",
        "share of residents (%)",
    ),
    "refugees_returned_to_il.total": Term(
        "Refugees settled in Israel",
        "Registered refugees who have come to live in Israel under the treaty, summed since "
        "the first simulated year.",
        "Refugees registered with UNRWA in Jordan, Lebanon, Syria, the West Bank and Gaza "
        "who choose to live in Israel, where the treaty lets them.",
        "persons (cumulative)",
    ),
    "refugees_returned_to_ps.total": Term(
        "Refugees settled in Palestine",
        "Registered refugees who have come to live in the State of Palestine under the "
        "treaty, summed since the first simulated year.",
        "Refugees registered with UNRWA living in Jordan, Lebanon and Syria who choose to "
        "live in Palestine, where the treaty lets them.",
        "persons (cumulative)",
    ),
    "settlers_remaining_in_ps.total": Term(
        "Israelis living where Palestine is sovereign",
        "Israeli citizens living in settlements or Israeli neighbourhoods of East Jerusalem "
        "where the State of Palestine is sovereign in that year.",
        "Israeli citizens of every age; zero where the treaty gives Palestine no such place.",
        "persons",
    ),
    "inflow_share_max.total": Term(
        "Largest yearly inflow into a municipality",
        "The year's largest number of newcomers into one municipality, as a share of its "
        "population before they came.",
        "Municipalities of at least 1,000 people (an assumption a user can change).",
        "share of the municipality's population (%)",
    ),
    "cross_border_workers.total": Term(
        "People working across the border",
        "Adults who work in a state they neither live in nor are citizens of, in that year: "
        "the observed share of eligible adults under permits (PCBS Labour Force Survey) and "
        "stated assumptions where a treaty opens work further; a work quota caps its holders.",
        "Adults living in the land outside the state they work in, not its citizens.",
        "persons",
    ),
}
"""Every headline metric, by `metric.key` as comparison.json names it."""

WORDS: tuple[Term, ...] = (
    Term(
        "Electorate share",
        "Each national group's share of the adults who may vote for an assembly.",
        "Adults with a vote for that assembly, in the land and abroad.",
        "share of the electorate (%)",
    ),
    Term(
        "Power (Banzhaf index)",
        "How often a party's seats turn a losing coalition into a winning one in a joint "
        "body, under its decision rule.",
        "The parties seated in the body, third parties included.",
        "share of all decisive moments (0 to 1)",
    ),
    Term(
        "Goal (met / not met)",
        "A property confed checks that the treaty's own text claims.",
        "Every person type in every phase.",
        "met or not met",
    ),
    Term(
        "Measured fact (holds / does not hold)",
        "A property confed checks that the treaty's text does not claim; it is reported, "
        "never counted for or against the text.",
        "Every person type in every phase.",
        "holds or does not hold",
    ),
    Term(
        "Range",
        "The 5th to 95th percentile of a figure when every assumption with a stated range "
        "varies together (a Sobol design).",
        "The figure in the last simulated year.",
        "the figure's own unit",
    ),
)
"""The other words the report's tables use."""


def term_of(metric: dict[str, Any]) -> Term:
    """The glossary entry of a headline metric."""
    return METRICS[f"{metric['id']}.{metric['key']}"]


def glossary_html(c: dict[str, Any]) -> str:
    """The glossary as a definition list: every headline metric, then the other words."""
    terms = [term_of(m) for m in c["metrics"]] + list(WORDS)
    items = "".join(
        f'<div><dt id="term-{i}">{escape(t.name)}</dt>'
        f"<dd>{escape(t.counts)} <b>Who:</b> {escape(t.who)} <b>Unit:</b> {escape(t.unit)}.</dd>"
        "</div>"
        for i, t in enumerate(terms)
    )
    return f'<dl class="glossary">{items}</dl>'


def glossary_markdown(c: dict[str, Any]) -> list[str]:
    """The glossary as Markdown lines."""
    terms = [term_of(m) for m in c["metrics"]] + list(WORDS)
    lines = ["## Glossary", ""]
    lines += [f"- **{t.name}**: {t.counts} Who: {t.who} Unit: {t.unit}." for t in terms]
    return [*lines, ""]
