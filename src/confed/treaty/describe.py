"""Plain-language descriptions of treaty clauses, shared by `confed show` and reports."""

from __future__ import annotations

from typing import Any

from confed.treaty.model import (
    AllOf,
    AnyOf,
    AtLeast,
    Deadlock,
    DecisionRule,
    EachParty,
    Fraction,
    Majority,
    Members,
    RuleSet,
    Treaty,
    Unanimity,
    WeightShare,
)


def rule_text(rule: DecisionRule) -> str:
    """A decision rule in words, e.g. 'at least 3 of IL and at least 3 of PS'."""
    among = f" of {', '.join(rule.among)}" if getattr(rule, "among", None) else ""
    if isinstance(rule, AtLeast):
        return f"at least {rule.at_least} yes{among}"
    if isinstance(rule, Fraction):
        return f"{'more than' if rule.strict else 'at least'} {rule.fraction}{among or ' of seats'}"
    if isinstance(rule, Majority):
        return f"simple majority{among or ' of seats'}"
    if isinstance(rule, EachParty):
        return " and ".join(f"at least {n} of {p}" for p, n in rule.each_party.items())
    if isinstance(rule, Unanimity):
        return "unanimity"
    if isinstance(rule, Members):
        return f"at least {rule.members} of members"
    if isinstance(rule, WeightShare):
        return f"{'more than' if rule.strict else 'at least'} {rule.share} of {rule.weight}"
    if isinstance(rule, AllOf):
        return " AND ".join(f"({rule_text(r)})" for r in rule.all)
    if isinstance(rule, AnyOf):
        return " OR ".join(f"({rule_text(r)})" for r in rule.any)
    raise TypeError(rule)


def deadlock_text(rule: Deadlock | None) -> str:
    """Who decides a deadlock, in words, e.g. 'casting vote of UN, after 1 failed step'."""
    if rule is None:
        return ""
    who = (
        f"casting vote of {', '.join(rule.casting)}"
        if rule.casting
        else "referral to " + ", ".join(f"{p} ({n})" for p, n in (rule.referral or {}).items())
    )
    when = f" when {rule_text(rule.when)}" if rule.when is not None else ""
    return f"{who}{when}, after {rule.after} failed step{'s' * (rule.after > 1)}"


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _when(when: dict[str, Any]) -> str:
    parts = []
    for fact, wanted in when.items():
        if hasattr(wanted, "not_"):
            parts.append(f"{fact} not {_value(wanted.not_)}")
        else:
            parts.append(f"{fact}={_value(wanted)}")
    return ", ".join(parts) or "always"


def rules_by_phase(treaty: Treaty, ruleset: RuleSet[Any]) -> list[tuple[str, str, str, list[str]]]:
    """Each clause of a right as (rank, label, 'when → value', phases it is active in)."""
    order = treaty.phase_order()
    rows = []
    for rank in ("exceptions", "rules"):
        for label, rule in getattr(ruleset, rank).items():
            lo = order.index(rule.from_) if rule.from_ else 0
            hi = order.index(rule.until) if rule.until else len(order) - 1
            text = f"{_when(rule.when)} → {_value(rule.value)}"
            rows.append((rank[:-1], label, text, order[lo : hi + 1]))
    if ruleset.default is not None:
        rows.append(("default", "default", f"otherwise → {_value(ruleset.default.value)}", order))
    return rows
