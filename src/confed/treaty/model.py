"""The treaty format: pydantic models for one treaty file after `extends:` is merged.

A treaty is data a negotiator can read and edit; the engine gives each field its
meaning. Every clause is `Cited`: it carries `source:` (document id and section) or
`assumption:` (why, where the proposal is silent). See docs/treaty-format.md.
"""

import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from confed.sources import Source, parse_citation
from confed.vocab import ZONES

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
StateId = Annotated[str, Field(pattern=r"^[A-Z]{2,5}$")]
Zone = Literal[ZONES]  # the zone ids of confed.vocab, in their order
Access = Literal["yes", "quota", "permit", "no"]
Restriction = Literal["none", "individual", "collective"]
LocalVote = Literal["council-of-residence", "none"]
V = TypeVar("V")


class Strict(BaseModel):
    """Base for every treaty model: unknown keys are errors, not silently ignored."""

    # defer_build: a model's validator is built when first used, not at import, so
    # loading a treaty builds the Treaty's schema once instead of one for every class
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class Cited(Strict):
    """A clause: it cites a source, or states why it is an assumption."""

    source: list[str] | None = Field(
        default=None,
        description="Citations 'doc-id § section'; one string or a list.",
    )
    assumption: str | None = Field(
        default=None, description="Why this reading was taken where the proposal is silent."
    )
    note: str | None = Field(default=None, description="A plain-language gloss for readers.")
    citation: Literal["unverified"] | None = Field(
        default=None,
        description="'unverified' when the cited document could not be read, so what "
        "the clause takes from it is not checked against its text.",
    )

    @field_validator("source", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("source")
    @classmethod
    def _well_formed(cls, value: list[str] | None) -> list[str] | None:
        for text in value or []:
            parse_citation(text)
        return value

    @model_validator(mode="after")
    def _sourced(self) -> "Cited":
        if not self.source and not self.assumption:
            raise ValueError("a clause needs 'source:' (document § section) or 'assumption:'")
        if self.citation == "unverified" and not self.source:
            raise ValueError("'citation: unverified' needs 'source:' naming the unread document")
        return self


# ---------------------------------------------------------------- rules and rights

Scalar = str | bool | int


class Not(Strict):
    """A condition that holds when the fact is NOT one of the values."""

    not_: Scalar | list[Scalar] = Field(alias="not")


Condition = Scalar | list[Scalar] | Not


class Rule(Cited, Generic[V]):
    """One rule: when all conditions hold (and the phase is in range), the value applies."""

    when: dict[str, Condition] = Field(
        default_factory=dict,
        description="Fact → value, list of values, or {not: …}; all must hold.",
    )
    value: V
    from_: str | None = Field(default=None, alias="from", description="First phase it applies in.")
    until: str | None = Field(default=None, description="Last phase it applies in (inclusive).")
    quota: str | None = Field(default=None, description="The quota (id) that rations a 'quota'.")
    narrows: bool = Field(
        default=False,
        description="The rule deliberately narrows a right from its first phase on; "
        "`confed verify` then accepts the narrowing.",
    )


class Default(Cited, Generic[V]):
    """The value that holds when no rule or exception applies."""

    value: V


class RuleSet(Strict, Generic[V]):
    """A right as default logic: exceptions override rules, rules override the default."""

    default: Default[V] | None = None
    rules: dict[Slug, Rule[V]] = Field(default_factory=dict)
    exceptions: dict[Slug, Rule[V]] = Field(default_factory=dict)


class Rights(Strict):
    """Every right the engine answers, each a rule set over the person-type facts."""

    national_vote: RuleSet[str]
    local_vote: RuleSet[LocalVote]
    may_enter: RuleSet[Access]
    may_reside: RuleSet[Access]
    may_work: RuleSet[Access]
    relocation_required: RuleSet[bool]
    courts: RuleSet[list[str]]
    movement_restriction: RuleSet[Restriction]


# ---------------------------------------------------------------- states, land, time


class Assembly(Strict):
    """A national assembly, elected by the state's citizens."""

    id: Slug
    name: str


class State(Cited):
    """A state party: its name and its national assembly."""

    name: str
    assembly: Assembly


class ThirdParty(Cited):
    """A party that is not a state of the treaty (e.g. the UN) and may sit on bodies."""

    name: str


class Territory(Cited):
    """Which state holds each zone, then place-level exceptions (annexations, swaps)."""

    zones: dict[Zone, str] = Field(
        description="Zone → state id, 'shared' (joint sovereignty) or 'none' (outside the land)."
    )
    places: dict[str, list[str]] = Field(
        default_factory=dict, description="State id → place ids held by it, overriding the zone."
    )


class EntryIntoForce(Cited):
    """The calendar year the treaty takes effect; null leaves it to the documented default."""

    year: int | None = Field(default=None, ge=1948, le=2200)


class Range(Cited):
    """A stated range of a numeric assumption, read by `confed sensitivity`."""

    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> "Range":
        if not self.low <= self.high:
            raise ValueError(f"a range needs low <= high (got {self.low} and {self.high})")
        return self


class GateTest(Strict):
    """One condition of a gate: a metric of the simulation kept within bounds.

    `metric` is 'name.key' as `confed simulate` reports it (e.g. 'inflow_share_max.total');
    see `confed.treaty.gates.GATE_METRICS` for the names a gate may read.
    """

    metric: str = Field(pattern=r"^[a-z_]+\.[A-Za-z0-9_.-]+$", description="'metric.key'")
    at_least: float | None = None
    at_most: float | None = None

    @model_validator(mode="after")
    def _bounded(self) -> "GateTest":
        if self.at_least is None and self.at_most is None:
            raise ValueError("a gate condition needs 'at_least:' or 'at_most:' (or both)")
        if None not in (self.at_least, self.at_most) and self.at_least > self.at_most:
            raise ValueError(f"at_least ({self.at_least}) is above at_most ({self.at_most})")
        return self


class Gate(Cited):
    """A phase that begins when measured conditions hold, with a latest year as fallback.

    The phase begins in the first year from its `start` whose previous year's metrics
    met every condition of `when` (for `for_years` years in a row), or in year
    `latest` if that comes first; `latest: never` lets it wait on its conditions alone.
    """

    when: list[GateTest] = Field(min_length=1, description="Conditions that must all hold.")
    for_years: int = Field(default=1, ge=1, le=50, description="Years in a row they must hold.")
    latest: int | Literal["never"] = Field(
        description="Years after entry into force by which the phase begins in any case, "
        "or 'never' to wait on the conditions alone."
    )


class Phase(Cited):
    """A period of the transition, in whole years after entry into force: [start, end)."""

    title: str
    start: int = Field(ge=0)
    end: int | None = Field(default=None, description="Exclusive; null for the last phase.")
    description: str | None = None
    start_range: Range | None = Field(
        default=None, description="Years after entry into force this phase may start in."
    )
    gate: Gate | None = Field(
        default=None,
        description="Conditions on measured metrics for the phase to begin; `start` is "
        "then the earliest year it may begin in.",
    )


class CountedStock(Strict):
    """A stock counted every year: citizens of one state residing in another."""

    citizens_of: StateId
    residing_in: StateId


class Quota(Cited):
    """A cap on a right granted as 'quota', with a size the simulation enforces.

    The size is a yearly number (`per_year`), a yearly share of the receiving state's
    residents (`share_per_year`), a cumulative cap (`total`), a stock counted every year
    that its admissions may not outnumber (`at_most`), or several of these at once (the
    tightest binds). A yearly size states whether unused places carry over.
    """

    right: Literal["may_enter", "may_reside", "may_work"]
    into: StateId
    for_citizens_of: StateId | None = None
    per_year: int | None = Field(default=None, ge=0, description="Places each year.")
    share_per_year: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description="Places each year as a share of the people residing in `into` "
        "at the start of the year (0.002 = 0.2%).",
    )
    total: int | None = Field(default=None, ge=0, description="Places over the whole run.")
    at_most: CountedStock | None = Field(
        default=None,
        description="The people admitted under the quota since entry into force may "
        "never outnumber this stock, counted every year.",
    )
    carry_over: bool | None = Field(
        default=None,
        description="Whether a year's unused places are added to the next year's; "
        "required with per_year or share_per_year.",
    )
    allocation: Literal["queue", "lottery"] = "queue"
    ranges: dict[Literal["per_year", "share_per_year", "total"], Range] = Field(
        default_factory=dict, description="Stated ranges of the quota's assumed sizes."
    )

    @model_validator(mode="after")
    def _sized(self) -> "Quota":
        sizes = (self.per_year, self.share_per_year, self.total, self.at_most)
        if all(size is None for size in sizes):
            raise ValueError(
                "a quota needs a size: per_year, share_per_year, total or at_most "
                "(where the text gives no number, state one with 'assumption:')"
            )
        yearly = self.per_year is not None or self.share_per_year is not None
        if yearly and self.carry_over is None:
            raise ValueError("a yearly quota must say whether unused places carry over")
        if self.at_most is not None and self.for_citizens_of is None:
            raise ValueError("a quota with 'at_most' must name 'for_citizens_of'")
        return self


