"""Person mode's row passes on numba's threads: a fork-safe layer, one thread in workers."""

from __future__ import annotations

import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor

import numba
import numpy as np
import pytest

from confed.simulate import runner
from confed.simulate.person_kernels import gathered


def _gathered() -> tuple[np.ndarray, int]:
    """A row pass's result in this process, and how many threads ran it."""
    rng = np.random.default_rng(5)
    types = rng.integers(0, 100, 1_000_000).astype(np.uint16)
    slot = rng.integers(0, 204, len(types)).astype(np.int16)
    their_types, their_slots = gathered((types, slot), np.arange(0, len(types), 7))
    return np.concatenate([their_types, their_slots.view(np.uint16)]), numba.get_num_threads()


@pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="no fork here")
@pytest.mark.parametrize("initializer", [None, runner._start_worker])
def test_row_passes_run_in_workers_forked_after_the_parent_ran_them(initializer):
    # GNU OpenMP aborts a child forked from a process that used it: the layer must not be it
    here, threads = _gathered()  # the parent's threads are started before the fork
    assert numba.threading_layer() != "omp"
    context = mp.get_context("fork")
    with ProcessPoolExecutor(2, mp_context=context, initializer=initializer) as pool:
        there = [f.result(timeout=120) for f in [pool.submit(_gathered) for _ in range(4)]]
    assert all(np.array_equal(values, here) for values, _ in there)
    assert all(n == (threads if initializer is None else 1) for _, n in there)
