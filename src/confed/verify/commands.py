"""`confed verify`: every invariant of a treaty, claimed goals apart from measured facts."""

from __future__ import annotations

import sys

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
        from confed.verify.terminal import print_verdicts

        print_verdicts(compiled.treaty, verdicts)
    if any(v.status == DOES_NOT_HOLD and v.claimed for v in verdicts):
        sys.exit(1)
