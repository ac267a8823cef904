"""The comparison page: the report of `confed compare` inside the explorer, for a chosen horizon.

Comparisons are kept per (horizon, seed), so the page opens at once after the first
visit; computing one takes a few seconds (benchmarks/README.md).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from confed.api.meta import MAX_COMPARE_YEARS
from confed.api.treaties import known_ids
from confed.compare.html import SCRIPT, report_body
from confed.web.layout import esc

DEFAULT_YEARS = 30


@lru_cache(maxsize=4)
def cached_comparison(years: int, seed: int) -> dict[str, Any]:
    """Every shipped treaty compared over `years` with `seed` (cohort mode, one run)."""
    from confed.compare.build import comparison

    return comparison(list(known_ids()), years, seed)


def horizon_form(years: int, seed: int) -> str:
    """The form that recomputes the comparison for another horizon or seed."""
    return (
        '<form class="inline" method="get" action="/explorer/">'
        "<fieldset><legend>Horizon</legend>"
        f'<label for="years">Years simulated</label><input id="years" name="years" type="number" '
        f'min="1" max="{MAX_COMPARE_YEARS}" value="{years}" required>'
        f'<label for="seed">Seed</label><input id="seed" name="seed" type="number" min="0" '
        f'value="{seed}" required>'
        '<button type="submit">Compare</button></fieldset></form>'
    )


def comparison_body(years: int, seed: int) -> str:
    """The page's content: the horizon form, then every section of the report."""
    c = cached_comparison(years, seed)
    return (
        f"{report_body(c, horizon_form(years, seed))}"
        f"<script>{SCRIPT}</script>"
        f'<p class="meta">Every shipped treaty ({esc(", ".join(known_ids()))}) on the same '
        "population, horizon and seed; the same data as <code>confed compare</code>.</p>"
    )