class Jerusalem(Cited):
    """How Jerusalem is governed: the regime and the council for each side."""

    regime: Literal[
        "shared-municipality", "coordinated-municipalities", "divided", "under-one-state"
    ]
    councils: dict[str, Slug] = Field(
        description="Sovereign of a Jerusalem place (state id or 'shared') → its council id."
    )
    open_city: bool = Field(description="Movement inside the city is free for all residents.")
    holy_sites: str | None = None


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


class Competence(Cited):
    """Who decides a domain, and which court settles disputes about it."""

    level: Literal["national", "cooperation", "confederal", "joint-regional"]
    body: Slug | None = None
    dispute: Slug | None = None


class Court(Cited):
    """A court: national (of one state), confederal, international, or military."""

    name: str
    level: Literal["national", "confederal", "international", "military"]
    state: StateId | None = None
    judges: dict[str, int] = Field(default_factory=dict)
    third_party_until: str | None = Field(
        default=None, description="Last phase in which third-party judges sit."
    )


class TransitionalAdministration(Cited):
    """An interim authority: who, over what, where, and when it ends."""

    who: str
    mandate: list[str]
    zones: list[Zone]
    until: str = Field(description="Last phase in which it serves (its sunset).")


class SecurityControl(Cited):
    """Who holds external security and who controls the borders of one state's territory."""

    external: str = Field(
        description="A state id, 'joint' (the states together), a third party or a force "
        "of `foreign_forces`, or 'unstated' where the text does not say."
    )
    borders: str = Field(description="Who controls the borders and crossings; same values.")


