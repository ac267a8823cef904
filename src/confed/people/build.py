"""The base population (31 December 2024) as cohort cells, built from the sourced tables.

National totals come from the statistical offices (`aggregates.csv`); each is spread
over the places of its area in proportion to their own counts by national group in the
locality files (`localities.py`: CBS end-2021, the PCBS 2017 census in the West Bank and
Gaza, with a "rest of" place per district for people outside the listed localities) —
the stated scaling to the base year — and finally over sex and age (`age_sex.csv`). How
East Jerusalem and the settlers are kept from being counted twice is set out in
`people/data/README.md`; each step below names its rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import numpy as np

from confed.people.cohorts import GROUPS, REGIONS, SHAPE, Cohorts, region_of
from confed.people.localities import governorate_totals, israel_jewish_share, source_counts
from confed.people.projection import AGE_BANDS, SEXES
from confed.people.tables import table
from confed.places import Places, places
from confed.vocab import PRIOR_CITIZENSHIPS, STATUSES, ZONES

BASE_YEAR = 2025
"""The population is as at 31 December 2024, i.e. the start of 2025."""

JERUSALEM = "jerusalem"
GAZA_GOVERNORATES = ("ps-north-gaza", "ps-gaza", "ps-deir-al-balah", "ps-khan-yunis", "ps-rafah")


@dataclass(frozen=True)
class Block:
    """People of one legal status and group spread over places by weight."""

    total: float
    places: np.ndarray  # place codes
    weights: np.ndarray
    status: str
    prior: str
    group: str


def aggregate(metric: str, date: str | None = None) -> float:
    """The figure of an aggregate on `date`, or the latest (ties go to the later row)."""
    rows = [
        r for r in table("aggregates.csv") if r["metric"] == metric and date in (None, r["date"])
    ]
    return max(rows, key=lambda r: (r["date"], r.line)).number("value")


def _east_jerusalem_counts() -> dict[str, float]:
    """East Jerusalem neighbourhood → its latest published head count (JIIS, PCBS, others)."""
    rows = sorted(table("east_jerusalem.csv"), key=lambda r: r["date"])
    return {
        row["place"]: row.number("population")
        for row in rows
        if row["place"] != "jerusalem-east"  # that row is the East Jerusalem total
    }


def place_weights(table_: Places, codes: np.ndarray) -> np.ndarray:
    """Weights of Jerusalem's places: published counts, else the area's median.

    The median for a neighbourhood with no published count is an assumption.
    """
    counts = _east_jerusalem_counts()
    known = np.array([counts.get(table_.ids[c], np.nan) for c in codes])
    fill = np.nanmedian(known) if np.isfinite(known).any() else 1.0
    return np.where(np.isfinite(known), known, fill)


def _blocks(t: Places) -> list[Block]:
    zone = np.array([ZONES[z] for z in t.zone])
    district = np.array([t.districts[d] for d in t.district])
    council = np.array([t.councils[c] for c in t.council])
    codes = np.arange(len(t))

    def where(mask: np.ndarray) -> np.ndarray:
        return codes[mask]

    blocks: list[Block] = []
    counts = source_counts(t)

    def add(
        total: float, members: np.ndarray, status: str, prior: str, group: str, by_count: bool
    ) -> None:
        weights = counts[members, GROUPS.index(group)] if by_count else place_weights(t, members)
        blocks.append(Block(total, members, weights, status, prior, group))

    jewish_share = israel_jewish_share()  # U: see aggregates.csv

    def jewish_other(total: float, members: np.ndarray, by_count: bool) -> None:
        add(total * jewish_share, members, "israeli-citizen", "IL", "jewish", by_count)
        add(total * (1 - jewish_share), members, "israeli-citizen", "IL", "other", by_count)

    # Settlers: CBS localities, scaled to the latest register total (aggregates.csv).
    settlers = aggregate("israeli_settlers_west_bank_excl_ej")
    settled = where(np.char.startswith(zone, "settlement"))
    jewish_other(settlers, settled, by_count=True)
    # Jerusalem municipality (CBS end-2023): Israelis beyond the 1967 line by neighbourhood
    # (JIIS), the rest of Jews and others in West Jerusalem, Arabs as East Jerusalem residents.
    ej_israelis = aggregate("israelis_east_jerusalem")
    jerusalem_jews_others = aggregate("jerusalem_municipality_jews_and_others")
    jerusalem_arabs = aggregate("jerusalem_municipality_arabs")
    jewish_other(ej_israelis, where(zone == "east-jerusalem-israeli"), by_count=False)
    west = where((zone == "israel") & (council == JERUSALEM))
    jewish_other(jerusalem_jews_others - ej_israelis, west, by_count=False)
    add(
        jerusalem_arabs,
        where(zone == "east-jerusalem-palestinian"),
        "jerusalem-resident",
        "none",
        "palestinian",
        by_count=False,
    )
    # The rest of Israel: national totals minus the above, spread over every locality and
    # district remainder by its own count of the group.
    rest = {
        "jewish": aggregate("israel_jews") - (settlers + jerusalem_jews_others) * jewish_share,
        "other": aggregate("israel_others")
        - (settlers + jerusalem_jews_others) * (1 - jewish_share),
        "arab": aggregate("israel_arabs") - jerusalem_arabs,
    }
    israel = where((zone == "israel") & (council != JERUSALEM))
    for group, total in rest.items():
        add(total, israel, "israeli-citizen", "IL", group, by_count=True)
    # Foreigners: CBS publishes no locality breakdown. assumption (aggregates.csv
    # israel_foreigners_placed_like_arabs): that share lives like Arab citizens, the rest
    # like Jews and others, so non-Jewish localities hold none of them by default.
    everyone = where(zone == "israel")
    like_arabs = aggregate("israel_foreigners_placed_like_arabs")
    arabs = counts[everyone, GROUPS.index("arab")]
    others = counts[everyone][:, [GROUPS.index("jewish"), GROUPS.index("other")]].sum(axis=1)
    foreigners = like_arabs * arabs / arabs.sum() + (1 - like_arabs) * others / others.sum()
    blocks.append(
        Block(
            aggregate("israel_foreigners"),
            everyone,
            foreigners,
            "other",
            "none",
            "other",
        )
    )
    # West Bank without J1 (PCBS) and Gaza, each by the 2017 census's governorate shares.
    # J1's share is held at its mid-2023 value (PCBS).
    west_bank = aggregate("west_bank_population_pcbs") * (
        aggregate("west_bank_population_pcbs_excl_j1", "2023-07-01")
        / aggregate("west_bank_population_pcbs", "2023-07-01")
    )
    governorates = governorate_totals()
    for area, total, status, zones in (
        ("west-bank", west_bank, "west-bank", ("area-a", "area-b", "area-c")),
        ("gaza", aggregate("gaza_population_pcbs"), "gaza", ("gaza",)),
    ):
        in_area = {
            d: n for d, n in governorates.items() if (d in GAZA_GOVERNORATES) == (area == "gaza")
        }
        norm = sum(in_area.values())
        for d, n in in_area.items():
            members = where(np.isin(zone, zones) & (district == d))
            add(total * n / norm, members, status, "PS", "palestinian", by_count=True)
    # Registered refugees abroad (UNRWA fields): those resident in the field over its
    # places (no camp populations: equal weights), the rest of the registered in the
    # field's "registered elsewhere" place (Lebanon, Syria; UNRWA's resident estimates).
    ids = np.array(t.ids)
    for field in ("jordan", "lebanon", "syria"):
        registered = aggregate(f"unrwa_registered_refugees_{field}")
        resident = registered if field == "jordan" else refugees_resident(field)
        elsewhere = ids == f"{field}-registered-elsewhere"
        members = where((zone == "abroad") & (district == field) & ~elsewhere)
        for total, rows in ((resident, members), (registered - resident, where(elsewhere))):
            if len(rows):
                blocks.append(
                    Block(total, rows, np.ones(len(rows)), "refugee", "none", "palestinian")
                )
    return blocks


def refugees_resident(field: str) -> float:
    """Registered refugees who live in a field (UNRWA's estimate; all, where none is given)."""
    return aggregate(f"unrwa_refugees_resident_{field}")


def age_sex_shares() -> np.ndarray:
    """Shares by region × sex × band (`age_sex.csv`), each region summing to 1."""
    shares = np.zeros((len(REGIONS), *SHAPE))
    for row in table("age_sex.csv"):
        r = REGIONS.index(row["population"])
        shares[r, SEXES.index(row["sex"]), AGE_BANDS.index(row["age_band"])] = row.number("share")
    return shares / shares.sum(axis=(1, 2), keepdims=True)


@cache
def base_population() -> Cohorts:
    """Everyone in the land and the registered refugees abroad, end of 2024."""
    t = places()
    cells: dict[tuple[int, int, int, int], float] = defaultdict(float)
    for b in _blocks(t):
        if len(b.places) == 0:
            raise ValueError(f"no place for {b.status}/{b.group}")  # a data bug, not user input
        share = b.weights / b.weights.sum()
        for place, s in zip(b.places, share, strict=True):
            key = (
                PRIOR_CITIZENSHIPS.index(b.prior),
                STATUSES.index(b.status),
                int(place),
                GROUPS.index(b.group),
            )
            cells[key] += b.total * s
    keys = np.array(list(cells), dtype=np.int64)
    sizes = np.array(list(cells.values()))
    group = keys[:, 3].astype(np.int8)
    place = keys[:, 2].astype(np.int16)
    region = region_of(group, t.zone[place])
    counts = sizes[:, None, None] * age_sex_shares()[region]
    return Cohorts(keys[:, 0].astype(np.int8), keys[:, 1].astype(np.int8), place, group, counts)
