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
from rich.markup import escape
from rich.table import Table

from confed.bounds import YEAR
from confed.errors import ConfedError, Problem
from confed.i18n import LANGUAGES, N_, from_environment, using
from confed.i18n.clihelp import TranslatedContext, short_help
from confed.options import STORE
from confed.vocab import PER_STATE_RIGHTS, RIGHTS, STATUSES, ZONES

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
        """List every command with its summary, without importing the lazy ones."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(n) for n in names)
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
    callback=lambda ctx, _param, value: value and ctx.with_resource(using(value)),
    help=N_("Language of messages and help: en, ar or he (default: from LANG / LC_ALL)."),
)
def cli() -> None:
    """Two states, one homeland — the confederation as checkable rules.

    confed encodes the Israeli–Palestinian two-state confederation and the frameworks it
    is weighed against (separation, one state, the status quo) as sourced treaty files,
    and answers, for any person and year, which rights the treaty gives and why.

    \b
    Start here:
      confed compare --out report          every framework side by side, with reports
      confed treaties                      the shipped treaties
      confed show alfa                     phases, rights per phase, bodies, sources
      confed rights dajani-yehuda-2024 --citizenship PS --residence jaffa \\
          --status refugee --year 2045     one person's rights, with the reasons
      confed places jerusalem              find a place id
      confed validate my-variant.yaml      check a treaty file you wrote
      confed simulate alfa                 one treaty's transition, year by year
    """


@cli.command("treaties")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def treaties_cmd(as_json: bool) -> None:
    """List the shipped treaties."""
    from confed.treaty.load import load_treaty, shipped_ids

    rows = []
    for tid in shipped_ids():
        t = load_treaty(tid).treaty
        rows.append(
            {"id": tid, "framework": t.framework, "title": t.title, "phases": len(t.phases)}
        )
    if as_json:
        _print_json(rows)
        return
    table = Table("id", "framework", "title", "phases", title="Shipped treaties")
    for r in rows:
        table.add_row(r["id"], r["framework"], r["title"], str(r["phases"]))
    console.print(table)
    console.print("Show one with: confed show ID")


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
    from confed.treaty.citations import citation_counts, clause_bases
    from confed.treaty.describe import (
        deadlock_text,
        quota_size_text,
        range_text,
        rule_text,
        rules_by_phase,
    )
    from confed.treaty.load import load_treaty

    loaded = load_treaty(Path(treaty) if treaty.endswith((".yaml", ".yml")) else treaty)
    t = loaded.treaty
    if as_json:
        _print_json(t.model_dump(mode="json", by_alias=True, exclude_none=True))
        return
    from confed.rights.engine import DEFAULT_ENTRY_YEAR

    eif = t.entry_into_force.year
    console.rule(f"[bold]{t.title}[/] ({t.id}, {t.framework})")
    console.print(t.summary.strip())
    console.print(
        f"Entry into force: {eif}"
        if eif
        else f"Entry into force: not stated; confed assumes {DEFAULT_ENTRY_YEAR} "
        "(change with --start-year)"
    )
    order = t.phase_order()
    phases = Table(
        "#", "phase", "years after entry into force", "title", "start's range", title="Phases"
    )
    for i, name in enumerate(order, start=1):
        p = t.phases[name]
        span = f"{p.start}–{p.end - 1}" if p.end else f"{p.start} on"
        phases.add_row(str(i), name, span, p.title, range_text(p.start_range))
    console.print(phases)
    numbers = [str(i) for i in range(1, len(order) + 1)]
    for right in ("citizenship", *RIGHTS):
        ruleset = t.citizenship if right == "citizenship" else getattr(t.rights, right)
        table = Table("rule", "when → value", *numbers, title=right, title_justify="left")
        for rank, label, text, active in rules_by_phase(t, ruleset):
            marks = ("●" if p in active else "" for p in order)
            table.add_row(f"{label} ({rank})" if rank != "default" else "default", text, *marks)
        console.print(table)
    zones = ", ".join(f"{z}: {h}" for z, h in t.territory.zones.items())
    console.print(f"[bold]Territory[/] {zones}")
    for holder, ids in t.territory.places.items():
        console.print(f"  held by {holder}: {', '.join(ids)}")
    if t.quotas:
        quotas = Table(
            "quota",
            "right",
            "into",
            "for citizens of",
            "size",
            "range",
            "allocation",
            "basis",
            title="Quotas",
        )
        for qid, q in t.quotas.items():
            basis = f"assumption: {q.assumption}" if q.assumption else ", ".join(q.source or [])
            quotas.add_row(
                qid,
                q.right,
                q.into,
                q.for_citizens_of or "any",
                quota_size_text(q),
                "; ".join(f"{f} {range_text(r)}" for f, r in q.ranges.items()),
                q.allocation,
                basis,
            )
        console.print(quotas)
    j = t.jerusalem
    console.print(f"[bold]Jerusalem[/] {j.regime}; councils {j.councils}; open city: {j.open_city}")
    if t.bodies:
        bodies = Table("body", "seats", "rule", "changes", title="Joint bodies")
        for bid, b in t.bodies.items():
            changes = "; ".join(
                f"from {c.from_}: "
                + ", ".join(
                    x
                    for x in (c.seats and f"seats {_seats(c.seats)}", c.rule and rule_text(c.rule))
                    if x
                )
                for c in b.changes.values()
            )
            rule = rule_text(b.rule)
            if b.deadlock:
                rule += f"\ndeadlock: {deadlock_text(b.deadlock)}"
            bodies.add_row(f"{bid}\n{b.name}", _seats(b.seats), rule, changes)
        console.print(bodies)
    courts = Table("court", "level", "judges", "third parties until", title="Courts")
    for cid, c in t.courts.items():
        courts.add_row(
            f"{cid}\n{c.name}",
            c.level + (f" ({c.state})" if c.state else ""),
            _seats(c.judges),
            c.third_party_until or "",
        )
    console.print(courts)
    comp = Table("domain", "level", "body", "disputes", title="Competences")
    for domain, c in t.competences.items():
        comp.add_row(domain, c.level, c.body or "", c.dispute or "")
    console.print(comp)
    if t.transitional_administration:
        ta = t.transitional_administration
        console.print(
            f"[bold]Transitional administration[/] {ta.who}: {', '.join(ta.mandate)} "
            f"in {', '.join(ta.zones)}, until the end of phase {ta.until}"
        )
    console.print(f"[bold]Security[/] {t.security.approach}")
    bases = Table(title="Where each clause comes from")
    for heading in ("clause", "source", "assumption"):
        bases.add_column(heading, overflow="fold")
    for row in clause_bases(t):
        bases.add_row(*(escape(cell) for cell in row))
    console.print(bases)
    n = citation_counts(t)
    console.print(
        f"{n.clauses} clauses: {n.verified} with a verified citation, "
        f"{n.unverified} marked citation unverified, {n.assumptions} with a stated assumption"
    )
    console.print("[bold]Sources[/]")
    for line in _sources_of(t):
        console.print(f"  {line}", markup=False)


@cli.command("validate")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def validate_cmd(file: Path) -> None:
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
    console.print(
        f"ok: {t.id} ({' ← '.join(Path(f).name for f in reversed(loaded.files))})\n"
        f"  {len(t.phases)} phases; every right is total and conflict-free over "
        f"{c.space.size:,} person types × {len(c.phases)} phases\n"
        f"  {clauses} clauses: {clauses - assumptions} sourced only, "
        f"{assumptions} with a stated assumption"
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
@click.option("--zone", type=click.Choice(ZONES), help="Only places in this zone.")
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
        console.print(f"no place matches '{query}'")
        sys.exit(1)
    out = Table(title="Places")
    out.add_column("id", no_wrap=True)
    for column in ("name", "code", "zone", "council", "district", "lat, lon"):
        out.add_column(column)
    for p in records:
        mark = " (unverified)" if p["coord_source"] == UNVERIFIED else ""
        out.add_row(
            p["id"],
            " / ".join(filter(None, (p["name"], p["name_he"], p["name_ar"]))),
            p["code"] or "",
            p["zone"],
            p["council"] or "",
            p["district"],
            f"{p['lat']:.4f}, {p['lon']:.4f}{mark}",
        )
    console.print(out)


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

    answer = answer_for(_compiled(treaty), citizenship, residence, year, status, start_year)
    d = answer.data
    if as_json:
        _print_json(d)
        return
    console.rule(
        f"[bold]{d['treaty']}[/] — {d['year']}, phase {d['phase']} "
        f"(entry into force {d['start_year']}: {d['start_year_source']})"
    )
    person = d["person"]
    console.print(
        f"Person: citizenship {person['citizenship']}, status {person['status']}, "
        f"living in {person['residence']} ({person['zone']})"
    )
    if person["status_assumed"]:
        console.print(f"[yellow]{person['status_assumed']}[/]")
    table = Table("right", "value")
    for key in ("sovereign", "citizenship", "national_vote", "local_vote"):
        table.add_row(key, str(d[key] if d[key] is not None else "—"))
    for right in PER_STATE_RIGHTS:
        table.add_row(right, ", ".join(f"{s}: {v}" for s, v in d[right].items()))
    table.add_row("relocation_required", "yes" if d["relocation_required"] else "no")
    table.add_row("courts", ", ".join(d["courts"]))
    table.add_row("movement_restriction", d["movement_restriction"])
    console.print(table)
    references: dict[str, str] = {}
    for b in answer.because:
        cited = "; ".join(b.citations)
        console.print(
            f"[bold]{b.output}[/] = {escape(_plain(b.value))} — because "
            f"{escape(b.clause)} [dim]{escape(f'[{cited}]')}[/]",
            soft_wrap=True,
        )
        if b.assumption:
            console.print(
                f"    [yellow]assumption:[/] {escape(b.assumption.strip())}", soft_wrap=True
            )
        for citation, reference in zip(b.citations, b.references, strict=True):
            references.setdefault(citation.split(" § ")[0], reference)
    console.print("[bold]Sources[/]")
    for doc, reference in references.items():
        console.print(f"  [{doc}] {reference}", soft_wrap=True, markup=False)


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        return ", ".join(map(str, value))
    return "—" if value is None else str(value)


@cli.command("verify")
@click.argument("treaty")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def verify_cmd(treaty: str, as_json: bool) -> None:
    """Check TREATY's invariants over every person type, phase and joint body.

    \b
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
        console.rule(f"[bold]{compiled.treaty.id}[/] — invariants")
        console.print("[bold]Goals the text claims[/]")
        claimed = [v for v in verdicts if v.claimed]
        for v in claimed:
            _print_verdict(v, {"met": "green", "not met": "yellow", "not applicable": "dim"})
        if not claimed:
            console.print("  none: the treaty file's `intends:` lists none of these invariants")
        console.print("[bold]Properties the text does not claim[/] (measured, not goals)")
        for v in (v for v in verdicts if not v.claimed):
            _print_verdict(v, {})
    if any(v.status == DOES_NOT_HOLD and v.claimed for v in verdicts):
        sys.exit(1)