class ForeignForce(Cited):
    """Armed forces of another state or of third parties stationed in a state's territory."""

    who: str
    zones: list[Zone]
    until: str | None = Field(
        default=None, description="Last phase in which they stay; null where no end is stated."
    )


class Security(Cited):
    """The security regime: screening, who holds security, and where others' forces sit."""

    approach: Literal["individual-screening", "collective-restrictions"]
    forces: str | None = None
    control: dict[StateId, SecurityControl] = Field(
        default_factory=dict, description="State id → who holds its security and borders."
    )
    foreign_forces: dict[Slug, ForeignForce] = Field(default_factory=dict)


class EndOfClaims(Cited):
    """The text's statement that the agreement ends the conflict and all claims."""

    final: bool = Field(description="True where the text declares an end of all claims.")


# ---------------------------------------------------------------- property, holy sites, recognition

HOLY_SITES: dict[str, str] = {
    "haram-al-sharif-temple-mount": "Haram al-Sharif / Temple Mount",
    "western-wall": "Western Wall / al-Buraq Wall",
    "church-of-the-holy-sepulchre": "Church of the Holy Sepulchre",
    "ibrahimi-mosque-cave-of-the-patriarchs": "Ibrahimi Mosque / Cave of the Patriarchs",
    "rachels-tomb": "Rachel's Tomb / Bilal bin Rabah Mosque",
}
"""The holy sites a treaty may name, by id, with both names where both are in use."""

HolySiteId = Literal[tuple(HOLY_SITES)]


