"""Where a treaty's movers may settle: its places' base population and destination weights.

Built once per treaty and read by every run's moves (`simulate.moves`): the two halves
of the land and the state holding each, where arrivals and people leaving a place
settle (each an assumption stated here), and which places are settlements.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from confed.people.build import base_population
from confed.people.cohorts import GROUPS
from confed.places import Places
from confed.rights.compile import CompiledTreaty
from confed.rights.types import type_index
from confed.simulate.state import POOLS, unpool
from confed.vocab import ACCESS, STATUSES, ZONES

HALVES: dict[str, tuple[str, ...]] = {
    "israel": ("israel",),
    "palestine": ("area-a", "area-b", "area-c", "east-jerusalem-palestinian", "gaza"),
}
WEST_BANK = ("area-a", "area-b", "area-c")
REGISTRATION_FIT: dict[str, tuple[str, ...]] = {
    "israeli-citizen": tuple(z for z in ZONES if z != "abroad"),
    "jerusalem-resident": ("east-jerusalem-israeli", "east-jerusalem-palestinian"),
    "west-bank": WEST_BANK,
    "gaza": ("gaza",),
    "refugee": ("israel", *WEST_BANK, "gaza"),
    "other": ("israel",),
}
"""Zones a move inside a state may lead to, by registered status (assumption): a
registration is kept on moving, so it bounds where one settles. A West Bank
registration also fits a former settlement once Palestine holds it."""
YES = ACCESS.index("yes")
SETTLER_ZONES = ("settlement-bloc", "settlement-outside-blocs", "east-jerusalem-israeli")
HOME_ZONES = HALVES["israel"] + HALVES["palestine"] + ("east-jerusalem-israeli",)
"""Where relocated or leaving people settle: towns, not settlements (assumption)."""


@dataclass(frozen=True)
class WherePeopleGo:
    """Per place: the base population by group, and where arrivals and leavers settle."""

    by_group: np.ndarray  # groups × places, the base year's people
    half_state: dict[str, str | None]
    arrival_weights: dict[str, np.ndarray]  # per half: pool × place
    home_weights: dict[str, np.ndarray]  # per state: pool × place
    settler_zone: np.ndarray
    half_of: np.ndarray
    abroad: np.ndarray


@lru_cache(maxsize=16)
def where_people_go(c: CompiledTreaty) -> WherePeopleGo:
    """The tables of a treaty's places that every run reads, built once per treaty."""
    t = c.places
    zone_name = np.array(ZONES)[t.zone]
    base = base_population()
    by_group = np.zeros((len(GROUPS), len(t)))
    np.add.at(by_group, (base.group, base.place), base.sizes)
    everyone = by_group.sum(axis=0)
    # assumption: refugees and Palestinians settling in Israel go where Arab citizens
    # live, in proportion to them; everyone else in proportion to the population
    arrive = {"israel": by_group[GROUPS.index("arab")], "palestine": everyone}
    half_state: dict[str, str | None] = {}
    arrival_weights: dict[str, np.ndarray] = {}
    for h, zones in HALVES.items():
        state, members = _held_by(c, np.flatnonzero(np.isin(zone_name, zones)))
        half_state[h] = state
        arrival_weights[h] = everyone_to(members, arrive[h], len(t))
    home = np.isin(zone_name, HOME_ZONES)
    home_weights = {
        s: everyone_to(
            np.flatnonzero(home & (c.place_sovereign == c.sovereign_vocab.index(s))),
            everyone,
            len(t),
        )
        for s in c.states
    }
    half_of = np.full(len(t), -1)
    for i, zones in enumerate(HALVES.values()):
        half_of[np.isin(zone_name, zones)] = i
    abroad = t.zone == ZONES.index("abroad")
    return WherePeopleGo(
        by_group, half_state, arrival_weights, home_weights, settler_zones(t), half_of, abroad
    )


def _held_by(c: CompiledTreaty, places: np.ndarray) -> tuple[str | None, np.ndarray]:
    """The state holding most of these places, and the places it holds."""
    sovereign = c.place_sovereign[places]
    counts = [(int((sovereign == c.sovereign_vocab.index(s)).sum()), s) for s in c.states]
    held, state = max(counts)
    if held == 0:
        return None, places[:0]
    return state, places[sovereign == c.sovereign_vocab.index(state)]


def settler_zones(places: Places) -> np.ndarray:
    """Per place: is it a settlement or an Israeli neighbourhood of East Jerusalem."""
    return np.isin(np.array(ZONES)[places.zone], SETTLER_ZONES)


def everyone_to(places: np.ndarray, weights: np.ndarray, n_places: int) -> np.ndarray:
    """One destination row for every pool: `weights` over `places`, zero elsewhere."""
    row = np.zeros(n_places)
    row[places] = weights[places]
    return np.broadcast_to(row, (POOLS, n_places))


@lru_cache(maxsize=64)
def internal_rules(c: CompiledTreaty, name: str, phase: int) -> tuple[np.ndarray, np.ndarray]:
    """Who may move inside state `name` (per person type) and where to (pool × place).

    Residents whose right lets them reside (`yes`) and who are not required to relocate
    may move; destinations are the state's places where the mover's registration fits
    (`REGISTRATION_FIT`) and the rights let them reside, not required to relocate.
    What the treaty's rights decide, whatever the behaviour (`moves.Mover._within_states`).
    """
    t, n_places = c.places, len(c.places)
    s = c.states.index(name)
    may = c.outputs["may_reside"][phase].value[s] == YES
    stays = c.outputs["relocation_required"][phase].value == 0
    mine = c.sovereign == c.sovereign_vocab.index(name)
    prior, status, _ = unpool(np.arange(POOLS))
    grid = (POOLS, n_places)
    dest = type_index(
        np.broadcast_to(prior[:, None], grid),
        np.broadcast_to(status[:, None], grid),
        np.broadcast_to(np.arange(n_places)[None, :], grid),
        n_places,
    )
    fit = np.array([np.isin(np.array(ZONES)[t.zone], REGISTRATION_FIT[st]) for st in STATUSES])
    held = c.place_sovereign == c.sovereign_vocab.index(name)
    former = held & settler_zones(t) & (name == "PS")
    fit[STATUSES.index("west-bank")] |= former
    allowed = (
        held[None, :]
        & fit[status]
        & (c.outputs["may_reside"][phase].value[s][dest] == YES)
        & (c.outputs["relocation_required"][phase].value[dest] == 0)
    )
    return (mine & may & stays).astype(float), allowed
