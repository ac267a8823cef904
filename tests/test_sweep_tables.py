"""A sweep's samples reuse the move tables kept for earlier samples only where they may.

Each table a run's moves keep between runs is keyed by the behaviour fields (or the
quotas) it reads (`moves.TABLE_READS`); the samples of a sweep change one parameter
at a time. If a table read a field its key leaves out, a later sample would move people
by an earlier sample's table: so each sample run after the others must give exactly
what the same parameters give with nothing kept.
"""

from __future__ import annotations

import numpy as np

from confed.rights.engine import compiled_treaty
from confed.simulate.moves import _run_tables
from confed.simulate.parameters import RunParameters, default_behaviour, with_overrides
from confed.simulate.run import simulate_once
from confed.simulate.runner import first_seed

CHANGES = [
    [],
    ["internal_move_mixing=0.9"],
    ["internal_move_mixing=0.9", "internal_move_rate=0.05"],
    ["internal_move_rate=0.05", "refugee_choose_palestine=0.5"],
    ["refugee_choose_israel.lebanon=0.6", "cross_border_move_rate=0.01"],
]


def _values(params: RunParameters) -> np.ndarray:
    years = simulate_once(compiled_treaty("dajani-yehuda-2024"), params, first_seed(1))
    return np.concatenate([y.metrics.values for y in years])


def test_each_sample_after_others_moves_as_a_run_with_nothing_kept():
    samples = [
        RunParameters(years=8, start_year=2030, behaviour=with_overrides(default_behaviour(), c))
        for c in CHANGES
    ]
    after_others = [_values(p) for p in samples]  # the tables kept from sample to sample
    for params, found in zip(samples, after_others, strict=True):
        _run_tables.cache_clear()
        assert np.array_equal(found, _values(params))
    assert not np.array_equal(after_others[0], after_others[1])  # mixing moves people elsewhere
