"""The words for confed's fixed vocabularies (rights, facts, values, zones, statuses).

Machine keys stay English everywhere (JSON, URLs, treaty files); these are only the
labels people read, one agreed term per key in each language (docs/i18n.md's glossary).
"""

from __future__ import annotations

from confed.i18n import N_, _

RIGHT_LABELS = {
    "phase": N_("phase"),
    "sovereign": N_("sovereign where they live"),
    "citizenship": N_("citizenship"),
    "national_vote": N_("national vote"),
    "local_vote": N_("local vote"),
    "may_enter": N_("may enter"),
    "may_reside": N_("may reside"),
    "may_work": N_("may work"),
    "relocation_required": N_("required to relocate"),
    "courts": N_("courts"),
    "movement_restriction": N_("movement restriction"),
}
"""Outputs of a rights answer."""

FACT_LABELS = {
    "prior_citizenship": N_("citizenship before the treaty"),
    "status": N_("registered status"),
    "place": N_("place of residence"),
    "zone": N_("zone"),
    "council": N_("council"),
    "district": N_("district"),
    "residence_state": N_("state of residence"),
    "in_land": N_("lives in the land"),
    "citizenship": N_("citizenship"),
    "lives_in_own_state": N_("lives in the state of their citizenship"),
    "state": N_("state"),
    "citizen_of_state": N_("citizen of this state"),
    "lives_in_state": N_("lives in this state"),
}
"""Facts a rule's `when:` tests."""

VALUE_LABELS = {
    "yes": N_("yes"),
    "no": N_("no"),
    "true": N_("yes"),
    "false": N_("no"),
    "permit": N_("with a permit"),
    "quota": N_("within a quota"),
    "none": N_("none"),
    "individual": N_("individual screening"),
    "collective": N_("collective closure"),
    "keep": N_("keeps their citizenship"),
    "assembly-of-citizenship": N_("the assembly of their citizenship"),
    "council-of-residence": N_("the council of their place of residence"),
    "national-of-residence": N_("the national courts of the state of residence"),
    "national-of-citizenship": N_("the national courts of the state of citizenship"),
    "shared": N_("shared sovereignty"),
}
"""Values rules give and facts take, besides ids a treaty names."""

ZONE_LABELS = {
    "israel": N_("Israel within the 1967 line"),
    "settlement-bloc": N_("settlement in a bloc"),
    "settlement-outside-blocs": N_("settlement outside the blocs"),
    "east-jerusalem-israeli": N_("East Jerusalem, Israeli neighbourhood"),
    "east-jerusalem-palestinian": N_("East Jerusalem, Palestinian neighbourhood"),
    "area-a": N_("Area A"),
    "area-b": N_("Area B"),
    "area-c": N_("Area C"),
    "gaza": N_("Gaza Strip"),
    "abroad": N_("abroad (refugee fields)"),
}

STATUS_LABELS = {
    "israeli-citizen": N_("Israeli citizen"),
    "jerusalem-resident": N_("East Jerusalem permanent resident"),
    "west-bank": N_("registered in the West Bank"),
    "gaza": N_("registered in Gaza"),
    "refugee": N_("registered refugee"),
    "other": N_("other"),
}

CITIZENSHIP_LABELS = {"IL": N_("Israel"), "PS": N_("Palestine"), "none": N_("none")}
"""Citizenship held before a treaty (the form's and the CLI's IL, PS, none)."""

REGIME_LABELS = {
    "shared-municipality": N_("one shared municipality"),
    "coordinated-municipalities": N_("two coordinated municipalities"),
    "divided": N_("divided"),
    "under-one-state": N_("under one state"),
}
"""The Jerusalem regimes (`jerusalem.regime`), in words."""

DOMAIN_LABELS = {
    "agriculture": N_("agriculture"),
    "banking": N_("banking"),
    "border-management": N_("border management"),
    "civil-affairs": N_("civil affairs"),
    "civil-aviation": N_("civil aviation"),
    "criminal-justice": N_("criminal justice"),
    "customs": N_("customs"),
    "development-planning": N_("development planning"),
    "economy": N_("economy"),
    "education": N_("education"),
    "energy": N_("energy"),
    "environment": N_("environment"),
    "external-security": N_("external security"),
    "foreign-affairs": N_("foreign affairs"),
    "holy-sites": N_("holy sites"),
    "human-rights": N_("human rights"),
    "immigration": N_("immigration"),
    "implementation": N_("implementation"),
    "infrastructure": N_("infrastructure"),
    "intelligence": N_("intelligence"),
    "internal-security": N_("internal security"),
    "law-enforcement": N_("law enforcement"),
    "policing-cooperation": N_("policing cooperation"),
    "public-health": N_("public health"),
    "refugees": N_("refugees"),
    "security-coordination": N_("security coordination"),
    "social-welfare": N_("social welfare"),
    "taxation": N_("taxation"),
    "tourism": N_("tourism"),
    "transportation": N_("transportation"),
    "water": N_("water"),
}
"""The competence domains the shipped treaties assign (`competences:`); a treaty's own
other domain is shown by its id."""

LEVEL_LABELS = {
    "national": N_("national"),
    "cooperation": N_("cooperation"),
    "confederal": N_("confederal"),
    "joint-regional": N_("joint regional"),
    "international": N_("international"),
    "military": N_("military"),
}
"""The levels a competence is decided at (`Competence.level`) and a court sits at
(`Court.level`), as an adjective of "level" ("decided at the national level")."""

ALLOCATION_LABELS = {"queue": N_("queue"), "lottery": N_("lottery")}
"""How a quota's places are given out (`Quota.allocation`)."""

QUOTA_FIELD_LABELS = {
    "per_year": N_("per year"),
    "share_per_year": N_("share per year"),
    "total": N_("in total"),
}
"""A quota's sizes that a range may vary (`Quota.ranges`)."""

_KINDS = {
    "right": RIGHT_LABELS,
    "fact": FACT_LABELS,
    "value": VALUE_LABELS,
    "zone": ZONE_LABELS,
    "status": STATUS_LABELS,
    "citizenship": CITIZENSHIP_LABELS,
    "regime": REGIME_LABELS,
    "domain": DOMAIN_LABELS,
    "level": LEVEL_LABELS,
    "allocation": ALLOCATION_LABELS,
    "quota_field": QUOTA_FIELD_LABELS,
}


def term(kind: str, key: object) -> str:
    """The label of `key` in vocabulary `kind`, in the current language; else the key.

    >>> from confed.i18n import using
    >>> with using("he"):
    ...     term("zone", "area-c")
    'שטח C'
    >>> term("value", "knesset")  # an id the treaty names: not a vocabulary term
    'knesset'
    """
    if isinstance(key, bool):
        key = "yes" if key else "no"
    label = _KINDS[kind].get(str(key))
    return _(label) if label else str(key)
