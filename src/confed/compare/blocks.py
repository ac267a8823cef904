"""The report's building blocks, shared with the explorer's pages.

A table with an accessible name in a box that scrolls on its own, and a chart with its
title, its subtitle from the glossary and its source note: written once, so the report,
the run pages and the treaty pages read the same.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from confed.compare.charts import chart_csv, line_chart
from confed.compare.glossary import term_of
from confed.i18n import _
from confed.i18n.markup import marked


def _e(value: object) -> str:
    return escape(str(value))


def table_html(header: list[str], rows: list[list[str]], caption: str = "") -> str:
    """A table from already-escaped cells (a cell starting with '<td' or '<th' is kept)."""
    head = "".join(f'<th scope="col">{h}</th>' for h in header)
    body = "".join(
        "<tr>"
        + "".join(c if c.startswith(("<td", "<th")) else f"<td>{c}</td>" for c in r)
        + "</tr>"
        for r in rows
    )
    cap = f"<caption>{caption}</caption>" if caption else ""
    columns = ", ".join(_label(h) for h in header)
    label = _label(caption) or _("table: {columns}").format(columns=columns)
    table = f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return scroll_box(table, label)


_TAG = re.compile(r"<[^>]+>")
_ASIDE = re.compile(r"\s*<small>.*?</small>", re.S)


_CLAUSE_END = re.compile(r"[;؛(]|[.:] ")


def _label(html: str) -> str:
    """Escaped HTML as a short plain name: its first clause, tags and asides left out.

    >>> _label("Power per phase; <i>pass rate</i> is (as in <code>confed x</code>).")
    'Power per phase'
    """
    text = _TAG.sub("", _ASIDE.sub("", html))
    return _CLAUSE_END.split(text, maxsplit=1)[0].strip()


def scroll_box(table: str, label: str) -> str:
    """A table in a box that scrolls sideways on its own, so a narrow screen never does.

    `label` is already-escaped text naming the table (a scrollable box needs a name).
    """
    return f'<div class="scroll" tabindex="0" role="region" aria-label="{label}">{table}</div>'


def chart_figure(m: dict[str, Any], lines: list[dict[str, Any]], i: int, note: str) -> str:
    """One metric's chart with its title, its subtitle from the glossary and a source note.

    `lines` are treaties (or runs) with `name` and `years`; the figure carries its
    figures as CSV for the download button.
    """
    term = term_of(m)
    unit = _("Unit: {unit}.").format(unit=_(term.unit))
    return (
        f'<figure class="chart-figure" id="chart-{_e(m["id"])}-{_e(m["key"])}" '
        f'data-csv="{_e(chart_csv(m, lines))}">'
        f"<figcaption>{_e(_(m['title']))}"
        f'<span class="subtitle">{_e(_(term.counts))} {_e(unit)}</span>'
        f"</figcaption>{line_chart(m, lines, f'chart-{i}')}"
        f'<p class="source">{marked(note)}</p></figure>'
    )
