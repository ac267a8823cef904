"""Cohort cells: who (prior citizenship, status, place, national group) × sex × age band.

A cell's counts are a sex × band array, so the whole population is one
`cells × 2 × 17` array the projection steps in one vectorized call, and moves shift
a share of a cell's counts into another cell. National group is carried to describe
electorates and to pick demographic rates; rights never read it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from confed.people.projection import AGE_BANDS, SEXES
from confed.places import Places
from confed.vocab import ZONES

GROUPS: tuple[str, ...] = ("jewish", "arab", "palestinian", "other")
"""National groups as the statistical offices publish them: CBS 'Jews', 'Arabs' (citizens
of Israel), 'others'; PCBS 'Palestinians' (including East Jerusalem residents)."""

REGIONS: tuple[str, ...] = (
    "israel-jewish-other",
    "israel-arab",
    "west-bank",
    "gaza",
    "refugees-abroad",
)
"""Demographic regions: the populations whose rates and age structures are published
(`rates.csv`, `age_sex.csv`)."""

SHAPE = (len(SEXES), len(AGE_BANDS))


def region_of(group: np.ndarray, zone: np.ndarray) -> np.ndarray:
    """The demographic region whose rates a cell follows (by group, and zone for Palestinians).

    Palestinians follow West Bank rates wherever they live except in Gaza and abroad:
    an assumption for East Jerusalem and for returnees.
    """
    region = np.full(len(group), REGIONS.index("west-bank"), dtype=np.int8)
    jewish_other = (group == GROUPS.index("jewish")) | (group == GROUPS.index("other"))
    region[jewish_other] = REGIONS.index("israel-jewish-other")
    region[group == GROUPS.index("arab")] = REGIONS.index("israel-arab")
    palestinian = group == GROUPS.index("palestinian")
    region[palestinian & (zone == ZONES.index("gaza"))] = REGIONS.index("gaza")
    region[palestinian & (zone == ZONES.index("abroad"))] = REGIONS.index("refugees-abroad")
    return region


@dataclass
class Cohorts:
    """Cells of people and their counts by sex and age band."""

    prior: np.ndarray  # int8, PRIOR_CITIZENSHIPS code
    status: np.ndarray  # int8, STATUSES code
    place: np.ndarray  # int16, place code
    group: np.ndarray  # int8, GROUPS code
    counts: np.ndarray  # float64, cells × sex × band

    def __len__(self) -> int:
        return len(self.place)

    @property
    def sizes(self) -> np.ndarray:
        """People per cell."""
        return self.counts.sum(axis=(1, 2))

    def total(self) -> float:
        """Everyone."""
        return float(self.counts.sum())

    def regions(self, table: Places) -> np.ndarray:
        """Demographic region per cell."""
        return region_of(self.group, table.zone[self.place])
