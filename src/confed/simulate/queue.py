"""People who have chosen to move into a state and wait for a quota place, by person type.

Applicants are counts per person type and year of application, not named persons:
people of one type are alike to the rules, so whoever is served is drawn from the
type when the move is made. A quota's places go first come, first served by year of
application (`queue`), or to every waiting applicant with the same chance
(`lottery`); within one year's applicants the order is random, so each type is
served in proportion to its applicants.

A queue keeps one row per year and kind of move, over only the person types that
have ever applied (a few hundred of the thousands), so serving it costs that table.
"""

from __future__ import annotations

import numpy as np

from confed.simulate.quotas import BARRED, FREE, QuotaBook


class Queue:
    """Waiting applicants for moves into one state, oldest first."""

    def __init__(self, n_types: int):
        self.n_types = n_types
        self.types = np.zeros(0, dtype=np.intp)
        """The person types that have applied: the columns of `counts`."""
        self.counts = np.zeros((0, 0))
        """Applicants still waiting: one row per year and kind of application, oldest first."""
        self.kinds: list[str] = []
        self._column = np.full(n_types, -1, dtype=np.intp)
        self._served = np.zeros((0, 0))
        self._rationed: tuple = (None, 0, [], [], np.zeros(0, np.intp))

    def __len__(self) -> int:
        """Rows of applications still waiting."""
        return len(self.kinds)

    def waiting(self, kind: str, types: np.ndarray) -> np.ndarray:
        """Applicants of `kind` still waiting, per person type of `types` (0: none queued)."""
        waiting = np.zeros(len(self.types) + 1)  # the last: types with no column (-1)
        for row in np.flatnonzero(self._rows(kind)).tolist():  # as sum(axis=0), row by row
            waiting[:-1] += self.counts[row]
        return waiting[self._column[types]]

    def total(self) -> float:
        """Everyone waiting."""
        return float(self.counts.sum())

    def apply(self, kind: str, types: np.ndarray, counts: np.ndarray) -> None:
        """Add a year's new applicants (`counts` of each of `types`), after those waiting."""
        types = types[counts > 0]
        if not len(types):
            return
        new = types[self._column[types] < 0]
        if len(new):
            self._column[new] = np.arange(len(self.types), len(self.types) + len(new))
            self.types = np.concatenate([self.types, new])
            self.counts = np.hstack([self.counts, np.zeros((len(self.counts), len(new)))])
        row = np.zeros((1, len(self.types)))
        row[0, self._column[types]] = counts[counts > 0]
        self.counts = np.concatenate([self.counts, row])
        self.kinds.append(kind)

    def serve(
        self, book: QuotaBook, quota_of: np.ndarray, type_sizes: np.ndarray, whole: bool
    ) -> dict[str, np.ndarray]:
        """Places given this year, per kind and person type, within every quota's room.

        `quota_of` is `QuotaBook.quota_of_types` for this state. Types whose right is
        `yes` are all served, barred types wait. With `whole`, places are whole people
        (person mode). The caller moves the people, then calls `settle` with who moved.
        """
        quotas, columns_of, column = self._rationing(quota_of)
        # each row's share served, per rationing code: BARRED, FREE, then each quota
        share = np.zeros((len(self), len(quotas) + 2))
        share[:, FREE - BARRED] = 1.0
        for i, q in enumerate(quotas):
            demand = self.counts[:, columns_of[i]].sum(axis=1)
            room = book.room(q, type_sizes)
            if book.quota(q).allocation == "lottery":
                given = demand * min(1.0, room / demand.sum()) if demand.sum() else demand
            else:
                before = np.cumsum(demand) - demand
                given = np.clip(room - before, 0.0, demand)
            share[:, i + 2] = np.divide(given, demand, out=np.zeros(len(self)), where=given > 0)
        self._served = self.counts * share[:, column]
        out: dict[str, np.ndarray] = {}
        for kind in dict.fromkeys(self.kinds):
            served = np.zeros(self.n_types)
            served[self.types] = self._served[self._rows(kind)].sum(axis=0)
            out[kind] = np.floor(served + 1e-9) if whole else served
        return out

    def _rationing(self, quota_of: np.ndarray) -> tuple[list[int], list[np.ndarray], np.ndarray]:
        """The quotas rationing the queue's types, each one's columns, and each column's code.

        A column's code is its column of `serve`'s shares: BARRED, FREE, then the quotas.
        Kept while `quota_of` (a phase's, kept by the mover) and the queue's types are the
        same: types are only ever added, so their count tells.
        """
        kept_for, n_kept = self._rationed[:2]
        if kept_for is not quota_of or n_kept != len(self.types):
            codes = quota_of[self.types]
            quotas = np.unique(codes[codes >= 0])
            column = np.searchsorted(quotas, codes) + 2
            column[codes < 0] = codes[codes < 0] - BARRED
            columns_of = [np.flatnonzero(codes == q) for q in quotas.tolist()]
            self._rationed = (quota_of, len(self.types), quotas.tolist(), columns_of, column)
        return self._rationed[2:]

    def moved(self, types: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """People moved per type of the queue (`types`), from `counts` moved of each of `types`.

        Only applicants are served, so every moved type is one of the queue's.
        """
        return np.bincount(self._column[types], weights=counts, minlength=len(self.types))

    def admitted(self, moved: np.ndarray) -> list[tuple[int, float]]:
        """Each quota some of `moved` (per type of the queue) moved under, and how many did.

        Read by the quotas of the last `serve`: the queue's types have not changed since.
        """
        quotas, columns_of, _ = self._rationed[2:]
        out = []
        for q, columns in zip(quotas, columns_of, strict=True):
            under = moved[columns]
            if (under > 0).any():
                out.append((q, float(under.sum())))
        return out

    def settle(self, kind: str, moved: np.ndarray) -> None:
        """Take the applicants of `kind` who moved out of the queue, as they were served.

        `moved` is per type of the queue, in its order (`moved`).
        """
        rows = self._rows(kind)
        served = self._served[rows]
        offered = served.sum(axis=0)
        ratio = np.divide(moved, offered, out=np.zeros_like(offered), where=offered > 0)
        self.counts[rows] = np.maximum(self.counts[rows] - served * np.minimum(ratio, 1.0), 0.0)

    def drop_empty(self) -> None:
        """Forget applications that have all been served."""
        keep = self.counts.sum(axis=1) > 1e-9
        if not keep.all():
            self.counts = self.counts[keep]
            self.kinds = [kind for kind, k in zip(self.kinds, keep.tolist(), strict=True) if k]

    def _rows(self, kind: str) -> np.ndarray:
        """The rows of applications of `kind`."""
        return np.array([k == kind for k in self.kinds], dtype=bool).reshape(-1)
