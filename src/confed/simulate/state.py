"""The population during a run, as cohort cells (here) or as one row per person.

Both kinds expose the same *units* (a cell, or a person, `simulate.persons`) with the
same columns, so the moves and the metrics are written once: a move takes `k` people
out of a unit and puts them in another place and status. Cohort units hold fractional
counts by sex and age and follow the expected-value projection; person units hold one
person each and follow the same rates drawn person by person.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from confed.people.cohorts import GROUPS, REGIONS, SHAPE, Cohorts, region_of
from confed.people.projection import step
from confed.people.rates import cell_rates
from confed.places import Places
from confed.rights.types import type_index, type_space
from confed.simulate.destinations import destinations
from confed.simulate.kept import kept_for
from confed.simulate.kernels import (
    add_rows,
    age_regions,
    banded,
    choose_in_order,
    sum_by_key,
    sum_in_order,
)
from confed.simulate.metrics import ADULT_SHARE, Totals
from confed.simulate.move_kernels import choose_and_spread, take_and_spread
from confed.vocab import PRIOR_CITIZENSHIPS, STATUSES


class CohortState:
    """Units are cohort cells; demography is the deterministic cohort-component step.

    A cell is one identity (person type × national group) and keeps its row for the
    whole run: people moving into an identity not seen yet add a row at the end, a
    cell that empties keeps its row with no one in it. So what a row's identity
    decides (its type, its demographic region) is derived once, and moved people are
    added to their rows in place. The draws visit rows in one fixed order (by
    demographic region, then identity: `_order`), whatever order they were added in.
    """

    whole = False
    """Counts may be fractions of people."""

    def __init__(self, cohorts: Cohorts, table: Places):
        self.table = table
        self.n_types = type_space(table).size
        self._row_of = np.full(self.n_types * len(GROUPS), -1, dtype=np.int64)
        self._counts = np.zeros((0, *SHAPE))
        self._size_of = np.zeros(0)
        self._n = 0
        self._types = np.zeros(0, np.int64)
        self.group = np.zeros(0, np.int8)
        self.prior, self.status = np.zeros(0, np.int8), np.zeros(0, np.int8)
        self.place = np.zeros(0, np.int16)
        self._order = np.zeros(0, np.int64)
        """Every row, by demographic region then identity: the order the draws visit them."""
        self._sort_key = np.zeros(0, np.int64)
        """Region × identities + identity of the rows in `_order`, ascending."""
        self._regions, self._region_bounds = np.zeros(0, np.int64), np.zeros(1, np.int64)
        self.occupied = np.zeros(0, np.int64)
        """The person types with a row, ascending."""
        self._key = np.zeros(0, np.int64)
        """Each row's column among the occupied types × groups (`totals`)."""
        self._pending: list[tuple[np.ndarray, ...]] = []
        """Each spread's destinations, settled later: rows, pools, pooled counts, shares."""
        prior, status, group = unpool(np.arange(POOLS))
        self._pool_ident = type_index(prior, status, np.zeros(POOLS, np.int16), len(table))
        self._pool_ident = self._pool_ident.astype(np.int64) * len(GROUPS) + group
        """Identity of each pool's people at place 0: add place × groups for another place."""
        ident = type_index(cohorts.prior, cohorts.status, cohorts.place, len(table))
        rows = self._rows_of(ident.astype(np.int64) * len(GROUPS) + cohorts.group)
        np.add.at(self._counts, rows, cohorts.counts)
        self._size_of[: self._n] = self.counts.reshape(self._n, -1) @ _ONES

    def copy(self) -> CohortState:
        """A state holding the same rows, in the same order, that changes apart from this one.

        A run starts from a copy of a state built once per start population
        (`start_state`), so the rows are laid out as a fresh state's would be.
        """
        new = object.__new__(CohortState)
        new.__dict__ = {
            k: v.copy() if isinstance(v, np.ndarray) else v for k, v in self.__dict__.items()
        }
        new.counts = new._counts[: new._n]
        new._pending = []
        return new

    # ---------------------------------------------------------------- rows

    def _rows_of(self, ident: np.ndarray) -> np.ndarray:
        """The row of each identity, adding empty rows for identities not seen before.

        An empty row changes no draw (a unit under half a person draws none), so rows
        may be added between the moves of a round.
        """
        rows = self._row_of[ident]
        new = rows < 0
        if new.any():
            self._add_rows(np.unique(ident[new]))
            rows = self._row_of[ident]
        return rows

    def _add_rows(self, fresh: np.ndarray) -> None:
        """Empty rows for the identities `fresh` (ascending), after the rows there are.

        They are laid out by demographic region, so ageing reads each region's new
        rows as one slice (`_regions`, `_region_bounds`: a region may have several),
        and merged into the draws' order; the rows already there do not move.
        """
        types, group = np.divmod(fresh, len(GROUPS))
        region = region_of(group, self.table.zone[types % len(self.table)]).astype(np.int64)
        by_region = np.argsort(region, kind="stable")
        fresh, region, types, group = (a[by_region] for a in (fresh, region, types, group))
        n, m = self._n, self._n + len(fresh)
        if m > len(self._counts):
            self._grow(m + m // 2)
        self._row_of[fresh] = np.arange(n, m)
        self._n = m
        rest, place = np.divmod(types, len(self.table))
        prior, status = np.divmod(rest, len(STATUSES))
        self._types = np.concatenate([self._types, types])
        self.group = np.concatenate([self.group, group.astype(np.int8)])
        self.prior = np.concatenate([self.prior, prior.astype(np.int8)])
        self.status = np.concatenate([self.status, status.astype(np.int8)])
        self.place = np.concatenate([self.place, place.astype(np.int16)])
        regions, first = np.unique(region, return_index=True)
        self._regions = np.concatenate([self._regions, regions])
        self._region_bounds = np.concatenate([self._region_bounds, n + np.append(first[1:], m - n)])
        key = region * len(self._row_of) + fresh  # ascending: `fresh` is, within a region
        at = np.searchsorted(self._sort_key, key)
        self._sort_key = np.insert(self._sort_key, at, key)
        self._order = np.insert(self._order, at, np.arange(n, m))
        self._sorted_types = self._types[self._order]
        self.counts = self._counts[:m]
        self._type_sizes = None
        self._occupy(types, group)

    def _occupy(self, types: np.ndarray, group: np.ndarray) -> None:
        """Count the types of rows just added (`types`, `group`) among the occupied types.

        The occupied types stay ascending: types new to them are inserted in place and
        the rows already there have their columns moved past them (`_key`), which is
        `np.unique(self._types, return_inverse=True)` without sorting every row again.
        """
        n_groups = len(GROUPS)
        new = np.unique(types)
        at = np.searchsorted(self.occupied, new)  # `np.isin`, by the order: a tenth the time
        known = at < len(self.occupied)
        known[known] = self.occupied[at[known]] == new[known]
        new, at = new[~known], at[~known]
        if len(new):
            column, of_group = np.divmod(self._key, n_groups)
            column += np.searchsorted(new, self.occupied)[column]
            self._key = column * n_groups + of_group
            self.occupied = np.insert(self.occupied, at, new)
        fresh = np.searchsorted(self.occupied, types) * n_groups + group
        self._key = np.concatenate([self._key, fresh])

    def _grow(self, capacity: int) -> None:
        """Room for `capacity` rows (new rows hold no one)."""
        n = self._n
        counts, size_of = np.zeros((capacity, *SHAPE)), np.zeros(capacity)
        counts[:n], size_of[:n] = self._counts[:n], self._size_of[:n]
        self._counts, self._size_of = counts, size_of

    # ---------------------------------------------------------------- reading

    def types(self) -> np.ndarray:
        """The person type of each unit."""
        return self._types

    @property
    def sizes(self) -> np.ndarray:
        """People per unit (kept up to date by the kernels that change the counts)."""
        return self._size_of[: self._n]

    def type_sizes(self) -> np.ndarray:
        """People per person type (summed in the draws' order of rows)."""
        if self._type_sizes is None:
            self._type_sizes = sum_in_order(
                self._order, self._sorted_types, self.sizes, self.n_types
            )
            self._type_sizes.flags.writeable = False
        return self._type_sizes

    def totals(self, n_types: int) -> Totals:
        """People per type and group, everyone and adults: the cells' sizes summed.

        Only the occupied types are summed (`Totals.types`): the types of the rows,
        about a fifth of the `n_types` types there are.
        """
        size = len(self.occupied) * len(GROUPS)
        flat = self.counts.reshape(self._n, -1)
        everyone, adults = sum_by_key(flat, self.sizes, self._key, _ADULTS, size)
        return Totals(
            everyone.reshape(-1, len(GROUPS)), adults.reshape(-1, len(GROUPS)), self.occupied
        )

    # ---------------------------------------------------------------- moves

    def choose(self, rng: np.random.Generator, chance: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Units and how many of each make a choice taken with probability `chance` per type.

        Every unit of a type with a chance draws a binomial on its rounded size (a unit
        under half a person draws none: a binomial of nobody is nobody, and takes no
        random number); a certain choice takes the whole cell.
        """
        return choose_in_order(rng, self._order, self._sorted_types, self.sizes, chance)

    def choose_and_spread(
        self, rng: np.random.Generator, chance: np.ndarray, weights: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """`choose` with `chance`, then move those choosing by `weights`, status kept.

        A row's movers are taken out in proportion to its counts and pooled by prior
        citizenship, status and group (`POOLS`); each pool is split over its row of
        `weights` (any scale), so the cost is pools × places, not cells. One compiled
        pass (`move_kernels.choose_and_spread`); returns (places, people) moved.
        """
        d = destinations(weights)
        flat = self.counts.reshape(self._n, -1)
        spread = choose_and_spread(
            rng, self._order, self._sorted_types, flat, self.sizes, chance, self.prior,
            self.status, self.group, len(STATUSES), len(GROUPS), self._row_of, self._pool_ident,
            d.has, d.start, d.place, d.share,
        )  # fmt: skip
        return self._pend(*spread)

    def take_and_spread(
        self, rng: np.random.Generator, wanted: np.ndarray, status: int | None, weights: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """Take the people `wanted` per type; spread them by `weights` with `status` (None: kept).

        A type's count is split over its cells in proportion to their sizes (no draw:
        `rng` is not read), then moved as `choose_and_spread` moves them, in one
        compiled pass (`move_kernels.take_and_spread`). Returns the person types and
        counts taken, and the (places, people) moved.
        """
        d = destinations(weights)
        flat = self.counts.reshape(self._n, -1)
        units, k, *spread = take_and_spread(
            self._order, self._sorted_types, flat, self.sizes, wanted, self.type_sizes(),
            -1 if status is None else status, self.prior, self.status, self.group,
            len(STATUSES), len(GROUPS), self._row_of, self._pool_ident, d.has, d.start, d.place,
            d.share,
        )  # fmt: skip
        return self._types[units], k, *self._pend(*spread)

    def _pend(self, rows, pools, pooled, of_pool, place, share, people):
        """Keep a spread's destinations until the moves settle; (places, people) moved."""
        self._type_sizes = None
        if len(rows) and rows.min() < 0:  # identities not seen yet: rows added for them
            rows = self._rows_of(self._pool_ident[pools[of_pool]] + place * len(GROUPS))
        self._pending.append((rows, of_pool, pooled, share))
        return place, people

    def settle(self) -> None:
        """Add the people moved in a round of moves to their new cells."""
        flat = self.counts.reshape(self._n, -1)
        for rows, *fanned in self._pending:
            add_rows(flat, self.sizes, rows, *fanned)
        self._type_sizes = None
        self._pending = []

    def age_one_year(self, rng: np.random.Generator, year: int) -> None:
        """Births, deaths, ageing and migration through calendar `year` (expected values).

        The cohort step is linear in a cell's counts, so it is one matrix per
        demographic region and year (`_leslie_matrices`), applied to that region's rows
        in place, reading only the matrix's nonzeros (`kernels.age_regions`).
        """
        flat = self.counts.reshape(self._n, -1)
        age_regions(flat, self.sizes, self._regions, self._region_bounds, *_banded_leslie(year))
        self._type_sizes = None


_STARTS: dict = {}


def start_state(cohorts: Cohorts, table: Places) -> CohortState:
    """`CohortState(cohorts, table)`, copied from one built once per population and places.

    A run's start population is itself kept per start year (`run._start_population`).
    """
    return kept_for(_STARTS, (cohorts, table), lambda: CohortState(cohorts, table), limit=8).copy()


@cache
def _leslie_matrices(year: int) -> np.ndarray:
    """Per demographic region, the cohort step of calendar `year` as a matrix.

    `step` is linear in the counts, so the matrix's rows are the steps of unit cells,
    and `counts @ matrix` is `step(counts)` for every cell of the region.
    """
    cells = SHAPE[0] * SHAPE[1]
    basis = np.eye(cells).reshape(cells, *SHAPE)
    return np.stack(
        [
            step(basis, cell_rates(np.full(cells, region), year)).reshape(cells, cells)
            for region in range(len(REGIONS))
        ]
    )


@cache
def _banded_leslie(year: int) -> tuple[np.ndarray, ...]:
    """`_leslie_matrices(year)` split for `kernels.age_regions` (`kernels.banded`)."""
    return banded(_leslie_matrices(year))


_ONES = np.ones(SHAPE[0] * SHAPE[1])
"""Summing a cell's flat counts is a product with this (`sum(axis=1)` is slower)."""
_ADULTS = np.tile(ADULT_SHARE, SHAPE[0])
"""A cell's adults are the product of its flat counts with this."""
POOLS = len(PRIOR_CITIZENSHIPS) * len(STATUSES) * len(GROUPS)
"""Movers are pooled by prior citizenship × status × national group: pool (prior ×
statuses + status) × groups + group, the row of a weights table that places them
(`move_kernels.pools_of`, `unpool`)."""


def unpool(pool: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Prior citizenship, status and group codes of pools (see `POOLS`)."""
    rest, group = np.divmod(pool, len(GROUPS))
    prior, status = np.divmod(rest, len(STATUSES))
    return prior.astype(np.int8), status.astype(np.int8), group.astype(np.int8)
