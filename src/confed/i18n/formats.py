"""Numbers, percentages and dates written as the current language writes them (Babel).

Years are written without grouping (2045, not 2,045); Arabic and Hebrew keep the Latin
digits their CLDR locales use by default, so figures read the same in every language.
"""

from __future__ import annotations

import datetime

from confed.i18n import current


def number(value: float, digits: int = 0) -> str:
    """`value` with the current language's grouping and decimal marks.

    >>> from confed.i18n import using
    >>> with using("ar"):
    ...     number(1234567.5, 1)
    '1,234,567.5'
    """
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=current())


def percent(share: float, digits: int = 0) -> str:
    """A share (0.25) as a percentage in the current language ('25%', '25‎%')."""
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return format_percent(share, format=pattern, locale=current())


def date(day: datetime.date) -> str:
    """A calendar date written out in the current language ('1 March 2045')."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=current())
