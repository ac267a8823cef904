"""The population during a run, as cohort cells or as one row per person.

Both kinds expose the same *units* (a cell, or a person) with the same columns, so the
moves and the metrics are written once: a move takes `k` people out of a unit and puts
them in another place and status. Cohort units hold fractional counts by sex and age
and follow the expected-value projection; person units hold one person each and follow
the same rates drawn person by person.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from confed.people.cohorts import GROUPS, SHAPE, Cohorts, region_of
from confed.people.projection import FERTILE, SEX_RATIO_AT_BIRTH, step
from confed.people.rates import cell_rates, region_rates
from confed.places import Places
from confed.rights.engine import People
from confed.rights.types import type_index, type_space


class CohortState:
    """Units are cohort cells; demography is the deterministic cohort-component step."""

    def __init__(self, cohorts: Cohorts, table: Places):
        self.cells = cohorts
        self.table = table
        self.n_types = type_space(table).size
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

    def type_sizes(self) -> np.ndarray:
        """People per person type."""
        return np.bincount(self.types(), weights=self.sizes, minlength=self.n_types)

    def choose(self, rng: np.random.Generator, chance: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Units and how many of each make a choice taken with probability `chance` per type.

        Every non-empty unit of a type with a chance draws a binomial on its rounded
        size; a certain choice takes the whole cell.
        """
        types, sizes = self.types(), self.sizes
        units = np.flatnonzero((chance > 0)[types])
        units = units[sizes[units] > 0]
        p, sizes = chance[types[units]], sizes[units]
        k = rng.binomial(np.rint(sizes).astype(np.int64), np.clip(p, 0.0, 1.0))
        return units, np.where(p >= 1.0, sizes, k)

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
    """Units are persons (weight 1); demography is drawn person by person.

    Rows are unordered: the dead and the emigrants are overwritten by newborns and
    arrivals instead of compacting every column, and each row's person type is kept as
    a column of its own, updated with the rows it describes.
    """

    COLUMNS = ("prior", "status", "place", "group", "sex", "band", "_types")

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
        self._types = type_index(self.prior, self.status, self.place, len(table))
        self._counts = np.bincount(self._types, minlength=type_space(table).size)
        self._ones = np.ones(0)
        self._demography = _Demography.of(table)

    def types(self) -> np.ndarray:
        """The person type of each unit."""
        return self._types

    @property
    def sizes(self) -> np.ndarray:
        """One person per unit (a view of a buffer that grows with the population)."""
        n = len(self.place)
        if len(self._ones) < n:
            self._ones = np.ones(n + n // 4)
        return self._ones[:n]

    def type_sizes(self) -> np.ndarray:
        """People per person type (kept up to date as people move, are born and die)."""
        return self._counts.astype(float)

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

    def move(self, units: np.ndarray, k: np.ndarray, place: np.ndarray, status: np.ndarray) -> None:
        """Move each chosen person (k = 1) to a new place and status, and retype them."""
        chosen = k > 0
        who = units[chosen]
        self.place[who] = place[chosen]
        self.status[who] = status[chosen]
        self._counts -= np.bincount(self._types[who], minlength=len(self._counts))
        self._types[who] = type_index(
            self.prior[who], self.status[who], self.place[who], len(self.table)
        )
        self._counts += np.bincount(self._types[who], minlength=len(self._counts))

    def settle(self) -> None:
        """Nothing to merge: persons moved in place."""

    def age_one_year(self, rng: np.random.Generator) -> None:
        """Deaths, births, migration and ageing drawn with the cohort step's rates.

        One 32-bit uniform per person, compared with nested thresholds of the person's
        demographic slot, decides death and, for survivors, birth or migration; only the
        few percent below the outer threshold are looked at further. A second uniform
        decides ageing.
        """
        d = self._demography
        slot = self._slots()
        u = rng.integers(2**32, size=len(slot), dtype=np.uint32)
        hit = np.flatnonzero(u < d.event[slot])
        u, slot = u[hit], slot[hit]
        dead = u < d.death[slot]
        moving = u >= d.birth[slot]
        leaving = moving & d.leaves[slot]
        mothers = hit[~dead & ~moving]
        arriving = hit[moving & ~leaving]
        older = rng.integers(2**32, size=len(self.band), dtype=np.uint32) < AGEING
        older &= self.band < SHAPE[1] - 1
        self.band += older
        new = {
            name: getattr(self, name)[np.concatenate([mothers, arriving])]
            for name in self.COLUMNS
        }
        new["sex"][: len(mothers)] = (
            rng.random(len(mothers)) < SEX_RATIO_AT_BIRTH / (1 + SEX_RATIO_AT_BIRTH)
        )
        new["band"][: len(mothers)] = 0
        self._replace(hit[dead | leaving], new)

    def _slots(self) -> np.ndarray:
        """Each person's row in the demographic tables (group × place × sex × band)."""
        slot = self.group.astype(self._demography.slot_dtype)
        slot *= len(self.table)
        slot += self.place
        slot *= SHAPE[0]
        slot += self.sex
        slot *= SHAPE[1]
        slot += self.band
        return slot

    def _replace(self, gone: np.ndarray, new: dict[str, np.ndarray]) -> None:
        """Drop the rows `gone` (ascending) and add the `new` ones.

        The new rows are appended and the last rows fill the gaps, so only the rows that
        change are written (rows are unordered).
        """
        total = len(self.place) + len(new["place"])
        kept = total - len(gone)
        tail = np.ones(total - kept, dtype=bool)
        tail[gone[gone >= kept] - kept] = False
        source, gaps = kept + np.flatnonzero(tail), gone[gone < kept]
        self._counts -= np.bincount(self._types[gone], minlength=len(self._counts))
        self._counts += np.bincount(new["_types"], minlength=len(self._counts))
        for name in self.COLUMNS:
            column = np.concatenate([getattr(self, name), new[name]])
            column[gaps] = column[source]
            setattr(self, name, column[:kept])

    def rows(self) -> tuple[People, np.ndarray]:
        """One row per person."""
        people = People(self.prior, self.status, self.place, self.sizes, self.group)
        return people, self.band

    def row_types(self) -> np.ndarray:
        """The person type of each of `rows()`."""
        return self._types


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
    slot_dtype: type

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
        size = death.size
        return cls(
            _threshold(death),
            _threshold(death + birth * survive),
            _threshold(death + (birth + np.abs(migration)) * survive),
            (migration < 0).reshape(-1),
            np.int16 if size <= np.iinfo(np.int16).max else np.int32,
        )


def _threshold(p: np.ndarray) -> np.ndarray:
    """Probabilities as thresholds on a 32-bit uniform (flat)."""
    return np.minimum(np.rint(p * 2.0**32), 2**32 - 1).astype(np.uint32).reshape(-1)
