"""When a treaty's phases hold: its entry into force and the phase of a year.

Plain functions of a treaty's stated year and phase spans, so that the engine and the
cached answer (`rights.cached`, which imports no treaty model) decide them alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from confed.errors import ConfedError, Problem
from confed.i18n import _

DEFAULT_ENTRY_YEAR = 2030
"""Entry into force used when a treaty states none: an assumption, shown in every answer.

None of the shipped proposals fixes a calendar year; 2030 leaves a few years for the
negotiation the proposals describe (e.g. one year of talks in the Holy Land
Confederation) and for ratification, and is a round year that readers can shift with
--start-year.
"""


def entry_year_of(stated: int | None, start_year: int | None = None) -> tuple[int, str]:
    """The entry-into-force year in use (given, else the treaty's, else the default), and why."""
    if start_year is not None:
        return start_year, _("given with --start-year")
    if stated is not None:
        return stated, _("stated by the treaty")
    return DEFAULT_ENTRY_YEAR, _("confed's default (the treaty states none)")


def check_year(year: int, start_year: int) -> None:
    """An error for a year before entry into force."""
    if year < start_year:
        raise ConfedError(
            Problem(
                f"{year} is before this treaty's entry into force ({start_year})",
                field="year",
                expected=f"a year from {start_year} on, or an earlier --start-year",
            )
        )


def phase_holding(spans: Sequence[tuple[int, int | None]], years_in: int) -> int:
    """The index of the phase (start, end) holding `years_in` whole years after entry."""
    for k, (start, end) in enumerate(spans):
        if start <= years_in and (end is None or years_in < end):
            return k
    raise ValueError(f"no phase covers year {years_in}")
