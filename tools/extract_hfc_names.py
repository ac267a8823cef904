"""Arabic names of Israel's localities from the Home Front Command's alert areas (run by hand).

The CBS locality file names localities in Hebrew and English only. The Home Front
Command (Pikud HaOref) publishes its alert areas — one per locality, or several for a
large city — with Hebrew, English, Russian and Arabic names; `cities.json` of
github.com/eladnava/pikud-haoref-api is a copy of that list. This tool matches each CBS
locality (`people/data/il_localities.csv`) to an alert area by its Hebrew name and writes
`people/data/il_names_ar.csv`. A match is one of:

- `exact`: the same Hebrew name once `confed.places.names.fold` has taken off marks,
  hyphens, geresh and case;
- `spelling`: the same name up to quote marks, parentheses and doubled yod or vav (CBS
  writes נהרייה, the list נהריה), the pairing unique on both sides and the two English
  names alike (`SAME_ENGLISH`);
- `areas`: the list splits the locality into areas named "<locality> - <part>"; the name
  is the words every area's Arabic name begins with, if they all begin alike;
- `english`: for a locality still unnamed, the one area no other match took whose English
  name is the locality's (`SAME_PLACE_ENGLISH`) and whose point lies within
  `SAME_PLACE_KM` of the locality's (CBS writes סח'נין, the list סכנין: both say Sakhnin).

Anything else (a list entry that names several localities at once, areas whose Arabic
names differ, English names that disagree) is left out and printed; such a locality keeps
confed's own entry or has none. Usage:
`python tools/extract_hfc_names.py path/to/cities.json`.
"""

from __future__ import annotations

import csv
import difflib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "confed"
sys.path.insert(0, str(ROOT.parent))

import numpy as np  # noqa: E402

from confed.places.itm import itm_to_wgs84  # noqa: E402
from confed.places.names import fold  # noqa: E402

DATA = ROOT / "people" / "data"
OUT = DATA / "il_names_ar.csv"
SOURCE = "hfc-alert-areas-2026"
SAME_ENGLISH = 0.6
"""Least similarity (difflib ratio of the normalised English names) for a `spelling` match."""
SAME_PLACE_ENGLISH = 0.9
SAME_PLACE_KM = 2.0
"""An `english` match: English names this alike, points this close (km)."""
MATCHES = ("exact", "spelling", "areas", "english")
NOT_TAKEN = {
    "845": "the list gives כפר עזה (Kefar Azza) the Arabic name of Gaza (غزه), not its own",
}
"""CBS codes whose matched Arabic name is not taken, and why (checked by hand)."""
COLUMNS = ("code", "name_he", "name_ar", "source_name_he", "match", "source", "quality", "note")


def _loose(name: str) -> str:
    """A Hebrew name without quote marks, parentheses and doubled yod or vav."""
    key = re.sub("[()]", " ", re.sub("['\"]", "", fold(name)))
    key = key.replace("יי", "י").replace("וו", "ו")
    return re.sub(r"\s+", " ", key).strip()


def _english(name: str) -> str:
    """An English transliteration with the usual spelling variants made one."""
    name = name.lower()
    for old, new in (("kh", "h"), ("ch", "h"), ("q", "k"), ("w", "v"), ("tz", "z"), ("ee", "e")):
        name = name.replace(old, new)
    return re.sub("[^a-z]", "", name)


def _alike(a: str, b: str, least: float = SAME_ENGLISH) -> bool:
    return difflib.SequenceMatcher(None, _english(a), _english(b)).ratio() >= least


def _km(lat: float, lon: float, area: dict) -> float:
    """Distance from a point to an area's point (equirectangular, ample at this scale)."""
    dy = (area["lat"] - lat) * 111.2
    dx = (area["lng"] - lon) * 111.2 * np.cos(np.radians(lat))
    return float(np.hypot(dx, dy))


def _by_english(unnamed: list[dict], areas: list[dict]) -> list[tuple[dict, dict]]:
    """Each unnamed locality paired with the one free area of its English name nearby.

    A pair counts only where neither the locality nor the area has another candidate.
    """
    lat, lon = itm_to_wgs84(
        np.array([float(loc["itm_east"]) for loc in unnamed]),
        np.array([float(loc["itm_north"]) for loc in unnamed]),
    )
    pairs = [
        (loc, area)
        for i, loc in enumerate(unnamed)
        for area in areas
        if _alike(loc["name_en"], area["name_en"], SAME_PLACE_ENGLISH)
        and _km(lat[i], lon[i], area) <= SAME_PLACE_KM
    ]
    per_locality = defaultdict(int)
    per_area = defaultdict(int)
    for loc, area in pairs:
        per_locality[loc["code"]] += 1
        per_area[area["name"]] += 1
    return [(loc, a) for loc, a in pairs if per_locality[loc["code"]] == per_area[a["name"]] == 1]


