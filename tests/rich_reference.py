"""The way `termtable` printed through rich, kept as the reference its own output must match.

`termtable` writes through a `confed.screen.Screen` and lays tables out with
`confed.table_lines` so that a one-off answer does not import rich. `using_rich`
swaps those two back for rich's `Console` and `Table`, exactly as `termtable` used
them, so tests/test_screen.py can compare the two byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pytest
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from confed import termtable


class RichScreen:
    """A `Screen` whose lines rich's `Console` prints: its width, styles and box choice."""

    def __init__(self) -> None:
        self.console = Console(highlight=False)  # made per call, as termtable did
        self.width = self.console.width
        self.ascii_only = False  # rich decides the box itself, from the stream's encoding

    def line(self, pieces: Sequence[tuple[str, object]]) -> None:
        text = Text.assemble(*((t, s or "") for t, s in pieces))
        text.rstrip()
        self.console.print(text, soft_wrap=True)

    def text(self, text: str, style: str | None = None) -> None:
        self.console.print(Text(text, style=style or ""), soft_wrap=True)


def rich_table_lines(
    headers: Sequence[str],
    aligns: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    ascii_only: bool = False,
) -> list[list[tuple[str, object]]]:
    """The table as rich drew it for termtable: SIMPLE_HEAD, no edge, given widths, fold."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    for header, align, width in zip(headers, aligns, widths, strict=True):
        table.add_column(header, justify=align, width=width, overflow="fold")
    for row in rows:
        table.add_row(*(Text(c) for c in row))
    console = Console(highlight=False)
    lines = console.render_lines(table, console.options, pad=False)
    return [[(seg.text, seg.style) for seg in line] for line in lines]


@contextmanager
def using_rich() -> Iterator[None]:
    """Make `termtable` print through rich, as it did before `screen` and `table_lines`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(termtable, "current", RichScreen)
        patch.setattr(termtable, "table_lines", rich_table_lines)
        yield
