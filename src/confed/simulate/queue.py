"""People who have chosen to move into a state and wait for a quota place, by person type.

Applicants are counts per person type and year of application, not named persons:
people of one type are alike to the rules, so whoever is served is drawn from the
type when the move is made. A quota's places go first come, first served by year of
application (`queue`), or to every waiting applicant with the same chance
(`lottery`); within one year's applicants the order is random, so each type is
served in proportion to its applicants.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from confed.simulate.quotas import FREE, QuotaBook


@dataclass
class Application:
    """One year's applicants of one kind of move: counts per person type."""

    year: int
    kind: str
    counts: np.ndarray


@dataclass
class Queue:
    """Waiting applicants for moves into one state, oldest first."""

    entries: list[Application] = field(default_factory=list)
    _served: list[np.ndarray] = field(default_factory=list)

    def waiting(self, kind: str, n_types: int) -> np.ndarray:
        """Applicants of `kind` still waiting, per person type."""
        out = np.zeros(n_types)
        for e in self.entries:
            if e.kind == kind:
                out += e.counts
        return out

    def apply(self, year: int, kind: str, counts: np.ndarray) -> None:
        """Add a year's new applicants."""
        if counts.any():
            self.entries.append(Application(year, kind, counts.astype(float)))

    def serve(
        self, book: QuotaBook, quota_of: np.ndarray, type_sizes: np.ndarray, whole: bool
    ) -> dict[str, np.ndarray]:
        """Places given this year, per kind and person type, within every quota's room.

        `quota_of` is `QuotaBook.quota_of_types` for this state. Types whose right is
        `yes` are all served, barred types wait. With `whole`, places are whole people
        (person mode). The caller moves the people, then calls `settle` with who moved.
        """
        served = [np.where(quota_of == FREE, e.counts, 0.0) for e in self.entries]
        for q in np.unique(quota_of[quota_of >= 0]):
            mine = quota_of == q
            demand = np.array([e.counts[mine].sum() for e in self.entries])
            room = book.room(int(q), type_sizes)
            if book.quota(int(q)).allocation == "lottery":
                given = demand * min(1.0, room / demand.sum()) if demand.sum() else demand
            else:
                before = np.cumsum(demand) - demand
                given = np.clip(room - before, 0.0, demand)
            for i, e in enumerate(self.entries):
                if given[i] > 0:
                    served[i][mine] = e.counts[mine] * (given[i] / demand[i])
        self._served = served
        out: dict[str, np.ndarray] = {}
        for e, s in zip(self.entries, served, strict=True):
            out[e.kind] = out.get(e.kind, 0.0) + s
        if whole:
            out = {kind: np.floor(s + 1e-9) for kind, s in out.items()}
        return out

    def settle(self, kind: str, moved: np.ndarray) -> None:
        """Take the applicants of `kind` who moved out of the queue, as they were served."""
        mine = [(e, s) for e, s in zip(self.entries, self._served, strict=True) if e.kind == kind]
        offered = sum((s for _, s in mine), np.zeros_like(moved))
        ratio = np.divide(moved, offered, out=np.zeros_like(moved), where=offered > 0)
        for e, s in mine:
            e.counts = np.maximum(e.counts - s * np.minimum(ratio, 1.0), 0.0)

    def drop_empty(self) -> None:
        """Forget applications that have all been served."""
        self.entries = [e for e in self.entries if e.counts.sum() > 1e-9]
