"""The peers for the rights benchmark: Dajani & Yehuda's rules written for OpenFisca.

The same clauses as src/confed/frameworks/dajani-yehuda-2024.yaml in its open-movement
phase, written the OpenFisca way (one vectorized formula per variable), evaluated on
the same rows with the same place tables. Outputs use confed's integer codes so the
engines can be compared column by column. The same formulas run on OpenFisca-core and
on PolicyEngine-core (OpenFisca's fork, same API under another package name).

Needs the optional benchmark extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import numpy as np

from confed.rights.compile import CompiledTreaty
from confed.vocab import ACCESS, RESTRICTIONS, STATUSES, ZONES

CORES = {"openfisca": "openfisca_core", "policyengine": "policyengine_core"}
IL, PS, NO_CITIZENSHIP = 0, 1, 2
YES, QUOTA, PERMIT = ACCESS.index("yes"), ACCESS.index("quota"), ACCESS.index("permit")
PALESTINIAN_REGISTRATIONS = [
    STATUSES.index(s) for s in ("jerusalem-resident", "west-bank", "gaza", "refugee")
]


def core(name: str) -> SimpleNamespace:
    """The classes of one core (`openfisca` or `policyengine`); ImportError if not installed."""
    package = CORES[name]

    def part(module: str, attr: str):
        return getattr(importlib.import_module(f"{package}.{module}"), attr)

    build_entity = part("entities", "build_entity")
    if name == "openfisca":
        year = part("periods", "DateUnit").YEAR
        builder = part("simulation_builder", "SimulationBuilder")
    else:
        year = part("periods", "YEAR")
        builder = part("simulations", "SimulationBuilder")
    return SimpleNamespace(
        name=name,
        version=importlib.import_module("importlib.metadata").version(package.replace("_", "-")),
        person=build_entity(key="person", plural="persons", label="Person", is_person=True),
        year=year,
        builder=builder,
        system=part("taxbenefitsystems", "TaxBenefitSystem"),
        variable=part("variables", "Variable"),
    )


def _variable(engine: SimpleNamespace, name: str, fn=None) -> type:
    spec = {
        "value_type": int,
        "entity": engine.person,
        "definition_period": engine.year,
        "label": name,
    }
    if fn is not None:
        spec["formula"] = fn
    return type(name, (engine.variable,), spec)


def system(compiled: CompiledTreaty, engine: SimpleNamespace):
    """A tax-benefit system holding the treaty's rules as formulas of `engine` (`core()`)."""
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

    tbs = engine.system([engine.person])
    for name in ("prior_citizenship", "status", "place"):
        tbs.add_variable(_variable(engine, name))
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
        tbs.add_variable(_variable(engine, name, fn))
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


def openfisca_rights(engine: SimpleNamespace, tbs, people, year: int) -> dict[str, np.ndarray]:
    """Every output for every row, computed by `engine` (`core()`) with the system `tbs`."""
    sim = engine.builder().build_default_simulation(tbs, count=len(people))
    period = str(year)
    sim.set_input("prior_citizenship", period, people.prior_citizenship.astype(np.int32))
    sim.set_input("status", period, people.status.astype(np.int32))
    sim.set_input("place", period, people.place.astype(np.int32))
    return {name: sim.calculate(name, period) for name in OUTPUTS}
