"""The `confed` command line: one command per verb, every answer traced to its source.

User mistakes (a bad treaty file, an unknown place, a year before entry into force)
print a short located message and exit with code 2, never a traceback.
"""

from __future__ import annotations

import contextlib
import importlib
import sys

import click

from confed.bounds import YEAR
from confed.errors import ConfedError
from confed.i18n import LANGUAGES, N_, _, from_environment, using
from confed.i18n.clihelp import TranslatedContext, short_help, translate_help
from confed.vocab import STATUSES

LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "treaties": (
        "confed.treaty_commands:treaties_cmd",
        "List the shipped treaties.",
    ),
    "show": (
        "confed.treaty_commands:show_cmd",
        "Show a treaty: its phases, the rights in each phase, its bodies and its sources.",
    ),
    "validate": (
        "confed.treaty_commands:validate_cmd",
        "Check a treaty file: schema, references, phases, and that every right is total.",
    ),
    "schema": (
        "confed.treaty_commands:schema_cmd",
        "Print the JSON Schema of treaty files, for editors that check YAML as you type.",
    ),
    "institutions": (
        "confed.institutions.commands:institutions_cmd",
        "Each joint body of TREATY: seats, rule, power per party, and collective equality.",
    ),
    "power": (
        "confed.institutions.commands:power_cmd",
        "Exact power indices of a weighted game or of any body's decision rule.",
    ),
    "route": (
        "confed.institutions.commands:route_cmd",
        "Who decides DOMAIN under TREATY: the level, the body and its rule, the court.",
    ),
    "population": (
        "confed.people.commands:population_cmd",
        "Everyone in the land and the registered refugees abroad, by zone, status and group.",
    ),
    "data": (
        "confed.people.commands:data_group",
        "The sourced reference tables behind the population.",
    ),
    "simulate": (
        "confed.simulate.commands:simulate_cmd",
        "Run TREATY's transition year by year on the whole population.",
    ),
    "compare": (
        "confed.compare.commands:compare_cmd",
        "Compare treaties on the same population, horizon and seed (all shipped by default).",
    ),
    "serve": (
        "confed.server.commands:serve_cmd",
        "Serve the web explorer and the HTTP API on this machine.",
    ),
    "sensitivity": (
        "confed.sensitivity.commands:sensitivity_cmd",
        "Vary every stated assumption of TREATY over its range and measure what it moves.",
    ),
    "citations": (
        "confed.treaty.commands:citations_cmd",
        "Count each treaty's clauses: cited and verified, marked unverified, with an assumption.",
    ),
    "places": (
        "confed.place_search:places_cmd",
        "List places, or those whose id, name, alias, code, zone or district contains QUERY.",
    ),
    "verify": (
        "confed.verify.commands:verify_cmd",
        "Check TREATY's invariants over every person type, phase and joint body.",
    ),
    "runs": (
        "confed.stored_runs:runs_cmd",
        "List the stored simulation runs, newest first, with what reproduces each.",
    ),
    "results": (
        "confed.stored_runs:results_cmd",
        "Show a stored run's results (RUN is its id or a unique prefix).",
    ),
}
"""Commands of other packages: `module:attribute` and the summary `confed --help` lists.

They are imported only when run or asked for their own help, so a one-off answer
(`confed rights`, `confed --help`) does not import the simulation, the institutions or
the web server; tests/test_cli_lazy.py checks each summary is the command's own.
"""


