"""The treaty's quotas during a run: each year's room, what was admitted, and linked stocks.

A quota's room in a year is the tightest of its bounds (`treaty.phasing.Quota`): the
yearly places (a number, or a share of the receiving state's residents at the start of
the year), plus the unused places of earlier years where they carry over; what is left
of the total; and, for a quota tied to a counted stock, how far its own stock is below
that stock. Admissions are recorded per quota, so the run can show and test them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from confed.rights.compile import CompiledTreaty
from confed.treaty.phasing import Quota
from confed.vocab import ACCESS

QUOTA = ACCESS.index("quota")
FREE = -1
"""`quota_of_types` code: the right is `yes`, no quota applies."""
BARRED = -2
"""`quota_of_types` code: the right is below `quota`, nobody may move."""


def yearly_places(q: Quota, residents: float) -> float:
    """A quota's places in one year: the tighter of `per_year` and its share of `residents`.

    Infinite for a quota sized only by a total or a linked stock.

    >>> yearly_places(Quota(right="may_work", into="IL", per_year=50_000, carry_over=False,
    ...                     assumption="x"), 9e6)
    50000.0
    >>> yearly_places(Quota(right="may_work", into="IL", share_per_year=0.01, carry_over=False,
    ...                     per_year=100_000, assumption="x"), 9e6)
    90000.0
    """
    places = np.inf
    if q.per_year is not None:
        places = float(q.per_year)
    if q.share_per_year is not None:
        places = min(places, q.share_per_year * residents)
    return float(places)


@dataclass
class QuotaBook:
    """Room and admissions of every quota of a treaty, year by year.

    `quotas` are the treaty's quota clauses with a run's changes (`treaty.overrides`).
    """

    compiled: CompiledTreaty
    quotas: dict[str, Quota]
    ids: tuple[str, ...] = ()
    admitted: dict[str, float] = field(default_factory=dict)
    admitted_year: dict[str, float] = field(default_factory=dict)
    unused: dict[str, float] = field(default_factory=dict)
    room_year: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ids = tuple(self.quotas)
        self.admitted = dict.fromkeys(self.ids, 0.0)
        self.unused = dict.fromkeys(self.ids, 0.0)

    def quota(self, index: int) -> Quota:
        """The quota clause with this index."""
        return self.quotas[self.ids[index]]

    def open_year(self, type_sizes: np.ndarray) -> None:
        """Start a year: yearly places from the population at its start, carried places."""
        for qid in self.ids:
            q = self.quotas[qid]
            if q.share_per_year is not None:
                residents = type_sizes[_held_by(self.compiled, q.into)].sum()
            else:
                residents = 0.0
            yearly = yearly_places(q, residents)
            if np.isfinite(yearly) and q.carry_over:
                yearly += self.unused[qid]
            self.room_year[qid] = yearly
            self.admitted_year[qid] = 0.0

    def room(self, index: int, type_sizes: np.ndarray) -> float:
        """Places quota `index` can still give this year, with the population as it is now."""
        qid = self.ids[index]
        q = self.quotas[qid]
        room = self.room_year[qid] - self.admitted_year[qid]
        if q.total is not None:
            room = min(room, q.total - self.admitted[qid])
        if q.at_most is not None:
            room = min(room, self.bound(q, type_sizes) - self.admitted[qid])
        return max(room, 0.0)

    def bound(self, q: Quota, type_sizes: np.ndarray) -> float:
        """The stock a linked quota's admissions may not outnumber, counted now."""
        assert q.at_most is not None
        return self.stock(q.at_most.citizens_of, q.at_most.residing_in, type_sizes)

    def stock(self, citizens_of: str, residing_in: str, type_sizes: np.ndarray) -> float:
        """Citizens of one state residing in (a place held by) another, counted now."""
        return float(type_sizes[_citizens_in(self.compiled, citizens_of, residing_in)].sum())

    def admit(self, index: int, people: float) -> None:
        """Record `people` admitted under quota `index` this year."""
        qid = self.ids[index]
        self.admitted[qid] += people
        self.admitted_year[qid] += people

    def close_year(self) -> None:
        """End a year: what a yearly quota left unused, for quotas that carry it over."""
        for qid in self.ids:
            left = self.room_year[qid] - self.admitted_year[qid]
            self.unused[qid] = float(left) if np.isfinite(left) else 0.0

    def quota_of_types(self, access: np.ndarray, rule: np.ndarray, right: str) -> np.ndarray:
        """Per person type: the index of the quota rationing its move, FREE, or BARRED.

        `access` and `rule` are the decided values and deciding rules of `right` for
        the destination state; a `quota` value names its quota in the rule, or else
        the first quota of the right into that state.
        """
        out = np.where(access == ACCESS.index("yes"), FREE, BARRED)
        refs = self.compiled.refs[right]
        for r in np.unique(rule[access == QUOTA]):
            named = getattr(refs[r].clause, "quota", None)
            if named is None:
                raise ValueError(f"{right} rule {refs[r].label} grants 'quota' without naming one")
            out[(access == QUOTA) & (rule == r)] = self.ids.index(named)
        return out


@lru_cache(maxsize=64)
def _held_by(c: CompiledTreaty, state: str) -> np.ndarray:
    """Per person type: living in a place `state` holds (read once per treaty, not each year)."""
    return c.sovereign == c.sovereign_vocab.index(state)


@lru_cache(maxsize=64)
def _citizens_in(c: CompiledTreaty, citizens_of: str, residing_in: str) -> np.ndarray:
    """Per person type: a citizen of `citizens_of` living in a place `residing_in` holds."""
    citizen = c.citizenship.value == c.citizenship_vocab.index(citizens_of)
    return citizen & _held_by(c, residing_in)
