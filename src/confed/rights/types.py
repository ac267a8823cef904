"""The finite space of person types: prior citizenship × registered status × place.

Every right depends only on these legal facts (and the phase), so rights are decided
once per type and gathered to any number of weighted rows by a type index.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from confed.places import Places
from confed.vocab import PRIOR_CITIZENSHIPS, STATUSES


@dataclass(frozen=True)
class TypeSpace:
    """All person types for a place table, as parallel code arrays."""

    n_places: int
    prior: np.ndarray
    status: np.ndarray
    place: np.ndarray

    @property
    def size(self) -> int:
        """How many person types there are."""
        return len(self.place)


def type_space(places: Places) -> TypeSpace:
    """Enumerate every type in the order `type_index` numbers them."""
    n_p = len(places)
    prior, status, place = np.meshgrid(
        np.arange(len(PRIOR_CITIZENSHIPS), dtype=np.int8),
        np.arange(len(STATUSES), dtype=np.int8),
        np.arange(n_p, dtype=np.int16),
        indexing="ij",
    )
    return TypeSpace(n_p, prior.ravel(), status.ravel(), place.ravel())


CHUNK = 1 << 20
"""Rows gathered per call by `gather`."""


def gather(table: np.ndarray, index: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """`table[index]` in chunks of rows, into `out` when given.

    NumPy widens a narrow index (an int16 type index) to 64 bits before gathering;
    chunks keep that copy small and in cache instead of 8 bytes for every row.
    """
    if out is None:
        out = np.empty(len(index), table.dtype)
    for start in range(0, len(index), CHUNK):
        stop = start + CHUNK
        np.take(table, index[start:stop], out=out[start:stop], mode="clip")
    return out


def type_dtype(n_types: int) -> type[np.signedinteger]:
    """The narrowest integer that holds every type index.

    int16 up to 32,767 types, else int32 (the shipped 1,984 places make 35,712 types).
    """
    return np.int16 if n_types <= np.iinfo(np.int16).max else np.int32


def type_index(
    prior: np.ndarray, status: np.ndarray, place: np.ndarray, n_places: int
) -> np.ndarray:
    """The type of each row, computed columnwise, in `type_dtype`."""
    out = prior.astype(type_dtype(len(PRIOR_CITIZENSHIPS) * len(STATUSES) * n_places))
    out *= len(STATUSES)
    out += status
    out *= n_places
    out += place
    return out
