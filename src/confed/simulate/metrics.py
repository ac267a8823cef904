"""The yearly metrics of a population under a treaty, with stable snake_case names.

Each metric maps keys to values: `electorate` has one key per assembly (`knesset`) and
one per assembly and national group (`knesset.arab`); `council_electorate` the same
per council.

Rows are first summed per person type (and national group, and adult or not) with one
`bincount`, so a year of 19 million person rows costs one pass; every metric is then
read off the compiled per-type rights tables. National group is used here, to describe
electorates; the rights themselves never read it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from confed.people.cohorts import GROUPS
from confed.people.projection import AGE_BANDS
from confed.rights.compile import CompiledTreaty
from confed.rights.engine import People, RightsResult
from confed.simulate.kept import kept_for
from confed.simulate.kernels import sum_slots
from confed.simulate.results import YearParts
from confed.vocab import ACCESS, NONE, RESTRICTIONS, STATUSES, ZONES

ADULT_SHARE = np.array([0, 0, 0, 0.4] + [1.0] * (len(AGE_BANDS) - 4))
"""Share of each age band aged 18 or over: none under 15, two of five years of 15-19
(an assumption of even ages within the band), all from 20."""


@dataclass(frozen=True)
class Totals:
    """Weights summed per person type × national group, for everyone and for adults.

    A cohort run sums only the person types that hold anyone (`types`, ascending), a
    fifth of the type space; the metrics then read the per-type tables at those types.
    """

    everyone: np.ndarray  # types × groups
    adults: np.ndarray  # types × groups
    types: np.ndarray | None = None
    """The person types of the rows, ascending; None when the rows are every type in order."""

    def of(self, table_of: Callable[..., np.ndarray], *args) -> np.ndarray:
        """`table_of(*args)`, a table over every person type (its last axis), at `types`.

        The part read is kept while the types stay the same (a cohort run's occupied
        types change only in the few years people first reach a type).
        """
        if self.types is None:
            return table_of(*args)
        return at_types(self.types, _read_at, table_of, *args)

    def on_every_type(self, values: np.ndarray, n_types: int) -> np.ndarray:
        """Values per row of these totals spread over every person type (zero elsewhere)."""
        if self.types is None:
            return values
        out = np.zeros(n_types)
        out[self.types] = values
        return out

    def people(self) -> np.ndarray:
        """Everyone per person type, groups summed.

        Sums over a short last axis are a matrix product here: NumPy's `sum(axis=1)`
        on a types × 4 array is several times slower.
        """
        return self.everyone @ np.ones(self.everyone.shape[1])


_AT_TYPES: dict = {}


def at_types(types: np.ndarray, make: Callable, *args) -> Any:
    """`make(*args, types)`, kept while the same `types` array is asked for again."""
    return kept_for(_AT_TYPES, (types,), lambda: make(*args, types), limit=256, key=(make, *args))


def _read_at(table_of: Callable[..., np.ndarray], *args) -> np.ndarray:
    """`table_of(*args[:-1])` read at the types `args[-1]`."""
    return table_of(*args[:-1])[..., args[-1]]


def totals(people: People, result: RightsResult, age_band: np.ndarray | None) -> Totals:
    """Sum row weights per type, group and age band in one pass over the rows."""
    group = people.group if people.group is not None else np.zeros(len(people), np.int8)
    band = age_band if age_band is not None else np.full(len(people), len(AGE_BANDS) - 1)
    keys = row_keys(result.types, group, band)
    return totals_of(keys, people.weight, result.compiled.space.size)


def row_keys(types: np.ndarray, group: np.ndarray, band: np.ndarray) -> np.ndarray:
    """One index per row into types × groups × age bands, built in place as `bincount` takes it."""
    keys = types.astype(np.intp)
    keys *= len(GROUPS)
    keys += group
    keys *= len(AGE_BANDS)
    keys += band
    return keys


def totals_of(keys: np.ndarray, weights: np.ndarray | None, n_types: int) -> Totals:
    """Totals from each row's key and weight (None: every row weighs one)."""
    size = n_types * len(GROUPS) * len(AGE_BANDS)
    return totals_from_counts(np.bincount(keys, weights=weights, minlength=size), n_types)


