"""The aims other frameworks state, measured: majorities, self-determination, claims, security.

The first two describe outcomes, so they read national group: the share of each
group in each assembly's electorate, measured on the population projected to entry
into force under each phase's rules (`confed compare` follows the same shares year
by year as the `electorate_share` metric). The rights themselves never read group.
The last two read the treaty's own statements (`end_of_claims:`, `security:`).
"""

from __future__ import annotations

from functools import cached_property

from confed.i18n import N_
from confed.people.cohorts import GROUPS
from confed.people.summary import population_at
from confed.rights.compile import CompiledTreaty
from confed.simulate.metrics import Totals, metrics
from confed.simulate.state import CohortState
from confed.verify.catalog import DOES_NOT_HOLD, HOLDS, NOT_APPLICABLE
from confed.verify.verdict import English, Said, Verdict
from confed.vocab import ZONE_NAMES

PEOPLES: dict[str, tuple[str, ...]] = {
    "Jewish": ("jewish",),
    "Palestinian Arab": ("arab", "palestinian"),
}
"""The two peoples, as the statistical offices' groups add up to them: CBS 'Jews';
CBS 'Arabs' (citizens of Israel) with PCBS 'Palestinians'. An assumption of confed's,
a user can read the per-group shares instead; 'other' belongs to neither."""

PEOPLE_OF_STATE: dict[str, str] = {"IL": "Jewish", "PS": "Palestinian Arab"}
"""The people each state id is the national home of, as the two-state texts name them
(e.g. the Clinton parameters' 'homeland of the Jewish people' and 'of the Palestinian
people'). A state id not listed here (one state) has no national majority to check."""

MAJORITY = 0.5

POPULATION_NOTE = N_(
    "measured on the population projected to entry into force ({year}) under each "
    "phase's rules; comparison reports follow {metric} year by year. "
    "assumption: the Jewish people is CBS 'Jews'; the Palestinian Arab people is CBS "
    "'Arabs' (citizens of Israel) with PCBS 'Palestinians'"
)


def electorate_shares(electorate: dict[str, float], assembly: str) -> dict[str, float]:
    """Each people's share of one assembly's electorate (0 where it has no voters).

    >>> electorate_shares({"knesset": 10.0, "knesset.jewish": 7.0, "knesset.arab": 2.0,
    ...                    "knesset.palestinian": 0.0, "knesset.other": 1.0}, "knesset")
    {'Jewish': 0.7, 'Palestinian Arab': 0.2}
    >>> electorate_shares({}, "knesset")
    {'Jewish': 0.0, 'Palestinian Arab': 0.0}
    """
    total = electorate.get(assembly, 0.0)
    return {
        people: (sum(electorate.get(f"{assembly}.{g}", 0.0) for g in groups) / total)
        if total
        else 0.0
        for people, groups in PEOPLES.items()
    }