class Silent(Cited):
    """A clause that may say the text is silent: then it cites the text it read."""

    silent: bool = Field(
        default=False, description="True where the cited text says nothing on this point."
    )

    def _says_something(self, *fields: str) -> None:
        """Raise unless the clause says something, or is silent and says nothing."""
        given = [f for f in fields if getattr(self, f)]
        if self.silent and given:
            raise ValueError(f"a silent clause states nothing: remove {', '.join(given)}")
        if not self.silent and not given:
            raise ValueError(
                f"say what the text provides ({' or '.join(fields)}), or 'silent: true' "
                "citing the text that is silent"
            )


class PropertyProvision(Silent):
    """What a text provides for one class of property: restitution, compensation, a body."""

    covers: str = Field(description="Whose property, in words (e.g. refugees' property).")
    kind: (
        list[
            Literal[
                "restitution",
                "compensation",
                "commission",
                "fund",
                "law-of-the-state",
                "title-to-state",
            ]
        ]
        | None
    ) = Field(default=None, description="What the text provides; empty when silent.")
    body: str | None = Field(
        default=None, description="The commission, fund or mechanism the text names."
    )

    @model_validator(mode="after")
    def _stated(self) -> "PropertyProvision":
        self._says_something("kind")
        return self


class HolySite(Silent):
    """Who administers a holy site and who may enter it, as the text states."""

    sovereign: str | None = Field(
        default=None, description="A state id, 'shared', or 'deferred' where left open."
    )
    administered_by: list[str] | None = Field(
        default=None, description="State, third-party or body ids that administer the site."
    )
    access: str | None = Field(default=None, description="Who may enter or pray, in words.")

    @model_validator(mode="after")
    def _stated(self) -> "HolySite":
        self._says_something("sovereign", "administered_by", "access")
        return self


class Recognition(Silent):
    """The recognition a state receives, and from whom, as the text states."""

    by: list[str] | None = Field(
        default=None, description="Who recognises it: a state id or a named party, in words."
    )
    as_: str | None = Field(default=None, alias="as", description="Recognised as what.")

    @model_validator(mode="after")
    def _stated(self) -> "Recognition":
        self._says_something("by", "as_")
        return self


class TrustMeasure(Cited):
    """A trust-building measure or condition a text names that confed cannot measure."""

    description: str
    phase: Slug | None = Field(default=None, description="The phase it belongs to, if any.")


# ---------------------------------------------------------------- the treaty


class Treaty(Strict):
    """One concrete, versioned encoding of a framework or proposal."""

    id: Slug
    title: str
    framework: Literal["confederation", "separation", "one-state", "status-quo", "other"]
    summary: str
    extends: str | None = None
    sources: dict[Slug, Source] = Field(
        default_factory=dict, description="Documents this file cites beyond the shipped registry."
    )
    entry_into_force: EntryIntoForce
    states: dict[StateId, State]
    third_parties: dict[Slug, ThirdParty] = Field(default_factory=dict)
    territory: Territory
    jerusalem: Jerusalem
    phases: dict[Slug, Phase]
    quotas: dict[Slug, Quota] = Field(default_factory=dict)
    citizenship: RuleSet[str]
    rights: Rights
    competences: dict[Slug, Competence]
    bodies: dict[Slug, Body] = Field(default_factory=dict)
    courts: dict[Slug, Court]
    transitional_administration: TransitionalAdministration | None = None
    security: Security
    end_of_claims: EndOfClaims | None = Field(
        default=None, description="Whether the text declares an end of claims; absent if silent."
    )
    property_: dict[Slug, PropertyProvision] = Field(
        default_factory=dict,
        alias="property",
        description="Provisions on property: restitution, compensation, commissions, funds.",
    )
    holy_sites: dict[HolySiteId, HolySite] = Field(
        default_factory=dict, description="Holy site id → who administers it and who may enter."
    )
    recognition: dict[StateId, Recognition] = Field(
        default_factory=dict, description="State id → the recognition it receives."
    )
    trust_measures: dict[Slug, TrustMeasure] = Field(
        default_factory=dict, description="Trust-building measures or conditions the text names."
    )
    intends: list[Slug] = Field(
        default_factory=list,
        description="Invariants of `confed verify` this treaty means to satisfy; "
        "verify exits with code 1 when one of them fails.",
    )

    def phase_order(self) -> list[str]:
        """Phase ids in time order."""
        return sorted(self.phases, key=lambda p: self.phases[p].start)
