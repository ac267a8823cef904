"""Extract UN WPP 2024 medium-variant paths into people/data/wpp_paths.csv (run by hand).

Input: the data-raw folder of the R package wpp2024 (github.com/PPgp/wpp2024), which
holds the UN World Population Prospects 2024 tables as text. Usage:
`python tools/extract_wpp_paths.py path/to/wpp2024/data-raw`. For Israel (376) and the
State of Palestine (275) it copies, year by year from 2024 to 2100, the medium-variant
total fertility rate, life expectancy at birth by sex, crude net migration rate, the
share of births by mother's age (percent, 5-year ages) and the 1 July population
(thousands, written in persons); and, for each five-year period from 2020-2025 on, the
death rates by sex and age (`age` is the band's first year; `year` the period's first).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "confed" / "people" / "data" / "wpp_paths.csv"
COUNTRIES = {"376": "israel", "275": "palestine"}
YEARS = range(2024, 2101)
ANNUAL = {
    "tfr": ("tfrprojMed.txt", 1.0),
    "life_expectancy_female": ("e0Fproj.txt", 1.0),
    "life_expectancy_male": ("e0Mproj.txt", 1.0),
    "net_migration_per_1000": ("cnmrprojMed.txt", 1.0),
    "population": ("popprojMed.txt", 1000.0),
    "asfr_percent": ("percentASFR5.txt", 1.0),
}
"""Indicator → (wpp2024 data-raw file with one column per year, factor to confed's unit)."""
PERIODS = {"mx_female": "mxF5.txt", "mx_male": "mxM5.txt"}
"""Indicator → data-raw file with one column per five-year period."""
NOTES = {
    "population": "1 July",
    "asfr_percent": "percent of the year's births by mother's age",
    "mx_female": "death rate per person-year over the five-year period starting in `year`",
    "mx_male": "death rate per person-year over the five-year period starting in `year`",
}


def _rows(path: Path):
    with path.open(encoding="utf-8") as f:
        yield from (r for r in csv.DictReader(f, delimiter="\t") if r["country_code"] in COUNTRIES)


def main() -> int:
    """Write wpp_paths.csv."""
    folder = Path(sys.argv[1])
    rows = []
    for indicator, (name, factor) in ANNUAL.items():
        for r in _rows(folder / name):
            for year in YEARS:
                value = float(r[str(year)]) * factor
                age = r.get("age", "")
                rows.append((COUNTRIES[r["country_code"]], indicator, age, year, value))
    for indicator, name in PERIODS.items():
        for r in _rows(folder / name):
            for start in range(2020, 2100, 5):
                value = float(r[f"{start}-{start + 5}"])
                age = r["age"].removesuffix("+")
                rows.append((COUNTRIES[r["country_code"]], indicator, age, start, value))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        header = ("population", "indicator", "age", "year", "value", "source", "quality", "note")
        out.writerow(header)
        for country, indicator, age, year, value in sorted(
            rows, key=lambda r: (r[0], r[1], int(r[2].split("-")[0]) if r[2] else -1, r[3])
        ):
            note = NOTES.get(indicator, "calendar year")
            out.writerow((country, indicator, age, year, f"{value:.10g}", "un-wpp-2024", "S", note))
    print(f"{len(rows)} rows → {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
