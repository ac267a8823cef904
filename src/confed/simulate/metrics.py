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

from dataclasses import dataclass
from functools import cache

import numpy as np

from confed.people.cohorts import GROUPS
from confed.people.projection import AGE_BANDS
from confed.rights.compile import CompiledTreaty
from confed.rights.engine import People, RightsResult
from confed.vocab import ACCESS, NONE, RESTRICTIONS, ZONES

ADULT_SHARE = np.array([0, 0, 0, 0.4] + [1.0] * (len(AGE_BANDS) - 4))
"""Share of each age band aged 18 or over: none under 15, two of five years of 15-19
(an assumption of even ages within the band), all from 20."""


@dataclass(frozen=True)
class Totals:
    """Weights summed per person type × national group, for everyone and for adults."""

    everyone: np.ndarray  # types × groups
    adults: np.ndarray  # types × groups


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
    counts = np.bincount(keys, weights=weights, minlength=size).astype(float)
    counts = counts.reshape(n_types, len(GROUPS), len(AGE_BANDS))
    return Totals(counts.sum(axis=2), counts @ ADULT_SHARE)


def metrics(compiled: CompiledTreaty, phase: int, t: Totals) -> dict[str, dict[str, float]]:
    """Every metric of one year (metric → key → value), from per-type totals."""
    c = compiled
    space = c.space
    people = t.everyone.sum(axis=1)
    adults = t.adults.sum(axis=1)
    zone = c.places.zone[space.place]
    in_land = zone != ZONES.index("abroad")
    out: dict[str, dict[str, float]] = {}
    out["population"] = {
        "total": float(people.sum()),
        "in_land": float(people[in_land].sum()),
        "abroad": float(people[~in_land].sum()),
    }
    out["residents_by_state"] = _by(c.sovereign_vocab, c.sovereign, people, in_land)
    national = c.outputs["national_vote"][phase].value
    out["without_national_vote"] = {
        "total": float(adults[in_land & (national == c.assembly_vocab.index(NONE))].sum())
    }
    restriction = c.outputs["movement_restriction"][phase].value
    out["under_collective_restriction"] = {
        "total": float(people[in_land & (restriction == RESTRICTIONS.index("collective"))].sum())
    }
    enter = c.outputs["may_enter"][phase].value
    free = np.all(enter == ACCESS.index("yes"), axis=0) & in_land
    land = people[in_land].sum()
    out["free_movement_share"] = {"total": float(people[free].sum() / land) if land else 0.0}
    relocate = c.outputs["relocation_required"][phase].value == 1
    out["relocation_required"] = {"total": float(people[relocate].sum())}
    out.update(_electorates(c, phase, t, in_land))
    return out


def _by(
    vocab: tuple[str, ...], codes: np.ndarray, weights: np.ndarray, mask: np.ndarray
) -> dict[str, float]:
    sums = np.bincount(codes[mask], weights=weights[mask], minlength=len(vocab))
    return {name: float(v) for name, v in zip(vocab, sums, strict=True)}


def _electorates(
    c: CompiledTreaty, phase: int, t: Totals, in_land: np.ndarray
) -> dict[str, dict[str, float]]:
    """Adults entitled to vote for each assembly and council, in total and by group.

    Every body some person type votes for is listed, even when nobody of those types
    lives there this year; adults are summed per body and group in one `bincount`.
    """
    out: dict[str, dict[str, float]] = {}
    national = c.outputs["national_vote"][phase].value
    local = c.outputs["local_vote"][phase].value
    n_groups = len(GROUPS)
    for vocab, codes, metric, mask in (
        (c.assembly_vocab, national, "electorate", slice(None)),
        (c.council_vocab, local, "council_electorate", in_land),
    ):
        codes = codes[mask]
        slots = codes.astype(np.intp)[:, None] * n_groups + np.arange(n_groups)
        adults = np.bincount(
            slots.reshape(-1), weights=t.adults[mask].reshape(-1), minlength=len(vocab) * n_groups
        ).reshape(len(vocab), n_groups)
        listed = np.bincount(codes, minlength=len(vocab)) > 0
        listed[vocab.index(NONE)] = False
        values: dict[str, float] = {}
        everyone, by_group = adults.sum(axis=1).tolist(), adults.tolist()
        for code in np.flatnonzero(listed).tolist():
            body = vocab[code]
            values[body] = everyone[code]
            values.update(zip(_group_keys(body), by_group[code], strict=True))
        out[metric] = values
    return out


@cache
def _group_keys(body: str) -> tuple[str, ...]:
    """The keys of a body's electorate by national group (`knesset.arab`)."""
    return tuple(f"{body}.{g}" for g in GROUPS)
