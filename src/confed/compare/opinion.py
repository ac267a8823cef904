"""Public opinion on the frameworks, exactly as published (data/opinion.csv).

The joint Palestinian–Israeli polls (the Palestinian-Israeli Pulse of PSR in Ramallah
with the Israel Democracy Institute, then Tel Aviv University) asked about two states,
one state and a confederation from 2016. Each row is one published figure: the wave,
fieldwork dates, publisher, population, the item as the publisher's summary names it,
the share in percent, the sample, the address read, and `status` (`unverified` where a
figure or the sample size could not be checked). No figure is projected.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

POPULATIONS: dict[str, str] = {
    "palestinians": "Palestinians (West Bank, East Jerusalem, Gaza)",
    "israeli-jews": "Israeli Jews (settlers included)",
    "israeli-arabs": "Arab citizens of Israel",
    "israelis": "Israelis (all)",
}
STATUSES = ("sourced", "unverified")


@dataclass(frozen=True)
class Opinion:
    """One published poll figure."""

    wave: str
    fieldwork: str
    published: str
    publisher: str
    population: str
    item: str
    framework: str
    question: str
    value: float
    n: int | None
    url: str
    status: str
    note: str

    @property
    def population_label(self) -> str:
        """The population in words."""
        return POPULATIONS[self.population]


@cache
def opinion() -> tuple[Opinion, ...]:
    """Every row of data/opinion.csv, in file order (by wave)."""
    text = resources.files(__package__).joinpath("data", "opinion.csv").read_text("utf-8")
    return tuple(_row(r, i + 2) for i, r in enumerate(csv.DictReader(text.splitlines())))


def _row(r: dict[str, str], line: int) -> Opinion:
    """A CSV row as an Opinion; a malformed shipped row names its line."""
    if r["population"] not in POPULATIONS or r["status"] not in STATUSES:
        raise ValueError(f"compare/data/opinion.csv:{line}: unknown population or status")
    return Opinion(
        **{k: v for k, v in r.items() if k not in ("value", "n")},
        value=float(r["value"]),
        n=int(r["n"]) if r["n"] else None,
    )


def for_framework(framework: str) -> list[Opinion]:
    """The rows asked about one framework family (`separation`, `confederation`, …)."""
    return [o for o in opinion() if o.framework == framework]


def for_item(item: str) -> list[Opinion]:
    """The rows of one item (e.g. `other-side-untrustworthy`)."""
    return [o for o in opinion() if o.item == item]
