"""The population during a run, as cohort cells or as one row per person.

Both kinds expose the same *units* (a cell, or a person) with the same columns, so the
moves and the metrics are written once: a move takes `k` people out of a unit and puts
them in another place and status. Cohort units hold fractional counts by sex and age
and follow the expected-value projection; person units hold one person each and follow
the same rates drawn person by person.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import numpy as np

from confed.people.cohorts import GROUPS, SHAPE, Cohorts, region_of
from confed.people.projection import FERTILE, SEX_RATIO_AT_BIRTH, step
from confed.people.rates import cell_rates, region_rates
from confed.places import Places
from confed.rights.engine import People
from confed.rights.types import type_index


class CohortState:
    """Units are cohort cells; demography is the deterministic cohort-component step."""

    def __init__(self, cohorts: Cohorts, table: Places):
        self.cells = cohorts
        self.table = table
        self._pending: list[Cohorts] = []

    def types(self) -> np.ndarray:
        """The person type of each unit."""
        return type_index(self.prior, self.status, self.place, len(self.table))

    @property
    def prior(self) -> np.ndarray:  # noqa: D102
        return self.cells.prior

    @property
    def status(self) -> np.ndarray:  # noqa: D102
        return self.cells.status

    @property
    def place(self) -> np.ndarray:  # noqa: D102
        return self.cells.place

    @property
    def group(self) -> np.ndarray:  # noqa: D102
        return self.cells.group

    @property
    def sizes(self) -> np.ndarray:
        """People per unit."""
        return self.cells.sizes

    def draw(self, rng: np.random.Generator, units: np.ndarray, p: np.ndarray) -> np.ndarray:
        """How many people of each unit make a choice taken with probability `p`."""
        sizes = self.cells.sizes[units]
        k = rng.binomial(np.rint(sizes).astype(np.int64), np.clip(p, 0.0, 1.0))
        return np.where(p >= 1.0, sizes, k)  # a certain move takes the whole cell

    def move(self, units: np.ndarray, k: np.ndarray, place: np.ndarray, status: np.ndarray) -> None:
        """Move `k` people of each unit (a unit may repeat) to a new place and status."""
        c = self.cells
        frac = k / np.maximum(c.sizes, 1e-12)[units]
        total = np.zeros(len(c))
        np.add.at(total, units, frac)
        frac /= np.maximum(total, 1.0)[units]  # draws on rounded sizes may overshoot
        moved = c.counts[units] * frac[:, None, None]
        self._pending.append(
            Cohorts(
                c.prior[units],
                status.astype(np.int8),
                place.astype(np.int16),
                c.group[units],
                moved,
            )
        )
        c.counts *= (1.0 - np.minimum(total, 1.0))[:, None, None]

    def settle(self) -> None:
        """Merge moved people into cells after a round of moves."""
        if not self._pending:
            return
        parts = [self.cells, *self._pending]
        self.cells = Cohorts(
            *(
                np.concatenate([getattr(p, f) for p in parts])
                for f in ("prior", "status", "place", "group", "counts")
            )
        ).compact()
        self._pending = []

    def age_one_year(self, rng: np.random.Generator) -> None:
        """Births, deaths, ageing and migration for one year (expected values)."""
        rates = cell_rates(self.cells.regions(self.table))
        self.cells = replace(self.cells, counts=step(self.cells.counts, rates))

    def rows(self) -> tuple[People, np.ndarray]:
        """Weighted rows (cell × age band) for the rights engine and the metrics."""
        return self.cells.rows()

    def row_types(self) -> np.ndarray:
        """The person type of each of `rows()`."""
        return np.repeat(self.types(), SHAPE[1])


class PersonState:
    """Units are persons (weight 1); demography is drawn person by person."""

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
        self._ones = np.ones(0)
        self._types: np.ndarray | None = None
        groups = np.repeat(np.arange(len(GROUPS), dtype=np.int8), len(table))
        self._regions = region_of(groups, np.tile(table.zone, len(GROUPS)))  # per group, place

    def types(self) -> np.ndarray:
        """The person type of each unit (kept until people move, are born or die)."""
        if self._types is None:
            self._types = type_index(self.prior, self.status, self.place, len(self.table))
        return self._types

    @property
    def sizes(self) -> np.ndarray:
        """One person per unit."""
        if len(self._ones) != len(self.place):
            self._ones = np.ones(len(self.place))
        return self._ones

    def draw(self, rng: np.random.Generator, units: np.ndarray, p: np.ndarray) -> np.ndarray:
        """1 for each person who makes a choice taken with probability `p`, else 0."""
        return (rng.random(len(units), dtype=np.float32) < p).astype(np.int64)

    def move(self, units: np.ndarray, k: np.ndarray, place: np.ndarray, status: np.ndarray) -> None:
        """Move each chosen person (k = 1) to a new place and status."""
        chosen = k > 0
        who = units[chosen]
        self.place[who] = place[chosen]
        self.status[who] = status[chosen]
        if self._types is not None:  # keep the cache: retype only the movers
            self._types[who] = type_index(
                self.prior[who], self.status[who], self.place[who], len(self.table)
            )

    def settle(self) -> None:
        """Nothing to merge: persons moved in place."""

    def age_one_year(self, rng: np.random.Generator) -> None:
        """Deaths, ageing, births and migration drawn with the cohort step's rates.

        Each person's rates are read from flat region × sex × band tables by one small
        integer; one uniform draw decides birth or migration (disjoint intervals).
        """
        death, birth, migration = _person_tables()
        self._types = None
        n = len(self.place)
        region = self._regions[self.group.astype(np.int32) * len(self.table) + self.place]
        slot = (region.astype(np.int16) * SHAPE[0] + self.sex) * SHAPE[1] + self.band
        alive = rng.random(n, dtype=np.float32) >= death[slot]
        event = rng.random(n, dtype=np.float32)
        p_birth = birth[slot]
        mothers = alive & (event < p_birth)
        moving = (event >= p_birth) & (event < p_birth + np.abs(migration[region]))
        leaving = moving & (migration[region] < 0)
        arriving = moving & alive & (migration[region] > 0)
        alive &= ~leaving
        older = (rng.random(n, dtype=np.float32) < 0.2) & (self.band < SHAPE[1] - 1)
        self.band = self.band + older.astype(np.int8)
        n_alive, n_born = int(alive.sum()), int(mothers.sum())
        for name in ("prior", "status", "place", "group", "sex", "band"):
            column = getattr(self, name)
            setattr(self, name, np.concatenate([column[alive], column[mothers], column[arriving]]))
        born = slice(n_alive, n_alive + n_born)
        boys = rng.random(n_born) < SEX_RATIO_AT_BIRTH / (1 + SEX_RATIO_AT_BIRTH)
        self.sex[born] = boys
        self.band[born] = 0

    def rows(self) -> tuple[People, np.ndarray]:
        """One row per person."""
        people = People(self.prior, self.status, self.place, self.sizes, self.group)
        return people, self.band

    def row_types(self) -> np.ndarray:
        """The person type of each of `rows()`."""
        return self.types()


@cache
def _person_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Death and birth probabilities per region × sex × band (flat), migration per region."""
    rates = region_rates()
    birth = np.zeros((len(rates.death), *SHAPE), dtype=np.float32)
    birth[:, 0, FERTILE] = rates.fertility
    return (
        rates.death.astype(np.float32).reshape(-1),
        birth.reshape(-1),
        rates.net_migration.astype(np.float32),
    )
