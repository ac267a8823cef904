"""What each figure of the comparison counts, who it includes and its unit.

Every headline metric has an entry (a test checks it), and so do the words the report
uses for its other tables. Charts take their subtitle from here, so a chart and the
glossary never say two different things.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from confed.i18n import N_, _


@dataclass(frozen=True)
class Term:
    """One glossary entry: what is counted, who is included, and the unit."""

    name: str
    counts: str
    who: str
    unit: str


METRICS: dict[str, Term] = {
    "population.in_land": Term(
        N_("People living in the land"),
        N_("Everyone whose home in that year is in the land."),
        N_(
            "People of every age and status living in Israel, the West Bank with East Jerusalem, "
            "and Gaza; refugees abroad are not included."
        ),
        N_("persons"),
    ),
    "without_national_vote.residents": Term(
        N_("Adults without a national vote"),
        N_(
            "Adults living in the land who may vote for no national assembly (neither the "
            "Knesset, nor the Palestinian assembly, nor a single state's assembly)."
        ),
        N_(
            "Adults (18 and over) living in the land, foreign nationals apart; each person "
            "counts under their legal status, never their national group."
        ),
        N_("persons"),
    ),
    "without_national_vote.total": Term(
        N_("Adults without a national vote"),
        N_("Adults living in the land who may vote for no national assembly."),
        N_("Adults (18 and over) living in the land, foreign nationals included."),
        N_("persons"),
    ),
    "without_national_vote.foreign_nationals": Term(
        N_("Foreign nationals without a national vote here"),
        N_(
            "Adult foreign nationals living in the land, who vote in their own states and for "
            "no assembly here."
        ),
        N_("Adults living in the land whose status is foreign national."),
        N_("persons"),
    ),
    "relocated_by_treaty.total": Term(
        N_("People the treaty requires to relocate"),
        N_(
            "People whose home a treaty's phase requires them to leave, summed since the "
            "first simulated year."
        ),
        N_("Everyone of every age; a person counts once, in the year they must move."),
        N_("persons (cumulative)"),
    ),
    "under_collective_restriction.total": Term(
        N_("People under collective movement restrictions"),
        N_(
            "People whose movement is restricted because of where they live or their status, "
            "not because of anything they did."
        ),
        N_("Everyone of every age living in the land."),
        N_("persons"),
    ),
    "free_movement_share.total": Term(
        N_("Share free to enter every state"),
        N_("The share of the land's residents who may enter every state's territory in that year."),
        N_("Everyone of every age living in the land, as a share of all of them."),
        N_("share of residents (%)"),
    ),
    "refugees_returned_to_il.total": Term(
        N_("Refugees settled in Israel"),
        N_(
            "Registered refugees who have come to live in Israel under the treaty, summed since "
            "the first simulated year."
        ),
        N_(
            "Refugees registered with UNRWA in Jordan, Lebanon, Syria, the West Bank and Gaza "
            "who choose to live in Israel, where the treaty lets them."
        ),
        N_("persons (cumulative)"),
    ),
    "refugees_returned_to_ps.total": Term(
        N_("Refugees settled in Palestine"),
        N_(
            "Registered refugees who have come to live in the State of Palestine under the "
            "treaty, summed since the first simulated year."
        ),
        N_(
            "Refugees registered with UNRWA living in Jordan, Lebanon and Syria who choose to "
            "live in Palestine, where the treaty lets them."
        ),
        N_("persons (cumulative)"),
    ),
    "settlers_remaining_in_ps.total": Term(
        N_("Israelis living where Palestine is sovereign"),
        N_(
            "Israeli citizens living in settlements or Israeli neighbourhoods of East Jerusalem "
            "where the State of Palestine is sovereign in that year."
        ),
        N_("Israeli citizens of every age; zero where the treaty gives Palestine no such place."),
        N_("persons"),
    ),
    "inflow_share_max.total": Term(
        N_("Largest yearly inflow into a municipality"),
        N_(
            "The year's largest number of newcomers into one municipality, as a share of its "
            "population before they came."
        ),
        N_("Municipalities of at least 1,000 people (an assumption a user can change)."),
        N_("share of the municipality's population (%)"),
    ),
    "cross_border_workers.total": Term(
        N_("People working across the border"),
        N_(
            "Adults who work in a state they neither live in nor are citizens of, in that year: "
            "the observed share of eligible adults under permits (PCBS Labour Force Survey) and "
            "stated assumptions where a treaty opens work further; a work quota caps its holders."
        ),
        N_("Adults living in the land outside the state they work in, not its citizens."),
        N_("persons"),
    ),
}
"""Every headline metric, by `metric.key` as comparison.json names it."""

WORDS: tuple[Term, ...] = (
    Term(
        N_("Electorate share"),
        N_("Each national group's share of the adults who may vote for an assembly."),
        N_("Adults with a vote for that assembly, in the land and abroad."),
        N_("share of the electorate (%)"),
    ),
    Term(
        N_("Power (Banzhaf index)"),
        N_(
            "How often a party's seats turn a losing coalition into a winning one in a joint "
            "body, under its decision rule."
        ),
        N_("The parties seated in the body, third parties included."),
        N_("share of all decisive moments (0 to 1)"),
    ),
    Term(
        N_("Goal (met / not met)"),
        N_("A property confed checks that the treaty's own text claims."),
        N_("Every person type in every phase."),
        N_("met or not met"),
    ),
    Term(
        N_("Measured fact (holds / does not hold)"),
        N_(
            "A property confed checks that the treaty's text does not claim; it is reported, "
            "never counted for or against the text."
        ),
        N_("Every person type in every phase."),
        N_("holds or does not hold"),
    ),
    Term(
        N_("Range"),
        N_(
            "The 5th to 95th percentile of a figure when every assumption with a stated range "
            "varies together (a Sobol design)."
        ),
        N_("The figure in the last simulated year."),
        N_("the figure's own unit"),
    ),
)
"""The other words the report's tables use."""


def term_of(metric: dict[str, Any]) -> Term:
    """The glossary entry of a headline metric."""
    return METRICS[f"{metric['id']}.{metric['key']}"]


def glossary_html(c: dict[str, Any]) -> str:
    """The glossary as a definition list: every headline metric, then the other words."""
    terms = [term_of(m) for m in c["metrics"]] + list(WORDS)
    who, unit, stop = escape(_("Who:")), escape(_("Unit:")), escape(_("."))
    items = "".join(
        f'<div><dt id="term-{i}">{escape(_(t.name))}</dt>'
        f"<dd>{escape(_(t.counts))} <b>{who}</b> {escape(_(t.who))} <b>{unit}</b> "
        f"{escape(_(t.unit))}{stop}</dd></div>"
        for i, t in enumerate(terms)
    )
    return f'<dl class="glossary">{items}</dl>'


def glossary_markdown(c: dict[str, Any]) -> list[str]:
    """The glossary as Markdown lines."""
    terms = [term_of(m) for m in c["metrics"]] + list(WORDS)
    lines = ["## Glossary", ""]
    lines += [f"- **{t.name}**: {t.counts} Who: {t.who} Unit: {t.unit}." for t in terms]
    return [*lines, ""]
