"""The `confed` command line: one command per verb, every answer traced to its source.

User mistakes (a bad treaty file, an unknown place, a year before entry into force)
print a short located message and exit with code 2, never a traceback.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console

from confed.bounds import YEAR
from confed.errors import ConfedError, Problem
from confed.i18n import LANGUAGES, N_, _, from_environment, using
from confed.i18n.clihelp import TranslatedContext, short_help
from confed.options import STORE
from confed.vocab import STATUSES, ZONES

if TYPE_CHECKING:
    from confed.treaty.model import Treaty

console = Console(highlight=False)

LAZY_COMMANDS: dict[str, tuple[str, str]] = {
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
        "confed.api.commands:serve_cmd",
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
        if command is not None and command.context_class is click.Context:
            command.context_class = TranslatedContext
        return command

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


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _compiled(name: str):
    from confed.rights.engine import compiled_treaty

    return compiled_treaty(name)


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


@cli.command("treaties")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def treaties_cmd(as_json: bool) -> None:
    """List the shipped treaties."""
    from confed.treaty.load import load_treaty, shipped_ids
    from confed.treaty.texts import translated

    rows = []
    for tid in shipped_ids():
        t = load_treaty(tid).treaty
        rows.append(
            {"id": tid, "framework": t.framework, "title": t.title, "phases": len(t.phases)}
        )
    if as_json:
        _print_json(rows)
        return
    from confed.termtable import Column, print_table

    titles = {tid: translated(load_treaty(tid).treaty, "title")[0] for tid in shipped_ids()}
    print_table(
        [Column(_("id"), whole=True), Column(_("framework")), Column(_("title")),
         Column(_("phases"), "right", whole=True)],
        [[r["id"], r["framework"], titles[r["id"]], str(r["phases"])] for r in rows],
        title=_("Shipped treaties"),
    )  # fmt: skip
    console.print(_("Show one with: {command}").format(command="confed show ID"))


def _sources_of(treaty: Treaty) -> list[str]:
    from confed.sources import parse_citation, registry
    from confed.treaty.check import clauses

    docs = {**registry(), **treaty.sources}
    cited = dict.fromkeys(
        parse_citation(text).doc for _, clause in clauses(treaty) for text in clause.source or []
    )
    return [f"[{d}] {docs[d].reference()}" for d in cited if d in docs]


@cli.command("show")
@click.argument("treaty")
@click.option("--json", "as_json", is_flag=True, help="Print the merged treaty as JSON.")
def show_cmd(treaty: str, as_json: bool) -> None:
    """Show a treaty: its phases, the rights in each phase, its bodies and its sources.

    TREATY is a shipped id (see `confed treaties`) or a path to a treaty file.
    """
    from confed.rights.engine import DEFAULT_ENTRY_YEAR
    from confed.treaty.load import load_treaty
    from confed.treaty.show import print_treaty

    loaded = load_treaty(Path(treaty) if treaty.endswith((".yaml", ".yml")) else treaty)
    t = loaded.treaty
    if as_json:
        _print_json(t.model_dump(mode="json", by_alias=True, exclude_none=True))
        return
    print_treaty(t, DEFAULT_ENTRY_YEAR, _sources_of(t))


@cli.command("validate")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary of a valid file as JSON.")
def validate_cmd(file: Path, as_json: bool) -> None:
    """Check a treaty file: schema, references, phases, and that every right is total.

    Prints a summary when the file is valid; otherwise each problem with
    file:line:column, the field, what was expected and a suggestion (exit code 2).
    """
    from confed.treaty.load import load_treaty

    loaded = load_treaty(file)
    c = loaded.compiled
    t = loaded.treaty
    assert c is not None
    clauses, assumptions = _count_clauses(t)
    if as_json:
        _print_json(
            {
                "valid": True,
                "treaty": t.id,
                "files": [str(f) for f in loaded.files],
                "phases": len(t.phases),
                "person_types": c.space.size,
                "clauses": clauses,
                "assumptions": assumptions,
            }
        )
        return
    from confed.termtable import print_text

    print_text(f"ok: {t.id} ({' ← '.join(Path(f).name for f in reversed(loaded.files))})")
    print_text(
        f"{len(t.phases)} phases; every right is total and conflict-free over "
        f"{c.space.size:,} person types × {len(c.phases)} phases",
        first="  ",
        indent=4,
    )
    print_text(
        f"{clauses} clauses: {clauses - assumptions} sourced only, "
        f"{assumptions} with a stated assumption",
        first="  ",
        indent=4,
    )


def _seats(seats: dict[str, int]) -> str:
    return ", ".join(f"{party} {n}" for party, n in seats.items())


def _count_clauses(t: Treaty) -> tuple[int, int]:
    from confed.treaty.check import clauses

    found = [clause for _, clause in clauses(t)]
    return len(found), sum(clause.assumption is not None for clause in found)


@cli.command("schema")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to a file instead of standard output.",
)
def schema_cmd(out: Path | None) -> None:
    """Print the JSON Schema of treaty files, for editors that check YAML as you type."""
    from confed.treaty.model import Treaty

    text = json.dumps(Treaty.model_json_schema(by_alias=True), indent=2)
    if out is None:
        click.echo(text)
    else:
        _write_atomically(out, text + "\n")
        console.print(f"wrote {out}")


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


@cli.command("places")
@click.argument("query", required=False)
@click.option(
    "--zone",
    type=click.Choice(ZONES),
    metavar="ZONE",
    help="Only places in this zone: " + ", ".join(ZONES) + ".",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def places_cmd(query: str | None, zone: str | None, as_json: bool) -> None:
    """List places, or those whose id, name, alias, code, zone or district contains QUERY.

    Names are matched in English, Hebrew and Arabic.
    """
    from confed.places import UNVERIFIED, places

    table = places()
    rows = table.search(query) if query else list(range(len(table)))
    if zone:
        rows = [r for r in rows if ZONES[table.zone[r]] == zone]
    records = [
        {
            "id": table.ids[r],
            "name": table.names[r],
            "name_he": table.names_he[r] or None,
            "name_ar": table.names_ar[r] or None,
            "aliases": list(table.aliases[r]),
            "code": table.codes[r] or None,
            "form": table.forms[r] or None,
            "zone": ZONES[table.zone[r]],
            "council": table.council_of(r),
            "district": table.districts[table.district[r]],
            "lat": float(table.lat[r]),
            "lon": float(table.lon[r]),
            "coord_source": table.coord_source[r],
            "zone_source": table.zone_source[r],
        }
        for r in rows
    ]
    if as_json:
        _print_json(records)
        return
    if not records:
        console.print(_("no place matches '{query}'").format(query=query))
        sys.exit(1)
    from confed.i18n import current
    from confed.i18n.terms import term
    from confed.plain import ZONE_WORDS, place_name
    from confed.termtable import Column, print_table

    lang = current()
    unverified = _(" (coordinates unverified)")

    def names(p: dict) -> str:
        """The place's names, the reader's script first."""
        order = {"en": ("name", "name_he", "name_ar"), "he": ("name_he", "name_ar", "name"),
                 "ar": ("name_ar", "name_he", "name")}[lang]  # fmt: skip
        return "\n".join(filter(None, (p[k] for k in order)))

    def council(p: dict) -> str:
        if not p["council"]:
            return ""
        if lang == "en":
            return place_name(p["council"]) or ""
        return table.name_in(table.code(p["council"]), lang)[0]

    print_table(
        [Column(_("id"), whole=True), Column(_("name")), Column(_("zone")),
         Column(_("municipality"))],
        [
            [
                p["id"],
                names(p),
                (ZONE_WORDS[p["zone"]] if lang == "en" else term("zone", p["zone"]))
                + (unverified if p["coord_source"] == UNVERIFIED else ""),
                council(p),
            ]
            for p in records
        ],
        title=_("Places (ids for --residence; --json has codes, districts and coordinates)"),
    )  # fmt: skip


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
    from confed.rights.answer import answer_for
    from confed.rights.terminal import print_answer

    compiled = _compiled(treaty)
    answer = answer_for(compiled, citizenship, residence, year, status, start_year)
    if as_json:
        _print_json(answer.data)
        return
    print_answer(answer, compiled.treaty)


@cli.command("verify")
@click.argument("treaty")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def verify_cmd(treaty: str, as_json: bool) -> None:
    """Check TREATY's invariants over every person type, phase and joint body.

    A goal the treaty's text claims (its `intends:`) is met or not met; a property it
    does not claim is a measured fact that holds or does not hold, shown dimmed. Where
    a property does not hold, a counterexample names a person type and year, or a
    coalition of a body. Bodies the text does not describe (assumption only) are left
    out and named. Exits with code 1 when a claimed goal is not met.
    """
    from confed.verify.invariants import DOES_NOT_HOLD, verify

    compiled = _compiled(treaty)
    verdicts = verify(compiled)
    if as_json:
        _print_json({"treaty": compiled.treaty.id, "invariants": [v.as_json() for v in verdicts]})
    else:
        from confed.plain import Names
        from confed.termtable import print_text

        name = Names(compiled.treaty)
        print_text(f"{compiled.treaty.title} ({compiled.treaty.id}): invariants", style="bold")
        print_text("Goals the text claims", style="bold")
        claimed = [v for v in verdicts if v.claimed]
        for v in claimed:
            _print_verdict(v, name, {"met": "green", "not met": "yellow"})
        if not claimed:
            none = "none: the treaty file's `intends:` lists none of these invariants"
            print_text(none, first="  ")
        print_text("Properties the text does not claim (measured, not goals)", style="bold")
        for v in (v for v in verdicts if not v.claimed):
            _print_verdict(v, name, {})
    if any(v.status == DOES_NOT_HOLD and v.claimed for v in verdicts):
        sys.exit(1)


def _print_verdict(v: Any, name: Any, colours: dict[str, str]) -> None:
    """One invariant's reading, then its counterexample, detail and clauses."""
    from confed.termtable import print_text

    print_text(f"{v.reading}: {v.title}", first="  ", indent=4, style=colours.get(v.reading, "dim"))
    if v.counterexample:
        print_text(f"counterexample: {name.text(v.counterexample)}", first="    ", indent=6)
    if v.detail:
        print_text(name.text(v.detail), first="    ", indent=6)
    if v.status == "does-not-hold" and v.sources:
        print_text(f"clause: {'; '.join(v.sources)}", first="    ", indent=6)


