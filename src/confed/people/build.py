"""The base population (31 December 2024) as cohort cells, built from the sourced tables.

National totals come from the statistical offices (`aggregates.csv`); they are spread
over districts and governorates (`district_population.csv`), then over places by each
place's own count where one is published (settlements, East Jerusalem neighbourhoods,
GeoNames for towns), and finally over sex and age (`age_sex.csv`). How East Jerusalem
and the settlers are kept from being counted twice is set out in
`people/data/README.md`; each step below names its rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import numpy as np

from confed.people.cohorts import GROUPS, REGIONS, SHAPE, Cohorts, region_of
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


def _published_counts() -> dict[str, float]:
    """Place → a published head count used as its weight within its area."""
    counts: dict[str, float] = {}
    for row in table("place_population.csv"):
        counts[row["place"]] = row.number("population")
    for row in table("settlements.csv"):
        counts[row["place"]] = row.number("population")
    for row in table("east_jerusalem.csv"):
        if row["place"] != "jerusalem-east":  # that row is the East Jerusalem total
            counts[row["place"]] = row.number("population")
    return counts


def place_weights(table_: Places, codes: np.ndarray) -> np.ndarray:
    """Weights of places within an area: published counts, else the area's median.

    The median for a place with no published count is an assumption.
    """
    counts = _published_counts()
    known = np.array([counts.get(table_.ids[c], np.nan) for c in codes])
    fill = np.nanmedian(known) if np.isfinite(known).any() else 1.0
    return np.where(np.isfinite(known), known, fill)


def _district_rows(prefix: str) -> dict[tuple[str, str], float]:
    return {
        (r["region"], r["group"]): r.number("population")
        for r in table("district_population.csv")
        if r["region"].startswith(prefix)
    }


def _blocks(t: Places) -> list[Block]:
    zone = np.array([ZONES[z] for z in t.zone])
    district = np.array([t.districts[d] for d in t.district])
    council = np.array([t.councils[c] for c in t.council])
    codes = np.arange(len(t))

    def where(mask: np.ndarray) -> np.ndarray:
        return codes[mask]

    blocks: list[Block] = []

    def add(total: float, members: np.ndarray, status: str, prior: str, group: str) -> None:
        blocks.append(Block(total, members, place_weights(t, members), status, prior, group))

    jews_others = aggregate("israel_jews_and_others")
    jewish_share = aggregate("israel_jews") / jews_others  # U: see aggregates.csv

    def jewish_other(total: float, members: np.ndarray) -> None:
        add(total * jewish_share, members, "israeli-citizen", "IL", "jewish")
        add(total * (1 - jewish_share), members, "israeli-citizen", "IL", "other")

    # Settlers: CBS localities, scaled to the latest register total (aggregates.csv).
    settlers = aggregate("israeli_settlers_west_bank_excl_ej")
    settled = where(np.char.startswith(zone, "settlement"))
    jewish_other(settlers, settled)
    # Jerusalem municipality (CBS end-2023): Israelis beyond the 1967 line by neighbourhood
    # (JIIS), the rest of Jews and others in West Jerusalem, Arabs as East Jerusalem residents.
    ej_israelis = aggregate("israelis_east_jerusalem")
    jerusalem_jews_others = aggregate("jerusalem_municipality_jews_and_others")
    jerusalem_arabs = aggregate("jerusalem_municipality_arabs")
    jewish_other(ej_israelis, where(zone == "east-jerusalem-israeli"))
    west = where((zone == "israel") & (council == JERUSALEM))
    jewish_other(jerusalem_jews_others - ej_israelis, west)
    add(
        jerusalem_arabs,
        where(zone == "east-jerusalem-palestinian"),
        "jerusalem-resident",
        "none",
        "palestinian",
    )
    # The rest of Israel: national totals minus the above, spread by district shares
    # (Jerusalem district minus the municipality), then by place.
    districts = _district_rows("il-")
    rest = {
        "jewish": aggregate("israel_jews") - (settlers + jerusalem_jews_others) * jewish_share,
        "other": aggregate("israel_others")
        - (settlers + jerusalem_jews_others) * (1 - jewish_share),
        "arab": aggregate("israel_arabs") - jerusalem_arabs,
    }
    taken = {
        "jewish": jerusalem_jews_others * jewish_share,
        "other": jerusalem_jews_others * (1 - jewish_share),
        "arab": jerusalem_arabs,
    }
    for group, total in rest.items():
        shares = {
            d: max(0.0, n - (taken[group] if d == "il-jerusalem" else 0.0))
            for (d, g), n in districts.items()
            if g == group
        }
        norm = sum(shares.values())
        for d, n in shares.items():
            members = where((zone == "israel") & (district == d) & (council != JERUSALEM))
            add(total * n / norm, members, "israeli-citizen", "IL", group)
    add(aggregate("israel_foreigners"), where(zone == "israel"), "other", "none", "other")
    # West Bank without J1 (PCBS), by 2016 governorate shares; Gaza likewise.
    # J1's share is held at its mid-2023 value (PCBS).
    west_bank = aggregate("west_bank_population_pcbs") * (
        aggregate("west_bank_population_pcbs_excl_j1", "2023-07-01")
        / aggregate("west_bank_population_pcbs", "2023-07-01")
    )
    governorates = _district_rows("ps-")
    for area, total, status, zones in (
        ("west-bank", west_bank, "west-bank", ("area-a", "area-b", "area-c")),
        ("gaza", aggregate("gaza_population_pcbs"), "gaza", ("gaza",)),
    ):
        in_area = {
            d: n
            for (d, _), n in governorates.items()
            if (d in GAZA_GOVERNORATES) == (area == "gaza")
        }
        norm = sum(in_area.values())
        for d, n in in_area.items():
            members = where(np.isin(zone, zones) & (district == d))
            add(total * n / norm, members, status, "PS", "palestinian")
    # Registered refugees abroad (UNRWA fields); no camp populations: equal weights.
    for field in ("jordan", "lebanon", "syria"):
        members = where((zone == "abroad") & (district == field))
        blocks.append(
            Block(
                aggregate(f"unrwa_registered_refugees_{field}"),
                members,
                np.ones(len(members)),
                "refugee",
                "none",
                "palestinian",
            )
        )
    return blocks


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
