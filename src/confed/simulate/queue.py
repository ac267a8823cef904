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

from confed.simulate.queue_kernels import (
    add_row,
    rationing,
    serve_table,
    settle_rows,
    waiting_of,
)
from confed.simulate.quotas import QuotaBook


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
        self._served: tuple = (np.zeros((0, 0)), np.zeros((0, 0)), [])
        """The last `serve`'s places per row and column, their sums per kind, and the kinds."""
        self._rationed: tuple = (None, 0, [], *(np.zeros(n, np.intp) for n in (0, 0, 1)), [])
        """What `_rationing` keeps, and for which `quota_of` and count of types."""

    def __len__(self) -> int:
        """Rows of applications still waiting."""
        return len(self.kinds)

    def waiting(self, kind: str, types: np.ndarray) -> np.ndarray:
        """Applicants of `kind` still waiting, per person type of `types` (0: none queued)."""
        return waiting_of(self.counts, self._rows(kind), self._column, types)

    def total(self) -> float:
        """Everyone waiting."""
        return float(self.counts.sum())

    def apply(self, kind: str, types: np.ndarray, counts: np.ndarray) -> None:
        """Add a year's new applicants (`counts` of each of `types`), after those waiting."""
        if not (counts > 0).any():
            return
        self.counts, self.types = add_row(self.counts, self.types, self._column, types, counts)
        self.kinds.append(kind)

    def serve(
        self, book: QuotaBook, quota_of: np.ndarray, type_sizes: np.ndarray, whole: bool
    ) -> dict[str, np.ndarray]:
        """Places given this year, per kind and person type, within every quota's room.

        `quota_of` is `QuotaBook.quota_of_types` for this state. Types whose right is
        `yes` are all served, barred types wait. With `whole`, places are whole people
        (person mode). The caller moves the people, then calls `settle` with who moved.
        One compiled pass over the table (`queue_kernels.serve_table`).
        """
        quotas, column, ration_columns, ration_bounds, lottery = self._rationing(quota_of, book)
        rooms = np.array([book.room(q, type_sizes) for q in quotas], dtype=float)
        kinds = list(dict.fromkeys(self.kinds))
        row_kind = np.array([kinds.index(k) for k in self.kinds], dtype=np.intp)
        served, offered, wanted = serve_table(
            self.counts, column, ration_columns, ration_bounds, rooms, lottery, row_kind,
            len(kinds), self.types, self.n_types, whole,
        )  # fmt: skip
        self._served = (served, offered, kinds)
        return dict(zip(kinds, wanted, strict=True))

    def _rationing(self, quota_of: np.ndarray, book: QuotaBook) -> tuple:
        """The quotas rationing the queue's types, each column's code, the quotas' columns.

        A column's code is its column of `serve`'s shares: 0 barred, 1 free, then 2 + each
        quota's place among the quotas; quota i's columns are `columns[bounds[i]:bounds[i +
        1]]`, ascending. Also whether each quota is a lottery. Kept while `quota_of` (a
        phase's, kept by the mover) and the queue's types are the same: types are only
        ever added, so their count tells.
        """
        kept_for, n_kept = self._rationed[:2]
        if kept_for is not quota_of or n_kept != len(self.types):
            quotas, column, rationed, bounds = rationing(quota_of[self.types], len(book.ids))
            lottery = np.array(
                [book.quota(q).allocation == "lottery" for q in quotas.tolist()], dtype=bool
            )
            kept = (quotas.tolist(), column, rationed, bounds, lottery)
            self._rationed = (quota_of, len(self.types), *kept)
        return self._rationed[2:]

    def settle(self, kind: str, types: np.ndarray, counts: np.ndarray) -> list[tuple[int, float]]:
        """Take the applicants of `kind` who moved out of the queue, as they were served.

        `counts` of each of `types` moved (every moved type is one of the queue's: only
        applicants are served). Returns each quota some of them moved under, and how many
        did, read by the quotas of the last `serve` (the queue's types have not changed
        since). One compiled pass (`queue_kernels.settle_rows`).
        """
        served, offered, kinds = self._served
        quotas, _, ration_columns, ration_bounds, _ = self._rationed[2:]
        people, under = settle_rows(
            self.counts, served, offered[kinds.index(kind)], self._rows(kind), self._column,
            types, counts, ration_columns, ration_bounds,
        )  # fmt: skip
        return [(q, float(people[i])) for i, q in enumerate(quotas) if under[i]]

    def drop_empty(self) -> None:
        """Forget applications that have all been served."""
        keep = self.counts.sum(axis=1) > 1e-9
        if not keep.all():
            self.counts = self.counts[keep]
            self.kinds = [kind for kind, k in zip(self.kinds, keep.tolist(), strict=True) if k]

    def _rows(self, kind: str) -> np.ndarray:
        """The rows of applications of `kind`."""
        return np.array([k == kind for k in self.kinds], dtype=bool).reshape(-1)
