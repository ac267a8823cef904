"""Standard output as confed's text commands write it: the width, the styles, the cells.

`termtable` prints tables and wrapped text through a `Screen`, which decides what rich's
`Console` would decide for the same output (the width from COLUMNS or the terminal,
escape codes only for a terminal, bold kept and colours dropped under NO_COLOR, ASCII
borders for a stream that cannot encode box characters), so the output is the one rich
printed, byte for byte (tests/test_screen.py compares them), without importing rich: a
one-off `confed rights` would otherwise spend more on rich's import than on its answer.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TextIO

STYLES = {"bold": "1", "dim": "2", "green": "32", "yellow": "33"}
"""The styles confed's text uses, as SGR codes (rich writes the same for these names)."""

COLOURS = frozenset({"green", "yellow"})
"""The styles NO_COLOR removes (bold and dim stay, as with rich)."""

Piece = tuple[str, str | None]
"""A run of text on a line and its style (None: plain)."""

_WIDE_SYMBOLS = ((0x2630, 0x2637), (0x268A, 0x268F), (0x4DC0, 0x4DFF), (0x1D300, 0x1D376))
"""Symbols rich's Unicode tables count as two cells where Python's (14.0) count one."""

_ZERO_WIDTH = ((0x1160, 0x11FF), (0x3164, 0x3164), (0xD7B0, 0xD7FF), (0xFFA0, 0xFFA0),
               (0x1F3FB, 0x1F3FF))  # fmt: skip
"""Hangul conjoining vowels and finals, fillers and emoji skin tones: no cell of their own."""

_MARKS_WITH_A_CELL = frozenset(map(chr, (0xAD, *range(0x600, 0x606), 0x6DD, 0x70F, 0x890, 0x891,
                                          0x8E2, 0x110BD, 0x110CD)))  # fmt: skip
"""Format characters that take a cell: the soft hyphen and prepended concatenation marks."""


@lru_cache(maxsize=4096)
def char_cells(char: str) -> int:
    """Terminal cells a character takes: 0 (marks, controls, joiners), 1, or 2 (wide).

    >>> [char_cells(c) for c in "aب\u064e漢"]
    [1, 1, 0, 2]
    """
    point = ord(char)
    category = unicodedata.category(char)
    if (
        category in ("Mn", "Me", "Mc", "Cc", "Zl", "Zp")
        or (category == "Cf" and char not in _MARKS_WITH_A_CELL)
        or any(lo <= point <= hi for lo, hi in _ZERO_WIDTH)
    ):
        return 0
    if any(lo <= point <= hi for lo, hi in _WIDE_SYMBOLS):
        return 2
    return 2 if category != "Cn" and unicodedata.east_asian_width(char) in "WF" else 1


def cell_len(text: str) -> int:
    """Terminal cells a text takes (what rich's `cell_len` counts, bar emoji variation).

    >>> cell_len("Jaffa"), cell_len("يَافَا")
    (5, 4)
    """
    if text.isascii() and text.isprintable():
        return len(text)
    if "\u200d" in text:  # a zero-width joiner joins the next character to the last one
        text = re.sub("\u200d.?", "", text, flags=re.DOTALL)
    return sum(map(char_cells, text))


def chop(word: str, width: int) -> list[str]:
    """A word too wide for `width` cells cut into lines, each mark kept with its letter."""
    lines, start, used = [], 0, 0
    for i, char in enumerate(word):
        cells = char_cells(char)
        if cells and used + cells > width:
            lines.append(word[start:i])
            start, used = i, 0
        used += cells
    if used:
        lines.append(word[start:])
    return lines


class Screen:
    """Where lines go, how wide they may be, and whether styles are written as escapes.

    A plain class rather than a dataclass: building one at import costs a one-off
    answer more than everything this module does.
    """

    def __init__(
        self,
        file: TextIO | None = None,
        width: int = 80,
        styled: bool = False,
        colour: bool = True,
        ascii_only: bool = False,
    ):
        self.file = file  # None: standard output as it is when a line is written
        self.width = width
        self.styled = styled  # escape codes for styles: only on a terminal
        self.colour = colour  # False under NO_COLOR: colours dropped, bold and dim kept
        self.ascii_only = ascii_only  # the stream cannot encode box characters

    def line(self, pieces: Iterable[Piece]) -> None:
        """Write one line of styled pieces."""
        out = []
        for text, style in pieces:
            code = STYLES[style] if style and self.styled else None
            if code and (self.colour or style not in COLOURS):
                out.append(f"\x1b[{code}m{text}\x1b[0m")
            else:
                out.append(text)
        (self.file or sys.stdout).write("".join(out) + "\n")

    def text(self, text: str, style: str | None = None) -> None:
        """Write one line in one style."""
        self.line([(text, style)] if text else [])


def _is_terminal(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether escape codes are wanted: TTY_COMPATIBLE, then FORCE_COLOR, then isatty."""
    if environ.get("TTY_COMPATIBLE", "") in ("0", "1"):
        return environ["TTY_COMPATIBLE"] == "1"
    if (force := environ.get("FORCE_COLOR")) is not None:
        return force != ""
    stream = getattr(stream, "rich_proxied_file", stream)  # under a rich live display
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def _width(terminal: bool, environ: Mapping[str, str]) -> int:
    """COLUMNS when set (with LINES, even on a dumb terminal); else the terminal's; else 80."""
    columns, lines = environ.get("COLUMNS", ""), environ.get("LINES", "")
    if columns.isdigit() and lines.isdigit():
        return int(columns)
    if terminal and environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return 80
    if columns.isdigit():
        return int(columns)
    for descriptor in (0, 1, 2):
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (AttributeError, ValueError, OSError):  # not a terminal
            continue
    return 80


def current() -> Screen:
    """Standard output as it is now: its width, and whether it is a terminal.

    Read at each call (as rich reads them when a console is made), so a changed
    COLUMNS or a redirected stream is followed.
    """
    stream, environ = sys.stdout, os.environ
    terminal = _is_terminal(stream, environ)
    dumb = environ.get("TERM", "").lower() in ("dumb", "unknown")
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    return Screen(
        width=_width(terminal, environ),
        styled=terminal and not dumb,
        colour=environ.get("NO_COLOR", "") == "",
        ascii_only=not encoding.startswith("utf"),
    )
