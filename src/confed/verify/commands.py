"""`confed verify`: every invariant of a treaty, claimed goals apart from measured facts."""

from __future__ import annotations

import sys
from typing import Any

import click

from confed.options import print_json


@click.command("verify")
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
    from confed.rights.engine import compiled_treaty
    from confed.verify.invariants import DOES_NOT_HOLD, verify

    compiled = compiled_treaty(treaty)
    verdicts = verify(compiled)
    if as_json:
        print_json({"treaty": compiled.treaty.id, "invariants": [v.as_json() for v in verdicts]})
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