def _print_verdict(v: Any, colours: dict[str, str]) -> None:
    """One invariant's reading, then its counterexample, detail and clauses."""
    colour = colours.get(v.reading, "dim")
    console.print(f"  [{colour}]{v.reading}[/] {escape(v.title)}", soft_wrap=True)
    if v.counterexample:
        console.print(f"    counterexample: {escape(json.dumps(v.counterexample))}", soft_wrap=True)
    if v.detail:
        console.print(f"    {escape(v.detail)}", soft_wrap=True)
    if v.status == "does-not-hold" and v.sources:
        console.print(f"    clause: {escape('; '.join(v.sources))}", soft_wrap=True)



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
    table = Table("run", "treaty", "treaty hash", "created (UTC)", "parameters", title=str(where))
    for r in runs:
        table.add_row(
            r.run_id,
            r.treaty,
            r.treaty_hash,
            f"{r.created:%Y-%m-%d %H:%M}",
            json.dumps(r.parameters, sort_keys=True),
        )
    console.print(table)


@cli.command("results")
@click.argument("run")
@STORE
@click.option(
    "--parquet",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the run's tidy rows to this Parquet file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def results_cmd(run: str, store_path: Path | None, parquet: Path | None, as_json: bool) -> None:
    """Show a stored run's results (RUN is its id or a unique prefix)."""
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
    years: dict[tuple[int, int], dict[str, dict[str, float]]] = {}
    for mc_run, year, metric, key, value in rows:
        years.setdefault((mc_run, year), {}).setdefault(metric, {})[key] = value
    if as_json:
        _print_json(
            {
                "run_id": record.run_id,
                "treaty": record.treaty,
                "treaty_hash": record.treaty_hash,
                "parameters": record.parameters,
                "years": [{"run": r, "year": y, **m} for (r, y), m in sorted(years.items())],
            }
        )
        return
    console.rule(f"run {record.run_id}: {record.treaty} ({record.treaty_hash})")
    table = Table("run", "year", "metric", "key", "value")
    for mc_run, year, metric, key, value in rows:
        table.add_row(str(mc_run), str(year), metric, key, f"{value:,.4g}")
    console.print(table)
    if parquet is not None:
        console.print(f"wrote {parquet}")


def main() -> None:
    """Entry point: user errors exit 2 with a located message; bugs exit 70 with one line."""
    try:
        with using(from_environment()):
            cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ConfedError as exc:
        click.echo(f"error: {exc.render()}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo("interrupted: nothing half-written is kept", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: a line for the user, the traceback to the log
        from confed.crashlog import record

        click.echo(record(exc, " ".join(sys.argv[1:])), err=True)
        sys.exit(70)
