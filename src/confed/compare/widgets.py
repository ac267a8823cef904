"""The report's reader tools: the script behind downloads, URL state and the filter box.

The script (report.js, shipped beside this module) is inlined in comparison.html and
served to every explorer page, so both read the same way; without it every table,
chart and section is still there, only the buttons are not.
"""

from __future__ import annotations

from html import escape
from importlib import resources

from confed.i18n import _

REPORT_JS = resources.files("confed.compare").joinpath("report.js").read_text(encoding="utf-8")
"""Downloads (CSV, SVG, PNG), the page's state in its URL, sections fetched on demand."""

FILTER_SECTIONS = ("glossary", "treaties", "parameters", "assumptions", "sources", "citations")
"""The reference sections the filter box searches, by id."""

FILTER_CSS = """
.filter { margin: 2.5rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem .75rem;
  align-items: center; }
.filter input { font: inherit; padding: .2rem .4rem; min-width: 0; flex: 1 1 12rem; }
.downloads { display: flex; flex-wrap: wrap; gap: .25rem; align-items: center; margin: .25rem 0;
  font-size: .85rem; color: var(--muted, #5a5a5a); }
.downloads button { font: inherit; padding: .1rem .5rem; cursor: pointer; }
.scroll { max-width: 100%; overflow-x: auto; }
.chart-figure[hidden] { display: none; }
.picker { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center; }
.picker select { font: inherit; max-width: 100%; }
figcaption .subtitle { display: block; font-weight: normal; color: var(--muted, #5a5a5a);
  font-size: .9rem; }
figure .source { font-size: .8rem; color: var(--muted, #5a5a5a); margin: .25rem 0 0; }
ul.findings li { margin: .4rem 0; }
dl.glossary dt { font-weight: 600; margin-top: .6rem; } dl.glossary dd { margin: 0 0 0 1rem; }
.loading { color: var(--muted, #5a5a5a); }
@media print { .filter, .downloads { display: none; } }
@media (max-width: 40rem) {
  form.grid { grid-template-columns: minmax(0, 1fr); }
  form.grid button { grid-column: 1; }
  header.site, footer.site { padding: .5rem .75rem; }
  progress { width: 100%; }
  input, select { max-width: 100%; }
  fieldset { min-width: 0; } .field > * { min-width: 0; }
}
"""
"""The tools' styles, and a phone's (390 px: forms in one column, nothing wider than it)."""


def filter_box() -> str:
    """The search box over the reference sections (shown by the script)."""
    keys = escape(" ".join(FILTER_SECTIONS))
    label = escape(_("Filter the glossary, treaties, parameters, assumptions and sources"))
    return (
        '<div class="filter" role="search" hidden>'
        f'<label for="appendix-filter">{label}</label>'
        f'<input id="appendix-filter" type="search" data-sections="{keys}">'
        '<span id="filter-count" role="status" aria-live="polite"></span></div>'
    )
