"""A table's lines at given column widths: a bold header, a rule under it, wrapped cells.

The layout is the one rich drew for `termtable` (its SIMPLE_HEAD box without edges: a
space each side of a cell and between columns, a line of `─` under the header; `|`,
`-` and `+` on a stream that cannot encode `─`), with rich's word wrapping inside a
cell, so tables print as before without importing rich. Widths are decided by
`termtable.fit`; this module only lays the cells out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from confed.screen import Piece, cell_len, chop

WORD = re.compile(r"\s*\S+\s*")
"""A word with the spaces around it, as a cell is wrapped."""

TRAILING_SPACE = re.compile(r"\s+$")


def wrap_cell(text: str, width: int, align: str) -> list[str]:
    """One cell's lines, each exactly `width` cells: words wrapped, a word too long cut.

    >>> wrap_cell("may live in Israel", 11, "left")
    ['may live in', 'Israel     ']
    >>> wrap_cell("12", 4, "right")
    ['  12']
    """
    lines = []
    for paragraph in text.split("\n"):
        for line in _divided(paragraph, width):
            if align == "right":
                line = line.rstrip()
            size = cell_len(line)
            if size > width:
                line = _cropped(line, width)
            elif align == "right":
                line = " " * (width - size) + line
            else:
                line += " " * (width - size)
            lines.append(line)
    return lines


def _divided(text: str, width: int) -> list[str]:
    """Where a line breaks: before a word that does not fit; inside one wider than a line."""
    breaks, used = [], 0
    for match in WORD.finditer(text):
        start, word = match.start(), match.group()
        size = cell_len(word.rstrip())
        if width - used >= size:
            used += cell_len(word)
        elif size > width:
            *parts, last = chop(word, width)
            for part in parts:
                if start:
                    breaks.append(start)
                start += len(part)
            if start:
                breaks.append(start)
            used = cell_len(last)
        elif used and start:
            breaks.append(start)
            used = cell_len(word)
    edges = [0, *breaks, len(text)]
    lines = [text[a:b] for a, b in pairwise(edges)]
    return [_trimmed(line, width) for line in lines]


def _trimmed(line: str, width: int) -> str:
    """The line without the spaces that run past `width` characters."""
    if len(line) > width and (spaces := TRAILING_SPACE.search(line)):
        return line[: len(line) - min(len(spaces.group()), len(line) - width)]
    return line


def _cropped(line: str, width: int) -> str:
    """The first `width` cells of a line (padded if a wide character straddles the end)."""
    out, used = [], 0
    for char in line:
        cells = cell_len(char)
        if used + cells > width:
            break
        out.append(char)
        used += cells
    return "".join(out) + " " * (width - used)


def table_lines(
    headers: Sequence[str],
    aligns: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    ascii_only: bool = False,
) -> list[list[Piece]]:
    """The table's lines as styled pieces, trailing spaces removed, ready for a `Screen`."""
    divider, rule, cross = ("|", "-", "+") if ascii_only else (" ", "─", "─")
    out = _row_lines(headers, aligns, widths, divider, "bold", bottom=True)
    out.append([(cross.join(rule * (w + 2) for w in widths), None)])
    for row in rows:
        out += _row_lines(row, aligns, widths, divider, None, bottom=False)
    return out


def _row_lines(
    cells: Sequence[str],
    aligns: Sequence[str],
    widths: Sequence[int],
    divider: str,
    style: str | None,
    bottom: bool,
) -> list[list[Piece]]:
    """One row's lines; shorter cells padded below (a header's above, as rich aligns it)."""
    wrapped = [wrap_cell(c, w, a) for c, w, a in zip(cells, widths, aligns, strict=True)]
    height = max(len(lines) for lines in wrapped)
    columns: list[list[list[Piece]]] = []
    for lines, width in zip(wrapped, widths, strict=True):
        blank: list[list[Piece]] = [[(" " * (width + 2), style)]] * (height - len(lines))
        padded: list[list[Piece]] = [[(" ", style), (line, style), (" ", style)] for line in lines]
        columns.append(blank + padded if bottom else padded + blank)
    out = []
    for i in range(height):
        pieces: list[Piece] = []
        for k, column in enumerate(columns):
            if k:
                pieces.append((divider, None))
            pieces += column[i]
        out.append(_rstripped(pieces))
    return out


def _rstripped(pieces: list[Piece]) -> list[Piece]:
    """The pieces without the line's trailing whitespace (empty pieces dropped)."""
    pieces = [p for p in pieces if p[0]]
    while pieces:
        text, style = pieces[-1]
        kept = text.rstrip()
        if kept:
            pieces[-1] = (kept, style)
            break
        pieces.pop()
    return pieces
