"""What each simulation metric counts, who is included and its unit, in plain words.

The metric ids (`without_national_vote`, ...) are the stable keys of `--json` and the
run store; people read these titles instead. A metric's keys are named with the same
words (zones, statuses, states, national groups) wherever a key is one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from confed.i18n import N_, _, current
from confed.i18n.terms import term
from confed.plain import STATUS_WORDS, ZONE_WORDS


@dataclass(frozen=True)
class Metric:
    """A metric's title, its unit (people, adults or share) and what it counts."""

    title: str
    unit: str
    counts: str


METRICS: dict[str, Metric] = {
    "population": Metric(
        N_("People"), "people", "Everyone modelled: living in the land, and registered refugees "
        "abroad (Jordan, Lebanon, Syria)."),
    "residents_by_state": Metric(
        N_("People living in the land, by sovereign state"), "people",
        "Residents of the land by the state whose law governs their place of residence."),
    "without_national_vote": Metric(
        N_("Adults in the land without a national vote"), "adults",
        "Adults living in the land who vote for no national assembly; foreign nationals "
        "(who vote in their own states) are counted apart."),
    "under_collective_restriction": Metric(
        N_("People under collective movement restrictions"), "people",
        "Residents of the land whose movement is restricted as a group, not person by "
        "person."),
    "free_movement_share": Metric(
        N_("Residents free to enter every state"), "share",
        "Share of the land's residents who may enter every state without a permit."),
    "relocation_required": Metric(
        N_("People the rules require to relocate"), "people",
        "People living, this year, where the treaty requires them to move."),
    "electorate": Metric(
        N_("Adults voting for each national assembly"), "adults",
        "Adults entitled to vote for each assembly, in total and by national group."),
    "council_electorate": Metric(
        N_("Adults voting for each local council"), "adults",
        "Adults living in the land entitled to vote for each council, in total and by "
        "national group."),
    "electorate_share": Metric(
        N_("National groups' shares of each assembly's electorate"), "share",
        "Each national group's share of the adults voting for an assembly."),
    "residents_by_zone": Metric(
        N_("People living in each zone"), "people", "Everyone modelled, by zone of residence."),
    "relocated_by_treaty": Metric(
        N_("People the treaty relocated (cumulative)"), "people",
        "People moved because the treaty requires it, since entry into force."),
    "refugees_returned_to_il": Metric(
        N_("Refugees settled in Israel (cumulative)"), "people",
        "Registered refugees who moved from abroad to Israel since entry into force."),
    "refugees_returned_to_ps": Metric(
        N_("Refugees settled in Palestine (cumulative)"), "people",
        "Registered refugees who moved from abroad to Palestine since entry into force."),
    "settlers_remaining_in_ps": Metric(
        N_("Israelis living where Palestine is sovereign"), "people",
        "Israeli citizens living in places the treaty gives to Palestine."),
    "arrivals": Metric(
        N_("People who moved across the border this year"), "people",
        "Moves from one state into the other in the year, by the state entered."),
    "internal_moves": Metric(
        N_("People who moved home inside a state this year"), "people",
        "Moves between places of the same state in the year."),
    "quota_admitted": Metric(
        N_("People admitted under each quota this year"), "people",
        "Places of each quota used in the year (quota ids as in confed show)."),
    "applicants_waiting": Metric(
        N_("Applicants waiting for a quota place"), "people",
        "People whose rights allow residence only within a quota and who wait for a "
        "place, by the state they wait to enter."),
    "inflow_share_max": Metric(
        N_("Largest yearly inflow into a municipality"), "share",
        "The year's arrivals into a municipality as a share of its residents, for the "
        "municipality where it is largest (small places apart)."),
    "cross_border_workers": Metric(
        N_("People working across the border"), "adults",
        "Adults who work in a state they neither live in nor are citizens of, by the "
        "state they work in and the right they work under (permit, quota or open)."),
    "linked_quota": Metric(
        N_("Admissions under a linked quota so far, and its bound"), "people",
        "People admitted since entry into force under a quota capped by a stock, and "
        "that stock."),
}  # fmt: skip
"""Every metric a simulation reports, keyed by its id in --json and the run store."""

GROUP_WORDS = {
    "jewish": N_("Jewish"),
    "arab": N_("Arab citizens of Israel"),
    "palestinian": N_("Palestinian"),
    "other": N_("other"),
}
"""National groups as the statistical offices publish them (see people.cohorts)."""

KEY_WORDS = {
    "total": "",
    "in_land": N_("living in the land"),
    "abroad": N_("registered refugees abroad"),
    "foreign_nationals": N_("foreign nationals"),
    "residents": N_("residents, foreign nationals apart"),
    "admitted": N_("admitted"),
    "bound": N_("bound"),
}
"""Keys that are words of the metrics rather than names."""


def metric_title(metric: str) -> str:
    """A metric's title in the current language, or its id with spaces where it has none."""
    return _(METRICS[metric].title) if metric in METRICS else metric.replace("_", " ")


def key_label(key: str, name: Callable[[str], str] = str) -> str:
    """A metric key in words: '' for a total, names for states, zones, statuses, groups.

    In Arabic or Hebrew, zones and statuses take the glossary's terms.

    >>> key_label("status.west-bank"), key_label("knesset.arab"), key_label("area-c")
    ('West Bank resident', 'knesset, Arab citizens of Israel', 'Area C')
    """
    head, _sep, group = key.partition(".")
    english = current() == "en"
    if head == "status":
        return STATUS_WORDS.get(group, group) if english else term("status", group)
    if key in KEY_WORDS:
        return _(KEY_WORDS[key]) if KEY_WORDS[key] else ""
    zone = ZONE_WORDS.get(head) if english else (term("zone", head) if head in ZONE_WORDS else None)
    first = zone or name(head)
    if not group:
        return first
    words = GROUP_WORDS.get(group) or KEY_WORDS.get(group)
    return _("{first}, {group}").format(first=first, group=_(words) if words else group)
