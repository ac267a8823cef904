"""Rights for weighted rows: one person and twenty million go through the same gather.

`rights_for(people, treaty, year)` finds the phase, computes one type index per row and
returns a `RightsResult`: every output of a row is one 8-byte word gathered from the
phase's packed per-type table (`rights.packed`), and a column is decoded when read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from confed.rights.compile import CompiledTreaty, compile_treaty
from confed.rights.packed import packed_rights
from confed.rights.timeline import check_year, entry_year_of
from confed.treaty.freshness import kept_until_treaties_change
from confed.treaty.load import LoadedTreaty, load_treaty, shipped_ids, shipped_treaty
from confed.vocab import ACCESS, PER_STATE_RIGHTS, PRIOR_CITIZENSHIPS, RESTRICTIONS, STATUSES


@dataclass(frozen=True)
class People:
    """Weighted rows of legal facts; a cohort cell or a single person is one row.

    `group` (national group) is carried for demographic metrics only: no rule reads it.
    """

    prior_citizenship: np.ndarray
    status: np.ndarray
    place: np.ndarray
    weight: np.ndarray
    group: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.place)

    @classmethod
    def one(cls, citizenship: str, status: str, place: int) -> People:
        """A population of one person."""
        return cls(
            np.array([PRIOR_CITIZENSHIPS.index(citizenship)], dtype=np.int8),
            np.array([STATUSES.index(status)], dtype=np.int8),
            np.array([place], dtype=np.int16),
            np.ones(1),
        )


@kept_until_treaties_change
def compiled_treaty(name: str) -> CompiledTreaty:
    """A shipped treaty (or treaty file), loaded, proven and compiled once (until it changes)."""
    if name in shipped_ids():
        return compiled_shipped(name)
    return compile_treaty(load_treaty(_treaty_name(name)))


@kept_until_treaties_change
def compiled_shipped(name: str) -> CompiledTreaty:
    """A shipped treaty by id only, compiled once (until its file changes).

    Never a path: this is what a web request may name. Any other name raises
    `confed.treaty.load.UnknownTreaty`.
    """
    return compile_treaty(shipped_treaty(name))


def checked_treaty(name: str) -> LoadedTreaty:
    """A treaty loaded and checked, its rights not yet compiled (see `compile_treaty`)."""
    return load_treaty(_treaty_name(name))


def _treaty_name(name: str) -> str | Path:
    return Path(name) if name.endswith((".yaml", ".yml")) else name


def entry_year(compiled: CompiledTreaty, start_year: int | None = None) -> tuple[int, str]:
    """The entry-into-force year in use and where it comes from."""
    return entry_year_of(compiled.treaty.entry_into_force.year, start_year)


def phase_index(compiled: CompiledTreaty, year: int, start_year: int) -> int:
    """The phase in force in `year`; an error for a year before entry into force."""
    check_year(year, start_year)
    return compiled.phase_at(year - start_year)


@dataclass(frozen=True)
class RightsResult:
    """The rights of every row at one date: one packed gather, columns decoded when read."""

    compiled: CompiledTreaty
    year: int
    phase: int
    types: np.ndarray

    @cached_property
    def packed(self) -> np.ndarray:
        """Every output of every row, 8 bytes a row (`rights.packed`), gathered once."""
        return packed_rights(self.compiled, self.phase).gather(self.types)

    def codes(self, output: str, state: str | None = None) -> np.ndarray:
        """Small integer codes of one output per row (see `labels` for their meaning)."""
        if output in PER_STATE_RIGHTS:
            if state is None:
                raise ValueError(f"{output} needs a state")
            output = f"{output}.{state}"
        return packed_rights(self.compiled, self.phase).decode(self.packed, output)

    def labels(self, output: str) -> tuple[object, ...]:
        """What each code of an output means."""
        c = self.compiled
        return {
            "sovereign": c.sovereign_vocab,
            "citizenship": c.citizenship_vocab,
            "national_vote": c.assembly_vocab,
            "local_vote": c.council_vocab,
            "courts": tuple(c.court_vocab),
            "relocation_required": (False, True),
            "movement_restriction": RESTRICTIONS,
        }.get(output, ACCESS)

    def values(self, output: str, state: str | None = None) -> list[object]:
        """Decoded values of one output, one per row (for small results)."""
        labels = self.labels(output)
        return [labels[i] for i in self.codes(output, state)]


def rights_for(
    people: People, compiled: CompiledTreaty, year: int, start_year: int | None = None
) -> RightsResult:
    """The rights of every row of `people` under a compiled treaty in `year`."""
    start, _ = entry_year(compiled, start_year)
    phase = phase_index(compiled, year, start)
    types = compiled.space.index_of(people.prior_citizenship, people.status, people.place)
    return RightsResult(compiled, year, phase, types)
