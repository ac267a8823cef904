"""Work across the border: how many people work in a state they neither live in nor belong to.

`may_work` decides, per person type and destination state, whether one may work there
(`no`, `permit`, `quota`, `yes`). A year's cross-border workers are the adults living
in the land outside that state (and outside land it shares), not its citizens, times a
share per access value: the observed share under permits (PCBS Labour Force Survey,
`workers_in_israel.csv`) and stated assumptions beyond it (`behaviour.yaml`). A work
quota caps the workers it admits: its yearly places (a number, or a share of the
receiving state's residents) are the permits in force that year. Per type, so a year
costs one pass over the person types.
"""

from __future__ import annotations

import csv
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from confed.rights.compile import CompiledTreaty
from confed.simulate.metrics import at_types
from confed.simulate.parameters import Behaviour
from confed.simulate.quotas import yearly_places
from confed.treaty.phasing import Quota
from confed.vocab import ACCESS, SHARED, ZONES

PERMIT, QUOTA, YES = (ACCESS.index(v) for v in ("permit", "quota", "yes"))
OBSERVED_INTO = "IL"
"""The destination the observed permit share was measured for (work in Israel)."""


def shares(b: Behaviour, into: str) -> np.ndarray:
    """Share of eligible adults who work in `into`, per access code (no, permit, quota, yes).

    >>> from confed.simulate.parameters import default_behaviour
    >>> shares(default_behaviour(), "IL").tolist()
    [0.0, 0.061, 0.12, 0.12]
    >>> shares(default_behaviour(), "PS")[0]  # no right to work: nobody works there
    np.float64(0.0)
    """
    if into == OBSERVED_INTO:
        permit, open_ = b.work_permit_share, b.work_open_share
    else:
        open_ = b.work_share_into_ps
        ratio = b.work_permit_share / b.work_open_share if b.work_open_share else 0.0
        permit = open_ * min(ratio, 1.0)
    return np.array([0.0, permit, open_, open_])


@lru_cache(maxsize=64)
def _eligible(c: CompiledTreaty, state: int) -> np.ndarray:
    """Person types living in the land, outside state `state`'s territory, not its citizens.

    A place under shared sovereignty (Jerusalem in some texts) is inside every state.
    """
    name = c.states[state]
    in_land = c.places.zone[c.space.place] != ZONES.index("abroad")
    outside = ~np.isin(c.sovereign, [c.sovereign_vocab.index(v) for v in (name, SHARED)])
    foreign = c.citizenship.value != c.citizenship_vocab.index(name)
    return in_land & outside & foreign


@lru_cache(maxsize=256)
def _work_rights(c: CompiledTreaty, phase: int, state: int):
    """Per person type: `may_work` in state `state`, who is eligible, and the quota holders."""
    decided = c.outputs["may_work"][phase]
    access = decided.value[state]
    return access, _eligible(c, state), _quota_holders(access, decided.rule[state])


def _work_rights_at(c: CompiledTreaty, phase: int, state: int, types: np.ndarray):
    """`_work_rights` at the person types `types`."""
    decided = c.outputs["may_work"][phase]
    access = decided.value[state][types]
    holders = _quota_holders(access, decided.rule[state][types])
    return access, _eligible(c, state)[types], holders


def _quota_holders(access: np.ndarray, rule: np.ndarray) -> tuple[tuple[int, np.ndarray], ...]:
    """Each rule granting work by quota, and the rows (ascending) it decides so."""
    held = access == QUOTA
    return tuple((int(r), np.flatnonzero(held & (rule == r))) for r in np.unique(rule[held]))


def cross_border_workers(
    c: CompiledTreaty,
    phase: int,
    adults: np.ndarray,
    b: Behaviour,
    quotas: dict[str, Quota],
    residents: dict[str, float],
    types: np.ndarray | None = None,
) -> dict[str, float]:
    """Cross-border workers of one year: `total`, per destination and per access value.

    `adults` are adults per person type (per type of `types`, when given); `residents`
    the people living in each state, from which a quota's share of residents is sized.
    Who may work how, and who holds each quota, is kept while the types stay the same.
    """
    out = {"total": 0.0}
    for s, into in enumerate(c.states):
        access, fits, holders = (
            _work_rights(c, phase, s)
            if types is None
            else at_types(types, _work_rights_at, c, phase, s)
        )
        eligible = adults * fits
        by_access = np.bincount(access, weights=eligible, minlength=len(ACCESS))
        share = shares(b, into)
        workers = by_access * share
        workers[QUOTA] = _rationed(c, holders, eligible, share[QUOTA], quotas, residents)
        for code in (PERMIT, QUOTA, YES):
            out[f"{into}.{ACCESS[code]}"] = float(workers[code])
        out[into] = float(workers.sum())
        out["total"] += out[into]
    return out


def _rationed(c, holders, eligible, share, quotas, residents) -> float:
    """Workers holding quota places: each quota's holders' open share, up to its yearly size.

    A work quota's yearly places are read as the permits in force that year.
    """
    refs = c.refs["may_work"]
    wanting: dict[str, float] = {}
    for r, rows in holders:
        qid = refs[r].clause.quota
        wanting[qid] = wanting.get(qid, 0.0) + float(eligible[rows].sum()) * share
    return sum(
        min(want, yearly_places(quotas[qid], residents.get(quotas[qid].into, 0.0)))
        for qid, want in wanting.items()
    )


@cache
def baseline() -> list[dict[str, str]]:
    """The rows of workers_in_israel.csv: Palestinians employed in Israel and the settlements."""
    text = resources.files(__package__).joinpath("workers_in_israel.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))
