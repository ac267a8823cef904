"""The comparison page: the report of `confed compare` inside the explorer, for a chosen horizon.

Comparisons are kept per (horizon, seed), so the page opens at once after the first
visit; computing one takes a few seconds (benchmarks/README.md).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from confed.api.meta import MAX_COMPARE_YEARS
from confed.api.treaties import known_ids
from confed.compare.html import SCRIPT, report_body
from confed.web.layout import esc

DEFAULT_YEARS = 30


def cached_comparison(years: int, seed: int, store_path: Path | None = None) -> dict[str, Any]:
    """Every shipped treaty compared over `years` with `seed` (cohort mode, one run).

    Each treaty's ranges over the stated assumptions are shown when `confed compare`
    (or this page's store) already holds that sweep; the page never runs one itself.
    """
    return _comparison(*_key(years, seed, store_path))


def _key(years: int, seed: int, store_path: Path | None) -> tuple:
    """What a comparison page depends on, its store's last write included."""
    written = store_path.stat().st_mtime if store_path and store_path.exists() else None
    return years, seed, store_path, written


@lru_cache(maxsize=4)
def _comparison(years: int, seed: int, store_path: Path | None, written: float | None):
    """The comparison, kept until the store changes (`written` is its last write)."""
    from confed.compare.build import Sweep, comparison
    from confed.compare.uncertainty import DEFAULT_SAMPLES

    sweep = Sweep(DEFAULT_SAMPLES, 1, store_path, stored_only=True)
    return comparison(list(known_ids()), years, seed, sweep=sweep)


_PAGES: dict[tuple, str] = {}
"""Rendered comparison pages by `_key`, the last few kept (a page is about 1 MB)."""


def is_ready(years: int, seed: int, store_path: Path | None = None) -> bool:
    """Whether the page is already rendered, so serving it costs no computation."""
    return _key(years, seed, store_path) in _PAGES


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


def comparison_body(years: int, seed: int, store_path: Path | None = None) -> str:
    """The page's content: the horizon form, then every section of the report."""
    key = _key(years, seed, store_path)
    if key not in _PAGES:
        c = cached_comparison(years, seed, store_path)
        ranges = (
            ""
            if any(t.get("uncertainty") for t in c["treaties"])
            else '<p class="meta">Each figure\'s range over the stated assumptions appears '
            f"here once <code>confed compare --years {years} --seed {seed}</code> has run "
            'on this store; the <a href="/explorer/sensitivity">Sensitivity page</a> sweeps '
            "one treaty.</p>"
        )
        while len(_PAGES) >= 4:
            _PAGES.pop(next(iter(_PAGES)))
        _PAGES[key] = (
            f"{report_body(c, horizon_form(years, seed) + ranges)}"
            f"<script>{SCRIPT}</script>"
            f'<p class="meta">Every shipped treaty ({esc(", ".join(known_ids()))}) on the '
            "same population, horizon and seed; the same data as <code>confed compare</code>.</p>"
        )
    return _PAGES[key]
