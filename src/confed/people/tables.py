"""The sourced reference tables in `people/data/`, read and checked row by row.

Every table carries `source` (registry ids, `;`-separated) and `quality` (S sourced,
D derived, U unverified) on each row; a bad row is a `ConfedError` naming the file,
line and column, never a traceback.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from confed.errors import ConfedError, Location, Problem, did_you_mean
from confed.sources import registry

QUALITIES = ("S", "D", "U")
NUMERIC: dict[str, tuple[str, ...]] = {
    "aggregates.csv": ("value", "tolerance_pct"),
    "age_sex.csv": ("share",),
    "district_population.csv": ("population",),
    "east_jerusalem.csv": ("population",),
    "il_localities.csv": ("population", "itm_east", "itm_north"),
    "locality_parts.csv": ("population", "arab", "locality_population"),
    "mixed_towns.csv": ("arab_share",),
    "ps_localities.csv": ("population", "lat", "lon"),
    "place_population.csv": ("population",),
    "projections.csv": ("value",),
    "rates.csv": ("value",),
    "refugees.csv": ("population",),
    "settlements.csv": ("population",),
}
"""The numeric columns of each table."""


@dataclass(frozen=True)
class Row:
    """One row of a reference table, with the line it came from."""

    table: str
    line: int
    fields: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.fields[column]

    def number(self, column: str) -> float:
        """A numeric column (already checked when the table was read)."""
        return float(self.fields[column])

    @property
    def sources(self) -> tuple[str, ...]:
        """The registry ids this row cites."""
        return tuple(s for s in self.fields["source"].split(";") if s)


def _error(table: str, line: int, header: list[str], column: str, message: str, **kw: str | None):
    col = header.index(column) + 1 if column in header else 1
    return ConfedError(Problem(message, Location(f"people/data/{table}", line, col), column, **kw))


def parse_table(table: str, text: str) -> tuple[Row, ...]:
    """Rows of one table's CSV text, each checked for sources, quality and numbers."""
    reader = csv.DictReader(text.splitlines())
    header = list(reader.fieldnames or ())
    for column in ("source", "quality"):
        if column not in header:
            raise _error(table, 1, header, column, f"missing column '{column}'")
    known = set(registry())
    rows = []
    for line, fields in enumerate(reader, start=2):
        for source in filter(None, fields["source"].split(";")):
            if source not in known:
                raise _error(
                    table,
                    line,
                    header,
                    "source",
                    f"source '{source}' is not in the registry",
                    expected="ids from sources/*.yaml, ';'-separated",
                    suggestion=did_you_mean(source, known),
                )
        if fields["quality"] not in QUALITIES:
            raise _error(
                table,
                line,
                header,
                "quality",
                f"'{fields['quality']}' is not a quality",
                expected="S (sourced), D (derived) or U (unverified)",
            )
        for column in NUMERIC.get(table, ()):
            if fields.get(column):
                try:
                    float(fields[column])
                except ValueError:
                    raise _error(
                        table,
                        line,
                        header,
                        column,
                        f"'{fields[column]}' is not a number",
                        expected="a decimal number",
                    ) from None
        rows.append(Row(table, line, fields))
    return tuple(rows)


@cache
def table(name: str) -> tuple[Row, ...]:
    """A shipped table by file name (`aggregates.csv`), read once."""
    text = resources.files("confed.people").joinpath("data", name).read_text(encoding="utf-8")
    return parse_table(name, text)


def latest(name: str, key_column: str, key: str, value_column: str = "value") -> Row:
    """The most recent row of a table whose `key_column` equals `key`."""
    rows = [r for r in table(name) if r[key_column] == key and r[value_column] != ""]
    if not rows:
        raise KeyError(f"{name} has no row with {key_column}={key}")
    return max(rows, key=lambda r: r["date"])