class AimChecks:
    """Invariants for the aims of separation, self-determination and security texts."""

    c: CompiledTreaty
    start: int

    @cached_property
    def _entry_totals(self) -> Totals:
        """The population projected to entry into force, summed per type and group."""
        return CohortState(population_at(self.start), self.c.places).totals(self.c.space.size)

    @cached_property
    def _electorates(self) -> list[dict[str, float]]:
        """Each phase's electorate (metric `electorate`) of the entry-year population."""
        totals = self._entry_totals
        return [metrics(self.c, k, totals)["electorate"] for k in range(len(self.c.phases))]

    def _assembly(self, state: str) -> str:
        return self.c.treaty.states[state].assembly.id

    def national_majority_in_each_state(self) -> Verdict:
        """In each state's electorate, the people it is the home of is the majority."""
        states = [s for s in self.c.states if s in PEOPLE_OF_STATE]
        said = self._population_note()
        if not states:
            return Verdict(
                "national-majority-in-each-state",
                NOT_APPLICABLE,
                said=Said(N_("no state of the treaty is named the national home of one people")),
            )
        for k, electorate in enumerate(self._electorates):
            for state in states:
                assembly = self._assembly(state)
                shares = electorate_shares(electorate, assembly)
                if shares[PEOPLE_OF_STATE[state]] <= MAJORITY:
                    return Verdict(
                        "national-majority-in-each-state",
                        DOES_NOT_HOLD,
                        self._where(k, state, assembly, shares),
                        list(self.c.treaty.states[state].source or []),
                        said=said,
                    )
        return Verdict("national-majority-in-each-state", HOLDS, said=said)

    def self_determination(self) -> Verdict:
        """Each people: most of its adults vote for an assembly in which it is the majority."""
        said = self._population_note()
        adults = self._adults_by_people()
        for k, electorate in enumerate(self._electorates):
            votes = {
                people: {
                    self._assembly(s): sum(
                        electorate.get(f"{self._assembly(s)}.{g}", 0.0) for g in groups
                    )
                    for s in self.c.states
                }
                for people, groups in PEOPLES.items()
            }
            for people, by_assembly in votes.items():
                own = [
                    a for a in by_assembly if electorate_shares(electorate, a)[people] > MAJORITY
                ]
                voting = sum(by_assembly[a] for a in own)
                if not adults[people] or voting / adults[people] <= MAJORITY:
                    return Verdict(
                        "self-determination",
                        DOES_NOT_HOLD,
                        {
                            "people": people,
                            "phase": self.c.phases[k],
                            "assemblies_where_it_is_the_majority": own,
                            "share_of_its_adults_voting_there": round(voting / adults[people], 4)
                            if adults[people]
                            else 0.0,
                        },
                        said=said,
                    )
        return Verdict("self-determination", HOLDS, said=said)

    def _population_note(self) -> Said:
        """Where the shares are measured, and how the peoples are counted."""
        return Said(POPULATION_NOTE, {"year": self.start, "metric": "electorate_share"})

    def _adults_by_people(self) -> dict[str, float]:
        """Adults of each people, with a national vote or without one."""
        by_group = dict(zip(GROUPS, self._entry_totals.adults.sum(axis=0), strict=True))
        return {p: float(sum(by_group[g] for g in groups)) for p, groups in PEOPLES.items()}

    def _where(self, k: int, state: str, assembly: str, shares: dict[str, float]) -> dict:
        return {
            "state": state,
            "assembly": assembly,
            "phase": self.c.phases[k],
            "electorate_share": {p: round(v, 4) for p, v in shares.items()},
        }

    def end_of_claims(self) -> Verdict:
        """The text declares an end of all claims (its `end_of_claims:`)."""
        stated = self.c.treaty.end_of_claims
        if stated is None or not stated.final:
            return Verdict(
                "end-of-claims",
                DOES_NOT_HOLD,
                {"end_of_claims": "not stated" if stated is None else "not final"},
                list(stated.source or []) if stated else [],
                said=Said(N_("the treaty file states no end of claims")),
            )
        return Verdict("end-of-claims", HOLDS, sources=list(stated.source or []))

    def each_state_holds_its_security(self) -> Verdict:
        """Each state's external security and borders are its own or joint (`security:`)."""
        security = self.c.treaty.security
        forces = {
            f: {"who": force.who, "zones": list(force.zones), "until": force.until}
            for f, force in security.foreign_forces.items()
        }
        stationed = [
            Said(N_("{who} in {zones}"), {"who": English(f["who"]), "zones": list(f["zones"])})
            for f in forces.values()
        ]
        said = (
            Said(N_("others' forces stationed: {forces}"), {"forces": stationed})
            if forces
            else Said(N_("no other party's forces stationed"))
        )
        # English names the zones as ZONE_NAMES does, where the message's fields hold ids
        shown = "; ".join(_stationed(f) for f in forces.values())
        detail = said.message.format(forces=shown) if forces else said.english()
        missing = [s for s in self.c.states if s not in security.control]
        if missing:
            return Verdict(
                "each-state-holds-its-security",
                NOT_APPLICABLE,
                said=Said(
                    N_("the treaty file does not say who holds security for {states}"),
                    {"states": missing},
                ),
            )
        unstated = False
        for state, control in security.control.items():
            held = {"external": control.external, "borders": control.borders}
            if any(v not in (state, "joint", "unstated") for v in held.values()):
                return Verdict(
                    "each-state-holds-its-security",
                    DOES_NOT_HOLD,
                    {"state": state, **held, "foreign_forces": forces},
                    list(control.source or []),
                    detail,
                    said=said,
                )
            unstated |= "unstated" in held.values()
        if unstated:
            part = Said(
                N_("the text does not say who holds part of it; {detail}"), {"detail": said}
            )
            return Verdict(
                "each-state-holds-its-security",
                NOT_APPLICABLE,
                detail=part.message.format(detail=detail),
                said=part,
            )
        return Verdict("each-state-holds-its-security", HOLDS, detail=detail, said=said)


def _stationed(force: dict) -> str:
    """A foreign force and the zones it is stationed in, in English (JSON's detail)."""
    return f"{force['who']} in {', '.join(ZONE_NAMES[z] for z in force['zones'])}"
