"""Joint bodies and their decision rules.

Seats, counts and shares of a named weight, combined with all_of / any_of, and what
happens on deadlock.
"""

import re
from typing import Annotated, Any, Literal

from pydantic import (
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from confed.treaty.clause import Cited, Slug, Strict

# ---------------------------------------------------------------- institutions


class AtLeast(Strict):
    """Passes with at least N yes seats (among the named parties, or all seats)."""

    at_least: int = Field(ge=1)
    among: list[str] | None = None


class Fraction(Strict):
    """Passes with at least (or, strict, more than) a fraction of the seats."""

    fraction: str = Field(pattern=r"^\d+/\d+$")
    strict: bool = False
    among: list[str] | None = None

    @field_validator("fraction")
    @classmethod
    def _proper(cls, value: str) -> str:
        top, bottom = (int(part) for part in value.split("/"))
        if bottom == 0 or top > bottom:
            raise ValueError(f"{value} is not a fraction between 0 and 1")
        return value


class Majority(Strict):
    """Passes with more than half of the seats (among the named parties, or all)."""

    majority: Literal["simple"]
    among: list[str] | None = None


class EachParty(Strict):
    """Passes when each named party casts at least its number of yes seats."""

    each_party: dict[str, int]


class Unanimity(Strict):
    """Passes only when every seat votes yes."""

    unanimity: Literal[True]


class Members(Strict):
    """Passes when at least N members, or a share 'a/b' of all members, vote yes.

    A member is one vote: a seat, or a whole party under `voting: bloc`.
    """

    members: int | str = Field(description="A number of members, or a share like '55/100'.")

    @field_validator("members")
    @classmethod
    def _count_or_share(cls, value: int | str) -> int | str:
        if isinstance(value, int) and value < 1:
            raise ValueError("a number of members is at least 1")
        if isinstance(value, str) and not re.fullmatch(r"\d+/\d+", value):
            raise ValueError("a share of members is written like '55/100'")
        return value


class WeightShare(Strict):
    """Passes when the members voting yes hold at least a share of a named weight.

    The weight is one of the body's `weights:` (e.g. population), or `seats`.
    """

    weight: str
    share: str = Field(pattern=r"^\d+/\d+$", description="e.g. '65/100'")
    strict: bool = Field(default=False, description="More than the share, not at least.")


class AllOf(Strict):
    """Passes when every listed rule passes (e.g. a majority AND a double majority)."""

    all: list["DecisionRule"]


class AnyOf(Strict):
    """Passes when any listed rule passes (e.g. a conditional tie-break)."""

    any: list["DecisionRule"]


_RULE_KEYS = (
    "members",
    "weight",
    "at_least",
    "fraction",
    "majority",
    "each_party",
    "unanimity",
    "all",
    "any",
)


def _rule_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        return next((k for k in _RULE_KEYS if k in value), None)
    return next((k for k in _RULE_KEYS if hasattr(value, k)), None)


DecisionRule = Annotated[
    Annotated[Members, Tag("members")]
    | Annotated[WeightShare, Tag("weight")]
    | Annotated[AtLeast, Tag("at_least")]
    | Annotated[Fraction, Tag("fraction")]
    | Annotated[Majority, Tag("majority")]
    | Annotated[EachParty, Tag("each_party")]
    | Annotated[Unanimity, Tag("unanimity")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")],
    Discriminator(
        _rule_kind,
        custom_error_type="decision_rule",
        custom_error_message="expected one of: " + ", ".join(_RULE_KEYS),
    ),
]


class WeightTable(Cited):
    """A named weight of each member (e.g. population), with the source of its figures."""

    values: dict[str, Annotated[int, Field(ge=0)]] = Field(
        description="Member (party) → its weight, a whole number."
    )


class Deadlock(Cited):
    """Who decides a vote that neither side can carry (a deadlock), and after what step.

    A deadlock is a vote in which neither the members voting yes nor those voting no
    could carry the body by its rule. `casting:` names third parties seated in the body
    whose members then decide by majority (a casting vote); `referral:` names members
    from outside the body who decide instead (e.g. the chair of an arbitration panel).
    `when:` limits the step to proposals with that support; `after:` counts the failed
    rounds or steps that come first (reported; the outcome does not depend on it).
    """

    casting: list[str] | None = None
    referral: dict[str, Annotated[int, Field(ge=1)]] | None = None
    when: DecisionRule | None = None
    after: int = Field(default=1, ge=1)

    @model_validator(mode="after")
    def _one_breaker(self) -> "Deadlock":
        if bool(self.casting) == bool(self.referral):
            raise ValueError(
                "a deadlock rule names who decides: 'casting: [party, …]' (members of the "
                "body) or 'referral: {party: seats}' (members from outside), exactly one"
            )
        return self


def bloc_counts_seats(rule: DecisionRule) -> str | None:
    """The key of a rule that would count seats under bloc voting, if any.

    >>> bloc_counts_seats(Members(members=7))
    >>> bloc_counts_seats(AllOf(all=[Members(members=7), AtLeast(at_least=6)]))
    'at_least'
    """
    if isinstance(rule, AtLeast | Fraction | Majority):
        return _rule_kind(rule)
    if isinstance(rule, AllOf | AnyOf):
        subs = rule.all if isinstance(rule, AllOf) else rule.any
        return next((k for k in map(bloc_counts_seats, subs) if k), None)
    return None


def weight_names(rule: DecisionRule) -> set[str]:
    """The named weights a rule sums."""
    if isinstance(rule, WeightShare):
        return {rule.weight}
    if isinstance(rule, AllOf | AnyOf):
        subs = rule.all if isinstance(rule, AllOf) else rule.any
        return set().union(*map(weight_names, subs))
    return set()


def bloc_problem(rule: DecisionRule | None, voting: str | None) -> str | None:
    """What is wrong with counting seats under bloc voting, if the rule does."""
    key = bloc_counts_seats(rule) if voting == "bloc" and rule is not None else None
    if key is None:
        return None
    return (
        f"with bloc voting, '{key}' would count seats, not members; write "
        "'members: N' (or a share like '7/10') to count members, or "
        "'weight: seats' with 'share:' to weigh each party by its seats"
    )


def check_composition(
    seats: dict[str, int], rule: DecisionRule, voting: str, weights: dict[str, Any]
) -> None:
    """Reject encodings that would be silently wrong; raise ValueError saying what to write.

    >>> check_composition({"A": 1, "B": 1}, Members(members=2), "bloc", {})
    >>> check_composition({"A": 3}, AtLeast(at_least=3), "bloc", {})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: voting: with bloc voting, 'at_least' would count seats, not members; ...
    """
    problem = bloc_problem(rule, voting)
    if problem:
        raise ValueError(f"voting: {problem}")
    for name in sorted(weight_names(rule) - {"seats"}):
        if name not in weights:
            known = ", ".join(["seats", *weights])
            raise ValueError(
                f"rule: it sums weight '{name}', which 'weights:' does not define (known: {known})"
            )
        values = weights[name].values
        missing = [p for p, n in seats.items() if n and p not in values]
        if missing:
            raise ValueError(f"weights.{name}.values: no value for {', '.join(missing)}")
        if voting == "individual":
            shared = [p for p, n in seats.items() if n > 1]
            if shared:
                raise ValueError(
                    f"weights.{name}: a weight is given per member, but {', '.join(shared)} "
                    "hold several seats: use voting: bloc, or one seat per member"
                )


Seats = Annotated[
    dict[str, Annotated[int, Field(ge=0, le=10_000)]],
    Field(min_length=1, description="Party → seats (0 to 10,000 each)."),
]
"""Seats per party: bounded, so a body's game stays computable."""


class BodyChange(Cited):
    """What changes in a body from a phase on (e.g. third-party seats sunset)."""

    from_: str = Field(alias="from")
    seats: Seats | None = None
    rule: DecisionRule | None = None
    voting: Literal["individual", "bloc"] | None = None
    deadlock: Deadlock | None = Field(
        default=None, description="A new deadlock rule; write 'deadlock: null' to end it."
    )


class BodyRule(Strict):
    """A body's composition and decision rule, checked together.

    It is what `confed power --body` reads, and the core of a treaty's joint body.
    """

    seats: Seats
    rule: DecisionRule
    voting: Literal["individual", "bloc"] = "individual"
    weights: dict[Slug, WeightTable] = Field(default_factory=dict)
    deadlock: Deadlock | None = None

    @field_validator("voting")
    @classmethod
    def _members_not_seats(cls, voting: str, info: ValidationInfo) -> str:
        problem = bloc_problem(info.data.get("rule"), voting)
        if problem:
            raise ValueError(problem)
        return voting

    @model_validator(mode="after")
    def _composition(self) -> "BodyRule":
        check_composition(self.seats, self.rule, self.voting, self.weights)
        return self


class Body(BodyRule, Cited):
    """A joint body: seats per party, its decision rule, and how these change by phase."""

    name: str
    changes: dict[Slug, BodyChange] = Field(default_factory=dict)
    assumed: bool = Field(
        default=False,
        description="True when no text gives the body's seats and rule: they are "
        "confed's assumption, so verdicts on the body are not the text's.",
    )

    @model_validator(mode="after")
    def _assumed_says_why(self) -> "Body":
        if self.assumed and not self.assumption:
            raise ValueError("an 'assumed: true' body needs 'assumption:' saying what is assumed")
        return self

    @model_validator(mode="after")
    def _changes_composition(self) -> "Body":
        for change in self.changes.values():
            check_composition(
                change.seats if change.seats is not None else self.seats,
                change.rule or self.rule,
                change.voting or self.voting,
                self.weights,
            )
        return self
