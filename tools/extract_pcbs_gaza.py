"""Extract the Gaza Strip localities of the PCBS 2017 census into people/data/ps_localities.csv.

Input: the shapefile `PalestinianCommunities_WB_GS` (`.dbf` and `.shp`) of OCHA oPt's layer
"Palestinian Communities in the West Bank and the Gaza Strip" (HDX, 2019-07-17) as stored in
github.com/m-cahana/west_bank_demolitions (`data/raw/palestiniancommunities_wb_gs/`, commit
fa7dd703b0d5a0e7c29856596213c4d9337df50e). Its 43 Gaza rows carry the PCBS English and
Arabic name, PCBS locality code, governorate, position and `pop2017`, the count of PCBS's
2017 census (Preliminary Results, February 2018). Usage:
`python tools/extract_pcbs_gaza.py path/to/PalestinianCommunities_WB_GS.dbf` (the `.shp`
beside it gives the positions).

The layer lacks four census localities: Madinat az-Zahra (Gaza governorate) and the towns of
An Nuseirat, Al Bureij and Al Maghazi (Deir al-Balah; the layer has only their camps).
`NOT_IN_LAYER` adds them with their figures from PCBS's Preliminary Results as Wikipedia's
article on each place cites them (each row names its route); with them the 46 localities
sum to PCBS's published Gaza Strip total, 1,899,291, exactly. The one Gaza row without a
count (As Siafa, a hamlet north of Beit Lahiya that the layer files under Rafah) is left
out: with the total closed, any people of its own are counted in the listed localities.
Every other row of the file is kept as it is; `tools/build_places.py` then makes every row
a place.
"""

from __future__ import annotations

import csv
import struct
import sys
from pathlib import Path

from extract_pcbs_localities import COLUMNS, HARAKAT, OUT, PLACES, match_places, slug

SOURCE = "ocha-palestinian-communities-2019-shapefile"
CENSUS_DATE = "2017-12-01"
GAZA_TOTAL = 1_899_291
"""PCBS's Gaza Strip total of the 2017 census (Preliminary Results), which the rows close."""

GOVERNORATES = {
    "North Gaza": "ps-north-gaza",
    "Gaza": "ps-gaza",
    "Deir Al Balah": "ps-deir-al-balah",
    "Khan Yunis": "ps-khan-yunis",
    "Rafah": "ps-rafah",
}
"""The layer's district names → confed governorate ids."""

SAME_LOCALITY = {
    "jabalia-camp": "Jabalya Camp",
    "beach-camp": "Ash Shati' Camp",
    "maghazi-camp": "Al Maghazi Camp",
}
"""Places the automatic name match misses → the PCBS English name of their locality."""

NOT_A_LOCALITY = {"shujaiyya", "zeitoun"}
"""Hand-kept places that are no locality of the layer: two neighbourhoods of Gaza City (no
published count of their own). The places of `NOT_IN_LAYER` match none either."""

PLACE_IDS = {"703415": "al-mawasi-khan-yunis", "753435": "al-mawasi-rafah"}
"""Ids for localities whose English names differ only in brackets."""

COUNCIL = {
    # camps inside a municipality's boundary, or sharing one municipality with their town
    # (OCHA's municipal layer names the Nuseirat, Bureij and Maghazi municipalities after
    # the camps)
    "khan-yunis-camp": "khan-yunis",
    "rafah-camp": "rafah",
    "tall-as-sultan": "rafah",
    "deir-al-balah-camp": "deir-al-balah",
    "an-nuseirat-camp": "nuseirat",
    "al-bureij-camp": "bureij",
    "al-maghazi": "maghazi-camp",
    # localities PCBS counts inside its city figure and whose point lies in that city's
    # municipal boundary: Beit Hanoun 52,237 and Khan Yunis 205,125 are these sums
    "izbat-beit-hanun": "beit-hanoun",
    "qizan-an-najjar": "khan-yunis",
    "al-mawasi-khan-yunis": "khan-yunis",
    "qa-al-qurein": "khan-yunis",
    "umm-kameil": "khan-yunis",
    "qa-al-kharaba": "khan-yunis",
}
"""Localities whose local vote goes to another locality's council, by its place id (an
assumption read from OCHA's Gaza municipal boundaries of 2019-07-18, source
`ocha-gaza-municipal-boundaries-2019`, and PCBS's city figures). Umm al Kilab and Madinat
al 'Awda, where the two disagree, and every other locality vote for their own council."""

ARABIC_CUT = {
    "552760": "عرب المسلخ بيت لاهيا",
    "552681": "أم النصر (القرية البدوية)",
}
"""Arabic names the layer's 50-byte field cuts mid-word, completed from the row's own
English name (Beit Lahya; Al Qaraya al Badawiya, "the Bedouin village")."""

