"""The moves of one year, each allowed by the rights of the phase and capped by quotas.

Relocations a treaty requires, settlers' and refugees' choices, and residence changes
across the border. The land is read as two halves: Israel inside the 1949 lines (zone
`israel`) and the Palestinian towns and villages (Areas A, B, C, East Jerusalem's
Palestinian neighbourhoods, Gaza). A move into a half is allowed when the person's `may_reside`
for the state sovereign there is `yes` or `quota`; `permit` moves are not modelled
(assumption). Where movers settle inside a half is an assumption stated per move.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from confed.people.build import base_population
from confed.people.check import registered_refugee_share
from confed.people.cohorts import GROUPS
from confed.rights.compile import CompiledTreaty
from confed.simulate.parameters import Behaviour
from confed.treaty.model import Quota
from confed.vocab import ACCESS, STATUSES, ZONES

HALVES: dict[str, tuple[str, ...]] = {
    "israel": ("israel",),
    "palestine": ("area-a", "area-b", "area-c", "east-jerusalem-palestinian", "gaza"),
}
SETTLER_ZONES = ("settlement-bloc", "settlement-outside-blocs", "east-jerusalem-israeli")
HOME_ZONES = HALVES["israel"] + HALVES["palestine"] + ("east-jerusalem-israeli",)
"""Where relocated or leaving people settle: towns, not settlements (assumption)."""

QUOTA = ACCESS.index("quota")
"""`may_reside` codes from this one up (quota, yes) allow a move."""


@dataclass
class Ledger:
    """What a run has moved so far (cumulative) and in the current year."""

    displaced: float = 0.0
    returned: dict[str, float] = field(default_factory=lambda: {"israel": 0.0, "palestine": 0.0})
    return_years: dict[str, int] = field(default_factory=lambda: {"israel": 0, "palestine": 0})
    settlers_chose: bool = False
    quota_total: dict[str, float] = field(default_factory=dict)
    quota_year: dict[str, float] = field(default_factory=dict)
    inflow: np.ndarray | None = None  # people arriving per place this year


class Mover:
    """A treaty's move rules, precomputed per place, applied to a state year by year."""

    def __init__(self, compiled: CompiledTreaty, behaviour: Behaviour):
        self.c = c = compiled
        self.b = behaviour
        t = c.places
        self.n_places = len(t)
        zone_name = np.array(ZONES)[t.zone]
        base = base_population()
        everyone = np.bincount(base.place, weights=base.sizes, minlength=len(t))
        arab = base.group == GROUPS.index("arab")
        arabs = np.bincount(base.place[arab], weights=base.sizes[arab], minlength=len(t))
        # assumption: refugees and Palestinians settling in Israel go where Arab citizens
        # live, in proportion to them; everyone else in proportion to the population
        self.weights = {"israel": arabs, "palestine": everyone}
        self.people_weights = everyone
        self.half_state: dict[str, str | None] = {}
        self.half_places: dict[str, np.ndarray] = {}
        for h, zones in HALVES.items():
            state, members = self._held(np.flatnonzero(np.isin(zone_name, zones)))
            self.half_state[h], self.half_places[h] = state, members
        home = np.isin(zone_name, HOME_ZONES)
        self.home_places = {
            s: np.flatnonzero(home & (c.place_sovereign == c.sovereign_vocab.index(s)))
            for s in c.states
        }
        self.settler_zone = np.isin(zone_name, SETTLER_ZONES)
        self.half_of = np.full(len(t), -1)
        for i, h in enumerate(HALVES):
            self.half_of[self.half_places[h]] = i
        self.abroad = t.zone == ZONES.index("abroad")

    def _held(self, places: np.ndarray) -> tuple[str | None, np.ndarray]:
        """The state holding most of these places, and the places it holds."""
        sovereign = self.c.place_sovereign[places]
        counts = [
            (int((sovereign == self.c.sovereign_vocab.index(s)).sum()), s) for s in self.c.states
        ]
        held, state = max(counts)
        if held == 0:
            return None, places[:0]
        return state, places[sovereign == self.c.sovereign_vocab.index(state)]

    # ------------------------------------------------------------------ one year

    def year(self, state, phase: int, first_year: bool, ledger: Ledger, rng) -> None:
        """Apply every move of one year to `state`, recording them in `ledger`."""
        ledger.inflow = np.zeros(self.n_places)
        ledger.quota_year = {}
        self._relocate(state, phase, ledger, rng)
        if first_year and not ledger.settlers_chose:
            self._settlers_choose(state, phase, ledger, rng)
            ledger.settlers_chose = True
        state.settle()
        self._refugees_return(state, phase, ledger, rng)
        state.settle()
        self._cross_border(state, phase, ledger, rng)
        state.settle()

    def _anyone(self, state, chance: np.ndarray) -> bool:
        """Whether anybody is of a person type with a non-zero chance."""
        return bool((state.type_sizes()[chance > 0] > 0).any())

    def _access(self, half: str, phase: int) -> np.ndarray:
        """Per person type: `may_reside` in the state holding `half`, as the rights give it.

        Where the halves are held by different states, people already living under the
        destination's state are left out: their right to reside there says they may stay,
        not that they may cross into the other half (Area C under the status quo, say).
        Where one state holds both halves, a move between them is a move within it.
        """
        into = self.half_state[half]
        if into is None:
            return np.full(self.c.space.size, ACCESS.index("no"))
        access = self.c.outputs["may_reside"][phase].value[self.c.states.index(into)]
        if len(set(self.half_state.values())) == 1:
            return access
        here = self.c.sovereign == self.c.sovereign_vocab.index(into)
        return np.where(here, ACCESS.index("no"), access)

    def _relocate(self, state, phase: int, ledger: Ledger, rng) -> None:
        """Everyone the phase requires to relocate moves to a town of their state.

        Relocated people are housed across their state's towns in proportion to the
        population (assumption: no text says where).
        """
        required = self.c.outputs["relocation_required"][phase].value == 1
        for code, s in enumerate(self.c.citizenship_vocab):
            chance = (required & (self.c.citizenship.value == code)).astype(float)
            if s not in self.home_places or not chance.any():
                continue
            units, k = state.choose(rng, chance)
            ledger.displaced += self._spread(
                state, units, k, self.home_places[s], self.people_weights, None, ledger, rng
            )

    def _settlers_choose(self, state, phase: int, ledger: Ledger, rng) -> None:
        """Israeli citizens living where Israel is not sovereign, free to stay, choose once."""
        if "IL" not in self.c.states:
            return
        place = self.c.space.place
        choosing = (
            (self.c.citizenship.value == self.c.citizenship_vocab.index("IL"))
            & (self.c.sovereign != self.c.sovereign_vocab.index("IL"))
            & (self.c.outputs["relocation_required"][phase].value == 0)
            & self.settler_zone[place]
        )
        units, k = state.choose(rng, choosing * self.b.settler_leave_share)
        self._spread(
            state, units, k, self.home_places["IL"], self.people_weights, None, ledger, rng
        )

    def _refugees_return(self, state, phase: int, ledger: Ledger, rng) -> None:
        """Registered refugees choosing a half move there over the first years it is open."""
        t, space = self.c.places, self.c.space
        refugee = STATUSES.index("refugee")
        abroad = self.abroad[space.place] & (space.status == refugee)
        for half in HALVES:
            if ledger.return_years[half] >= self.b.return_years:
                continue
            chance = np.zeros(space.size)
            if half == "israel":
                for name, share in self.b.refugee_choose_israel.items():
                    if name in ("west-bank", "gaza"):
                        here = (space.status == STATUSES.index(name)) & (
                            self.half_of[space.place] == 1
                        )
                        chance[here] = share * registered_refugee_share(name)
                    else:
                        field = t.district[space.place] == t.districts.index(name)
                        chance[abroad & field] = share
            else:
                chance[abroad] = self.b.refugee_choose_palestine
            access = self._access(half, phase)
            chance[access < QUOTA] = 0.0
            chance /= self.b.return_years
            if not self._anyone(state, chance):
                continue
            ledger.return_years[half] += 1
            units, k = state.choose(rng, chance)
            k = self._capped(state, units, k, access, half, ledger, rng)
            ledger.returned[half] += self._spread(
                state, units, k, self.half_places[half], self.weights[half], refugee, ledger, rng
            )

    def _cross_border(self, state, phase: int, ledger: Ledger, rng) -> None:
        """People at home in one half who may reside in the other move at a small yearly rate."""
        if self.b.cross_border_move_rate == 0:
            return
        space = self.c.space
        for i, (half, other) in enumerate((("israel", "palestine"), ("palestine", "israel"))):
            home, away = self.half_state[half], self.half_state[other]
            if home is None or away is None or home == away:
                continue
            access = self._access(other, phase)
            moving = (
                (self.half_of[space.place] == i)
                & (self.c.citizenship.value == self.c.citizenship_vocab.index(home))
                & (space.status != STATUSES.index("refugee"))
                & (access >= QUOTA)
            )
            units, k = state.choose(rng, moving * self.b.cross_border_move_rate)
            k = self._capped(state, units, k, access, other, ledger, rng)
            weights = self.weights[other] if other == "israel" else self.people_weights
            self._spread(state, units, k, self.half_places[other], weights, None, ledger, rng)

    # ------------------------------------------------------------------ helpers

    def _quota_for(self, into: str, citizenship: str) -> tuple[str, Quota] | None:
        for qid, q in self.c.treaty.quotas.items():
            if (
                q.right == "may_reside"
                and q.into == into
                and q.for_citizens_of
                in (
                    None,
                    citizenship,
                )
            ):
                return qid, q
        return None

    def _capped(self, state, units, k, access, half: str, ledger: Ledger, rng):
        """`k` cut to the treaty's quota for movers whose right into `half` is 'quota'.

        `access` is the per-type right from `_access`.
        """
        into = self.half_state[half]
        k = k.copy()
        movers = np.flatnonzero(k > 0)
        types = state.types()[units[movers]]
        quota = access[types] == QUOTA
        movers, types = movers[quota], types[quota]
        citizenship = self.c.citizenship.value[types]
        for code, name in enumerate(self.c.citizenship_vocab):
            rows = movers[citizenship == code]
            found = self._quota_for(into, name)
            if len(rows) == 0 or found is None:
                continue  # no quota applies; a quota with no figure caps nothing (room inf)
            qid, q = found
            room = np.inf
            if q.per_year is not None:
                room = q.per_year - ledger.quota_year.get(qid, 0.0)
            if q.total is not None:
                room = min(room, q.total - ledger.quota_total.get(qid, 0.0))
            wanted = k[rows]
            if wanted.sum() > room:
                room = int(max(room, 0))
                if q.allocation == "lottery":
                    k[rows] = rng.multivariate_hypergeometric(wanted.astype(np.int64), room)
                else:  # queue: first come, first served, in the order people applied
                    before = np.cumsum(wanted) - wanted
                    k[rows] = np.clip(room - before, 0, wanted)
            used = float(k[rows].sum())
            ledger.quota_year[qid] = ledger.quota_year.get(qid, 0.0) + used
            ledger.quota_total[qid] = ledger.quota_total.get(qid, 0.0) + used
        return k

    def _spread(self, state, units, k, places, weights, status: int | None, ledger, rng):
        """Settle `k` movers of each unit over `places` by weight; return how many moved.

        Persons each draw a destination; a cohort unit's movers are split by the weights.
        """
        w = weights[places]
        if w.sum() <= 0:
            return 0.0
        w = w / w.sum()
        movers = np.flatnonzero(k > 0)
        if len(movers) == 0:
            return 0.0
        if k.max() == 1:  # persons: one destination each
            unit_rows, counts = movers, np.ones(len(movers), dtype=np.int64)
            dest = places[rng.choice(len(places), size=len(movers), p=w)]
        else:
            split = k[movers, None] * w[None, :]
            rows, cols = np.nonzero(split)
            unit_rows, counts, dest = movers[rows], split[rows, cols], places[cols]
        new_status = (
            state.status[units[unit_rows]] if status is None else np.full(len(unit_rows), status)
        )
        self._apply(state, units[unit_rows], counts, dest, new_status, ledger)
        return float(counts.sum())

    def _apply(self, state, units, k, dest, status, ledger: Ledger) -> None:
        if len(units) == 0:
            return
        state.move(units, k, dest, status)
        np.add.at(ledger.inflow, dest, k)
