"""The threads person mode's passes over every row run on: numba's, and fork-safe.

A person run's passes over its 20-29 M rows (`ageing_kernels`, `person_kernels`) are
`prange` loops compiled by `row_pass`, one thread per core by default (numba's
`NUMBA_NUM_THREADS` sets how many). Monte-Carlo runs fork worker processes
(`runner`), possibly after the parent ran such passes, and GNU OpenMP, numba's first
choice on Linux, aborts a child forked from a process that used it: the layer is a
fork-safe one (TBB where installed, else numba's workqueue) unless
`NUMBA_THREADING_LAYER` names another. Worker processes that already fill the cores
run their passes on one thread (`one_thread`).
"""

from __future__ import annotations

import os

import numba
from numba.core import config

os.environ.setdefault("NUMBA_THREADING_LAYER", "forksafe")  # kept when numba reloads its config
config.THREADING_LAYER = os.environ["NUMBA_THREADING_LAYER"]

row_pass = numba.njit(cache=True, nogil=True, parallel=True)
"""Compile a kernel whose `prange` loops share its rows among the threads (cached on disk)."""


def one_thread() -> None:
    """Run this thread's row passes on one thread: in processes that already fill the cores."""
    numba.set_num_threads(1)
