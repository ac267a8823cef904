"""The peer for the rights benchmark: Dajani & Yehuda's rules written for OpenFisca.

The same clauses as src/confed/frameworks/dajani-yehuda-2024.yaml in its open-movement
phase, written the OpenFisca way (one vectorized formula per variable), evaluated on
the same rows with the same place tables. Outputs use confed's integer codes so the
two engines can be compared column by column.

Needs the optional benchmark extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.periods import DateUnit
from openfisca_core.simulation_builder import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

from confed.rights.compile import CompiledTreaty
from confed.vocab import ACCESS, RESTRICTIONS, STATUSES, ZONES

Person = build_entity(key="person", plural="persons", label="Person", is_person=True)
IL, PS, NO_CITIZENSHIP = 0, 1, 2
YES, QUOTA, PERMIT = ACCESS.index("yes"), ACCESS.index("quota"), ACCESS.index("permit")
PALESTINIAN_REGISTRATIONS = [
    STATUSES.index(s) for s in ("jerusalem-resident", "west-bank", "gaza", "refugee")
]


def _input(name: str) -> type[Variable]:
    return type(
        name,
        (Variable,),
        {"value_type": int, "entity": Person, "definition_period": DateUnit.YEAR, "label": name},
    )


def _formula(name: str, fn) -> type[Variable]:
    return type(
        name,
        (Variable,),
        {
            "value_type": int,
            "entity": Person,
            "definition_period": DateUnit.YEAR,
            "label": name,
            "formula": fn,
        },
    )


def system(compiled: CompiledTreaty) -> TaxBenefitSystem:
    """A tax-benefit system holding the treaty's rules as OpenFisca formulas."""
    holder = compiled.place_sovereign  # place → sovereign code (territory clause)
    councils = compiled.place_council  # place → council code (Jerusalem regime applied)
    shared = compiled.sovereign_vocab.index("shared")
    abroad = ZONES.index("abroad")
    zone = compiled.places.zone
    no_council = compiled.council_vocab.index("none")

    def citizenship(person, period):
        prior, status = person("prior_citizenship", period), person("status", period)
        registered = (prior == NO_CITIZENSHIP) & np.isin(status, PALESTINIAN_REGISTRATIONS)
        return np.where(registered, PS, prior)  # citizenship.rules / citizenship.default

    def sovereign(person, period):
        return holder[person("place", period)]

    def national_vote(person, period):
        return person("citizenship", period)  # assembly-of-citizenship, same order

    def local_vote(person, period):
        place = person("place", period)
        return np.where(zone[place] == abroad, no_council, councils[place])

    def lives_in(person, period, state):
        residence = person("sovereign", period)
        return (residence == state) | (residence == shared)

    def access(state: int, kind: str):
        def formula(person, period):
            cit = person("citizenship", period)
            lives = lives_in(person, period, state)
            own = cit == state
            citizen_of_either = cit != NO_CITIZENSHIP
            out = np.full(len(cit), PERMIT)  # default
            if kind == "reside":  # phased residence, rationed in this phase
                out = np.where(citizen_of_either & ~own & ~lives, QUOTA, out)
                out = np.where(~own & lives & citizen_of_either, YES, out)
            else:  # movement and work are open in this phase
                out = np.where(~own & ~lives & citizen_of_either, YES, out)
                out = np.where(lives, YES, out)
            return np.where(own, YES, out)

        return formula

    tbs = TaxBenefitSystem([Person])
    for name in ("prior_citizenship", "status", "place"):
        tbs.add_variable(_input(name))
    variables = {
        "citizenship": citizenship,
        "sovereign": sovereign,
        "national_vote": national_vote,
        "local_vote": local_vote,
        "relocation_required": lambda person, period: np.zeros(person.count, dtype=int),
        "movement_restriction": lambda person, period: np.full(
            person.count, RESTRICTIONS.index("individual")
        ),
    }
    for state, code in (("IL", IL), ("PS", PS)):
        variables[f"may_enter_{state}"] = access(code, "enter")
        variables[f"may_reside_{state}"] = access(code, "reside")
        variables[f"may_work_{state}"] = access(code, "work")
    for name, fn in variables.items():
        tbs.add_variable(_formula(name, fn))
    return tbs


OUTPUTS = [
    "sovereign",
    "citizenship",
    "national_vote",
    "local_vote",
    "may_enter_IL",
    "may_enter_PS",
    "may_reside_IL",
    "may_reside_PS",
    "may_work_IL",
    "may_work_PS",
    "relocation_required",
    "movement_restriction",
]


def openfisca_rights(tbs: TaxBenefitSystem, people, year: int) -> dict[str, np.ndarray]:
    """Every output for every row, computed by OpenFisca."""
    sim = SimulationBuilder().build_default_simulation(tbs, count=len(people))
    period = str(year)
    sim.set_input("prior_citizenship", period, people.prior_citizenship.astype(np.int32))
    sim.set_input("status", period, people.status.astype(np.int32))
    sim.set_input("place", period, people.place.astype(np.int32))
    return {name: sim.calculate(name, period) for name in OUTPUTS}
