"""The commands about treaty files: list the shipped ones, show one, validate one, print the schema.

Loaded only when one of them runs (`confed.cli.LAZY_COMMANDS`), so a one-off answer does
not import the treaty models they read.
"""

from __future__ import annotations

from pathlib import Path

import click

from confed.i18n import _


@click.command("treaties")
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
        from confed.options import print_json

        print_json(rows)
        return
    from confed.termtable import Column, print_table, print_text

    titles = {tid: translated(load_treaty(tid).treaty, "title")[0] for tid in shipped_ids()}
    print_table(
        [Column(_("id"), whole=True), Column(_("framework")), Column(_("title")),
         Column(_("phases"), "right", whole=True)],
        [[r["id"], r["framework"], titles[r["id"]], str(r["phases"])] for r in rows],
        title=_("Shipped treaties"),
    )  # fmt: skip
    print_text(_("Show one with: {command}").format(command="confed show ID"))


@click.command("show")
@click.argument("treaty")
@click.option("--json", "as_json", is_flag=True, help="Print the merged treaty as JSON.")
def show_cmd(treaty: str, as_json: bool) -> None:
    """Show a treaty: its phases, the rights in each phase, its bodies and its sources.

    TREATY is a shipped id (see `confed treaties`) or a path to a treaty file.
    """
    from confed.options import print_json
    from confed.rights.timeline import DEFAULT_ENTRY_YEAR
    from confed.treaty.citations import sources_of
    from confed.treaty.load import load_treaty
    from confed.treaty.show import print_treaty

    loaded = load_treaty(Path(treaty) if treaty.endswith((".yaml", ".yml")) else treaty)
    t = loaded.treaty
    if as_json:
        print_json(t.model_dump(mode="json", by_alias=True, exclude_none=True))
        return
    print_treaty(t, DEFAULT_ENTRY_YEAR, [f"[{d['id']}] {d['reference']}" for d in sources_of(t)])


@click.command("validate")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the summary of a valid file as JSON.")
def validate_cmd(file: str, as_json: bool) -> None:
    """Check a treaty file: schema, references, phases, and that every right is total.

    Prints a summary when the file is valid; otherwise each problem with
    file:line:column, the field, what was expected and a suggestion (exit code 2).
    """
    from confed.options import print_json
    from confed.rights.compile import compile_treaty
    from confed.treaty.citations import citation_counts
    from confed.treaty.load import load_treaty

    c = compile_treaty(load_treaty(Path(file)))
    loaded, t = c.loaded, c.treaty
    counts = citation_counts(t)
    clauses, assumptions = counts.clauses, counts.assumptions
    if as_json:
        print_json(
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
    from confed.i18n import isolate
    from confed.i18n.formats import number
    from confed.termtable import print_text

    files = " ← ".join(Path(f).name for f in reversed(loaded.files))
    print_text(_("ok: {treaty} ({files})").format(treaty=isolate(t.id), files=isolate(files)))
    print_text(
        _(
            "{phases} phases; every right is total and conflict-free over "
            "{types} person types × {n} phases"
        ).format(phases=len(t.phases), types=number(c.space.size), n=len(c.phases)),
        first="  ",
        indent=4,
    )
    print_text(
        _(
            "{clauses} clauses: {sourced} sourced only, {assumptions} with a stated assumption"
        ).format(clauses=clauses, sourced=clauses - assumptions, assumptions=assumptions),
        first="  ",
        indent=4,
    )


@click.command("schema")
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="Write to a file instead of standard output.",
)
def schema_cmd(out: str | None) -> None:
    """Print the JSON Schema of treaty files, for editors that check YAML as you type."""
    import json

    from confed.treaty.model import Treaty

    text = json.dumps(Treaty.model_json_schema(by_alias=True), indent=2)
    if out is None:
        click.echo(text)
    else:
        _write_atomically(Path(out), text + "\n")
        from confed.termtable import print_text

        print_text(f"wrote {Path(out)}")


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
