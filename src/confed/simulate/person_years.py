"""What a person-mode year draws against: per-slot thresholds and the bits.

A person's year is decided by two random bytes, eight to a 64-bit word of a generator
(NumPy's float draws cost one call per number, several times more), each byte from a
stream of its own so that a block's bytes lie side by side: the first against the
thresholds of the person's demographic slot (death, birth, migration), the second
against the ageing threshold. Where a byte is at most a threshold's top byte (the few
percent with an event, and one in 256 at its edge), 24 more bits decide, so every
probability is drawn to 2**-32.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from confed.people.cohorts import GROUPS, REGIONS, SHAPE, region_of
from confed.people.projection import FERTILE
from confed.people.rates import region_rates
from confed.places import Places
from confed.simulate.metrics import ADULT_SHARE, Totals, row_keys
from confed.vocab import ZONES

WORD = 2.0**32
"""The number of values of a 32-bit random word: P(word < t) = t / WORD."""

AGEING = 0.2
"""A fifth of each band (but the open one) ages into the next each year, as in the cohort
step."""


ADULT_CLASS = np.unique(ADULT_SHARE, return_index=True)[1][
    np.unique(ADULT_SHARE, return_inverse=True)[1]
].astype(np.int8)
"""Per age band, the first band with its share of adults. The yearly totals read only
everyone and the adults, so people are counted per person type × group × this class
(under the class's band, `class_keys`): ageing within a class changes no count."""

_CROSSING = np.flatnonzero(ADULT_CLASS[1:] != ADULT_CLASS[:-1])
assert np.array_equal(_CROSSING, np.arange(_CROSSING[0], _CROSSING[-1] + 1)), "adjacent bands"
CROSS_LO, CROSS_SPAN = int(_CROSSING[0]), int(_CROSSING[-1] - _CROSSING[0])
"""The bands whose ageing changes the adult class: CROSS_LO to CROSS_LO + CROSS_SPAN
(adjacent: 15-19 and the one below it), tested by the ageing kernel with one
subtraction and one unsigned comparison."""


CLASS_SHARE, _FIRST_BAND, CLASS_OF_BAND = np.unique(
    ADULT_SHARE, return_index=True, return_inverse=True
)
CLASS_OF_BAND = CLASS_OF_BAND.astype(np.int8)
"""Each adult class's share of adults, and per age band the number of its class (0, 1,
2: under 15, 15-19, 20 and over). The kept counts hold one entry per type × group ×
class (`PersonState._people`, int32), a sixth of the entries of one per band: the
per-row kernels update them at random, and 1.7 MB stay in the caches where 19 MB
compete with the columns for them."""


def class_keys(types: np.ndarray, group: np.ndarray, band: np.ndarray) -> np.ndarray:
    """The counted key of rows: `metrics.row_keys` with the band's adult class for the band."""
    return row_keys(types, group, ADULT_CLASS[band])


def by_class(counts: np.ndarray) -> np.ndarray:
    """Counts per `class_keys` key folded to one entry per type × group × adult class."""
    per_band = counts.reshape(-1, len(ADULT_SHARE))
    return np.ascontiguousarray(per_band[:, _FIRST_BAND]).reshape(-1)  # the class's first band


def class_totals(people: np.ndarray, n_types: int) -> Totals:
    """`metrics.Totals` from the people per type × group × adult class.

    The same values as `metrics.totals_from_counts` over every band (the other bands
    hold zeros, which add nothing to a float sum).
    """
    counts = people.astype(float).reshape(n_types, len(GROUPS), len(CLASS_SHARE))
    return Totals(counts @ np.ones(len(CLASS_SHARE)), counts @ CLASS_SHARE)


def threshold(p: np.ndarray | float) -> np.ndarray:
    """Probabilities as thresholds on a 32-bit random word (flat, uint32).

    floor(p × 2**32): a word below it has probability p within 2.3e-10; 1 becomes the
    largest word, so a certain event misses once in 4.3e9.
    """
    t = np.floor(np.clip(np.asarray(p, dtype=float), 0.0, 1.0) * WORD)
    return np.minimum(t, WORD - 1).astype(np.uint32).reshape(-1)


AGE_THRESHOLD = threshold(AGEING)[0]
"""`AGEING` as a threshold on a 32-bit word."""

AGE_TOP = np.uint8(AGE_THRESHOLD >> 24)
"""The top byte of `AGE_THRESHOLD`: a person's ageing byte below it ages, equal to it
draws 24 more bits."""


def top_byte(thresholds: np.ndarray) -> np.ndarray:
    """The top 8 bits of 32-bit thresholds (uint8)."""
    return (thresholds >> 24).astype(np.uint8)


class RandomBytes:
    """A stream of random bytes, eight from each 64-bit word of a bit generator.

    `take(k)` gives the next k bytes; bytes left over from a word wait for the next
    call, so the bytes do not depend on how the calls are cut. `left` are bytes of a
    word already drawn from `bits` that come first (where a kernel stopped in a word).
    """

    def __init__(self, bits: np.random.BitGenerator, left: np.ndarray | None = None):
        self.bits = bits
        self.left = np.zeros(0, dtype=np.uint8) if left is None else left

    def take(self, k: int) -> np.ndarray:
        """The next `k` bytes (uint8)."""
        have = len(self.left)
        if k <= have:
            out, self.left = self.left[:k], self.left[k:]
            return out
        fresh = self.bits.random_raw((k - have + 7) // 8).view(np.uint8)
        out = fresh[: k - have] if have == 0 else np.concatenate([self.left, fresh[: k - have]])
        self.left = fresh[k - have :]
        return out

    def words(self, top: np.ndarray) -> np.ndarray:
        """32-bit words whose top byte is `top` (uint8) and whose 24 other bits are drawn."""
        words = self.take(4 * len(top)).view(np.uint32) >> 8
        words |= top.astype(np.uint32) << 24
        return words


_GROUP_OF = np.repeat(np.arange(len(GROUPS)), len(ZONES))
_HOMES, _HOME_OF = np.unique(
    _GROUP_OF * len(REGIONS) + region_of(_GROUP_OF, np.tile(np.arange(len(ZONES)), len(GROUPS))),
    return_inverse=True,
)
HOME_OF_ZONE = _HOME_OF.reshape(len(GROUPS), len(ZONES))
HOME_GROUP, HOME_REGION = np.divmod(_HOMES, len(REGIONS))
"""Homes: the national groups × demographic regions people live in (six: a group's
region depends on the zone only for Palestinians). `HOME_OF_ZONE` is each group's
home in each zone, `HOME_GROUP` and `HOME_REGION` each home's group and region. A
person's slot is home × sex × band, so the slot says their group too."""


@dataclass(frozen=True)
class Demography:
    """Per demographic slot (home × sex × band): thresholds on a 32-bit random word.

    A word below `death` dies; one below `birth` (and not below `death`) gives birth
    (probability birth rate × survival); one below `event` (and not below `birth`)
    migrates with probability |net migration| × survival: out of the land where
    `leaves`, otherwise a copy of them arrives. A home's rates are its region's.
    """

    death: np.ndarray  # uint32
    birth: np.ndarray  # uint32
    event: np.ndarray  # uint32
    event_top: np.ndarray  # uint8: the top byte of `event`
    leaves: np.ndarray  # bool
    home: np.ndarray  # groups × places: the home of each group there
    group: np.ndarray  # int8, per slot: its national group
    year: int

    @classmethod
    def of(cls, table: Places, year: int) -> Demography:
        """The thresholds of every home in calendar `year`.

        Rates depend on the region (group, and zone for Palestinians), sex and band only,
        so the tables stay small however many places there are.
        """
        rates = region_rates(year)
        death = rates.death[HOME_REGION]
        birth = np.zeros_like(death)
        birth[:, 0, FERTILE] = rates.fertility[HOME_REGION]
        migration = np.broadcast_to(rates.net_migration[HOME_REGION, None, None], death.shape)
        survive = 1.0 - death
        event = threshold(death + (birth + np.abs(migration)) * survive)
        return cls(
            threshold(death),
            threshold(death + birth * survive),
            event,
            top_byte(event),
            (migration < 0).reshape(-1),
            HOME_OF_ZONE[:, table.zone],
            np.repeat(HOME_GROUP, SHAPE[0] * SHAPE[1]).astype(np.int8),
            year,
        )

    def slot(
        self, group: np.ndarray, place: np.ndarray, sex: np.ndarray, band: np.ndarray
    ) -> np.ndarray:
        """Each person's slot (home × sex × band) in the tables, as int16."""
        slot = self.home[group, place].astype(np.int16)
        slot *= SHAPE[0]
        slot += sex
        slot *= SHAPE[1]
        slot += band
        return slot
