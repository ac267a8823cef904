"""Plain-language descriptions of treaty clauses, shared by `confed show` and reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from confed.plain import Names
from confed.treaty.decision import (
    AllOf,
    AnyOf,
    AtLeast,
    Deadlock,
    DecisionRule,
    EachParty,
    Fraction,
    Majority,
    Members,
    Unanimity,
    WeightShare,
)
from confed.treaty.model import RuleSet, Treaty
from confed.treaty.phasing import Quota, Range


def rule_text(rule: DecisionRule, name: Callable[[Any], str] = str) -> str:
    """A decision rule in words, e.g. 'at least 3 of IL and at least 3 of PS'.

    `name` turns a party id into the name shown (ids by default).
    """
    among = f" of {', '.join(map(name, rule.among))}" if getattr(rule, "among", None) else ""
    if isinstance(rule, AtLeast):
        return f"at least {rule.at_least} yes{among}"
    if isinstance(rule, Fraction):
        return f"{'more than' if rule.strict else 'at least'} {rule.fraction}{among or ' of seats'}"
    if isinstance(rule, Majority):
        return f"simple majority{among or ' of seats'}"
    if isinstance(rule, EachParty):
        return " and ".join(f"at least {n} of {name(p)}" for p, n in rule.each_party.items())
    if isinstance(rule, Unanimity):
        return "unanimity"
    if isinstance(rule, Members):
        return f"at least {rule.members} of members"
    if isinstance(rule, WeightShare):
        return f"{'more than' if rule.strict else 'at least'} {rule.share} of {rule.weight}"
    if isinstance(rule, AllOf):
        return " AND ".join(f"({rule_text(r, name)})" for r in rule.all)
    if isinstance(rule, AnyOf):
        return " OR ".join(f"({rule_text(r, name)})" for r in rule.any)
    raise TypeError(rule)


def deadlock_text(rule: Deadlock | None, name: Callable[[Any], str] = str) -> str:
    """Who decides a deadlock, in words, e.g. 'casting vote of UN, after 1 unresolved step'."""
    if rule is None:
        return ""
    who = (
        f"casting vote of {', '.join(map(name, rule.casting))}"
        if rule.casting
        else "referral to "
        + ", ".join(f"{name(p)} ({n})" for p, n in (rule.referral or {}).items())
    )
    when = f" when {rule_text(rule.when, name)}" if rule.when is not None else ""
    return f"{who}{when}, after {rule.after} unresolved step{'s' * (rule.after > 1)}"


def rules_by_phase(
    treaty: Treaty, ruleset: RuleSet[Any], name: Names
) -> list[tuple[str, str, str, list[str]]]:
    """Each clause of a right in words: (rank, 'when a person …', value, phases in force).

    >>> from confed.treaty.load import load_treaty
    >>> t = load_treaty("alfa").treaty
    >>> rules_by_phase(t, t.rights.local_vote, Names(t))[-1][:3]
    ('default', 'otherwise', 'the council where the person lives')
    """
    order = treaty.phase_order()
    rows = []
    for rank in ("exceptions", "rules"):
        for rule in getattr(ruleset, rank).values():
            lo = order.index(rule.from_) if rule.from_ else 0
            hi = order.index(rule.until) if rule.until else len(order) - 1
            rows.append(
                (rank[:-1], name.condition(rule.when), name(rule.value), order[lo : hi + 1])
            )
    if ruleset.default is not None:
        rows.append(("default", "otherwise", name(ruleset.default.value), order))
    return rows


def quota_size_text(quota: Quota) -> str:
    """A quota's size in words, every bound it sets, e.g. '0.2% of IL's residents a year'.

    >>> q = Quota(right="may_reside", into="IL", per_year=1000, total=5000,
    ...           carry_over=False, source=["olmert-2008 § Refugees"])
    >>> quota_size_text(q)
    '1,000 a year (unused places lapse); 5,000 in all'
    >>> quota_size_text(q.model_copy(update={"per_year": None, "carry_over": None}))
    '5,000 in all'
    """
    parts = []
    lapse = "carry over" if quota.carry_over else "lapse"
    if quota.per_year is not None:
        parts.append(f"{quota.per_year:,} a year (unused places {lapse})")
    if quota.share_per_year is not None:
        share = f"{quota.share_per_year * 100:g}%"
        parts.append(f"{share} of {quota.into}'s residents a year (unused places {lapse})")
    if quota.total is not None:
        parts.append(f"{quota.total:,} in all")
    if quota.at_most is not None:
        link = quota.at_most
        parts.append(
            f"never more than the {link.citizens_of} citizens residing in {link.residing_in}"
        )
    return "; ".join(parts)


def range_text(r: Range | None) -> str:
    """A stated range in words with what it rests on, or '' when none is stated.

    >>> range_text(Range(low=2, high=8, assumption="no length is given"))
    '2–8 (assumption)'
    >>> range_text(None)
    ''
    """
    if r is None:
        return ""
    basis = "assumption" if r.assumption else ", ".join(r.source or [])
    return f"{r.low:g}–{r.high:g} ({basis})"
