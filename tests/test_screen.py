"""Text output without rich is the output rich printed, byte for byte (issue 14, part 5).

`termtable` writes through `confed.screen` and lays tables out with `confed.table_lines`
so that a one-off `confed rights` does not import rich. rich stays the reference
(tests/rich_reference.py): cell widths for every assigned character, random tables and
text at many widths, in a pipe and on a terminal (escape codes, NO_COLOR, a dumb
terminal, a stream without box characters), and every shipped treaty's answers in
English, Arabic and Hebrew.
"""

from __future__ import annotations

import io
import random
import sys
import unicodedata

import pytest
from click.testing import CliRunner
from rich.cells import cell_len as rich_cell_len

from confed import termtable
from confed.cli import cli
from confed.rights.cache_build import keep_answers
from confed.screen import cell_len
from confed.treaty.load import shipped_ids
from rich_reference import using_rich

ASSIGNED = [
    chr(point)
    for point in range(0x110000)
    if not 0xD800 <= point < 0xE000 and unicodedata.category(chr(point)) != "Cn"
]


def test_a_character_takes_the_cells_rich_counts():
    differ = [hex(ord(c)) for c in ASSIGNED if cell_len(c) != rich_cell_len(c)]
    assert differ == []


def test_a_text_takes_the_cells_rich_counts():
    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice(ASSIGNED[:0x3000]) for _ in range(rng.randint(0, 12)))
        assert cell_len(text) == rich_cell_len(text), text


WORDS = ["a", "Jaffa", "may", "live", "in", "Israel", "يَافَا", "ירושלים", "\u2067x\u2069",
         "漢字", "—", "12,345", "  lead", "x" * 30, "", "b\nc", "end\n", "tail  "]  # fmt: skip
"""Words of the random tables: scripts, marks, isolates, wide characters, spaces, lines."""

SETTINGS = [
    {"TTY_COMPATIBLE": "0"},  # a pipe
    {"TTY_COMPATIBLE": "1", "TERM": "xterm-256color", "NO_COLOR": ""},
    {"TTY_COMPATIBLE": "1", "TERM": "xterm", "NO_COLOR": "1"},  # bold stays, colours go
    {"TTY_COMPATIBLE": "1", "TERM": "dumb"},  # 80 columns unless LINES is set too
    {"TTY_COMPATIBLE": "", "FORCE_COLOR": "1"},
]


def _printed(monkeypatch, show, environ: dict[str, str], encoding: str = "utf-8") -> bytes:
    """What `show()` writes to a standard output of this encoding, under these variables."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace", write_through=True)
    with monkeypatch.context() as patch:
        for name, value in environ.items():
            patch.setenv(name, value)
        patch.setattr(sys, "stdout", stream)
        show()
    return raw.getvalue()


def _random_output(rng: random.Random):
    """A random table (fitting or printed as blocks), a caption, and wrapped styled text."""

    def cell() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 8)))

    n = rng.randint(1, 4)
    columns = [
        termtable.Column(cell() or "h", rng.choice(["left", "right"]), rng.random() < 0.3)
        for _ in range(n)
    ]
    rows = [[cell() for _ in range(n)] for _ in range(rng.randint(0, 4))]
    title, caption = rng.choice([None, "A title long enough to wrap " * 3]), rng.choice([None, "c"])
    style = rng.choice(["bold", "yellow", "green", "dim", None])
    text = " ".join([cell(), cell()] * 4)

    def show() -> None:
        termtable.print_table(columns, rows, title=title, caption=caption)
        termtable.print_text(text, first="  ", indent=4, style=style)

    return show


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: ",".join(map("=".join, s.items())))
def test_tables_and_text_print_as_rich_printed_them(monkeypatch, setting):
    rng = random.Random(len(str(setting)))
    for _ in range(150):
        environ = {**setting, "COLUMNS": str(rng.choice([20, 30, 40, 60, 80, 200]))}
        if rng.random() < 0.3:
            environ["LINES"] = "40"
        encoding = "ascii" if rng.random() < 0.1 else "utf-8"
        show = _random_output(random.Random(rng.random()))
        with using_rich():
            expected = _printed(monkeypatch, show, environ, encoding)
        assert _printed(monkeypatch, show, environ, encoding) == expected, environ


PERSONS = [
    ["--citizenship", "PS", "--residence", "jaffa", "--status", "refugee"],
    ["--citizenship", "IL", "--residence", "ariel"],
    ["--citizenship", "PS", "--residence", "القدس"],
    ["--citizenship", "none", "--residence", "hebron", "--status", "other"],
]
"""Asked in every treaty: a refugee in Jaffa, a settler, a Jerusalemite, a stateless person."""


@pytest.mark.parametrize("treaty", shipped_ids())
def test_every_answer_prints_as_rich_printed_it(treaty):
    keep_answers(treaty)
    runner = CliRunner()
    for person in PERSONS:
        for lang in ("en", "ar", "he"):
            args = ["--lang", lang, "rights", treaty, *person, "--year", "2050"]
            for environ in ({"COLUMNS": "60"}, {"COLUMNS": "80", "TTY_COMPATIBLE": "1"},
                            {"COLUMNS": "200"}):  # fmt: skip
                with using_rich():
                    expected = runner.invoke(cli, args, env=environ)
                got = runner.invoke(cli, args, env=environ)
                assert expected.exit_code == got.exit_code == 0, got.output
                assert got.stdout_bytes == expected.stdout_bytes, (args, environ)
