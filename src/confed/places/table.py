"""The place table as columns: reading and checking `places.csv`, and looking names up.

`confed.places` names what this module defines, importing it on first use.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from confed.errors import ConfedError, Location, Problem, did_you_mean, one_of
from confed.places.names import fold
from confed.sources import registry
from confed.vocab import ZONES

COLUMNS = (
    "id",
    "name",
    "name_he",
    "name_ar",
    "name_ar_source",
    "aliases",
    "zone",
    "municipality",
    "district",
    "lat",
    "lon",
    "coord_source",
    "zone_source",
    "code",
    "form",
)
FORMS = ("jewish", "non-jewish", "mixed", "")
"""Locality form as the CBS file classifies it (mixed towns from its list of mixed
localities); empty for places that are not Israeli localities."""
UNVERIFIED = "unverified"
OWN_ENTRY = "confed"
"""`name_ar_source` of an Arabic name no source gives: confed's own entry, awaiting review
by native speakers (docs/i18n.md)."""
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Places:
    """The place table as columns; a place's code is its row number."""

    ids: tuple[str, ...]
    names: tuple[str, ...]
    names_he: tuple[str, ...]
    names_ar: tuple[str, ...]
    names_ar_source: tuple[str, ...]
    codes: tuple[str, ...]
    forms: tuple[str, ...]
    zone: np.ndarray
    council: np.ndarray
    district: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    councils: tuple[str, ...]
    districts: tuple[str, ...]
    coord_source: tuple[str, ...]
    zone_source: tuple[str, ...]
    aliases: tuple[tuple[str, ...], ...]
    _lookup: dict[str, int] = field(repr=False, compare=False)
    _shared: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)
    _words: tuple[str, ...] = field(default=(), repr=False, compare=False)
    _rows: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.ids)

    def code(self, place_id: str) -> int:
        """The row of an exact place id (ValueError if it is none)."""
        row = self.row_of(place_id)
        if row is None:
            raise ValueError(f"{place_id!r} is not a place id")
        return row

    def row_of(self, place_id: str) -> int | None:
        """The row of an exact place id, or None: a dict look-up, the dict made on first use.

        Naming every place (a treaty's kept answers name all of them in three languages)
        would otherwise scan the ids twice per name.

        >>> table = places()
        >>> table.row_of("jaffa") == table.ids.index("jaffa"), table.row_of("atlantis")
        (True, None)
        """
        if not self._rows:
            for row, known in enumerate(self.ids):
                self._rows.setdefault(known, row)
        return self._rows.get(place_id)

    def resolve(self, query: str) -> int:
        """The row for an id, a name in any script or an alias (any case), else an error.

        Names match as `names.fold` writes them (Arabic and Hebrew marks, alef forms,
        case and hyphens aside). A name several places share is an error naming each of
        them by id, never a silent choice of one; an unknown name's error suggests the
        nearest name.
        """
        key = fold(query)
        if key in self._lookup:
            return self._lookup[key]
        if key in self._shared:
            rows = self._shared[key]
            named = ", ".join(
                f"{self.ids[r]} ({self.names[r]}, {ZONES[self.zone[r]]})" for r in rows
            )
            raise ConfedError(
                Problem(
                    f"'{query}' names {len(rows)} places: {named}",
                    field="residence",
                    expected="one of their ids: " + ", ".join(self.ids[r] for r in rows),
                )
            )
        raise ConfedError(
            Problem(
                f"unknown place '{query}'",
                field="residence",
                expected="a place id, name or alias (see `confed places`)",
                suggestion=did_you_mean(key, self._lookup),
            )
        )

    @property
    def lookup(self) -> dict[str, int]:
        """Every id, and each name (any script) or alias that one place alone has → its row."""
        return dict(self._lookup)

    def search(self, query: str) -> list[int]:
        """Rows whose id, name (any script), alias, code, zone or district contains `query`."""
        q = fold(query)
        return [i for i, words in enumerate(self._words) if q in words]

    def name_in(self, row: int, lang: str) -> tuple[str, str]:
        """A place's name in `lang` ('en', 'ar', 'he'), else its English name; and its language."""
        local = {"ar": self.names_ar, "he": self.names_he}.get(lang)
        if local is not None and local[row]:
            return local[row], lang
        return self.names[row], "en"

    def zone_of(self, place_id: str) -> str:
        """The zone id of a place id."""
        return ZONES[self.zone[self.code(place_id)]]

    def council_of(self, row: int) -> str | None:
        """The council id of a row, or None for places with no council (abroad)."""
        name = self.councils[self.council[row]]
        return name or None


def _problem(path: str, line: int, column: str, message: str, **kw: str | None) -> ConfedError:
    col = COLUMNS.index(column) + 1 if column in COLUMNS else 1
    return ConfedError(Problem(message, Location(path, line, col), field=column, **kw))


