"""The comparison's key differences as short sentences, generated from its numbers.

One sentence per headline metric whose last-year value differs between treaties (who
has the most and the least, with the 5–95 % range over the stated assumptions where
the comparison holds a sweep), then one per treaty on the goals its own text sets (a
goal counts for or against a text only if that text claims it). The sentences state
values and names, never a ranking word: readers weigh them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from confed.compare.tables import metric_value, short_name
from confed.i18n import N_, _, current, isolate
from confed.i18n.formats import number, percent
from confed.verify.catalog import reading

NAMED = 2
"""Treaties named in a group of equal values; a larger group is counted, not listed."""


@dataclass(frozen=True)
class Finding:
    """One sentence, with the metric (or 'goals') it is about, for linking and filtering."""

    topic: str
    text: str


def rounded(value: float, unit: str) -> str:
    """A value for a sentence in the current language: 26.0 million, 196,000, 3.5 %.

    >>> rounded(25_982_649, "persons"), rounded(195_840, "persons"), rounded(0.0027, "share")
    ('26.0 million', '196,000', '0.3 %')
    """
    if unit == "share":
        return f"{value * 100:.1f} %" if current() == "en" else percent(value, 1)
    if abs(value) >= 1e6:
        return _("{n} million").format(n=number(value / 1e6, 1))
    if abs(value) >= 1e4:
        return number(round(value, -3))
    return number(value)


def _range(treaty: dict[str, Any], metric: dict[str, Any]) -> str:
    """' (range 0.5–0.9 million)': the metric's 5–95 % over the treaty's sweep, or ''."""
    u = treaty.get("uncertainty")
    m = (u or {}).get("metrics", {}).get(f"{metric['id']}.{metric['key']}")
    if not m or m["p95"] - m["p5"] <= 1e-9 * max(abs(m["p95"]), 1.0):
        return ""
    lo, hi, unit = m["p5"], m["p95"], metric["unit"]
    if unit == "share" and current() == "en":
        return f" (range {lo * 100:.1f}–{hi * 100:.1f} %)"
    if min(abs(lo), abs(hi)) >= 1e6:
        span = _("{low}–{high} million").format(low=number(lo / 1e6, 1), high=number(hi / 1e6, 1))
    else:
        span = f"{rounded(lo, unit)}–{rounded(hi, unit)}"
    return " " + _("(range {span})").format(span=span)


def _names(group: list[dict[str, Any]], metric: dict[str, Any], rest: int) -> str:
    """'A (its range)', 'A and B', or 'the 5 other texts' when the group is everyone left."""
    if len(group) > NAMED and len(group) == rest:
        return _("the {n} other texts").format(n=number(len(group)))
    names = [
        isolate(short_name(t)) + (_range(t, metric) if len(group) <= NAMED else "") for t in group
    ]
    if current() == "en":
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    from confed.treaty.labels import listing

    return listing(names)


def metric_finding(c: dict[str, Any], metric: dict[str, Any]) -> Finding | None:
    """Who has the most and the least of one metric in the last year; None if all agree.

    >>> c = {"treaties": [
    ...     {"name": "A", "years": [{"year": 2040, "metrics": {"m": {"total": 5.0}}}]},
    ...     {"name": "B", "years": [{"year": 2040, "metrics": {"m": {"total": 0.0}}}]}]}
    >>> m = {"id": "m", "key": "total", "title": "People moved", "unit": "persons"}
    >>> metric_finding(c, m).text
    'People moved in 2040: 5 under A; 0 under B.'
    >>> c["treaties"][1]["years"][0]["metrics"]["m"]["total"] = 5.0
    >>> metric_finding(c, m) is None
    True
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    values: dict[str, float] = {}
    year = None
    for t in c["treaties"]:
        last = t["years"][-1]
        value = metric_value(last, metric)
        if value is None:
            continue
        year = last["year"]
        text = rounded(value, metric["unit"])
        groups.setdefault(text, []).append(t)
        values.setdefault(text, value)
    if len(groups) < 2:
        return None
    ordered = sorted(groups, key=lambda text: -values[text])
    if len(ordered) > 3:  # the extremes, and how many lie between
        between = sum(len(groups[text]) for text in ordered[1:-1])
        body = _("from {high} under {most} to {low} under {least}; {n} texts lie between").format(
            high=ordered[0],
            most=_names(groups[ordered[0]], metric, 0),
            low=ordered[-1],
            least=_names(groups[ordered[-1]], metric, 0),
            n=number(between),
        )
    else:
        rest = len(c["treaties"])
        chunks = []
        for text in ordered:
            group = groups[text]
            chunks.append(
                _("{value} under {names}").format(value=text, names=_names(group, metric, rest))
            )
            rest -= len(group)
        body = _("; ").join(chunks)
    sentence = _("{metric} in {year}: {body}.").format(
        metric=_(metric["title"]), year=year, body=body
    )
    return Finding(f"{metric['id']}.{metric['key']}", sentence)


def goals_finding(treaty: dict[str, Any]) -> Finding | None:
    """How many of the properties a text sets itself as goals read met; None if it sets none."""
    claimed = [
        i for i in treaty["invariants"] if i.get("claimed") and i["status"] != "not-applicable"
    ]
    if not claimed:
        return None
    unmet = [isolate(i["title"]) for i in claimed if reading(i["status"], True) == "not met"]
    text = _(
        "{name} sets {n} of the properties confed checks as goals of its own text; {met} read met"
    ).format(
        name=isolate(short_name(treaty)),
        n=number(len(claimed)),
        met=number(len(claimed) - len(unmet)),
    )
    if unmet:
        text += _(", and not met: {goals}").format(goals=_("; ").join(unmet))
    return Finding("goals", text + _("."))


def findings(c: dict[str, Any]) -> list[Finding]:
    """Every finding of a comparison: the metrics that differ, then each text's own goals."""
    by_metric = [f for m in c["metrics"] if (f := metric_finding(c, m))]
    by_goal = [f for t in c["treaties"] if (f := goals_finding(t))]
    return by_metric + by_goal


NOTE = N_(
    "Each sentence is computed from the figures below, in the last simulated year under the "
    "stated assumptions; a range spans a figure from its 5th to its 95th percentile when "
    "every assumption with a stated range varies. A property counts as a goal of a text "
    "only where that text claims it."
)
"""Printed above the findings in every report."""