def totals_from_counts(counts: np.ndarray, n_types: int) -> Totals:
    """Totals from the weights summed per key (`row_keys`), as `totals_of` counts them."""
    counts = counts.astype(float).reshape(n_types, len(GROUPS), len(AGE_BANDS))
    return Totals(counts @ np.ones(len(AGE_BANDS)), counts @ ADULT_SHARE)


def metrics(compiled: CompiledTreaty, phase: int, t: Totals) -> dict[str, dict[str, float]]:
    """Every metric of one year (metric → key → value), from per-type totals."""
    parts = YearParts()
    add_metrics(parts, compiled, phase, t)
    return parts.as_dict()


def add_metrics(
    parts: YearParts,
    compiled: CompiledTreaty,
    phase: int,
    t: Totals,
    wanted: frozenset[str] | None = None,
) -> None:
    """Add every metric of one year to `parts`, from per-type totals.

    With `wanted`, only the groups of metrics holding one of those named (a sweep reads
    a few). The electorates' keys are kept per treaty and phase, their values go in as
    arrays.
    """
    c = compiled
    if wants(wanted, *PEOPLE_METRICS):
        masks = t.of(_masks, c, phase)
        people = (masks @ t.people()).tolist()
        population, by_state = people[:3], people[3 : 3 + len(c.sovereign_vocab)]
        restricted, free, relocate = people[3 + len(c.sovereign_vocab) :]
        land = population[1]
        parts.add("population", POPULATION_KEYS, population)
        parts.add("residents_by_state", c.sovereign_vocab, by_state)
    if wants(wanted, "without_national_vote"):
        parts.add_dict("without_national_vote", _without_vote_by_status(c, phase, t))
    if wants(wanted, *PEOPLE_METRICS):
        parts.add("under_collective_restriction", TOTAL, [restricted])
        parts.add("free_movement_share", TOTAL, [free / land if land else 0.0])
        parts.add("relocation_required", TOTAL, [relocate])
    if wants(wanted, *ELECTORATE_METRICS):
        electorates = _electorates(c, phase, t)
        for metric, (keys, values) in electorates.items():
            parts.add(metric, keys, values)
        parts.add("electorate_share", *_shares(*electorates["electorate"]))


def wants(wanted: frozenset[str] | None, *metrics: str) -> bool:
    """Whether any of `metrics` is wanted (None: every metric is)."""
    return wanted is None or not wanted.isdisjoint(metrics)


PEOPLE_METRICS = (
    "population",
    "residents_by_state",
    "under_collective_restriction",
    "free_movement_share",
    "relocation_required",
)
"""The metrics read off one product of the people per type with a few masks."""

ELECTORATE_METRICS = ("electorate", "council_electorate", "electorate_share")


POPULATION_KEYS = ("total", "in_land", "abroad")
TOTAL = ("total",)
"""The key of a metric with one value."""


def _without_vote_by_status(c: CompiledTreaty, phase: int, t: Totals) -> dict[str, float]:
    """Adults in the land without a national vote, saying who they are.

    Foreign nationals (status 'other', who vote in their own states) are counted apart
    from registered residents and the stateless, then every status on its own.
    """
    adults = t.adults @ np.ones(len(GROUPS))
    without = t.of(_without_national_vote, c, phase)
    status = t.of(_status, c)
    by_status = np.bincount(status, weights=adults * without, minlength=len(STATUSES))
    foreign = float(by_status[STATUSES.index("other")])
    total = float(by_status.sum())
    out = {"total": total, "foreign_nationals": foreign, "residents": total - foreign}
    out.update({f"status.{s}": float(v) for s, v in zip(STATUSES, by_status, strict=True)})
    return out


def _shares(keys: tuple[str, ...], values: np.ndarray) -> tuple[tuple[str, ...], np.ndarray]:
    """Each national group's share of each assembly's electorate (`knesset.jewish`).

    `keys` and `values` are each assembly followed by its groups; a share of an empty
    electorate is 0.
    """
    by_body = values.reshape(-1, len(GROUPS) + 1)
    total = by_body[:, :1]
    shares = np.divide(
        by_body[:, 1:], total, out=np.zeros((len(by_body), len(GROUPS))), where=total != 0
    )
    return _group_keys(keys), shares.reshape(-1)


@lru_cache(maxsize=64)
def _group_keys(keys: tuple[str, ...]) -> tuple[str, ...]:
    """The keys of `keys` that name a group of a body (`knesset.jewish`), in order."""
    return tuple(k for k in keys if "." in k)


