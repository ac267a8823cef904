"""The moves of one year, each allowed by the rights of the phase and capped by quotas.

Relocations a treaty requires, settlers' and refugees' choices, residence changes across
the border, and moves inside each state. Across the border the land is read as two
halves: Israel inside the 1949 lines (zone `israel`) and the Palestinian towns and
villages (Areas A, B, C, East Jerusalem's Palestinian neighbourhoods, Gaza). Choosing
to move into a half needs `may_reside` = `yes` or `quota` in the state holding it
(`permit` moves are not modelled, an assumption); people who choose apply, and wait in
that state's queue until a quota place is free (`simulate.queue`). Where movers settle
is an assumption stated per move.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from confed.people.check import registered_refugee_share
from confed.rights.compile import CompiledTreaty
from confed.simulate.move_kernels import draw_applicants
from confed.simulate.parameters import Behaviour
from confed.simulate.queue import Queue
from confed.simulate.quotas import QuotaBook
from confed.simulate.state import POOLS, unpool
from confed.simulate.where_people_go import HALVES, internal_rules, where_people_go
from confed.treaty.phasing import Quota
from confed.vocab import ACCESS, STATUSES

QUOTA = ACCESS.index("quota")
"""`may_reside` codes from this one up (quota, yes) allow a move."""


@dataclass
class Ledger:
    """What a run has moved: cumulative counts, and this year's."""

    relocated: float = 0.0
    returned: dict[str, float] = field(default_factory=lambda: dict.fromkeys(HALVES, 0.0))
    settlers_chose: bool = False
    inflow: np.ndarray | None = None  # people arriving per place this year
    arrivals: dict[str, float] = field(default_factory=dict)  # across the border, this year
    internal: float = 0.0  # moves inside a state, this year


TABLE_READS: dict[str, tuple[str, ...]] = {
    "_refugee_chance": ("refugee_choose_palestine", "refugee_choose_israel"),
    "_internal_chance": ("internal_move_rate",),
    "_internal_weights": ("internal_move_mixing",),
    "_quota_of": ("quota ids",),
    "_crossing_chance": ("cross_border_move_rate",),
}
"""What a table `Mover._once` keeps reads besides the treaty and its arguments: behaviour
fields, or the ids of the run's quotas (their order numbers the quotas)."""


