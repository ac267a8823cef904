"""A joint body's decision rule in the reader's words (Arabic, Hebrew), from the rule itself.

English keeps the engine's sentence (`confed.treaty.describe.rule_text`). Elsewhere the
rule is worded from catalogue messages whose fields are filled in, so `confed show`,
`confed route`, the explorer's treaty page and the report's joint bodies say the same
rule the same way; the caller says how ids are named (a treaty's translated names, or
a comparison's), shares and weights stay as written, isolated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter

from confed.i18n import _, isolate
from confed.treaty.decision import (
    AllOf,
    AnyOf,
    AtLeast,
    DecisionRule,
    EachParty,
    Fraction,
    Majority,
    Members,
    Unanimity,
    WeightShare,
)
from confed.treaty.labels import listing

RULES: TypeAdapter[Any] = TypeAdapter(DecisionRule)
"""Reads a rule back from its JSON form (a comparison's `decision`)."""


def decision_words(rule: DecisionRule, name: Callable[[Any], str]) -> str:
    """`rule` in the current language; `name` names an id or a list of ids ('a and b')."""
    among = name(list(rule.among)) if getattr(rule, "among", None) else ""
    if isinstance(rule, AtLeast):
        return _("at least {n} yes of {among}").format(n=rule.at_least, among=among) \
            if among else _("at least {n} yes").format(n=rule.at_least)  # fmt: skip
    if isinstance(rule, Fraction | WeightShare):
        share = isolate(rule.fraction if isinstance(rule, Fraction) else rule.share)
        whole = among or (_("seats") if isinstance(rule, Fraction) else isolate(rule.weight))
        more = (
            _("more than {share} of {whole}") if rule.strict else _("at least {share} of {whole}")
        )
        return more.format(share=share, whole=whole)
    if isinstance(rule, Majority):
        return _("simple majority of {whole}").format(whole=among or _("seats"))
    if isinstance(rule, EachParty):
        each = [
            _("at least {n} of {party}").format(n=n, party=name(p))
            for p, n in rule.each_party.items()
        ]
        return listing(each)
    if isinstance(rule, Unanimity):
        return _("unanimity")
    if isinstance(rule, Members):
        return _("at least {n} of members").format(n=rule.members)
    if isinstance(rule, AllOf):
        return _("all of: {rules}").format(
            rules="; ".join(decision_words(r, name) for r in rule.all)
        )
    if isinstance(rule, AnyOf):
        return _("any of: {rules}").format(
            rules="; ".join(decision_words(r, name) for r in rule.any)
        )
    raise TypeError(rule)


def rule_json(rule: DecisionRule) -> Any:
    """`rule` as JSON data that `RULES` reads back (a comparison stores it so)."""
    return RULES.dump_python(rule, mode="json", exclude_none=True)