@lru_cache(maxsize=64)
def _masks(c: CompiledTreaty, phase: int) -> np.ndarray:
    """Which person types each people count sums, one row per count.

    Everyone, in the land, abroad; residents of each sovereign in the land; under
    collective restriction; free to enter every state; required to relocate.
    """
    in_land = c.places.zone[c.space.place] != ZONES.index("abroad")
    restriction = c.outputs["movement_restriction"][phase].value
    enter = c.outputs["may_enter"][phase].value
    rows = [
        np.ones_like(in_land),
        in_land,
        ~in_land,
        *(in_land & (c.sovereign == code) for code in range(len(c.sovereign_vocab))),
        in_land & (restriction == RESTRICTIONS.index("collective")),
        in_land & np.all(enter == ACCESS.index("yes"), axis=0),
        c.outputs["relocation_required"][phase].value == 1,
    ]
    return np.array(rows, dtype=float)


@lru_cache(maxsize=64)
def _without_national_vote(c: CompiledTreaty, phase: int) -> np.ndarray:
    """Person types living in the land who vote for no national assembly."""
    in_land = c.places.zone[c.space.place] != ZONES.index("abroad")
    national = c.outputs["national_vote"][phase].value
    return (in_land & (national == c.assembly_vocab.index(NONE))).astype(float)


def _electorates(
    c: CompiledTreaty, phase: int, t: Totals
) -> dict[str, tuple[tuple[str, ...], np.ndarray]]:
    """Adults entitled to vote for each assembly and council, in total and by group.

    Per metric, its keys (each body followed by its groups, kept per treaty and phase)
    and values. Every body some person type votes for is listed, even when nobody of
    those types lives there this year.
    """
    out = {}
    tables = (
        _electorate_tables(c, phase)
        if t.types is None
        else at_types(t.types, _electorate_tables_at, c, phase)
    )
    for metric, (order, slot, keys) in tables.items():
        if not keys:
            out[metric] = (keys, np.zeros(0))
            continue
        n_bodies = len(keys) // (len(GROUPS) + 1)
        by_group = sum_slots(t.adults, order, slot, n_bodies * len(GROUPS)).reshape(
            n_bodies, len(GROUPS)
        )  # each body and group summed as one running sum
        values = np.column_stack([by_group @ np.ones(len(GROUPS)), by_group])
        out[metric] = (keys, values.reshape(-1))
    return out


@lru_cache(maxsize=64)
def _electorate_tables(
    c: CompiledTreaty, phase: int
) -> dict[str, tuple[np.ndarray, np.ndarray, tuple[str, ...]]]:
    """Per electorate metric: the voting types sorted by body, slots, keys.

    Each type's slots are its body × groups + each group (the rows of `bincount`'s
    output). Keys are each listed body followed by its groups (`knesset`,
    `knesset.jewish`, ...).
    """
    in_land = c.places.zone[c.space.place] != ZONES.index("abroad")
    out = {}
    for vocab, codes, metric, mask in (
        (c.assembly_vocab, c.outputs["national_vote"][phase].value, "electorate", True),
        (c.council_vocab, c.outputs["local_vote"][phase].value, "council_electorate", in_land),
    ):
        votes = (codes != vocab.index(NONE)) & mask
        order = np.flatnonzero(votes)[np.argsort(codes[votes], kind="stable")]
        bodies, body = np.unique(codes[order], return_inverse=True)
        keys = [(vocab[b], *(f"{vocab[b]}.{g}" for g in GROUPS)) for b in bodies.tolist()]
        slot = body[:, None] * len(GROUPS) + np.arange(len(GROUPS))
        out[metric] = (order, slot, tuple(k for body in keys for k in body))
    return out


def _electorate_tables_at(c: CompiledTreaty, phase: int, types: np.ndarray):
    """`_electorate_tables` over the voting types among `types`, as rows of `types`."""
    row = np.full(c.space.size, -1, dtype=np.intp)
    row[types] = np.arange(len(types))
    out = {}
    for metric, (order, slot, keys) in _electorate_tables(c, phase).items():
        at = row[order]
        held = at >= 0
        out[metric] = (at[held], slot[held], keys)
    return out


@lru_cache(maxsize=64)
def _status(c: CompiledTreaty) -> np.ndarray:
    """The registered status of each person type."""
    return c.space.status