@cli.command("runs")
@STORE
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def runs_cmd(store_path: Path | None, as_json: bool) -> None:
    """List the stored simulation runs, newest first, with what reproduces each."""
    from confed.store import Store, default_path

    where = store_path or default_path()
    runs = []
    if where.exists():  # reading writes nothing, not even an empty store
        with Store(store_path) as store:
            runs = store.runs()
    if as_json:
        _print_json([r.as_json() for r in runs])
        return
    if not runs:
        console.print(f"no runs stored yet in {where}")
        return
    from confed.simulate.readout import print_runs

    print_runs(runs, str(where))


@cli.command("results")
@click.argument("run")
@STORE
@click.option(
    "--parquet",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the run's tidy rows to this Parquet file.",
)
@click.option(
    "--metric",
    "metrics",
    multiple=True,
    metavar="ID[.KEY]",
    help="Show this metric (all its keys) or one key of it instead of the headline "
    "figures; repeat for more. --json lists every id.",
)
@click.option(
    "--year",
    "years",
    multiple=True,
    type=YEAR,
    help="Show this year instead of each phase's first year and the last; repeat for more.",
)
@click.option("--all", "every", is_flag=True, help="Every metric and key, every year.")
@click.option("--json", "as_json", is_flag=True, help="Print every stored value as JSON.")
def results_cmd(
    run: str,
    store_path: Path | None,
    parquet: Path | None,
    metrics: tuple[str, ...],
    years: tuple[int, ...],
    every: bool,
    as_json: bool,
) -> None:
    """Show a stored run's results (RUN is its id or a unique prefix).

    By default, the headline figures in the first year of each phase and in the last
    year; --metric, --year and --all choose others; --json gives every value.
    """
    from confed.simulate.readout import Readout, print_results
    from confed.store import Store, default_path

    if not (store_path or default_path()).exists():  # reading writes nothing, not even a store
        raise ConfedError(
            Problem(f"no run '{run}': no run store at {store_path or default_path()}",
                    field="run", expected="a run id from `confed runs`")
        )  # fmt: skip
    with Store(store_path) as store:
        record = store.run(run)
        rows = store.results(record.run_id)
        if parquet is not None:
            store.export_parquet(record.run_id, parquet)
    if as_json:
        by_year: dict[tuple[int, int], dict[str, dict[str, float]]] = {}
        for mc_run, year, metric, key, value in rows:
            by_year.setdefault((mc_run, year), {}).setdefault(metric, {})[key] = value
        _print_json(
            {
                "run_id": record.run_id,
                "treaty": record.treaty,
                "treaty_hash": record.treaty_hash,
                "parameters": record.parameters,
                "years": [{"run": r, "year": y, **m} for (r, y), m in sorted(by_year.items())],
            }
        )
        return
    print_results(Readout(record, rows), metrics, years, every)
    if parquet is not None:
        console.print(f"wrote {parquet}")


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
    try:
        with using(from_environment()):
            cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(_said(N_("aborted")), err=True)
        sys.exit(130)
    except click.ClickException as exc:
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
