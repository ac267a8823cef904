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

    def index_of(self, prior: np.ndarray, status: np.ndarray, place: np.ndarray) -> np.ndarray:
        """Each row's position in this space: its `type_index` when the space is whole.

        A part of the space (`some_types`, e.g. the one type of a single person) maps
        rows by their full type number; a row whose type it lacks is a ValueError.
        """
        index = type_index(prior, status, place, self.n_places)
        if self.size == len(PRIOR_CITIZENSHIPS) * len(STATUSES) * self.n_places:
            return index
        known = type_index(self.prior, self.status, self.place, self.n_places)
        order = np.argsort(known, kind="stable")
        at = np.minimum(np.searchsorted(known, index, sorter=order), len(known) - 1)
        found = order[at]
        if (known[found] != index).any():
            raise ValueError("a row's person type is not in this part of the type space")
        return found.astype(type_dtype(self.size))


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


def some_types(
    places: Places, prior: np.ndarray, status: np.ndarray, place: np.ndarray
) -> TypeSpace:
    """A part of the type space: the given types only (codes as `type_space` has them).

    Compiling a treaty over one person's type decides exactly what the whole space
    decides for that type, at a fraction of the cost (`confed rights`).
    """
    return TypeSpace(
        len(places),
        np.asarray(prior, dtype=np.int8),
        np.asarray(status, dtype=np.int8),
        np.asarray(place, dtype=np.int16),
    )


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
