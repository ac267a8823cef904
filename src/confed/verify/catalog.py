"""The invariants `confed verify` checks, by id, with a plain title each.

The checker has one method per id (hyphens as underscores); these titles document them.
"""

from __future__ import annotations

from confed.i18n import N_

INVARIANTS: dict[str, str] = {
    "one-national-vote": N_("every adult living in the land has exactly one national vote"),
    "local-vote-follows-residence": N_("the local vote follows the place of residence"),
    "same-status-same-rights": N_("people of the same legal status have the same rights"),
    "reciprocity": (
        N_("citizens of each state have, in the other, the rights the other's citizens have in it")
    ),
    "no-forced-relocation": N_("nobody is required to leave their home"),
    "citizens-of-israel-keep-status": (
        N_(
            "citizens of Israel living in Israel, Palestinian citizens of Israel among them, "
            "keep citizenship and residence"
        )
    ),
    "jerusalem-open-without-barriers": (
        N_("no barrier divides Jerusalem and movement inside the city is open to all its residents")
    ),
    "one-deciding-level": (
        N_("every competence has exactly one deciding level, and a confederal one a body")
    ),
    "collective-equality": (
        N_(
            "in every joint body and phase, neither side passes alone, each can block, "
            "and their power is equal"
        )
    ),
    "rights-never-shrink": N_(
        "rights never shrink from one phase to the next unless a clause says so"
    ),
    "transitional-powers-end": N_(
        "every transitional and third-party power ends by a stated phase"
    ),
    "linked-quotas-hold": (
        N_(
            "admissions under a quota tied to a counted stock never outnumber that stock, "
            "year by year"
        )
    ),
    "national-majority-in-each-state": (
        N_(
            "in each state's assembly electorate, the people the state is the national home of "
            "is the majority"
        )
    ),
    "self-determination": (
        N_(
            "each people (Jewish, Palestinian Arab) is the majority of a state assembly's "
            "electorate, and most of its adults vote for that assembly"
        )
    ),
    "end-of-claims": N_("the text declares the agreement the end of all claims"),
    "phases-reachable": (
        N_(
            "every phase begins: on its date, when its gate's conditions hold, "
            "or at its latest year"
        )
    ),
    "each-state-holds-its-security": (
        N_(
            "each state holds, alone or jointly with the other, the external security and the "
            "borders of its own territory"
        )
    ),
}


HOLDS, DOES_NOT_HOLD, NOT_APPLICABLE = "holds", "does-not-hold", "not-applicable"

READINGS: dict[tuple[str, bool], str] = {
    (HOLDS, True): "met",
    (DOES_NOT_HOLD, True): "not met",
    (HOLDS, False): "holds",
    (DOES_NOT_HOLD, False): "does not hold",
    (NOT_APPLICABLE, True): "not applicable",
    (NOT_APPLICABLE, False): "not applicable",
}
"""How every output spells a result: a verdict for a goal the text claims, a measured
fact for a property it does not claim."""


def reading(status: str, claimed: bool) -> str:
    """The words for a result, given whether the treaty's text claims the invariant.

    >>> reading("does-not-hold", claimed=True)
    'not met'
    >>> reading("does-not-hold", claimed=False)
    'does not hold'
    """
    return READINGS[status, claimed]


READING_WORDS = {
    "met": N_("met"),
    "not met": N_("not met"),
    "holds": N_("holds"),
    "does not hold": N_("does not hold"),
    "not applicable": N_("not applicable"),
    "not reported": N_("not reported"),
}
"""Each reading in the words a reader sees, marked for the catalogue."""
