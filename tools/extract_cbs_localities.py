"""Extract the CBS locality file into people/data/il_localities.csv (run once by hand).

Input: `dist/localities.csv` of github.com/arikw/israeli-localities, a CSV conversion of
the Israel Central Bureau of Statistics file bycode2021.xlsx (every locality, end-2021
population). Usage: `python tools/extract_cbs_localities.py path/to/localities.csv`.
Rows whose population CBS counts elsewhere (Bedouin tribes, points that are not
localities) are left out; everything else is copied, with the municipal status turned
into the local authority that governs the locality and its kind.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

OUT = (
    Path(__file__).resolve().parents[1] / "src" / "confed" / "people" / "data" / "il_localities.csv"
)

DISTRICTS = {
    "1": "il-jerusalem",
    "2": "il-north",
    "3": "il-haifa",
    "4": "il-center",
    "5": "il-tel-aviv",
    "6": "il-south",
    "7": "judea-and-samaria",
}
"""CBS district code → confed district id (district 7 is CBS's Judea and Samaria Area)."""

REGIONAL_COUNCILS = {
    "אל קסום": "al-kasom",
    "אל-בטוף": "al-batuf",
    "אלונה": "alona",
    "אשכול": "eshkol",
    "באר טוביה": "beer-tuvia",
    "בוסתן אל-מרג'": "bustan-al-marj",
    "בני שמעון": "bnei-shimon",
    "ברנר": "brenner",
    "גדרות": "gederot",
    "גולן": "golan",
    "גוש עציון": "gush-etzion",
    "גזר": "gezer",
    "גן רווה": "gan-raveh",
    "דרום השרון": "drom-hasharon",
    "הגלבוע": "hagilboa",
    "הגליל העליון": "hagalil-haelyon",
    "הגליל התחתון": "hagalil-hatahton",
    "הערבה התיכונה": "hearava-hatikhona",
    "הר חברון": "har-hevron",
    "זבולון": "zevulun",
    "חבל אילות": "hevel-eilot",
    "חבל יבנה": "hevel-yavne",
    "חבל מודיעין": "hevel-modiin",
    "חוף אשקלון": "hof-ashkelon",
    "חוף הכרמל": "hof-hacarmel",
    "חוף השרון": "hof-hasharon",
    "יואב": "yoav",
    "לב השרון": "lev-hasharon",
    "לכיש": "lakhish",
    "מבואות החרמון": "mevoot-hahermon",
    "מגידו": "megiddo",
    "מגילות ים המלח": "megilot-yam-hamelah",
    "מטה אשר": "mateh-asher",
    "מטה בנימין": "mateh-binyamin",
    "מטה יהודה": "mateh-yehuda",
    "מנשה": "menashe",
    "מעלה יוסף": "maale-yosef",
    "מרום הגליל": "merom-hagalil",
    "מרחבים": "merhavim",
    "משגב": "misgav",
    "נווה מדבר": "neve-midbar",
    "נחל שורק": "nahal-sorek",
    "עמק הירדן": "emek-hayarden",
    "עמק המעיינות": "emek-hamaayanot",
    "עמק חפר": "emek-hefer",
    "עמק יזרעאל": "emek-yizrael",
    "ערבות הירדן": "arvot-hayarden",
    "רמת נגב": "ramat-negev",
    "שדות דן": "sdot-dan",
    "שדות נגב": "sdot-negev",
    "שומרון": "shomron",
    "שער הנגב": "shaar-hanegev",
    "שפיר": "shafir",
    "תמר": "tamar",
}
"""Regional council (Hebrew, as in the CBS file) → its id: the council's usual English
transliteration, slugged, with `-regional-council` appended by `authority()`."""

COLUMNS = (
    "code",
    "name_he",
    "name_en",
    "district",
    "sub_district",
    "authority",
    "authority_kind",
    "itm_east",
    "itm_north",
    "population",
    "form",
    "date",
    "source",
    "quality",
    "note",
)


def slug(text: str) -> str:
    """Lowercase ASCII slug of an English name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def form(cbs_form: str) -> str:
    """`non-jewish` for the CBS forms of non-Jewish localities, else `jewish`."""
    return "non-jewish" if "לא יהודי" in cbs_form or "לא-יהודי" in cbs_form else "jewish"


def authority(row: dict[str, str]) -> tuple[str, str]:
    """The local authority governing a locality and its kind, from the municipal status."""
    status = row["municipal_status_name"]
    if status == "עירייה":
        return slug(row["name_en"]), "municipality"
    if status == "מועצה מקומית":
        return slug(row["name_en"]), "local-council"
    if status.startswith("מועצה אזורית "):
        return REGIONAL_COUNCILS[status.removeprefix("מועצה אזורית ")] + "-regional-council", (
            "regional-council"
        )
    return "", "none"


def main() -> int:
    """Write il_localities.csv from the conversion's CSV."""
    source = Path(sys.argv[1])
    with source.open(encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if r["population"]]
    with OUT.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(COLUMNS)
        for r in sorted(rows, key=lambda r: int(r["id"])):
            council, kind = authority(r)
            out.writerow(
                (
                    r["id"],
                    r["name"].strip(),
                    r["name_en"].strip(),
                    DISTRICTS[r["district_id"]],
                    r["sub_district_name"].strip(),
                    council,
                    kind,
                    r["coordinates_itm_east"],
                    r["coordinates_itm_north"],
                    r["population"],
                    form(r["type_of_locality_form"]),
                    "2021-12-31",
                    "cbs-localities-file-2021",
                    "S",
                    r["type_of_locality_form"].strip(),
                )
            )
    print(f"{len(rows)} localities → {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
