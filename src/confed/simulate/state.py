"""The population during a run, as cohort cells or as one row per person.

Both kinds expose the same *units* (a cell, or a person) with the same columns, so the
moves and the metrics are written once: a move takes `k` people out of a unit and puts
them in another place and status. Cohort units hold fractional counts by sex and age
and follow the expected-value projection; person units hold one person each and follow
the same rates drawn person by person.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from confed.people.cohorts import GROUPS, REGIONS, SHAPE, Cohorts, region_of
from confed.people.projection import FERTILE, SEX_RATIO_AT_BIRTH, step
from confed.people.rates import cell_rates, region_rates
from confed.places import Places
from confed.rights.engine import People
from confed.rights.types import type_index, type_space
from confed.simulate.metrics import ADULT_SHARE, Totals, row_keys, totals_of
from confed.vocab import PRIOR_CITIZENSHIPS, STATUSES


class CohortState:
    """Units are cohort cells; demography is the deterministic cohort-component step.

    A cell is one identity (person type × national group) and keeps its row for the
    whole run: people moving into an identity not seen yet add a row, a cell that
    empties keeps its row with no one in it. So what a row's identity decides (its
    type, its demographic region) is derived once, and moved people are added to their
    rows in place instead of the cells being merged and sorted every year.
    """

    whole = False
    """Counts may be fractions of people."""

    def __init__(self, cohorts: Cohorts, table: Places):
        self.table = table
        self.n_types = type_space(table).size
        self._row_of = np.full(self.n_types * len(GROUPS), -1, dtype=np.int64)
        self._ident = np.zeros(0, dtype=np.int64)
        self._counts = np.zeros((0, *SHAPE))
        self._n = 0
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []
        self._leslie = _leslie_matrices()
        prior, status, group = unpool(np.arange(POOLS))
        self._pool_ident = type_index(prior, status, np.zeros(POOLS, np.int16), len(table))
        self._pool_ident = self._pool_ident.astype(np.int64) * len(GROUPS) + group
        """Identity of each pool's people at place 0: add place × groups for another place."""
        ident = type_index(cohorts.prior, cohorts.status, cohorts.place, len(table))
        rows = self._rows_of(ident.astype(np.int64) * len(GROUPS) + cohorts.group)
        np.add.at(self._counts, rows, cohorts.counts)
        self._changed()

    # ---------------------------------------------------------------- rows

    def _rows_of(self, ident: np.ndarray) -> np.ndarray:
        """The row of each identity, adding rows for identities not seen before."""
        rows = self._row_of[ident]
        new = rows < 0
        if new.any():
            fresh = np.unique(ident[new])
            n, m = self._n, self._n + len(fresh)
            if m > len(self._ident):
                self._grow(m + m // 2)
            self._ident[n:m] = fresh
            self._row_of[fresh] = np.arange(n, m)
            self._n = m
            self._derive()
            rows = self._row_of[ident]
        return rows

    def _grow(self, capacity: int) -> None:
        """Room for `capacity` rows (new rows hold no one)."""
        n = self._n
        ident, counts = np.zeros(capacity, np.int64), np.zeros((capacity, *SHAPE))
        ident[:n], counts[:n] = self._ident[:n], self._counts[:n]
        self._ident, self._counts = ident, counts

    def _derive(self) -> None:
        """What each row's identity decides: its facts, type, metrics key and region."""
        ident = self._ident[: self._n]
        self._types, self.group = np.divmod(ident, len(GROUPS))
        self.group = self.group.astype(np.int8)
        rest, place = np.divmod(self._types, len(self.table))
        prior, status = np.divmod(rest, len(STATUSES))
        self.prior, self.status = prior.astype(np.int8), status.astype(np.int8)
        self.place = place.astype(np.int16)
        region = region_of(self.group, self.table.zone[self.place])
        self._by_region = [(r, np.flatnonzero(region == r)) for r in np.unique(region)]

    def _changed(self) -> None:
        """Forget the sizes derived from the counts."""
        self.counts = self._counts[: self._n]
        self._sizes: np.ndarray | None = None
        self._type_sizes: np.ndarray | None = None

    # ---------------------------------------------------------------- reading

    def types(self) -> np.ndarray:
        """The person type of each unit."""
        return self._types

    @property
    def sizes(self) -> np.ndarray:
        """People per unit."""
        if self._sizes is None:
            self._sizes = self.counts.reshape(self._n, -1) @ _ONES  # faster than sum(axis=1)
        return self._sizes

    def type_sizes(self) -> np.ndarray:
        """People per person type."""
        if self._type_sizes is None:
            self._type_sizes = np.bincount(self._types, weights=self.sizes, minlength=self.n_types)
            self._type_sizes.flags.writeable = False
        return self._type_sizes

    def totals(self, n_types: int) -> Totals:
        """People per type and group, everyone and adults: the cells' sizes summed."""
        size = n_types * len(GROUPS)
        adults = self.counts.reshape(self._n, -1) @ np.tile(ADULT_SHARE, SHAPE[0])
        return Totals(
            np.bincount(self._ident[: self._n], weights=self.sizes, minlength=size).reshape(
                n_types, -1
            ),
            np.bincount(self._ident[: self._n], weights=adults, minlength=size).reshape(
                n_types, -1
            ),
        )

    # ---------------------------------------------------------------- moves

    def choose(self, rng: np.random.Generator, chance: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Units and how many of each make a choice taken with probability `chance` per type.

        Every non-empty unit of a type with a chance draws a binomial on its rounded
        size; a certain choice takes the whole cell.
        """
        sizes = self.sizes
        p = chance[self._types]
        units = np.flatnonzero((p > 0) & (sizes > 0))
        p, sizes = p[units], sizes[units]
        k = rng.binomial(np.rint(sizes).astype(np.int64), np.clip(p, 0.0, 1.0))
        return units, np.where(p >= 1.0, sizes, k)

    def take(self, rng: np.random.Generator, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Units and counts holding exactly `wanted` people of each person type.

        A type's count is split over its cells in proportion to their sizes.
        """
        present = self.type_sizes()
        share = np.divide(wanted, present, out=np.zeros(self.n_types), where=present > 0)
        share = np.minimum(share, 1.0)[self._types]
        units = np.flatnonzero((share > 0) & (self.sizes > 0))
        return units, self.sizes[units] * share[units]

    def spread(
        self,
        rng: np.random.Generator,
        units: np.ndarray,
        k: np.ndarray,
        status: np.ndarray,
        weights: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Move `k` people of each unit to places drawn by `weights`; (places, people) moved.

        `units` are distinct (as `choose` and `take` give them). `weights` holds one row
        of destination weights over places per pool (see `pool_of`), in any scale;
        movers are pooled by prior citizenship, new status and group, and each pool is
        split over its row, so the cost is pools × places, not cells.
        """
        pool = pool_of(self.prior[units], status, self.group[units])
        units, k, status, pool = _with_destination(weights, pool, units, k, status)
        frac = np.minimum(
            k / np.maximum(self.sizes[units], 1e-12), 1.0
        )  # draws on rounded sizes may overshoot
        flat = self.counts.reshape(self._n, -1)
        moved = flat[units] * frac[:, None]
        flat[units] -= moved
        self._changed()
        cells = SHAPE[0] * SHAPE[1]
        slots = (pool[:, None] * cells + np.arange(cells)).reshape(-1)
        pooled = np.bincount(slots, weights=moved.reshape(-1), minlength=POOLS * cells)
        pooled = pooled.reshape(POOLS, cells)
        pools = np.flatnonzero(np.bincount(pool, minlength=POOLS))
        share = weights[pools]
        share /= (share @ np.ones(share.shape[1]))[:, None]
        row, place = np.nonzero(share)
        share = share[row, place]
        pools = pools[row]
        self._pending.append(
            (self._pool_ident[pools] + place * len(GROUPS), pooled[pools] * share[:, None])
        )
        return place, (pooled @ _ONES)[pools] * share

    def settle(self) -> None:
        """Add the people moved in a round of moves to their new cells."""
        for ident, counts in self._pending:
            rows = self._rows_of(ident)
            self.counts = self._counts[: self._n]
            self.counts.reshape(self._n, -1)[rows] += counts  # one spread's cells are distinct
        if self._pending:
            self._pending = []
            self._changed()

    def age_one_year(self, rng: np.random.Generator) -> None:
        """Births, deaths, ageing and migration for one year (expected values).

        The cohort step is linear in a cell's counts, so it is one matrix per
        demographic region (`_leslie_matrices`), applied to that region's rows.
        """
        flat = self.counts.reshape(self._n, -1)
        for region, rows in self._by_region:
            flat[rows] = flat[rows] @ self._leslie[region]
        self._changed()


class PersonState:
    """Units are persons (weight 1); demography is drawn person by person.

    Rows are unordered: the dead and the emigrants are overwritten by newborns and
    arrivals, and columns live in buffers with room to grow, so a year writes only the
    rows that change. Besides the facts, each row keeps what the year reads of them:
    its person type, its demographic slot and its metrics key, updated with the facts.
    """

    whole = True
    """Counts are whole people."""

    FACTS = ("prior", "status", "place", "group", "sex", "band")
    DERIVED = ("_types", "_slot", "_key")

    def __init__(self, cohorts: Cohorts, table: Places, rng: np.random.Generator):
        whole = np.floor(cohorts.counts)
        whole += rng.random(whole.shape) < cohorts.counts - whole  # unbiased rounding
        per_slot = whole.astype(np.int64).reshape(-1)
        cell = np.repeat(np.arange(len(cohorts)), SHAPE[0] * SHAPE[1])
        sex = np.tile(np.repeat(np.arange(SHAPE[0]), SHAPE[1]), len(cohorts))
        band = np.tile(np.arange(SHAPE[1]), len(cohorts) * SHAPE[0])
        who = np.repeat(cell, per_slot)
        self.prior = cohorts.prior[who]
        self.status = cohorts.status[who]
        self.place = cohorts.place[who]
        self.group = cohorts.group[who]
        self.sex = np.repeat(sex, per_slot).astype(np.int8)
        self.band = np.repeat(band, per_slot).astype(np.int8)
        self.table = table
        self._demography = _Demography.of(table)
        self._types, self._slot, self._key = self.derived(slice(None))
        self._counts = np.bincount(self._types, minlength=type_space(table).size)
        self._buffers = {name: getattr(self, name) for name in self.FACTS + self.DERIVED}

    def derived(self, rows: np.ndarray | slice) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Person type, demographic slot and metrics key of `rows`, from their facts."""
        prior, status, place = self.prior[rows], self.status[rows], self.place[rows]
        group, band = self.group[rows], self.band[rows]
        types = type_index(prior, status, place, len(self.table))
        slot = self._demography.slot(group, place, self.sex[rows], band)
        return types, slot, row_keys(types, group, band)

    def types(self) -> np.ndarray:
        """The person type of each unit."""
        return self._types

    def type_sizes(self) -> np.ndarray:
        """People per person type (kept up to date as people move, are born and die)."""
        return self._counts.astype(float)

    def totals(self, n_types: int) -> Totals:
        """People per type, group and age band: one count of the kept keys."""
        return totals_of(self._key, None, n_types)

    def choose(self, rng: np.random.Generator, chance: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The persons who make a choice taken with probability `chance` per type (k = 1).

        When fewer people would draw at the highest chance present than have a chance
        at all (choices are mostly rare), candidates are drawn at that chance over
        everyone, with geometric gaps, and each keeps their own chance over it: the
        cost is the candidates, not the population. Otherwise each person of a type
        with a chance draws.
        """
        present = self._counts > 0
        top = chance[present].max(initial=0.0)
        if top <= 0:
            units = np.zeros(0, dtype=np.int64)
        elif top * len(self._types) < self._counts[chance > 0].sum():
            units = _bernoulli_positions(rng, len(self._types), top)
            units = units[rng.random(len(units)) * top < chance[self._types[units]]]
        else:
            units = np.flatnonzero((chance > 0)[self._types])
            units = units[rng.random(len(units)) < chance[self._types[units]]]
        return units, np.ones(len(units), dtype=np.int64)

    def take(self, rng: np.random.Generator, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Persons drawn at random, at most `wanted` (rounded down) of each person type.

        Each person of a wanted type is drawn with chance wanted / present; a type that
        drew more than it wants gives back a random surplus, so no count is exceeded.
        """
        whole = np.floor(wanted + 1e-9)
        chance = np.divide(whole, self._counts, out=np.zeros(len(whole)), where=self._counts > 0)
        units, _ = self.choose(rng, np.minimum(chance, 1.0))
        types = self._types[units]
        order = np.lexsort((rng.random(len(units)), types))
        units, types = units[order], types[order]
        first = np.searchsorted(types, types)  # where each type's run starts
        keep = np.arange(len(units)) - first < whole[types]
        return units[keep], np.ones(int(keep.sum()), dtype=np.int64)

    def spread(
        self,
        rng: np.random.Generator,
        units: np.ndarray,
        k: np.ndarray,
        status: np.ndarray,
        weights: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Move each chosen person (k = 1) to a place drawn from their pool's `weights` row."""
        who, status = units[k > 0], status[k > 0]
        pool = pool_of(self.prior[who], status, self.group[who])
        who, _, status, pool = _with_destination(weights, pool, who, np.ones(len(who)), status)
        place = _draw_places(rng, weights, pool)
        self.place[who] = place
        self.status[who] = status
        self._counts -= np.bincount(self._types[who], minlength=len(self._counts))
        self._types[who], self._slot[who], self._key[who] = self.derived(who)
        self._counts += np.bincount(self._types[who], minlength=len(self._counts))
        return place, np.ones(len(who))

    def settle(self) -> None:
        """Nothing to merge: persons moved in place."""

    def age_one_year(self, rng: np.random.Generator) -> None:
        """Deaths, births, migration and ageing drawn with the cohort step's rates.

        One 32-bit uniform per person, compared with nested thresholds of the person's
        demographic slot, decides death and, for survivors, birth or migration; only the
        few percent below the outer threshold are looked at further. A second one decides
        ageing, which moves the band, the slot and the key one step.
        """
        d = self._demography
        n = len(self._slot)
        u, ageing = np.split(_uniform32(rng, 2 * n), 2)
        hit = np.flatnonzero(u < d.event[self._slot])
        u, slot = u[hit], self._slot[hit]
        dead = u < d.death[slot]
        moving = u >= d.birth[slot]
        leaving = moving & d.leaves[slot]
        mothers = hit[~dead & ~moving]
        arriving = hit[moving & ~leaving]
        older = ageing < AGEING
        older &= self.band < SHAPE[1] - 1
        for column in (self.band, self._slot, self._key):
            column += older
        parents = np.concatenate([mothers, arriving])
        new = {name: getattr(self, name)[parents] for name in self.FACTS}
        born = slice(0, len(mothers))
        new["sex"][born] = rng.random(len(mothers)) < SEX_RATIO_AT_BIRTH / (1 + SEX_RATIO_AT_BIRTH)
        new["band"][born] = 0
        self._replace(hit[dead | leaving], new)

    def _replace(self, gone: np.ndarray, new: dict[str, np.ndarray]) -> None:
        """Drop the rows `gone` (ascending) and add the `new` ones (their facts).

        The new rows are appended and the last rows fill the gaps, so only the rows that
        change are written (rows are unordered).
        """
        n = len(self.place)
        total = n + len(new["place"])
        kept = total - len(gone)
        tail = np.ones(total - kept, dtype=bool)
        tail[gone[gone >= kept] - kept] = False
        source, gaps = kept + np.flatnonzero(tail), gone[gone < kept]
        self._counts -= np.bincount(self._types[gone], minlength=len(self._counts))
        for name in self.FACTS + self.DERIVED:
            setattr(self, name, self._room(name, n, total))
        for name in self.FACTS:
            getattr(self, name)[n:] = new[name]
        self._types[n:], self._slot[n:], self._key[n:] = self.derived(slice(n, total))
        self._counts += np.bincount(self._types[n:], minlength=len(self._counts))
        for name in self.FACTS + self.DERIVED:
            column = getattr(self, name)
            column[gaps] = column[source]
            setattr(self, name, column[:kept])

    def _room(self, name: str, n: int, rows: int) -> np.ndarray:
        """A column's `n` rows in its buffer, made `rows` long (growing by a quarter)."""
        buffer = self._buffers[name]
        if len(buffer) < rows:
            grown = np.empty(rows + rows // 4, dtype=buffer.dtype)
            grown[:n] = buffer[:n]
            self._buffers[name] = buffer = grown
        return buffer[:rows]

    def rows(self) -> tuple[People, np.ndarray]:
        """One row per person."""
        people = People(self.prior, self.status, self.place, np.ones(len(self.place)), self.group)
        return people, self.band


@cache
def _leslie_matrices() -> np.ndarray:
    """Per demographic region, the cohort step as a matrix on a cell's flat counts.

    `step` is linear in the counts, so the matrix's rows are the steps of unit cells,
    and `counts @ matrix` is `step(counts)` for every cell of the region.
    """
    cells = SHAPE[0] * SHAPE[1]
    basis = np.eye(cells).reshape(cells, *SHAPE)
    return np.stack(
        [
            step(basis, cell_rates(np.full(cells, region))).reshape(cells, cells)
            for region in range(len(REGIONS))
        ]
    )


def _uniform32(rng: np.random.Generator, n: int) -> np.ndarray:
    """`n` uniform 32-bit integers: both halves of n / 2 raw 64-bit outputs.

    Twice as fast as `Generator.integers`, which spends a 64-bit output on each; the
    halves are read little-endian on every platform, so a seed gives the same draws.
    """
    raw = rng.bit_generator.random_raw((n + 1) // 2).astype("<u8", copy=False)
    return raw.view("<u4")[:n]


def _bernoulli_positions(rng: np.random.Generator, n: int, p: float) -> np.ndarray:
    """Ascending positions in range(n), each taken independently with probability p.

    The gaps between taken positions are geometric, so the cost is the positions taken.
    """
    chunk = int(n * p + 6 * np.sqrt(n * p) + 16)
    positions = np.cumsum(rng.geometric(p, chunk)) - 1
    while positions[-1] < n:  # the chunk fell short (rare): draw on
        more = positions[-1] + np.cumsum(rng.geometric(p, chunk))
        positions = np.concatenate([positions, more])
    return positions[positions < n]


AGEING = np.uint32(round(0.2 * 2**32))
"""A fifth of each band (but the open one) ages into the next each year, as in the cohort
step, compared with a 32-bit uniform."""


@dataclass(frozen=True)
class _Demography:
    """Per demographic slot (group × place × sex × band): thresholds on a 32-bit uniform.

    A uniform below `death` dies; survivors are uniform above it, so one below `birth`
    gives birth (probability birth rate × survival) and one up to `event` migrates with
    probability |net migration| × survival: out of the land where `leaves`, otherwise a
    copy of them arrives.
    """

    death: np.ndarray  # uint32
    birth: np.ndarray  # uint32
    event: np.ndarray  # uint32
    leaves: np.ndarray  # bool
    n_places: int

    @classmethod
    def of(cls, table: Places) -> _Demography:
        """The thresholds for every group in every place of `table`."""
        rates = region_rates()
        groups = np.repeat(np.arange(len(GROUPS), dtype=np.int8), len(table))
        region = region_of(groups, np.tile(table.zone, len(GROUPS)))
        death = rates.death[region]
        birth = np.zeros_like(death)
        birth[:, 0, FERTILE] = rates.fertility[region]
        migration = np.broadcast_to(rates.net_migration[region][:, None, None], death.shape)
        survive = 1.0 - death
        return cls(
            _threshold(death),
            _threshold(death + birth * survive),
            _threshold(death + (birth + np.abs(migration)) * survive),
            (migration < 0).reshape(-1),
            len(table),
        )

    def slot(
        self, group: np.ndarray, place: np.ndarray, sex: np.ndarray, band: np.ndarray
    ) -> np.ndarray:
        """Each person's slot in the tables, in the smallest integers that hold them."""
        fits = len(self.death) <= np.iinfo(np.int16).max
        slot = group.astype(np.int16 if fits else np.int32)
        slot *= self.n_places
        slot += place
        slot *= SHAPE[0]
        slot += sex
        slot *= SHAPE[1]
        slot += band
        return slot


def _threshold(p: np.ndarray) -> np.ndarray:
    """Probabilities as thresholds on a 32-bit uniform (flat)."""
    return np.minimum(np.rint(p * 2.0**32), 2**32 - 1).astype(np.uint32).reshape(-1)


_ONES = np.ones(SHAPE[0] * SHAPE[1])
"""Summing a cell's flat counts is a product with this (`sum(axis=1)` is slower)."""

POOLS = len(PRIOR_CITIZENSHIPS) * len(STATUSES) * len(GROUPS)
"""Movers are pooled by prior citizenship × status × national group (see `pool_of`)."""


def pool_of(prior: np.ndarray, status: np.ndarray, group: np.ndarray) -> np.ndarray:
    """The pool of each mover: the row of a `spread` weight table that places them."""
    pool = prior.astype(np.int64) * len(STATUSES) + status
    return pool * len(GROUPS) + group


def unpool(pool: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Prior citizenship, status and group codes of pools (the inverse of `pool_of`)."""
    rest, group = np.divmod(pool, len(GROUPS))
    prior, status = np.divmod(rest, len(STATUSES))
    return prior.astype(np.int8), status.astype(np.int8), group.astype(np.int8)


def _with_destination(weights: np.ndarray, pool: np.ndarray, *columns: np.ndarray):
    """Keep the movers whose pool has somewhere to go (a non-empty weights row)."""
    ok = (weights @ np.ones(weights.shape[1]))[pool] > 0
    return (*(c[ok] for c in columns), pool[ok])


def _draw_places(rng: np.random.Generator, weights: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """One place per mover, drawn from their pool's row of `weights`, in one search.

    Each row's cumulative shares are offset by the row's number, so all rows form one
    ascending array and a mover's draw (row + uniform) falls inside their own row.
    """
    n = weights.shape[1]
    cumulative = np.cumsum(weights, axis=1)
    total = cumulative[:, -1:]
    shares = np.divide(cumulative, total, out=np.ones_like(cumulative), where=total > 0)
    flat = (shares + np.arange(len(weights))[:, None]).reshape(-1)
    draw = pool + rng.random(len(pool))
    found = np.searchsorted(flat, draw, side="right") - pool * n
    return np.minimum(found, n - 1)
