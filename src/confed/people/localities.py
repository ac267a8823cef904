"""Each place's head count by national group as its source publishes it (before scaling).

Israel: the CBS locality file (end-2021) gives every locality's population; non-Jewish
localities are Arab, Jewish localities Jews and others, mixed towns take their published
Arab share (`mixed_towns.csv`). A place inside a locality (Jaffa in Tel Aviv-Yafo) takes
its published share of it with its own Arab share (`locality_parts.csv`). West Bank and
Gaza: every locality of the PCBS 2017 census (`ps_localities.csv`); a place no census
row lists takes its GeoNames count. Each district's or governorate's remainder — its
total minus its listed localities — is held by its "rest of" place, so no listed place
absorbs people who live elsewhere.
The builder scales these counts to the base year (`build.py`).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

import numpy as np

from confed.people.cohorts import GROUPS
from confed.people.tables import Row, table
from confed.places import Places

REST = "rest-of-"


def israel_jewish_share() -> float:
    """Jews among "Jews and others" (end-2024; U in aggregates.csv), used to split them."""
    from confed.people.build import aggregate

    return aggregate("israel_jews") / aggregate("israel_jews_and_others")


def arab_share(code: str, form: str) -> float:
    """Arab share of an Israeli locality: 1 non-Jewish, 0 Jewish, published if mixed."""
    if form == "mixed":
        return next(
            r.number("arab_share") for r in table("mixed_towns.csv") if r["locality"] == code
        )
    return 1.0 if form == "non-jewish" else 0.0


def _geonames() -> dict[str, float]:
    return {r["place"]: r.number("population") for r in table("place_population.csv")}


def _parts() -> dict[str, Row]:
    """Published parts of a locality (Jaffa in Tel Aviv-Yafo), by place id."""
    return {r["place"]: r for r in table("locality_parts.csv")}


def _within_locality(t: Places, arab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each place's share of its locality and its Arab share.

    A published part (`locality_parts.csv`) takes its own share of the locality and its
    own Arab share; the locality's other place takes the rest of both, so the locality's
    total and Arab share are unchanged. Places with no published part share their
    locality by GeoNames weight at the locality's Arab share. `arab` holds each place's
    locality Arab share on entry.
    """
    share = np.ones(len(t))
    arab = arab.copy()
    weights = _geonames()
    parts = _parts()
    members: dict[str, list[int]] = defaultdict(list)
    for row, code in enumerate(t.codes):
        if code:
            members[code].append(row)
    for rows in members.values():
        published = [r for r in rows if t.ids[r] in parts]
        if published:
            rest = [r for r in rows if r not in published]
            city_arab = arab[rows[0]]
            for r in published:
                part = parts[t.ids[r]]
                share[r] = part.number("population") / part.number("locality_population")
                arab[r] = part.number("arab") / part.number("population")
            left = 1.0 - share[published].sum()
            if not rest:
                continue
            share[rest] = left / len(rest)
            arab[rest] = max(0.0, city_arab - (share[published] * arab[published]).sum()) / left
        elif len(rows) > 1:
            w = np.array([weights.get(t.ids[r], 0.0) for r in rows])
            share[rows] = w / w.sum() if w.sum() > 0 else 1.0 / len(rows)
    return share, arab


@cache
def _il_localities() -> dict[str, float]:
    """CBS code → population at end-2021."""
    return {r["code"]: r.number("population") for r in table("il_localities.csv")}


def source_counts(t: Places) -> np.ndarray:
    """Places × groups: each place's head count in its source year (0 where none)."""
    counts = np.zeros((len(t), len(GROUPS)))
    jewish = israel_jewish_share()
    localities = _il_localities()
    jewish_other = np.array([jewish, 1 - jewish])
    jo = [GROUPS.index("jewish"), GROUPS.index("other")]
    arab = GROUPS.index("arab")
    israeli = [row for row, code in enumerate(t.codes) if code.startswith("cbs:")]
    shares = np.zeros(len(t))
    for row in israeli:
        cbs = t.codes[row].removeprefix("cbs:")
        shares[row] = arab_share(cbs, t.forms[row] or _form_of(t, cbs))
    within, shares = _within_locality(t, shares)
    for row in israeli:
        population = localities[t.codes[row].removeprefix("cbs:")] * within[row]
        counts[row, arab] = population * shares[row]
        counts[row, jo] = population * (1 - shares[row]) * jewish_other
    _israel_rest(t, counts, jewish_other)
    _palestine(t, counts)
    return counts


def _form_of(t: Places, cbs: str) -> str:
    """The form of a locality from the place that is the locality itself."""
    return next(f for c, f in zip(t.codes, t.forms, strict=True) if c == f"cbs:{cbs}" and f)


def _israel_rest(t: Places, counts: np.ndarray, jewish_other: np.ndarray) -> None:
    """District totals (end-2021) minus their localities, Arabs and Jews-and-others apart.

    Floored at zero: the district group rows are derived and slightly off.
    """
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for r in table("district_population.csv"):
        if r["region"].startswith("il-"):
            kind = "arab" if r["group"] == "arab" else "jewish-other"
            totals[(r["region"], kind)] += r.number("population")
    arab = GROUPS.index("arab")
    jo = [GROUPS.index("jewish"), GROUPS.index("other")]
    district = np.array([t.districts[d] for d in t.district])
    israeli = np.array([c.startswith("cbs:") for c in t.codes])
    for row, place_id in enumerate(t.ids):
        d = district[row]
        if place_id != f"{REST}{d}" or not d.startswith("il-"):
            continue
        listed = counts[israeli & (district == d)].sum(axis=0)
        counts[row, arab] = max(0.0, totals[(d, "arab")] - listed[arab])
        counts[row, jo] = max(0.0, totals[(d, "jewish-other")] - listed[jo].sum()) * jewish_other


def governorate_totals() -> dict[str, float]:
    """Palestinian governorate → its latest population row in district_population.csv.

    Every governorate: the PCBS 2017 census (the sum of its localities). The builder splits
    the West Bank's and Gaza's totals by these shares.
    """
    rows = [r for r in table("district_population.csv") if r["region"].startswith("ps-")]
    latest = {r["region"]: r for r in sorted(rows, key=lambda r: r["date"])}
    return {region: r.number("population") for region, r in latest.items()}


def _palestine(t: Places, counts: np.ndarray) -> None:
    """PCBS 2017 census counts, else GeoNames counts, and each governorate's remainder.

    East Jerusalem and the settlements are counted by CBS (their places carry a `cbs:`
    code) and left out here.
    """
    pcbs = {r["place"]: r.number("population") for r in table("ps_localities.csv")}
    geonames = _geonames()
    palestinian = GROUPS.index("palestinian")
    governorates = governorate_totals()
    listed: dict[str, float] = defaultdict(float)
    rest_rows = {}
    for row, place_id in enumerate(t.ids):
        district = t.districts[t.district[row]]
        if district not in governorates or t.codes[row].startswith("cbs:"):
            continue
        if place_id == f"{REST}{district}":
            rest_rows[district] = row
            continue
        n = pcbs.get(place_id, geonames.get(place_id, 0.0))
        counts[row, palestinian] = n
        listed[district] += n
    for district, row in rest_rows.items():
        counts[row, palestinian] = max(0.0, governorates[district] - listed[district])
