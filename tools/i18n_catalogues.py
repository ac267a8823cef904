"""Refresh the message catalogues: extract `_()`/`N_()` messages, update ar and he, compile.

Run after changing user-visible text (`python tools/i18n_catalogues.py`), translate the
new empty entries in src/confed/i18n/locale/<lang>/LC_MESSAGES/confed.po, then run it
again to compile the `.mo` files that ship. tests/test_i18n.py fails while a message
has no translation or a `.mo` is older than its `.po`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "confed"
LOCALE = PACKAGE / "i18n" / "locale"
TEMPLATE = LOCALE / "confed.pot"
TRANSLATED = ("ar", "he")


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def main() -> int:
    """Extract, update (or start) each language's catalogue, and compile it."""
    LOCALE.mkdir(parents=True, exist_ok=True)
    _babel(
        "extract", "--no-location", "--sort-output", "--omit-header", "-k", "N_", "-k", "NP_:1,2",
        "--project", "confed", "-o", str(TEMPLATE), str(PACKAGE),
    )  # fmt: skip
    _add_cli_help()
    for lang in TRANSLATED:
        po = LOCALE / lang / "LC_MESSAGES" / "confed.po"
        command = "update" if po.exists() else "init"
        extra = ["--no-fuzzy-matching", "--ignore-obsolete"] if command == "update" else []
        _babel(command, "-D", "confed", "-l", lang, "-i", str(TEMPLATE), "-d", str(LOCALE), *extra)
    _babel("compile", "-D", "confed", "-d", str(LOCALE), "--statistics")
    return 0


def _add_cli_help() -> None:
    """Add the help commands show and behaviour.yaml's bases (neither carries a mark)."""
    sys.path.insert(0, str(ROOT / "src"))
    from confed.i18n.catalogue import data_messages, help_messages

    with TEMPLATE.open("rb") as f:
        catalogue = read_po(f)
    for text in sorted(help_messages()):
        catalogue.add(text, flags=("cli-help",))
    for text in sorted(data_messages()):
        catalogue.add(text, flags=("behaviour-yaml",))
    with TEMPLATE.open("wb") as f:
        write_po(f, catalogue, omit_header=True, sort_output=True)


if __name__ == "__main__":
    sys.exit(main())
