"""Terminal output that fits the window and survives a pipe: tables, wrapped text, numbers.

Every command prints through here so none cuts a name or a number. A table whose
columns fit the width (each at least as wide as its longest word, or its longest cell
when that cell must stay whole) is drawn at widths computed here (`table_lines`); one
that cannot fit is printed as blocks instead, one per row: the row's name, then each
column as `header  value` on its own wrapped line. Output goes through a `Screen`, which
writes what rich wrote before without importing it (a one-off answer's import time).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from confed import screen as screens
from confed.i18n import DEFAULT
from confed.i18n import current as language
from confed.i18n.formats import number, percent
from confed.screen import Screen, cell_len
from confed.table_lines import table_lines

screen: Screen | None = None
"""Where output goes when set (tests record it); else standard output as it is now."""


def current() -> Screen:
    """Standard output as it is now, at its present width (or the screen tests set)."""
    return screen or screens.current()


GAP = 3
"""Columns each table column costs besides its text: a border and a space each side."""


@dataclass(frozen=True)
class Column:
    """A table column: its header, alignment, and whether its cells may wrap inside."""

    header: str
    align: Literal["left", "right"] = "left"
    whole: bool = False  # numbers and ids: each line of a cell stays on one line


def _lines(cell: str) -> list[str]:
    return cell.split("\n") if cell else [""]


def _widths(column: Column, cells: Sequence[str]) -> tuple[int, int]:
    """The narrowest width that cuts no word (or no whole cell), and the natural width."""
    lines = [line for c in (column.header, *cells) for line in _lines(c)]
    natural = max(cell_len(line) for line in lines)
    if column.whole:
        headers = column.header.split()
        words = [line for c in cells for line in _lines(c)] + headers
    else:
        words = [w for line in lines for w in line.split()]
    return max((cell_len(w) for w in words), default=1), natural


def fit(minimum: list[int], natural: list[int], room: int) -> list[int] | None:
    """Column widths within `room`: each at least its minimum, spare room shared by need.

    >>> fit([4, 5], [10, 5], 12)
    [7, 5]
    >>> fit([4, 9], [10, 9], 12) is None
    True
    """
    if sum(minimum) > room:
        return None
    widths = list(minimum)
    spare = room - sum(widths)
    want = [n - m for n, m in zip(natural, minimum, strict=True)]
    if sum(want) <= spare:
        return list(natural)
    for i, w in enumerate(want):
        widths[i] += spare * w // sum(want)
    leftover = room - sum(widths)
    for i in sorted(range(len(want)), key=lambda i: want[i] - widths[i], reverse=True):
        if leftover == 0:
            break
        if widths[i] < natural[i]:
            widths[i] += 1
            leftover -= 1
    return widths


def print_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    title: str | None = None,
    caption: str | None = None,
    out: Screen | None = None,
) -> None:
    """Print rows as a table that fits the console's width, or as one block per row.

    Cells are plain text (never markup); a cell may hold several lines.
    """
    out = out or current()
    cells = [[str(c) for c in row] for row in rows]
    measured = [_widths(col, [row[i] for row in cells]) for i, col in enumerate(columns)]
    room = out.width - GAP * len(columns)
    widths = fit([m for m, _ in measured], [n for _, n in measured], room)
    if widths is None:
        print_blocks(columns, cells, title, out)
    else:
        if title:
            print_text(title, out=out, style="bold")
        headers, aligns = [c.header for c in columns], [c.align for c in columns]
        for line in table_lines(headers, aligns, cells, widths, out.ascii_only):
            out.line(line)
        out.text("")
    if caption:
        print_text(caption, out=out)


def print_blocks(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], title: str | None, out: Screen
) -> None:
    """Each row as a block: its first cell, then `header  value` lines, wrapped."""
    if title:
        print_text(title, out=out, style="bold")
    headers = [c.header.replace("\n", " ") for c in columns[1:]]
    label = max((cell_len(h) for h in headers), default=0)
    aligned = label <= out.width // 3
    for row in rows:
        print_text(row[0].replace("\n", " "), out=out, style="bold")
        for header, value in zip(headers, row[1:], strict=True):
            if not value:
                continue
            value = value.replace("\n", " ")
            if aligned:
                print_text(value, out=out, first=f"  {header.ljust(label)}  ", indent=label + 4)
            else:
                print_text(f"{header}: {value}", out=out, first="  ", indent=4)


def print_text(
    text: str,
    *,
    out: Screen | None = None,
    first: str = "",
    indent: int = 0,
    style: str | None = None,
) -> None:
    """Print plain text wrapped at the console's width, later lines indented by `indent`."""
    out = out or current()
    for paragraph in text.split("\n"):
        wrapped = textwrap.wrap(
            paragraph,
            width=out.width,
            initial_indent=first,
            subsequent_indent=" " * indent,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [first.rstrip()]
        for line in wrapped:
            out.text(line, style)


def count(value: float) -> str:
    """A whole number grouped by thousands as the current language groups them.

    Never in scientific notation.

    >>> count(28740123.4)
    '28,740,123'
    >>> count(3)
    '3'
    """
    return number(round(value))


def share(value: float) -> str:
    """A share as a percentage with one decimal: '8.9 %' in English, per CLDR otherwise.

    >>> share(0.0886)
    '8.9 %'
    >>> share(1)
    '100.0 %'
    """
    return f"{value * 100:.1f} %" if language() == DEFAULT else percent(value, 1)


def plain_number(value: float) -> str:
    """Any number for reading: grouped, at most 4 significant decimals, no exponent.

    >>> plain_number(28740000.0)
    '28,740,000'
    >>> plain_number(0.000512)
    '0.000512'
    """
    if value == int(value) or abs(value) >= 1000:
        return f"{round(value):,}"
    text = f"{value:.4g}"
    if "e" in text:
        text = f"{value:.10f}".rstrip("0")
    return text


def print_outline(lines: Iterable[str], *, out: Screen | None = None) -> None:
    """Print lines whose leading spaces give their depth, each wrapped under its own text.

    Lines at depth 0 are headings, in bold.
    """
    for line in lines:
        depth = len(line) - len(line.lstrip())
        print_text(
            line.lstrip(),
            out=out,
            first=" " * depth,
            indent=depth + 2,
            style=None if depth else "bold",
        )
