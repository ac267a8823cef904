"""The population during a run as one row per person (person mode).

The rows hold the same facts as cohort cells and follow the same rates, drawn person by
person. A year touches only the rows that change; ageing reads the rows in blocks whose
work arrays stay in the processor's cache, and what a year finds goes into buffers kept
for the next, so a 30-year run does not ask the kernel for fresh pages for tens of
millions of rows every year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from confed.people.build import BASE_YEAR
from confed.people.cohorts import GROUPS, SHAPE, Cohorts, region_of
from confed.people.projection import FERTILE, SEX_RATIO_AT_BIRTH
from confed.people.rates import region_rates
from confed.places import Places
from confed.rights.engine import People
from confed.rights.types import gather, type_index, type_space
from confed.simulate.draws import GuidedDestinations, bernoulli_positions, by_type_then
from confed.simulate.metrics import Totals, row_keys, totals_from_counts
from confed.simulate.state import pool_of, with_destination


class PersonState:
    """Units are persons (weight 1); demography is drawn person by person.

    Rows are unordered: the dead and the emigrants are overwritten by newborns and
    arrivals, and columns live in buffers with room to grow, so a year writes only the
    rows that change. Besides the facts, each row keeps what the year reads of them,
    its person type and its demographic slot, updated with the facts; and the state
    keeps its people per person type and per metrics key (type × group × age band),
    updated by the rows that change instead of counted again each year.
    """

    whole = True
    """Counts are whole people."""

    FACTS = ("prior", "status", "place", "group", "sex", "band")
    DERIVED = ("_types", "_slot")

    def __init__(self, cohorts: Cohorts, table: Places, rng: np.random.Generator):
        whole = np.floor(cohorts.counts)
        whole += rng.random(whole.shape) < cohorts.counts - whole  # unbiased rounding
        per_slot = whole.astype(np.int64).reshape(-1)
        cells = SHAPE[0] * SHAPE[1]
        self.table = table
        self._demography = _Demography.of(table, BASE_YEAR)
        # every column is first built per cell × sex × band slot, then repeated per person
        for name in ("prior", "status", "place", "group"):
            setattr(self, name, np.repeat(getattr(cohorts, name), cells))
        self.sex = np.tile(np.repeat(np.arange(SHAPE[0], dtype=np.int8), SHAPE[1]), len(cohorts))
        self.band = np.tile(np.arange(SHAPE[1], dtype=np.int8), len(cohorts) * SHAPE[0])
        self._types, self._slot = self.derived(slice(None))
        keys = row_keys(self._types, self.group, self.band)
        # people per metrics key (type × group × band), kept up to date like `_counts`
        self._people = np.bincount(keys, weights=per_slot, minlength=_n_keys(table)).astype(int)
        n = int(per_slot.sum())
        self._buffers: dict[str, np.ndarray] = {}
        for name in self.FACTS + self.DERIVED:
            column = getattr(self, name)
            buffer = self._buffers[name] = np.empty(n + n // 2, column.dtype)  # room to grow
            buffer[:n] = np.repeat(column, per_slot)
            setattr(self, name, buffer[:n])
        self._counts = np.bincount(self._types, minlength=type_space(table).size)
        self._work: dict[str, np.ndarray] = {}
        self._found: dict[str, _Appended] = {}
        self._tables: dict[int, GuidedDestinations] = {}

    def derived(self, rows: np.ndarray | slice) -> tuple[np.ndarray, np.ndarray]:
        """Person type and demographic slot of `rows`, from their facts."""
        return self._derived_of(
            self.prior[rows],
            self.status[rows],
            self.place[rows],
            self.group[rows],
            self.sex[rows],
            self.band[rows],
        )

    def _derived_of(
        self,
        prior: np.ndarray,
        status: np.ndarray,
        place: np.ndarray,
        group: np.ndarray,
        sex: np.ndarray,
        band: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Person type and demographic slot of rows with these facts."""
        types = type_index(prior, status, place, len(self.table))
        return types, self._demography.slot(group, place, sex, band)

    def _keys(self, rows: np.ndarray) -> np.ndarray:
        """The metrics key of `rows` (`metrics.row_keys`)."""
        return row_keys(self._types[rows], self.group[rows], self.band[rows])

    def types(self) -> np.ndarray:
        """The person type of each unit."""
        return self._types

    def type_sizes(self) -> np.ndarray:
        """People per person type (kept up to date as people move, are born and die)."""
        return self._counts.astype(float)

    def totals(self, n_types: int) -> Totals:
        """People per type, group and age band (kept up to date like `type_sizes`)."""
        return totals_from_counts(self._people, n_types)

    def choose(self, rng: np.random.Generator, chance: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The persons who make a choice taken with probability `chance` per type (k = 1).

        When fewer people would draw at the highest chance present than have a chance
        at all (choices are mostly rare), candidates are drawn at that chance over
        everyone, with geometric gaps, and each keeps their own chance over it: the
        cost is the candidates, not the population. Otherwise each person of a type
        with a chance draws.
        """
        units, _ = self._chosen(rng, chance)
        return units, np.ones(len(units), dtype=np.int64)

    def _chosen(
        self, rng: np.random.Generator, chance: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """`choose`'s persons (ascending) and their person types."""
        present = self._counts > 0
        top = chance[present].max(initial=0.0)
        if top <= 0:
            units = np.zeros(0, dtype=np.int64)
            return units, self._types[units]
        if top * len(self._types) < self._counts[chance > 0].sum():
            units = bernoulli_positions(rng, len(self._types), top)
            types = self._types[units]
            keep = rng.random(len(units)) * top < chance[types]
        else:
            has = self._scratch("mask", bool)
            units = np.flatnonzero(gather(chance > 0, self._types, out=has))
            types = self._types[units]
            keep = rng.random(len(units)) < chance[types]
        return units[keep], types[keep]

    def take(self, rng: np.random.Generator, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Persons drawn at random, at most `wanted` (rounded down) of each person type.

        Each person of a wanted type is drawn with chance wanted / present; a type that
        drew more than it wants gives back a random surplus, so no count is exceeded.
        The persons come ordered by type, and within a type by a uniform drawn for each.
        """
        whole = np.floor(wanted + 1e-9)
        chance = np.divide(whole, self._counts, out=np.zeros(len(whole)), where=self._counts > 0)
        units, types = self._chosen(rng, np.minimum(chance, 1.0))
        order = by_type_then(types, rng.random(len(units)))
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
        prior, group = self.prior[who], self.group[who]
        pool = pool_of(prior, status, group)
        who, prior, group, status, pool = with_destination(weights, pool, who, prior, group, status)
        place = self._destinations(weights).draw(rng, pool)
        self.place[who] = place
        self.status[who] = status
        old, band = self._types[who], self.band[who]
        types, self._slot[who] = self._derived_of(prior, status, place, group, self.sex[who], band)
        self._types[who] = types
        self._counts -= np.bincount(old, minlength=len(self._counts))
        self._counts += np.bincount(types, minlength=len(self._counts))
        np.subtract.at(self._people, row_keys(old, group, band), 1)
        np.add.at(self._people, row_keys(types, group, band), 1)
        return place, np.ones(len(who))

    def settle(self) -> None:
        """Nothing to merge: persons moved in place."""

    def age_one_year(self, rng: np.random.Generator, year: int) -> None:
        """Deaths, births, migration and ageing through calendar `year`, at its cohort rates.

        One 32-bit uniform per person, compared with nested thresholds of the person's
        demographic slot, decides death and, for survivors, birth or migration; only the
        few percent below the outer threshold are looked at further. Above it the
        uniform is uniform again, so its first fifth there decides ageing (which moves
        the band, the slot and the key one step); those below it draw ageing apart.
        """
        if self._demography.year != year:
            self._demography = _Demography.of(self.table, year)
        d = self._demography
        hit, u, aged = self._age_above_events(rng, d)
        slot = self._slot[hit]
        older = rng.random(len(hit), dtype=np.float32) < AGEING
        older &= self.band[hit] < SHAPE[1] - 1
        aged.add(self._keys(hit[older]))
        for column in (self.band, self._slot):
            column[hit] += older
        moved_on = np.bincount(aged.values(), minlength=len(self._people))
        self._people -= moved_on
        self._people[1:] += moved_on[:-1]  # the key of the next band of the same type and group
        dead = u < d.death[slot]
        moving = u >= d.birth[slot]
        leaving = moving & d.leaves[slot]
        mothers = hit[~dead & ~moving]
        arriving = hit[moving & ~leaving]
        parents = np.concatenate([mothers, arriving])
        new = {name: getattr(self, name)[parents] for name in self.FACTS}
        born = slice(0, len(mothers))
        new["sex"][born] = rng.random(len(mothers)) < SEX_RATIO_AT_BIRTH / (1 + SEX_RATIO_AT_BIRTH)
        new["band"][born] = 0
        self._replace(hit[dead | leaving], new)

    def _age_above_events(
        self, rng: np.random.Generator, d: _Demography
    ) -> tuple[np.ndarray, np.ndarray, _Appended]:
        """Draw every person's uniform; age those above their event threshold.

        Returns the rows below it (ascending), their uniforms, and the metrics keys the
        aged rows had. The rows are taken a block at a time, so the uniforms,
        thresholds and masks of a block stay in the processor's cache and are written
        into the same small work arrays each time, instead of one pass over tens of
        millions of rows per step; what a block finds is appended to buffers kept from
        year to year. The uniforms are those one draw for every row would give (blocks
        continue the same stream).
        """
        n, last = len(self._slot), SHAPE[1] - 1
        draw, limit = self._block("uniform", np.float32), self._block("limit", np.float32)
        below, older = self._block("below", bool), self._block("older", bool)
        young = self._block("young", bool)
        hits, uniforms, aged = (self._appended(n, dtype) for n, dtype in _FOUND)
        for start in range(0, n, AGE_BLOCK):
            rows = slice(start, min(start + AGE_BLOCK, n))
            m = rows.stop - start
            u = rng.random(dtype=np.float32, out=draw[:m])
            cut = np.take(d.event, self._slot[rows], out=limit[:m], mode="clip")
            hit = np.flatnonzero(np.less(u, cut, out=below[:m]))
            hits.add(hit + start)
            uniforms.add(u[hit])
            cut *= 1 - AGEING  # limit + AGEING × (1 - limit): the first fifth above the limit
            cut += AGEING
            up = np.less(u, cut, out=older[:m])
            up[hit] = False
            up &= np.less(self.band[rows], last, out=young[:m])
            moving_up = np.flatnonzero(up)
            keys = row_keys(
                self._types[rows][moving_up],
                self.group[rows][moving_up],
                self.band[rows][moving_up],
            )
            aged.add(keys)
            for column in (self.band, self._slot):
                column[rows] += up
        return hits.values(), uniforms.values(), aged

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
        np.subtract.at(self._people, self._keys(gone), 1)
        for name in self.FACTS + self.DERIVED:
            setattr(self, name, self._room(name, n, total))
        for name in self.FACTS:
            getattr(self, name)[n:] = new[name]
        self._types[n:], self._slot[n:] = self.derived(slice(n, total))
        self._counts += np.bincount(self._types[n:], minlength=len(self._counts))
        np.add.at(self._people, self._keys(np.arange(n, total)), 1)
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

    def _block(self, name: str, dtype: type) -> np.ndarray:
        """Work array `name` of one block of rows (`AGE_BLOCK`), kept from year to year."""
        work = self._work.get(name)
        if work is None:
            work = self._work[name] = np.empty(AGE_BLOCK, dtype)
        return work

    def _appended(self, name: str, dtype: type) -> _Appended:
        """The kept, emptied buffer `name` that a year's blocks append to."""
        found = self._found.get(name)
        if found is None:
            found = self._found[name] = _Appended(np.empty(0, dtype))
        found.size = 0
        return found

    def _scratch(self, name: str, dtype: type) -> np.ndarray:
        """Work array `name` of one item per person, kept from year to year."""
        size = len(self._slot)
        work = self._work.get(name)
        if work is None or len(work) < size:
            work = self._work[name] = np.empty(size + size // 4, dtype)
        return work[:size]

    def _destinations(self, weights: np.ndarray) -> GuidedDestinations:
        """The draw table of a weights table, built once per run (moves reuse theirs)."""
        table = self._tables.get(id(weights))
        if table is None or table.weights is not weights:
            table = self._tables[id(weights)] = GuidedDestinations.of(weights)
        return table

    def rows(self) -> tuple[People, np.ndarray]:
        """One row per person."""
        people = People(self.prior, self.status, self.place, np.ones(len(self.place)), self.group)
        return people, self.band


@dataclass
class _Appended:
    """Arrays appended into one buffer kept from year to year (growing by a quarter)."""

    buffer: np.ndarray
    size: int = 0

    def add(self, values: np.ndarray) -> None:
        """Append `values`."""
        end = self.size + len(values)
        if end > len(self.buffer):
            grown = np.empty(end + end // 4 + AGE_BLOCK, self.buffer.dtype)
            grown[: self.size] = self.buffer[: self.size]
            self.buffer = grown
        self.buffer[self.size : end] = values
        self.size = end

    def values(self) -> np.ndarray:
        """What was appended (a view of the buffer, until the next year's)."""
        return self.buffer[: self.size]


_FOUND = (("hits", np.intp), ("uniforms", np.float32), ("aged", np.intp))
"""The buffers ageing appends to: rows with an event, their uniforms, keys of aged rows."""


def _n_keys(table: Places) -> int:
    """How many metrics keys there are: person types × national groups × age bands."""
    return type_space(table).size * len(GROUPS) * SHAPE[1]


AGE_BLOCK = 1 << 16
"""Rows aged per block (`PersonState._age_above_events`): a block's work arrays, about
0.7 MB, stay in a core's 1 MiB cache."""

AGEING = np.float32(0.2)
"""A fifth of each band (but the open one) ages into the next each year, as in the cohort
step."""


@dataclass(frozen=True)
class _Demography:
    """Per demographic slot (region × sex × band): thresholds on a float32 uniform.

    Thresholds are float32, like the uniforms (24 bits of resolution, so each
    probability is drawn within 6e-8).

    A uniform below `death` dies; survivors are uniform above it, so one below `birth`
    gives birth (probability birth rate × survival) and one up to `event` migrates with
    probability |net migration| × survival: out of the land where `leaves`, otherwise a
    copy of them arrives.
    """

    death: np.ndarray  # float32
    birth: np.ndarray  # float32
    event: np.ndarray  # float32
    leaves: np.ndarray  # bool
    region: np.ndarray  # groups × places: the demographic region of each group there
    year: int

    @classmethod
    def of(cls, table: Places, year: int) -> _Demography:
        """The thresholds of every demographic region in calendar `year`.

        Rates depend on the region (group, and zone for Palestinians), sex and band only,
        so the tables stay small however many places there are.
        """
        rates = region_rates(year)
        death = rates.death
        birth = np.zeros_like(death)
        birth[:, 0, FERTILE] = rates.fertility
        migration = np.broadcast_to(rates.net_migration[:, None, None], death.shape)
        survive = 1.0 - death
        return cls(
            _threshold(death),
            _threshold(death + birth * survive),
            _threshold(death + (birth + np.abs(migration)) * survive),
            (migration < 0).reshape(-1),
            np.stack([region_of(np.full(len(table), g), table.zone) for g in range(len(GROUPS))]),
            year,
        )

    def slot(
        self, group: np.ndarray, place: np.ndarray, sex: np.ndarray, band: np.ndarray
    ) -> np.ndarray:
        """Each person's slot (region × sex × band) in the tables, as int16."""
        slot = self.region[group, place].astype(np.int16)
        slot *= SHAPE[0]
        slot += sex
        slot *= SHAPE[1]
        slot += band
        return slot


def _threshold(p: np.ndarray) -> np.ndarray:
    """Probabilities as thresholds on a float32 uniform (flat)."""
    return np.minimum(p, 1.0).astype(np.float32).reshape(-1)
