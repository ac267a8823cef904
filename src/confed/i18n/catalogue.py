"""The messages confed's interface shows, as the catalogues must hold them.

Two kinds: texts marked in the code with `_()`, `N_()` or `ngettext()` (found by
Babel's extractor), and the help every command shows (`confed --help`, `confed CMD
--help`, lazy commands and their subcommands included), collected from the click
commands themselves because docstrings and `help=` strings carry no mark.
So are the ranges' bases and the values' assumptions in simulate/behaviour.yaml
(`data_messages`).
tools/i18n_catalogues.py writes them into the template; tests/test_i18n.py checks
each language translates them all.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
LOCALE = Path(__file__).resolve().parent / "locale"
KEYWORDS = {"_": None, "N_": None, "NP_": (1, 2), "ngettext": (1, 2)}


Message = str | tuple[str, str]
"""A msgid: its text, or for `ngettext` its (singular, plural) pair."""


def marked_messages() -> set[Message]:
    """Every message marked in confed's source; a plural one as its (singular, plural)."""
    from babel.messages.extract import extract_from_dir

    found = extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    )
    return {m if isinstance(m, str) else (m[0], m[1]) for _file, _line, m, _comments, _ctx in found}


def help_messages() -> set[str]:
    """The help texts of every command, cli.py's and the lazy ones (their subcommands too).

    The lazy commands are imported here, as `confed CMD --help` imports them, so their
    own help is in the catalogue like the rest.
    """
    import importlib

    from confed.cli import LAZY_COMMANDS, cli
    from confed.i18n.clihelp import every_command, help_texts

    texts = help_texts(cli) + [summary for _, summary in LAZY_COMMANDS.values()]
    commands = [c for name, c in cli.commands.items() if name not in LAZY_COMMANDS]
    for path, _summary in LAZY_COMMANDS.values():
        module, attribute = path.split(":")
        commands.append(getattr(importlib.import_module(module), attribute))
    for command in commands:
        for each in every_command(command):
            texts += help_texts(each)
    return set(texts)


def data_messages() -> set[str]:
    """The sentences behaviour.yaml states for each parameter, as pages show them.

    Each range's basis (the sensitivity page) and each value's assumption (the
    report's parameters). A data file carries no mark, so its sentences are collected
    here; the pages read them through the catalogue.
    """
    from confed.simulate.parameters import behaviour_file

    specs = behaviour_file().values()
    bases = {s["range"]["assumption"].strip() for s in specs if "assumption" in s.get("range", {})}
    return bases | {s["assumption"].strip() for s in specs if "assumption" in s}