def _shared_prefix(names: list[str]) -> str:
    """The words every Arabic name begins with, as the first name writes them.

    Empty unless every name has more words after them (the part of the city).
    """
    words = [re.sub(r"[-\s\u00a0]+", " ", n).split() for n in names]
    folded = [[fold(w) for w in ws] for ws in words]
    size = 0
    while all(len(f) > size + 1 for f in folded) and len({f[size] for f in folded}) == 1:
        size += 1
    return " ".join(words[0][:size])


def _areas(name_he: str, areas: list[dict]) -> list[dict]:
    """The alert areas named "<name_he> - <part>" (or "<name_he>- <part>")."""
    pattern = re.compile(re.escape(name_he) + r"\s*-\s*\S")
    return [a for a in areas if pattern.match(a["name"])]


def match(localities: list[dict], areas: list[dict]) -> tuple[list[dict], list[str]]:
    """The name rows for the localities the list names, and why the others were left out."""
    exact: dict[str, list[dict]] = defaultdict(list)
    loose: dict[str, list[dict]] = defaultdict(list)
    for area in areas:
        exact[fold(area["name"])].append(area)
        loose[_loose(area["name"])].append(area)
    cbs_loose: dict[str, int] = defaultdict(int)
    for loc in localities:
        cbs_loose[_loose(loc["name_he"])] += 1
    rows, left_out = [], []
    for loc in localities:
        found = exact.get(fold(loc["name_he"]), [])
        kind, name_ar, source_he = "exact", "", ""
        if len(found) == 1:
            name_ar, source_he = found[0]["name_ar"], found[0]["name"]
        elif not found and len(near := loose.get(_loose(loc["name_he"]), [])) == 1:
            kind, area = "spelling", near[0]
            if cbs_loose[_loose(loc["name_he"])] > 1:
                left_out.append(f"{loc['code']} {loc['name_he']}: several CBS names alike")
                continue
            if not _alike(loc["name_en"], area["name_en"]):
                left_out.append(
                    f"{loc['code']} {loc['name_he']}: '{area['name']}' but English "
                    f"'{area['name_en']}' is not '{loc['name_en']}'"
                )
                continue
            name_ar, source_he = area["name_ar"], area["name"]
        elif not found and len(parts := _areas(loc["name_he"], areas)) > 1:
            kind = "areas"
            name_ar = _shared_prefix([p["name_ar"] for p in parts])
            source_he = " | ".join(p["name"] for p in parts)
            if not name_ar:
                left_out.append(
                    f"{loc['code']} {loc['name_he']}: its areas' Arabic names differ "
                    f"({' | '.join(p['name_ar'] for p in parts)})"
                )
                continue
        else:
            continue
        rows.append(_row(loc, name_ar, source_he, kind))
    taken = {name for r in rows for name in r["source_name_he"].split(" | ")}
    named = {r["code"] for r in rows}
    unnamed = [loc for loc in localities if loc["code"] not in named]
    free = [a for a in areas if a["name"] not in taken]
    rows += [_row(loc, a["name_ar"], a["name"], "english") for loc, a in _by_english(unnamed, free)]
    return sorted(rows, key=lambda r: int(r["code"])), left_out


def _row(loc: dict, name_ar: str, source_he: str, kind: str) -> dict:
    return {
        "code": loc["code"],
        "name_he": loc["name_he"],
        "name_ar": re.sub(r"\s+", " ", name_ar).strip(" -"),
        "source_name_he": source_he,
        "match": kind,
        "source": SOURCE,
        "quality": "S",
        "note": "",
    }


def main(path: str) -> int:
    """Write il_names_ar.csv and print the counts and what was left out."""
    areas = [a for a in json.loads(Path(path).read_text(encoding="utf-8")) if a.get("zone")]
    with (DATA / "il_localities.csv").open(encoding="utf-8") as f:
        localities = list(csv.DictReader(f))
    rows, left_out = match(localities, areas)
    left_out += [
        f"{r['code']} {r['name_he']}: {NOT_TAKEN[r['code']]}"
        for r in rows
        if r["code"] in NOT_TAKEN
    ]
    rows = [r for r in rows if r["code"] not in NOT_TAKEN]
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    kinds = {k: sum(r["match"] == k for r in rows) for k in MATCHES}
    print(f"{len(rows)} of {len(localities)} localities named ({kinds}); left out:")
    print("\n".join(left_out))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    raise SystemExit(main(sys.argv[1]))
