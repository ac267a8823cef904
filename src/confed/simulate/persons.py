"""The population during a run as one row per person (person mode).

The rows hold the same facts as cohort cells and follow the same rates, drawn person by
person. A year touches only the rows that change; the passes over every row (ageing,
a choice's candidates) and the per-row updates (a move, the kept counts) are compiled
loops (`person_kernels`, `ageing_kernels`) over the columns, and what a year finds goes
into buffers kept for the next, so a 30-year run does not ask the kernel for fresh pages
for tens of millions of rows every year.
"""

from __future__ import annotations

import numpy as np

from confed.people.build import BASE_YEAR
from confed.people.cohorts import GROUPS, SHAPE, Cohorts
from confed.people.projection import SEX_RATIO_AT_BIRTH
from confed.places import Places
from confed.rights.engine import People
from confed.rights.types import type_index, type_space
from confed.simulate.ageing_kernels import age_edge_rows, age_rows, recount_aged, year_events
from confed.simulate.draws import GuidedDestinations
from confed.simulate.kept import kept_for
from confed.simulate.metrics import Totals
from confed.simulate.person_kernels import (
    at_most,
    chosen_dense,
    chosen_sparse,
    replace_rows,
    spread_rows,
)
from confed.simulate.person_years import (
    AGE_THRESHOLD,
    AGE_TOP,
    CLASS_OF_BAND,
    CLASS_SHARE,
    CROSS_LO,
    CROSS_SPAN,
    Demography,
    RandomBytes,
    by_class,
    class_keys,
    class_totals,
)
from confed.vocab import STATUSES


def _type_fact(name: str, doc: str) -> property:
    """A per-person column read from the person's type (`type_space`'s column `name`)."""
    return property(lambda state: getattr(state._space, name)[state._types], doc=doc)