NOT_IN_LAYER = (
    {
        "place": "madinat-az-zahra",
        "code": "pcbs2017:madinat-az-zahra",
        "name_en": "Madinat az-Zahra",
        "name_ar": "مدينة الزهراء",
        "governorate": "ps-gaza",
        "lat": "31.47158",
        "lon": "34.40128",
        "population": "5338",
        "source": "wikipedia-al-zahra-gaza",
        "quality": "S",
        "note": "PCBS 2017 census count (Preliminary Results pp. 64-82) as cited by Wikipedia's "
        "article Al-Zahra; position from the same article",
    },
    {
        "place": "nuseirat",
        "code": "pcbs2017:an-nuseirat",
        "name_en": "An Nuseirat",
        "name_ar": "النصيرات",
        "governorate": "ps-deir-al-balah",
        "population": "54851",
        "source": "wikipedia-nuseirat-camp",
        "quality": "S",
        "note": "PCBS 2017 census count of the town around the camp (Preliminary Results pp. "
        "64-82) as cited by Wikipedia's article Nuseirat refugee camp, which gives the camp's "
        "31,747 as the layer does",
    },
    {
        "place": "bureij",
        "code": "pcbs2017:al-bureij",
        "name_en": "Al Bureij",
        "name_ar": "البريج",
        "governorate": "ps-deir-al-balah",
        "population": "15491",
        "source": "wikipedia-bureij",
        "quality": "S",
        "note": "PCBS 2017 census count of the town around the camp as cited by Wikipedia's "
        "article Bureij, which gives the camp's 28,024 as the layer does",
    },
    {
        "place": "al-maghazi",
        "code": "pcbs2017:al-maghazi",
        "name_en": "Al Maghazi",
        "name_ar": "المغازي",
        "governorate": "ps-deir-al-balah",
        "lat": "31.42235",
        "lon": "34.38385",
        "population": "9670",
        "source": "wikipedia-maghazi-camp",
        "quality": "S",
        "note": "PCBS 2017 census count of the town around the camp as cited by Wikipedia's "
        "article Maghazi refugee camp, which gives the camp's 18,157 as the layer does; "
        "position: the layer's Al Maghazi Camp point (the town surrounds the camp; unverified)",
    },
)
"""Census localities the layer lacks; positions, where empty, come from the existing place."""


def read_dbf(path: Path) -> list[dict[str, str]]:
    """The records of a dBASE III table (the attribute table of a shapefile), as text."""
    data = path.read_bytes()
    count, header, size = struct.unpack("<IHH", data[4:12])
    fields, offset = [], 32
    while data[offset] != 0x0D:
        name = data[offset : offset + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[offset + 16]))
        offset += 32
    records = []
    for i in range(count):
        record = data[header + i * size : header + (i + 1) * size]
        row, at = {}, 1  # byte 0 is the deletion flag
        for name, width in fields:
            row[name] = record[at : at + width].decode("utf-8", errors="ignore").strip()
            at += width
        records.append(row)
    return records


def read_points(path: Path) -> list[tuple[float, float]]:
    """(lon, lat) of each record of a point shapefile, in record order."""
    data = path.read_bytes()
    points, offset = [], 100
    while offset < len(data):
        length = struct.unpack(">i", data[offset + 4 : offset + 8])[0]
        shape = struct.unpack("<i", data[offset + 8 : offset + 12])[0]
        if shape != 1:
            raise SystemExit(f"{path}: record at byte {offset} is shape type {shape}, not a point")
        points.append(struct.unpack("<dd", data[offset + 12 : offset + 28]))
        offset += 8 + 2 * length
    return points


def _localities(dbf: Path) -> list[dict]:
    records = read_dbf(dbf)
    points = read_points(dbf.with_suffix(".shp"))
    if len(points) != len(records):
        raise SystemExit(f"{dbf}: {len(records)} records but {len(points)} points")
    out = []
    for r, (lon, lat) in zip(records, points, strict=True):
        if r["Region"] != "Gaza Strip" or not r["pop2017"].isdigit():
            continue
        code = r["PCODE"]
        out.append(
            {
                "code": code,
                "name_en": r["PCBS_NAME"],
                "name_ar": ARABIC_CUT.get(code) or HARAKAT.sub("", r["NAME_ARB"]),
                "governorate": GOVERNORATES[r["District"]],
                "lat": f"{lat:.5f}",
                "lon": f"{lon:.5f}",
                "population": r["pop2017"],
            }
        )
    return out


def main(path: str) -> int:
    """Rewrite ps_localities.csv: every row as it is, the Gaza rows from the layer."""
    with PLACES.open(encoding="utf-8") as f:
        places = list(csv.DictReader(f))
    gaza = [r for r in places if r["zone"] == "gaza" and not r["id"].startswith("rest-of-")]
    localities = _localities(Path(path))
    added = {r["place"] for r in NOT_IN_LAYER}
    matched = match_places(localities, gaza, SAME_LOCALITY, NOT_A_LOCALITY | added)
    taken = {r["id"] for r in places}
    by_id = {r["id"]: r for r in places}
    out = []
    for loc in sorted(localities, key=lambda loc: (loc["governorate"], -int(loc["population"]))):
        place = matched.get(loc["code"])
        if place is None:
            place = PLACE_IDS.get(loc["code"]) or slug(loc["name_en"])
            if place in taken:
                raise SystemExit(f"new place id {place} is taken (locality {loc['code']})")
            taken.add(place)
        out.append(
            {
                **loc,
                "place": place,
                "council": COUNCIL.get(place, ""),
                "code": f"ocha:{loc['code']}",
                "date": CENSUS_DATE,
                "source": SOURCE,
                "quality": "S",
                "note": "PCBS 2017 census count (pop2017 of the OCHA layer)",
            }
        )
    for row in NOT_IN_LAYER:
        known = by_id.get(row["place"], {})
        position = {"lat": known.get("lat", ""), "lon": known.get("lon", "")}
        out.append(
            {**position, **row, "council": COUNCIL.get(row["place"], ""), "date": CENSUS_DATE}
        )
    total = sum(int(r["population"]) for r in out)
    if total != GAZA_TOTAL:
        raise SystemExit(f"Gaza localities sum to {total:,}, not PCBS's {GAZA_TOTAL:,}")
    written = {r["place"] for r in out}
    with OUT.open(encoding="utf-8") as f:
        kept = [
            r
            for r in csv.DictReader(f)
            if r["governorate"] not in GOVERNORATES.values() and r["place"] not in written
        ]
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows([{c: r.get(c, "") for c in COLUMNS} for r in kept + out])
    print(f"{len(out)} Gaza localities ({len(matched)} already places), {len(kept)} other rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