def _check_row(row: dict[str, str], path: str, line: int, known_sources: set[str]) -> None:
    if not _SLUG.match(row["id"]):
        raise _problem(path, line, "id", f"'{row['id']}' is not a slug", expected="a-z, 0-9, -")
    if row["form"] not in FORMS:
        raise _problem(
            path, line, "form", f"unknown form '{row['form']}'", **one_of(row["form"], FORMS)
        )
    if row["zone"] not in ZONES:
        raise _problem(
            path,
            line,
            "zone",
            f"unknown zone '{row['zone']}'",
            **one_of(row["zone"], ZONES),
        )
    for column in ("lat", "lon"):
        try:
            float(row[column])
        except ValueError:
            raise _problem(
                path, line, column, f"'{row[column]}' is not a number", expected="decimal degrees"
            ) from None
    if bool(row["name_ar"]) != bool(row["name_ar_source"]):
        raise _problem(
            path,
            line,
            "name_ar_source",
            "an Arabic name needs its source, and a source needs a name",
            expected=f"both empty, or a name and a source id (or '{OWN_ENTRY}')",
        )
    naming = row["name_ar_source"]
    if naming and naming != OWN_ENTRY and naming not in known_sources:
        raise _problem(
            path,
            line,
            "name_ar_source",
            f"source '{naming}' is not in the registry",
            expected=f"a source id from sources/*.yaml, or '{OWN_ENTRY}'",
            suggestion=did_you_mean(naming, known_sources),
        )
    for column in ("coord_source", "zone_source"):
        value = row[column]
        if value != UNVERIFIED and value not in known_sources:
            raise _problem(
                path,
                line,
                column,
                f"source '{value}' is not in the registry",
                expected=f"a source id from sources/*.yaml, or '{UNVERIFIED}'",
                suggestion=did_you_mean(value, known_sources),
            )


def read_places(path: Path | None = None) -> Places:
    """Load and check a place table (the shipped one by default)."""
    if path is None:
        text = resources.files("confed.places").joinpath("places.csv").read_text(encoding="utf-8")
        name = "places/places.csv"
    else:
        text, name = path.read_text(encoding="utf-8"), str(path)
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ConfedError(
            Problem("unexpected header", Location(name, 1, 1), expected=",".join(COLUMNS))
        )
    known_sources = set(registry())
    rows: list[dict] = []
    ids: dict[str, int] = {}
    names: dict[str, set[int]] = {}
    for line, row in enumerate(reader, start=2):
        _check_row(row, name, line, known_sources)
        if row["id"] in ids:
            raise _problem(name, line, "id", f"duplicate id '{row['id']}'")
        ids[row["id"]] = len(rows)
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        for key in (row["name"], row["name_he"], row["name_ar"], *aliases):
            if key:
                names.setdefault(fold(key), set()).add(len(rows))
        rows.append({**row, "aliases": aliases})
    by_id = {fold(place_id): row for place_id, row in ids.items()}
    lookup = {key: min(rows) for key, rows in names.items() if len(rows) == 1} | by_id
    shared = {k: tuple(sorted(r)) for k, r in names.items() if len(r) > 1 and k not in by_id}
    councils = tuple(sorted({r["municipality"] for r in rows}))
    districts = tuple(sorted({r["district"] for r in rows}))
    council_code = {c: i for i, c in enumerate(councils)}
    district_code = {d: i for i, d in enumerate(districts)}
    zone_code = {z: i for i, z in enumerate(ZONES)}
    return Places(
        ids=tuple(r["id"] for r in rows),
        names=tuple(r["name"] for r in rows),
        names_he=tuple(r["name_he"] for r in rows),
        names_ar=tuple(r["name_ar"] for r in rows),
        names_ar_source=tuple(r["name_ar_source"] for r in rows),
        codes=tuple(r["code"] for r in rows),
        forms=tuple(r["form"] for r in rows),
        zone=np.array([zone_code[r["zone"]] for r in rows], dtype=np.int8),
        council=np.array([council_code[r["municipality"]] for r in rows], dtype=np.int16),
        district=np.array([district_code[r["district"]] for r in rows], dtype=np.int16),
        lat=np.array([float(r["lat"]) for r in rows]),
        lon=np.array([float(r["lon"]) for r in rows]),
        councils=councils,
        districts=districts,
        coord_source=tuple(r["coord_source"] for r in rows),
        zone_source=tuple(r["zone_source"] for r in rows),
        aliases=tuple(r["aliases"] for r in rows),
        _lookup=lookup,
        _shared=shared,
        _words=tuple(_search_words(r) for r in rows),
    )


def _search_words(row: dict) -> str:
    """A row's searchable words, folded, in one string (NUL-separated, so no match spans two)."""
    words = (
        row["id"],
        row["name"],
        row["name_he"],
        row["name_ar"],
        row["code"],
        *row["aliases"],
        row["zone"],
        row["district"],
        row["municipality"],
    )
    return "\0".join(fold(w) for w in words)


@cache
def places() -> Places:
    """The shipped place table, loaded once."""
    return read_places()