class PersonState:
    """Units are persons (weight 1); demography is drawn person by person.

    Rows are unordered: the dead and the emigrants are overwritten by newborns and
    arrivals, and columns live in buffers with room to grow, so a year writes only the
    rows that change. A row keeps its age band, person type and demographic slot (home
    × sex × band, `person_years.Demography`); its prior citizenship, status and place
    are its type's (`type_space`), its group and sex its slot's, so a move reads and
    writes two columns. The state keeps its people per person type and per type ×
    group × adult class, updated by the rows that change instead of counted again
    each year.
    """

    whole = True
    """Counts are whole people."""

    occupied = None
    """No kept list of the types holding people (`CohortState.occupied`): every type is read."""

    COLUMNS = ("band", "_types", "_slot")
    """The columns kept per row."""

    def __init__(self, cohorts: Cohorts, table: Places, rng: np.random.Generator):
        whole = np.floor(cohorts.counts)
        whole += rng.random(whole.shape) < cohorts.counts - whole  # unbiased rounding
        per_slot = whole.astype(np.int64).reshape(-1)
        cells = SHAPE[0] * SHAPE[1]
        self.table = table
        self._demography = Demography.of(table, BASE_YEAR)
        self._space = space = type_space(table)
        # every column is first built per cell × sex × band slot, then repeated per person
        types = type_index(cohorts.prior, cohorts.status, cohorts.place, len(table))
        self._types = np.repeat(types.astype(_row_type_dtype(space.size)), cells)
        group, place = np.repeat(cohorts.group, cells), np.repeat(cohorts.place, cells)
        sex = np.tile(np.repeat(np.arange(SHAPE[0], dtype=np.int8), SHAPE[1]), len(cohorts))
        self.band = np.tile(np.arange(SHAPE[1], dtype=np.int8), len(cohorts) * SHAPE[0])
        self._slot = self._demography.slot(group, place, sex, self.band)
        keys = class_keys(self._types, group, self.band)
        slots = np.arange(self._demography.death.size)
        # each slot's group and adult class: the keys of the kept counts
        self._slot_keys = (self._demography.group, CLASS_OF_BAND[slots % SHAPE[1]])
        # people per type × group × adult class, kept up to date like `_counts`
        per_key = np.bincount(keys, weights=per_slot, minlength=_n_keys(table))
        shape = (space.size, len(GROUPS), len(CLASS_SHARE))
        self._people = by_class(per_key).astype(np.int32).reshape(shape)
        self._counts = np.bincount(self._types, weights=per_slot, minlength=space.size).astype(int)
        n = int(per_slot.sum())
        self._buffers: dict[str, np.ndarray] = {}
        for name in self.COLUMNS:
            column = getattr(self, name)
            buffer = self._buffers[name] = np.empty(n + n // 2, column.dtype)  # room to grow
            buffer[:n] = np.repeat(column, per_slot)
            setattr(self, name, buffer[:n])
        self._work: tuple[np.ndarray, ...] = ()
        self._found: tuple[np.ndarray, ...] = ()
        self._tables: dict = {}

    prior = _type_fact("prior", "Each person's prior citizenship (their type's).")
    status = _type_fact("status", "Each person's status (their type's).")
    place = _type_fact("place", "Each person's place (their type's).")

    @property
    def group(self) -> np.ndarray:
        """Each person's national group (their slot's)."""
        return self._demography.group[self._slot]

    @property
    def sex(self) -> np.ndarray:
        """Each person's sex (their slot's: home × sex × band)."""
        return (self._slot // SHAPE[1] % SHAPE[0]).astype(np.int8)

    def types(self) -> np.ndarray:
        """The person type of each unit."""
        return self._types

    def type_sizes(self) -> np.ndarray:
        """People per person type (kept up to date as people move, are born and die)."""
        return self._counts.astype(float)

    def totals(self, n_types: int) -> Totals:
        """People per type, group and age band (kept up to date like `type_sizes`)."""
        return class_totals(self._people, n_types)

    def choose(self, rng: np.random.Generator, chance: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The persons who make a choice taken with probability `chance` per type (k = 1).

        When fewer people would draw at the highest chance present than have a chance
        at all (choices are mostly rare), candidates are drawn at that chance over
        everyone, with geometric gaps, and each keeps their own chance over it: the
        cost is the candidates, not the population. Otherwise each person of a type
        with a chance draws. Either way one compiled pass (`person_kernels`).
        """
        units = self._chosen(rng, chance)
        return units, np.ones(len(units), dtype=np.int64)

    def _chosen(self, rng: np.random.Generator, chance: np.ndarray) -> np.ndarray:
        """`choose`'s persons (ascending)."""
        top = chance[self._counts > 0].max(initial=0.0)
        if top <= 0:
            return np.zeros(0, dtype=np.int64)
        if top * len(self._types) < self._counts[chance > 0].sum():
            return chosen_sparse(rng, self._types, chance, top)
        return chosen_dense(rng, self._types, chance)

    def take(self, rng: np.random.Generator, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Persons drawn at random, at most `wanted` (rounded down) of each person type.

        Each person of a wanted type is drawn with chance wanted / present; a type that
        drew more than it wants keeps a uniform random subset of the size it wants
        (`person_kernels.at_most`), so no count is exceeded. The persons come ascending.
        """
        units, _ = self._taken(rng, wanted)
        return units, np.ones(len(units), dtype=np.int64)

    def _taken(self, rng: np.random.Generator, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """`take`'s persons and their person types."""
        whole = np.floor(wanted + 1e-9)
        chance = np.divide(whole, self._counts, out=np.zeros(len(whole)), where=self._counts > 0)
        units = self._chosen(rng, np.minimum(chance, 1.0))
        types = self._types[units]
        keep = at_most(rng, types, np.bincount(types, minlength=len(whole)), whole)
        return np.compress(keep, units), np.compress(keep, types)

    def spread(
        self,
        rng: np.random.Generator,
        who: np.ndarray,
        status: np.ndarray | None,
        weights: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Move each of `who` with `status` (None: their own) to a place by their pool's `weights`.

        Persons whose pool (`state.POOLS`) has nowhere to go stay. The draws, the movers'
        columns and kept counts are done in one compiled pass over the movers
        (`person_kernels.spread_rows`); returns (places, people) moved.
        """
        codes = None if status is None else status.astype(np.int64, copy=False)
        space = self._space
        place = spread_rows(
            rng, who, codes, self._destinations(weights).parts(), (self._types, self._slot),
            (space.prior, space.status, space.place), self._counts, self._people,
            self._demography.home, self._sizes(), self._slot_keys,
        )  # fmt: skip
        return place, np.ones(len(place))

    def choose_and_spread(
        self, rng: np.random.Generator, chance: np.ndarray, weights: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """`choose` with `chance`, then `spread` of those chosen by `weights`, status kept."""
        return self.spread(rng, self._chosen(rng, chance), None, weights)

    def take_and_spread(
        self, rng: np.random.Generator, wanted: np.ndarray, status: int | None, weights: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """`take` the persons `wanted`, then `spread` them by `weights` with `status` (None: kept).

        Returns the persons' types before the move and their counts (1 each), and the
        (places, people) moved.
        """
        units, types = self._taken(rng, wanted)
        codes = None if status is None else np.full(len(units), status)
        k = np.ones(len(units), dtype=np.int64)
        return types, k, *self.spread(rng, units, codes, weights)

    def settle(self) -> None:
        """Nothing to merge: persons moved in place."""

    def age_one_year(self, rng: np.random.Generator, year: int) -> None:
        """Deaths, births, migration and ageing through calendar `year`, at its cohort rates.

        Two random bytes per person (`person_years`): the first, compared with
        nested thresholds of the person's demographic slot, decides death and, for
        survivors, birth or migration (only the few percent at or below the outer
        threshold are looked at further); the second decides ageing, which moves the
        band, the slot and the key one step (at the threshold's top byte, once further
        bits say so: one row in 256).
        """
        if self._demography.year != year:
            self._demography = Demography.of(self.table, year)
        d = self._demography
        ageing = rng.spawn(1)[0]  # a child stream of its own
        near, first, slot, edge, crossed, left = self._draw_year(rng, ageing, d)
        events = RandomBytes(rng.bit_generator, left)  # the first bytes' stream goes on
        recount_aged(self._people, crossed, self._types, self._slot, self._slot_keys)
        # at the ageing threshold's top byte, and the next bits say yes
        ages = np.compress(events.words(np.full(len(edge), AGE_TOP)) < AGE_THRESHOLD, edge)
        age_edge_rows(self._people, ages, self._types, self.band, self._slot, self._slot_keys)
        word = events.words(first)
        gone, mothers, arriving = year_events(near, word, slot, d.death, d.birth, d.event, d.leaves)
        born_sex = rng.random(len(mothers)) < SEX_RATIO_AT_BIRTH / (1 + SEX_RATIO_AT_BIRTH)
        self._replace(gone, np.concatenate([mothers, arriving]), born_sex.astype(np.int8))

    def _draw_year(
        self, events: np.random.Generator, ageing: np.random.Generator, d: Demography
    ) -> tuple[np.ndarray, ...]:
        """Draw every person's two bytes; age those whose second is below the threshold's.

        Returns the rows whose first byte (from `events`) is at most their event
        threshold's top byte (ascending), those bytes and the rows' slots before ageing,
        the rows that may age whose second byte (from `ageing`) equals the ageing
        threshold's top byte (not aged yet: 24 more bits decide), the aged rows whose
        adult class changed (a tenth of them), and the first bytes' stream's bytes left
        in its last word. One compiled call (`ageing_kernels.age_rows`) takes the rows a
        batch of blocks at a time, the blocks on numba's threads, into buffers and lists
        kept from year to year.
        """
        block = 8 * -(-AGE_BLOCK // 8)
        if not self._work or self._work[3].shape != (AGE_BATCH, block):  # kept year to year
            words = AGE_BATCH * block // 8
            self._work = (
                np.empty(words, np.uint64),
                np.empty(words, np.uint64),
                np.empty((AGE_BATCH, 5, block), np.int32),
                np.empty((AGE_BATCH, block), np.uint8),
            )
            self._found = tuple(np.empty(block, dtype) for dtype in _FOUND)
        limits = (d.event_top, AGE_TOP, SHAPE[1] - 1, CROSS_LO, CROSS_SPAN)
        found, (near, edges, crossed), left = age_rows(
            events, ageing, self._slot, self.band, limits, self._work, self._found
        )
        self._found = found
        sizes = (near, near, near, edges, crossed)
        return *(values[:size] for values, size in zip(found, sizes, strict=True)), left

    def _replace(self, gone: np.ndarray, parents: np.ndarray, born_sex: np.ndarray) -> None:
        """Drop the rows `gone` (ascending) and add a copy of each row of `parents`.

        The first `len(born_sex)` copies are newborns of their mother's: of sex
        `born_sex`, in the first band. The new rows are appended and the last rows fill
        the gaps, so only the rows that change are written (rows are unordered), with
        their kept counts, in one compiled pass (`person_kernels.replace_rows`).
        """
        n = len(self._types)
        total = n + len(parents)
        kept = total - len(gone)
        tail = np.ones(total - kept, dtype=bool)
        tail[gone[gone >= kept] - kept] = False
        source, gaps = kept + np.flatnonzero(tail), gone[gone < kept]
        for name in self.COLUMNS:
            setattr(self, name, self._room(name, n, total))
        replace_rows(
            gone, gaps, source, n, parents, born_sex,
            tuple(getattr(self, name) for name in self.COLUMNS), (self._counts, self._people),
            self._slot_keys, SHAPE,
        )  # fmt: skip
        for name in self.COLUMNS:
            setattr(self, name, getattr(self, name)[:kept])

    def _sizes(self) -> tuple[int, int, int, int, int]:
        """How many statuses, places, groups, sexes and bands the row kernels code."""
        return len(STATUSES), len(self.table), len(GROUPS), SHAPE[0], SHAPE[1]

    def _room(self, name: str, n: int, rows: int) -> np.ndarray:
        """A column's `n` rows in its buffer, made `rows` long (growing by a quarter)."""
        buffer = self._buffers[name]
        if len(buffer) < rows:
            grown = np.empty(rows + rows // 4, dtype=buffer.dtype)
            grown[:n] = buffer[:n]
            self._buffers[name] = buffer = grown
        return buffer[:rows]

    def _destinations(self, weights: np.ndarray) -> GuidedDestinations:
        """The draw table of a weights table, built once per run (moves reuse theirs)."""
        return kept_for(self._tables, (weights,), lambda: GuidedDestinations.of(weights), limit=64)

    def rows(self) -> tuple[People, np.ndarray]:
        """One row per person."""
        n = len(self._types)
        people = People(self.prior, self.status, self.place, np.ones(n), self.group)
        return people, self.band


_FOUND = (np.intp, np.uint8, np.int16, np.intp, np.intp)
"""The dtypes of the lists a year's blocks append to (`PersonState._draw_year`): rows at
or below their event threshold's top byte, their first bytes and slots, aged rows at the
ageing threshold's top byte, and aged rows whose adult class changed."""


def _row_type_dtype(n_types: int) -> type[np.unsignedinteger]:
    """The person type column's dtype: uint16 while the types fit, else uint32.

    The shipped 1,984 places make 35,712 types. Choices read the types of a million rows
    scattered over the column, so its width is what they cost.
    """
    return np.uint16 if n_types <= np.iinfo(np.uint16).max + 1 else np.uint32


def _n_keys(table: Places) -> int:
    """How many metrics keys there are: person types × national groups × age bands."""
    return type_space(table).size * len(GROUPS) * SHAPE[1]


AGE_BLOCK = 1 << 17
"""Rows aged per block (`PersonState._draw_year`, rounded up to a multiple of 8: eight
rows to a random word): a block's two bytes a row, its marks, slots and bands (768 kB)
stay in a core's 1 MiB cache through the kernel's loops."""

AGE_BATCH = 8
"""Blocks drawn at once and aged side by side on numba's threads (`ageing_kernels.age_rows`).
Each batch launches the threads twice (about 0.2 ms a batch on numba's workqueue): with
one or two blocks a batch that took what the second core gave; four and eight ran alike."""
