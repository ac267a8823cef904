"""`confed --help` in the reader's language: click's help, translated as it is written.

Click builds help from docstrings and `help=` strings fixed at import; this formatter
looks each block up in the catalogue when it is written (headings, paragraphs, the
help column of option and command lists), so commands defined anywhere, imported
lazily or not, are translated without being rewritten. Text with no translation
stays English.
"""

from __future__ import annotations

import re

import click

from confed.i18n import N_, _

CLICK_WORDS = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("required"),
    N_("default: {value}"),
)
"""Click's own words that confed's help shows."""

_EXTRAS = re.compile(r"^(?P<text>.*?)(?:(?P<space>\s+)\[(?P<extras>[^\]]*)\])?$", re.S)


def _extra(item: str) -> str:
    if item.startswith("default: "):
        return _("default: {value}").format(value=item.removeprefix("default: "))
    return _(item)


def translated(text: str) -> str:
    """A help text in the current language, with click's '[default: x; required]'."""
    match = _EXTRAS.match(text)
    if match is None or not match.group("text"):
        return text
    out = _(match.group("text"))
    if match.group("extras"):
        items = "; ".join(_extra(item) for item in match.group("extras").split("; "))
        out += f"{match.group('space')}[{items}]"
    return out


class TranslatedFormatter(click.HelpFormatter):
    """A help formatter that writes each text in the current language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:  # noqa: D102
        super().write_usage(prog, args, _("Usage:") + " " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:  # noqa: D102
        super().write_heading(_(heading))

    def write_text(self, text: str) -> None:  # noqa: D102
        super().write_text(_(text))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:  # noqa: D102
        super().write_dl([(term, translated(text)) for term, text in rows], col_max, col_spacing)


class TranslatedContext(click.Context):
    """A click context whose help is written by `TranslatedFormatter`."""

    formatter_class = TranslatedFormatter


class TranslatedGroup(click.Group):
    """A command group whose list of commands gives each summary in the run's language.

    Click cuts a summary before the formatter sees it, so the catalogue could not
    match it; here each is translated whole, then cut.
    """

    context_class = TranslatedContext

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List every command with its translated summary."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, short_help(command.help or "", formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def short_help(text: str, limit: int) -> str:
    """The first sentence of a translated help text, cut to `limit` as click cuts it."""
    import inspect

    return click.Command("_", help=_(inspect.cleandoc(text))).get_short_help_str(limit)


def help_texts(command: click.Command) -> list[str]:
    """The texts `--help` shows for a command: its help and each option's help.

    The catalogue's tool collects these, so the msgids are exactly what the formatter
    looks up.
    """
    import inspect

    texts = [inspect.cleandoc(command.help).partition("\f")[0]] if command.help else []
    texts += [p.help for p in command.params if isinstance(p, click.Option) and p.help]
    return texts


def every_command(command: click.Command) -> list[click.Command]:
    """A command and, for a group, every command under it."""
    found = [command]
    for sub in getattr(command, "commands", {}).values():
        found += every_command(sub)
    return found


def translate_help(command: click.Command) -> click.Command:
    """Give a command, and every command under it, help in the run's language."""
    for each in every_command(command):
        if each.context_class is click.Context:
            each.context_class = TranslatedContext
    return command
