"""Sentences of an answer's trace that the engine and the cached answer both write.

Each takes the words already chosen for the reader (a phase's title, a place's name), so
it needs no treaty model: `rights.explain` passes the treaty's, `rights.cached` the
words it kept.
"""

from __future__ import annotations

from confed.i18n import _, current, isolate
from confed.i18n.terms import term


def phase_text(title: str, start: int, end: int | None, gate: str, start_year: int | None) -> str:
    """A phase's title and its years, counted from entry into force and in the calendar.

    `title` is in the reader's language; `gate` is the gated phase's clause ('' if none).
    """
    if current() == "en":
        span = f"years {start}–{end - 1}" if end else f"year {start} on"
        if start_year is not None:
            first = start_year + start
            span += (
                f" after entry into force ({first}–{start_year + end - 1})"
                if end
                else f" after entry into force ({first} on)"
            )
        return f"{title}: {span}{gate}"
    if end:
        span = _("years {first}–{last} after entry into force").format(first=start, last=end - 1)
    else:
        span = _("from year {first} after entry into force").format(first=start)
    if start_year is not None:
        first = start_year + start
        span += " " + (
            _("({first}–{last})").format(first=first, last=start_year + end - 1)
            if end
            else _("(from {first})").format(first=first)
        )
    return _("{title}: {years}").format(title=isolate(title), years=span) + gate


def sovereign_text(place: str, zone: str, holder: str, listed: bool) -> str:
    """Why the place is under its sovereign: listed by name, or by its zone.

    `place` and `holder` are ids in English, the reader's names for them otherwise.
    """
    if current() == "en":
        if listed:
            return f"{place} is listed as held by {holder}"
        return f"{place} lies in zone {zone}, held by {holder}"
    if listed:
        return _("{place} is listed as held by {holder}").format(place=place, holder=holder)
    return _("{place} lies in the zone {zone}, held by {holder}").format(
        place=place, zone=term("zone", zone), holder=holder
    )
