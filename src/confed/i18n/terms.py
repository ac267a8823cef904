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

_KINDS = {
    "right": RIGHT_LABELS,
    "fact": FACT_LABELS,
    "value": VALUE_LABELS,
    "zone": ZONE_LABELS,
    "status": STATUS_LABELS,
    "citizenship": CITIZENSHIP_LABELS,
    "regime": REGIME_LABELS,
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
