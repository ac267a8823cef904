"""The comparison page: the report of `confed compare` inside the explorer, for a chosen horizon.

Comparisons are kept per (horizon, seed), so the page opens at once after the first
visit; computing one takes a few seconds (benchmarks/README.md).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from confed.api.meta import MAX_COMPARE_YEARS
from confed.compare.html import (
    APPENDIX,
    SCRIPT,
    SECTION_HTML,
    SECTIONS,
    report_head,
)
from confed.compare.mapfigure import URL_KEYS
from confed.compare.tables import short_name
from confed.compare.widgets import filter_box
from confed.i18n import _, current
from confed.treaty.freshness import on_treaty_change
from confed.treaty.load import shipped_ids
from confed.web.layout import esc, href, lang_field

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
    return comparison(list(shipped_ids()), years, seed, sweep=sweep)


on_treaty_change(_comparison.cache_clear)


def _page_key(years: int, seed: int, store_path: Path | None) -> tuple:
    """What a rendered page depends on: its comparison and the reader's language."""
    return (*_key(years, seed, store_path), current())


FIRST_SCREEN = ("findings", "charts")
"""Sections sent with the page; the others are fetched as the reader nears them."""

HASH_KEYS = {"places": URL_KEYS}
"""Later sections that keep state in the page's hash: a hash naming it loads them at once."""

_PAGES: dict[tuple, dict[str, str]] = {}
"""Rendered comparison pages by `_page_key`: the first screen and each later section, the last 4."""
on_treaty_change(_PAGES.clear)


def is_ready(years: int, seed: int, store_path: Path | None = None) -> bool:
    """Whether the page is already rendered, so serving it costs no computation."""
    return _page_key(years, seed, store_path) in _PAGES


def horizon_form(years: int, seed: int) -> str:
    """The form that recomputes the comparison for another horizon or seed."""
    horizon, simulated = esc(_("Horizon")), esc(_("Years simulated"))
    seed_label, compare = esc(_("Seed")), esc(_("Compare"))
    return (
        f'<form class="inline" method="get" action="/explorer/">{lang_field()}'
        f"<fieldset><legend>{horizon}</legend>"
        f'<label for="years">{simulated}</label><input id="years" name="years" type="number" '
        f'min="1" max="{MAX_COMPARE_YEARS}" value="{years}" required>'
        f'<label for="seed">{seed_label}</label><input id="seed" name="seed" type="number" '
        f'min="0" value="{seed}" required>'
        f'<button type="submit">{compare}</button></fieldset></form>'
    )


def _deferred_section(key: str, title: str, years: int, seed: int) -> str:
    """A later section's heading and the address its content is fetched from."""
    own = href(f"/explorer/compare/{key}?years={years}&seed={seed}")  # a page of its own
    url = esc(own)
    keys = HASH_KEYS.get(key)
    hash_keys = f' data-hash-keys="{" ".join(keys)}"' if keys else ""
    loading, alone = esc(_("Loading…")), esc(_("open this section on its own"))
    return (
        f'<section id="{key}" data-fragment="{esc(own + "&part=1")}"{hash_keys}>'
        f"<h2>{esc(_(title))}</h2>"
        f'<p class="loading">{loading} <a href="{url}">{alone}</a></p>'
        "</section>"
    )


def _ranges_note(years: int, seed: int) -> str:
    """Where the ranges over the stated assumptions will appear, before a sweep has run."""
    command = f"<code>confed compare --years {years} --seed {seed}</code>"
    label = _("Sensitivity page")
    page = f'<a href="{esc(href("/explorer/sensitivity"))}">{esc(label)}</a>'
    text = esc(
        _(
            "Each figure's range over the stated assumptions appears here once {command} has "
            "run on this store; the {page} sweeps one treaty."
        )
    )
    return f'<p class="meta">{text.format(command=command, page=page)}</p>'


def _render(years: int, seed: int, store_path: Path | None) -> dict[str, str]:
    """The first screen and every later section of one comparison, as HTML."""
    c = cached_comparison(years, seed, store_path)
    swept = any(t.get("uncertainty") for t in c["treaties"])
    ranges = "" if swept else _ranges_note(years, seed)
    parts, later = [report_head(c, horizon_form(years, seed) + ranges)], {}
    for key, title in SECTIONS:
        if key == "uncertainty" and not swept:
            continue
        if key == APPENDIX[0]:
            parts.append(filter_box())
        if key in FIRST_SCREEN:
            parts.append(SECTION_HTML[key](c))
            continue
        parts.append(_deferred_section(key, title, years, seed))
        later[key] = SECTION_HTML[key](c) + (
            f"<script>{SCRIPT}</script>" if key == "places" else ""
        )
    every = esc(
        _(
            "Every shipped treaty ({ids}) on the same population, horizon and seed; the same "
            "data as {command}."
        )
    ).format(
        ids=f"<bdi>{esc(', '.join(map(short_name, c['treaties'])))}</bdi>",
        command="<code>confed compare</code>",
    )
    parts.append(f'<p class="meta">{every}</p>')
    return {"": "".join(parts), **later}


def comparison_body(years: int, seed: int, store_path: Path | None = None) -> str:
    """The page's first screen: the horizon form, the findings and the charts.

    The later sections (tables, map, reference) are headings the page's script
    fills from `comparison_section` as the reader scrolls, so the first screen stays
    small (about 0.1 MB of the comparison's 3.7 MB at 30 years).
    """
    return _rendered(years, seed, store_path)[""]


def comparison_section(years: int, seed: int, store_path: Path | None, key: str) -> str | None:
    """One later section of the comparison page as HTML, or None if there is no such section."""
    return _rendered(years, seed, store_path).get(key) if key else None


_RENDERING = threading.Lock()
"""Held while a comparison renders, so a reader arriving meanwhile waits for it, not redoes it."""


def _rendered(years: int, seed: int, store_path: Path | None) -> dict[str, str]:
    key = _page_key(years, seed, store_path)
    if key not in _PAGES:
        with _RENDERING:
            if key not in _PAGES:
                while len(_PAGES) >= 4:
                    _PAGES.pop(next(iter(_PAGES)))
                _PAGES[key] = _render(years, seed, store_path)
    return _PAGES[key]


def warm(store_path: Path | None) -> threading.Thread:
    """Render the default comparison in the background, so the first reader need not wait."""
    thread = threading.Thread(
        target=comparison_body, args=(DEFAULT_YEARS, 1, store_path), daemon=True
    )
    thread.start()
    return thread