class Mover:
    """A treaty's move rules, precomputed per place, applied to a state year by year."""

    def __init__(
        self, compiled: CompiledTreaty, behaviour: Behaviour, quotas: dict[str, Quota] | None = None
    ):
        self.c = c = compiled
        self.b = behaviour
        quotas = c.treaty.quotas if quotas is None else quotas
        where = where_people_go(c)
        self.n_places = len(c.places)
        self.by_group, self.half_state = where.by_group, where.half_state
        self.arrival_weights, self.home_weights = where.arrival_weights, where.home_weights
        self.settler_zone, self.half_of = where.settler_zone, where.half_of
        self.abroad = where.abroad
        self.ledger = Ledger()
        self.book = QuotaBook(c, quotas)
        self.queues = {h: Queue(c.space.size) for h in HALVES}
        self.opened: dict[str, np.ndarray] = {}
        """Per half: the year each refugee type (`_refugee_chance`'s) could first apply, or -1."""
        self._windows: dict[str, tuple] = {}
        """Per half: the refugees' open window (`_refugee_window`), its phase and last year."""
        self._listed: tuple = ([], np.zeros(0, np.int64), np.zeros(0))
        """The lists of applications last drawn, and their types and chances end to end."""
        reads = {**behaviour.model_dump(), "quota ids": tuple(quotas)}
        self._reads = {
            name: (name, json.dumps([reads[f] for f in fields], sort_keys=True))
            for name, fields in TABLE_READS.items()
        }

    def _once(self, make, *args):
        """`make(*args)`, once for every run of this treaty (and the values the table reads).

        What the treaty, the phase, the behaviour and the quotas fix is the same in
        every run, so it is kept between runs (`_run_tables`), keyed by the values it
        reads (`TABLE_READS`): in a sweep a table is rebuilt only by the samples that
        change what it reads, not by every sample. The random draws never enter it.
        """
        memo = _run_tables(self.c, *self._reads.get(make.__name__, ("treaty", "")))
        key = (make.__name__, *args)
        if key not in memo:
            memo[key] = make(*args)
        return memo[key]

    # ------------------------------------------------------------------ one year

    def year(self, state, phase: int, year: int, rng) -> None:
        """Apply every move of year `year` (0 = entry into force) to `state`."""
        ledger = self.ledger
        ledger.inflow = np.zeros(self.n_places)
        ledger.arrivals = dict.fromkeys(self.c.states, 0.0)
        self.book.open_year(state.type_sizes())
        self._relocate(state, phase, rng)
        if not ledger.settlers_chose:
            self._settlers_choose(state, phase, rng)
            ledger.settlers_chose = True
        state.settle()
        self._applications(state, phase, year, rng)
        for half in HALVES:
            self._serve(state, half, phase, rng)
        state.settle()
        self._within_states(state, phase, rng)
        state.settle()
        self.book.close_year()

    def _access(self, half: str, phase: int) -> tuple[np.ndarray, np.ndarray]:
        """`_decide_access`, once per phase."""
        return self._once(self._decide_access, half, phase)

    def _decide_access(self, half: str, phase: int) -> tuple[np.ndarray, np.ndarray]:
        """Per person type: `may_reside` in the state holding `half`, and the deciding rule.

        Where the halves are held by different states, people already living under the
        destination's state are left out: their right to reside there says they may stay,
        not that they may cross into the other half (Area C under the status quo, say).
        Where one state holds both halves, a move between them is a move within it.
        """
        into = self.half_state[half]
        if into is None:
            no = np.full(self.c.space.size, ACCESS.index("no"))
            return no, np.zeros_like(no)
        decided = self.c.outputs["may_reside"][phase]
        s = self.c.states.index(into)
        access, rule = decided.value[s], decided.rule[s]
        if len(set(self.half_state.values())) == 1:
            return access, rule
        here = self.c.sovereign == self.c.sovereign_vocab.index(into)
        return np.where(here, ACCESS.index("no"), access), rule

    def _relocate(self, state, phase: int, rng) -> None:
        """Everyone the phase requires to relocate moves to a town of their state.

        Relocated people are housed across their state's towns in proportion to the
        population (assumption: no text says where).
        """
        for s, chance in self._once(self._relocation_chances, phase):
            moved = self._choose_and_spread(state, chance, self.home_weights[s], rng)
            self.ledger.relocated += moved

    def _relocation_chances(self, phase: int) -> list[tuple[str, np.ndarray]]:
        """Per state with anyone to relocate: 1 for the person types its citizens must leave."""
        required = self.c.outputs["relocation_required"][phase].value == 1
        out = []
        for code, s in enumerate(self.c.citizenship_vocab):
            chance = (required & (self.c.citizenship.value == code)).astype(float)
            if s in self.home_weights and chance.any():
                out.append((s, chance))
        return out

    def _settlers_choose(self, state, phase: int, rng) -> None:
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
        chance = choosing * self.b.settler_leave_share
        self._choose_and_spread(state, chance, self.home_weights["IL"], rng)

    def _applications(self, state, phase: int, year: int, rng) -> None:
        """The year's new applicants: refugees choosing a half, then people crossing the border.

        Each kind of application to a half is a binomial draw per person type among
        those not yet waiting (`move_kernels.draw_applicants`). No draw changes who is
        waiting for another (each reads its own queue and kind), so the year's draws
        are made in one call, in the order they are listed, then added to the queues.
        """
        asked = [*self._refugee_applications(phase, year), *self._crossing_applications(phase)]
        types, chance = self._end_to_end(asked)
        waiting = [self.queues[half].waiting(kind, t) for half, kind, t, _ in asked]
        drawn, counts = draw_applicants(
            rng, types, chance, state.type_sizes(), np.concatenate(waiting)
        )
        ends = np.searchsorted(drawn, np.cumsum([len(t) for _, _, t, _ in asked])).tolist()
        for (half, kind, _, _), a, b in zip(asked, [0, *ends[:-1]], ends, strict=True):
            self.queues[half].apply(kind, types[drawn[a:b]], counts[a:b])

    def _end_to_end(self, asked: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
        """The types and chances of the lists `asked`, one list after the other.

        Kept while the lists are the same arrays: they change only with a phase or a
        refugees' window (`_refugee_window`), so most years join nothing.
        """
        arrays = [a for _, _, types, chance in asked for a in (types, chance)]
        kept = self._listed[0]
        if len(kept) != len(arrays) or any(a is not b for a, b in zip(arrays, kept, strict=False)):
            types = np.concatenate(arrays[::2])
            self._listed = (arrays, types, np.concatenate(arrays[1::2]))
        return self._listed[1:]

    def _refugee_applications(self, phase: int, year: int) -> list[tuple]:
        """Registered refugees who choose a half apply over the first years they may live there.

        Returns each half's (half, "return", types, chance) for `_applications`
        (`_refugee_window`).
        """
        return [(half, "return", *self._refugee_window(half, phase, year)) for half in HALVES]

    def _refugee_window(self, half: str, phase: int, year: int) -> tuple[np.ndarray, np.ndarray]:
        """The refugee types of `half` free to apply in `year`, and each one's yearly chance.

        The window of `return_years` opens, per person type, in the first year the
        type's right lets them reside in that half (`yes` or `quota`). In a phase, the
        types it lets in have all opened in its first year, so the window changes only
        with the phase or when a window closes: it is kept, the same arrays, until then.
        """
        kept = self._windows.get(half)
        if kept is not None and kept[0] == phase and year < kept[1]:
            return kept[2:]
        types, chance = self._once(self._refugee_chance, half)
        may = self._once(self._may_reside, half, phase)[types]
        opened = self.opened.setdefault(half, np.full(len(types), -1))
        opened[(opened < 0) & may] = year
        window = (opened >= 0) & (year - opened < self.b.return_years)
        closing = [y + self.b.return_years for y in np.unique(opened[opened >= 0]).tolist()]
        closes = min((y for y in closing if y > year), default=np.inf)
        open_types, open_chance = types[window], chance[window] / self.b.return_years
        self._windows[half] = (phase, closes, open_types, open_chance)
        return open_types, open_chance

    def _may_reside(self, half: str, phase: int) -> np.ndarray:
        """Per person type: may reside in `half` (`yes` or `quota`)."""
        return self._access(half, phase)[0] >= QUOTA

    def _refugee_chance(self, half: str) -> tuple[np.ndarray, np.ndarray]:
        """Refugees' person types who may choose to live in `half`, and the share who do."""
        space = self.c.space
        abroad = self.abroad[space.place] & (space.status == STATUSES.index("refugee"))
        chance = np.zeros(space.size)
        if half == "palestine":
            chance[abroad] = self.b.refugee_choose_palestine
        else:
            self._refugee_chance_israel(chance, abroad)
        types = np.flatnonzero(chance > 0)
        return types, chance[types]

    def _refugee_chance_israel(self, chance: np.ndarray, abroad: np.ndarray) -> None:
        """Set, per person type, the share of registered refugees who choose Israel."""
        t, space = self.c.places, self.c.space
        for name, share in self.b.refugee_choose_israel.items():
            if name in ("west-bank", "gaza"):
                here = (space.status == STATUSES.index(name)) & (self.half_of[space.place] == 1)
                chance[here] = share * registered_refugee_share(name)
            else:
                field = t.district[space.place] == t.districts.index(name)
                chance[abroad & field] = share

    def _crossing_applications(self, phase: int) -> list[tuple]:
        """People at home in one half who may reside in the other apply at a small yearly rate.

        Returns (half applied to, "cross", types, chance) for `_applications`.
        """
        asked = []
        for i, (half, other) in enumerate((("israel", "palestine"), ("palestine", "israel"))):
            home, away = self.half_state[half], self.half_state[other]
            if home is None or away is None or home == away:
                continue
            types = self._once(self._crossing, i, home, other, phase)
            asked.append((other, "cross", types, self._once(self._crossing_chance, len(types))))
        return asked

    def _crossing_chance(self, n_types: int) -> np.ndarray:
        """`cross_border_move_rate` for each of `n_types` types (`_crossing`'s)."""
        return np.full(n_types, self.b.cross_border_move_rate)

    def _crossing(self, i: int, home: str, other: str, phase: int) -> np.ndarray:
        """Person types at home in half `i` who may apply to reside in half `other`."""
        space = self.c.space
        access, _ = self._access(other, phase)
        return np.flatnonzero(
            (self.half_of[space.place] == i)
            & (self.c.citizenship.value == self.c.citizenship_vocab.index(home))
            & (space.status != STATUSES.index("refugee"))
            & (access >= QUOTA)
        )

    def _serve(self, state, half: str, phase: int, rng) -> None:
        """Move the applicants for `half` that the rights and every quota let in this year."""
        queue, into = self.queues[half], self.half_state[half]
        if into is None or not len(queue):
            return
        quota_of = self._once(self._quota_of, half, phase)
        served = queue.serve(self.book, quota_of, state.type_sizes(), state.whole)
        for kind, wanted in served.items():
            status = STATUSES.index("refugee") if kind == "return" else None
            types, k, arrived = self._take(state, wanted, status, self.arrival_weights[half], rng)
            for q, people in queue.settle(kind, types, k):
                self.book.admit(q, people)
            self.ledger.arrivals[into] += arrived
            if kind == "return":
                self.ledger.returned[half] += arrived
        queue.drop_empty()

    def _take(self, state, wanted, status: int | None, weights, rng):
        """Move the people `wanted` per type by `weights` with `status` (None: kept).

        Returns the person types and counts taken (the types before the move) and how
        many moved.
        """
        types, k, place, people = state.take_and_spread(rng, wanted, status, weights)
        return types, k, self._moved(place, people)

    def _quota_of(self, half: str, phase: int) -> np.ndarray:
        """Per person type: the quota rationing a move into `half` (`QuotaBook.quota_of_types`)."""
        return self.book.quota_of_types(*self._access(half, phase), "may_reside")

    def _within_states(self, state, phase: int, rng) -> None:
        """Residents move to another place of their state at a stated yearly rate.

        Destinations are the state's places where the mover's registration fits and
        the rights let them reside, not required to relocate
        (`where_people_go.internal_rules`).
        """
        self.ledger.internal = 0.0
        if self.b.internal_move_rate == 0:
            return
        for name in self.c.states:
            chance = self._once(self._internal_chance, name, phase)
            weights = self._once(self._internal_weights, name, phase)
            self.ledger.internal += self._choose_and_spread(state, chance, weights, rng, False)

    def _internal_chance(self, name: str, phase: int) -> np.ndarray:
        """Chance per person type of a move inside `name` (see `_internal_weights`).

        Residents whose right lets them reside (`yes`), not required to relocate, move at
        `internal_move_rate`.
        """
        movers, _ = internal_rules(self.c, name, phase)
        return movers * self.b.internal_move_rate

    def _internal_weights(self, name: str, phase: int) -> np.ndarray:
        """Destination weights (pool × place) of moves inside `name`.

        A share `internal_move_mixing` of movers choose in proportion to everyone living
        in a place, the rest in proportion to their own national group there
        (assumption; populations of the base year).
        """
        _, allowed = internal_rules(self.c, name, phase)
        _, _, group = unpool(np.arange(POOLS))
        m = self.b.internal_move_mixing
        weights = (1 - m) * self.by_group[group] + m * self.by_group.sum(axis=0)[None, :]
        return np.where(allowed, weights, 0.0)

    # ------------------------------------------------------------------ helpers

    def _choose_and_spread(self, state, chance, weights, rng, arriving: bool = True) -> float:
        """People choosing with `chance` per type move by `weights`, status kept; how many moved."""
        place, people = state.choose_and_spread(rng, chance, weights)
        return self._moved(place, people, arriving)

    def _moved(self, place: np.ndarray, people: np.ndarray, arriving: bool = True) -> float:
        """How many people moved (`people` per destination `place`).

        Moves from elsewhere (`arriving`) count in the year's inflow per place.
        """
        if arriving:
            self.ledger.inflow += np.bincount(place, weights=people, minlength=self.n_places)
        return float(people.sum())


@lru_cache(maxsize=16)
def _run_tables(c: CompiledTreaty, reads: str, values: str) -> dict[tuple, object]:
    """The tables `Mover._once` keeps: per treaty, and per table and the values it reads.

    Few are kept: a sweep's samples change the values, whose tables (a few megabytes of
    destination weights for each value of the internal moves' mixing) later samples
    read again only while the values recur, as they do in the rows of one base sample
    of a Sobol design (each changes one parameter, so a sample reads about five).
    """
    return {}