class LazyGroup(click.Group):
    """A command group that imports the commands of `LAZY_COMMANDS` when they are used.

    Its help, and each command's, is written in the run's language (`TranslatedContext`).
    """

    context_class = TranslatedContext

    def list_commands(self, ctx: click.Context) -> list[str]:  # noqa: D102
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:  # noqa: D102
        if name in LAZY_COMMANDS and name not in self.commands:
            module, attribute = LAZY_COMMANDS[name][0].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        command = super().get_command(ctx, name)
        return None if command is None else translate_help(command)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List every command with its whole summary (wrapped, never cut), importing none."""
        names = self.list_commands(ctx)
        limit = 1000  # write_dl wraps a long summary; click's own limit would cut it
        rows = []
        for name in names:
            if name in LAZY_COMMANDS and name not in self.commands:
                rows.append((name, short_help(LAZY_COMMANDS[name][1], limit)))
            elif (command := self.get_command(ctx, name)) is not None and not command.hidden:
                rows.append((name, short_help(command.help or "", limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="confed")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    is_eager=True,
    expose_value=False,
    callback=lambda ctx, _param, value: value and ctx.with_resource(using(_chosen(value))),
    help=N_("Language of messages and help: en, ar or he (default: from LANG / LC_ALL)."),
)
def cli() -> None:
    """Two states, one homeland — the confederation as checkable rules.

    confed encodes the Israeli–Palestinian two-state confederation and the frameworks it
    is weighed against (separation, one state, the status quo) as sourced treaty files,
    and answers, for any person and year, which rights the treaty gives and why.

    \b
    Start here:
      confed compare --out report      every framework side by side, as reports
      confed treaties                  the shipped treaties
      confed show alfa                 phases, rights per phase, bodies, sources
      confed rights dajani-yehuda-2024 --citizenship PS --residence jaffa \\
          --status refugee --year 2045 one person's rights, with the reasons
      confed places jerusalem          find a place id
      confed validate my-variant.yaml  check a treaty file you wrote
      confed simulate alfa             one treaty's transition, year by year
      confed results RUN               a stored run's figures per phase
    """


@cli.command("rights")
@click.argument("treaty")
@click.option(
    "--citizenship",
    required=True,
    metavar="IL|PS|none",
    help="Citizenship held before the treaty (IL, PS or none).",
)
@click.option(
    "--residence",
    required=True,
    metavar="PLACE",
    help="Place of residence: an id, name or alias (see `confed places`).",
)
@click.option(
    "--status",
    metavar="STATUS",
    help="Registered status: " + ", ".join(STATUSES) + ". Assumed when omitted.",
)
@click.option("--year", required=True, type=YEAR, help="Calendar year of the question.")
@click.option(
    "--start-year",
    type=YEAR,
    help="Entry into force; defaults to the treaty's, or confed's stated default.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
def rights_cmd(
    treaty: str,
    citizenship: str,
    residence: str,
    status: str | None,
    year: int,
    start_year: int | None,
    as_json: bool,
) -> None:
    """One person's rights under TREATY in a year, and why.

    \b
    Example (Dajani & Yehuda's own example of a returning refugee in Jaffa):
      confed rights dajani-yehuda-2024 --citizenship PS --residence jaffa \\
          --status refugee --year 2045
    """
    from confed.rights.cached import Kept

    kept = Kept.load(treaty)
    got = kept.answer(citizenship, residence, year, status, start_year) if kept else None
    loaded = None
    if got is None:
        from confed.rights.answer import one_answer
        from confed.rights.words import TreatyWords

        answer, compiled = one_answer(treaty, citizenship, residence, year, status, start_year)
        got, loaded = (answer, TreatyWords(compiled.treaty, compiled.places)), compiled.loaded
    answer, words = got
    if as_json:
        from confed.options import print_json

        print_json(answer.data)
    else:
        from confed.rights.terminal import print_answer

        print_answer(answer, words)
    if kept is None:  # the first answer on this treaty (or a changed one): keep its answers
        from confed.rights.cache_build import keep_answers

        sys.stdout.flush()
        # Nothing is kept without a cache to write to, or for a treaty whose rights are not
        # total over every type (this answer's type was decided): the engine answers again.
        with contextlib.suppress(OSError, ConfedError):
            keep_answers(treaty, loaded)  # the treaty the engine loaded and checked


_CHOSEN: dict[str, str] = {}
"""The language --lang chose for this run, so messages after the command ends keep it."""


def _chosen(lang: str) -> str:
    _CHOSEN["lang"] = lang
    return lang


def _said(message: str, **fields: str) -> str:
    """A closing message in the language the run was asked in (--lang, else the locale)."""
    with using(_CHOSEN.get("lang", from_environment())):
        return _(message).format(**fields)


def main() -> None:
    """Entry point: user errors exit 2 with a located message; bugs exit 70 with one line."""
    _CHOSEN.clear()  # a run chooses afresh (tests call main more than once)
    from confed.i18n.click_words import speak_through

    speak_through(lambda: _CHOSEN.get("lang", from_environment()))
    try:
        with using(from_environment()):
            cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(_said(N_("aborted")), err=True)
        sys.exit(130)
    except click.ClickException as exc:
        with using(_CHOSEN.get("lang", from_environment())):
            exc.show()
        sys.exit(exc.exit_code)
    except ConfedError as exc:
        with using(_CHOSEN.get("lang", from_environment())):
            problems = exc.render()
        click.echo(_said(N_("error: {problems}"), problems=problems), err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo(_said(N_("interrupted: nothing half-written is kept")), err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: a line for the user, the traceback to the log
        from confed.crashlog import record

        click.echo(record(exc, " ".join(sys.argv[1:])), err=True)
        sys.exit(70)
