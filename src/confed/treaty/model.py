"""The treaty format: pydantic models for one treaty file after `extends:` is merged.

A treaty is data a negotiator can read and edit; the engine gives each field its
meaning. Every clause is `Cited`: it carries `source:` (document id and section) or
`assumption:` (why, where the proposal is silent). See docs/treaty-format.md.
"""

from typing import Annotated, Generic, Literal, TypeVar

from pydantic import (
    Field,
)

from confed.i18n import LANGUAGES
from confed.sources import Source
from confed.treaty.clause import (
    Access,
    Cited,
    LocalVote,
    Restriction,
    Slug,
    StateId,
    Strict,
    Zone,
)
from confed.treaty.decision import Body
from confed.treaty.permanent_status import (
    HolySite,
    HolySiteId,
    PropertyProvision,
    Recognition,
    TrustMeasure,
)
from confed.treaty.phasing import Phase, Quota

V = TypeVar("V")


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
    published_in: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]] = Field(
        default_factory=lambda: ["en"],
        description="Languages (ISO 639 codes) the documents this file encodes were "
        "published in; the file's own texts are confed's wording in English.",
    )
    translations: dict[Literal[LANGUAGES[1:]], dict[str, str]] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        description="confed's own translations of this file's texts, never the source's "
        "words: language → {dotted path of a title, name, summary, description, note or "
        "assumption (e.g. 'phases.open-movement.title') → its translation}.",
    )

    def phase_order(self) -> list[str]:
        """Phase ids in time order."""
        return sorted(self.phases, key=lambda p: self.phases[p].start)
