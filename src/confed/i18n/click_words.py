"""click's own messages (a missing option, a bad value, 'Try … for help') in the reader's language.

click marks its messages for gettext's global domain. confed's command line hands them
to its own catalogue instead (`speak_through`), so a usage error reads in Arabic or
Hebrew like the rest of the answer. The messages a user of confed can meet are listed
here, marked, so the catalogues hold them; tests/test_i18n.py checks that each is still
one of click's own.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from confed.i18n import N_, _, ngettext, using

MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting")
MODULES += ("click.parser", "click.types")
"""The click modules whose messages a command line shows."""


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural message (singular, plural) for the catalogue without translating it."""
    return singular, plural


MESSAGES = (
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("Missing command."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Could not open file {filename!r}: {message}"),
    N_("unknown error"),
    N_("Aborted!"),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("Choose from:\n\t{choices}"),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("default: {default}"),
)
"""click's singular messages that confed's commands can show."""

PLURALS = (
    NP_("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    NP_("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    NP_("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    NP_("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
)
"""click's plural messages that confed's commands can show."""


def speak_through(language: Callable[[], str]) -> None:
    """Let click's messages come from confed's catalogue, in the language `language()` names.

    A message confed's catalogue does not hold stays click's English.
    """

    def said(message: str) -> str:
        with using(language()):
            return _(message)

    def said_of(singular: str, plural: str, n: int) -> str:
        with using(language()):
            return ngettext(singular, plural, n)

    for name in MODULES:
        module = importlib.import_module(name)
        module._ = said
        if hasattr(module, "ngettext"):
            module.ngettext = said_of
