"""The yearly metrics of a population under a treaty, with stable snake_case names.

Each metric maps keys to values: `electorate` has one key per assembly (`knesset`) and
one per assembly and national group (`knesset.arab`); `electorate_share` each group's
share of each assembly's electorate; `council_electorate` the same per council;
`without_national_vote` says who lacks one (foreign nationals apart, and by status).

Rows are first summed per person type (and national group, and adult or not) with one
`bincount`, so a year of 19 million person rows costs one pass; every metric is then
read off the compiled per-type rights tables. National group is used here, to describe
electorates; the rights themselves never read it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from confed.people.cohorts import GROUPS
from confed.people.projection import AGE_BANDS
from confed.rights.compile import CompiledTreaty
from confed.rights.engine import People, RightsResult
from confed.vocab import ACCESS, NONE, RESTRICTIONS, STATUSES, ZONES

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
    out["without_national_vote"] = _without_national_vote(c, phase, adults, in_land)
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


def _without_national_vote(
    c: CompiledTreaty, phase: int, adults: np.ndarray, in_land: np.ndarray
) -> dict[str, float]:
    """Adults in the land without a national vote, saying who they are.

    Foreign nationals (status 'other', who vote in their own states) are counted apart
    from registered residents and the stateless, then every status on its own.
    """
    national = c.outputs["national_vote"][phase].value
    without = in_land & (national == c.assembly_vocab.index(NONE))
    status = c.space.status
    foreign = status == STATUSES.index("other")
    out = {
        "total": float(adults[without].sum()),
        "foreign_nationals": float(adults[without & foreign].sum()),
        "residents": float(adults[without & ~foreign].sum()),
    }
    sums = np.bincount(status[without], weights=adults[without], minlength=len(STATUSES))
    out.update({f"status.{s}": float(v) for s, v in zip(STATUSES, sums, strict=True)})
    return out


def _by(
    vocab: tuple[str, ...], codes: np.ndarray, weights: np.ndarray, mask: np.ndarray
) -> dict[str, float]:
    sums = np.bincount(codes[mask], weights=weights[mask], minlength=len(vocab))
    return {name: float(v) for name, v in zip(vocab, sums, strict=True)}


def _electorates(
    c: CompiledTreaty, phase: int, t: Totals, in_land: np.ndarray
) -> dict[str, dict[str, float]]:
    """Adults entitled to vote for each assembly and council, in total and by group."""
    out: dict[str, dict[str, float]] = {}
    national = c.outputs["national_vote"][phase].value
    local = c.outputs["local_vote"][phase].value
    for vocab, codes, metric, mask in (
        (c.assembly_vocab, national, "electorate", np.ones_like(in_land)),
        (c.council_vocab, local, "council_electorate", in_land),
    ):
        kept = codes[mask.astype(bool)]
        adults = t.adults[mask.astype(bool)]
        present = np.bincount(kept, minlength=len(vocab)) > 0
        by_body = np.stack(
            [
                np.bincount(kept, weights=adults[:, g], minlength=len(vocab))
                for g in range(len(GROUPS))
            ],
            axis=1,
        )
        values: dict[str, float] = {}
        for code in np.flatnonzero(present):
            body = vocab[code]
            if body == NONE:
                continue
            by_group = by_body[code]
            values[body] = float(by_group.sum())
            values.update({f"{body}.{g}": float(v) for g, v in zip(GROUPS, by_group, strict=True)})
            if metric == "electorate":
                share = out.setdefault("electorate_share", {})
                total = by_group.sum()
                for g, v in zip(GROUPS, by_group, strict=True):
                    share[f"{body}.{g}"] = float(v / total) if total else 0.0
        out[metric] = values
    return out
