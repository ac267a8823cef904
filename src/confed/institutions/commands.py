"""The command-line verbs about institutions: institutions, power and route."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError
from rich.console import Console

from confed.bounds import SEED, YEAR
from confed.errors import ConfedError, Problem
from confed.i18n import N_, _, isolate
from confed.i18n.formats import number
from confed.institutions.game import Game, game_for
from confed.institutions.power import Power, power_of, weighted_power
from confed.institutions.report import institutions_at
from confed.institutions.route import route
from confed.options import print_json
from confed.termtable import Column, plain_number, print_outline, print_table, print_text
from confed.treaty.decision import BodyRule
from confed.treaty.load import problem_from_error
from confed.treaty.permanent_status import HOLY_SITES
from confed.treaty.provisions import site_answer
from confed.yamlfile import load_yaml_file

console = Console(highlight=False)


def _treaty_and_phases(name: str, year: int | None, start_year: int | None):
    from confed.rights.engine import compiled_treaty, entry_year, phase_index

    compiled = compiled_treaty(name)
    start, _ = entry_year(compiled, start_year)
    treaty = compiled.treaty
    if year is None:
        return treaty, start, treaty.phase_order()
    return treaty, start, [compiled.phases[phase_index(compiled, year, start)]]


def _years(treaty, phase: str, start: int) -> str:
    p = treaty.phases[phase]
    return f"{start + p.start}–{start + p.end - 1}" if p.end else f"{start + p.start} on"


@click.command("institutions")
@click.argument("treaty")
@click.option(
    "--year", type=YEAR, help="Only the phase in force in this year (default: every phase)."
)
@click.option("--start-year", type=YEAR, help="Entry into force (default: the treaty's, or 2030).")
@click.option(
    "--cohesion",
    default="0.5",
    show_default=True,
    help="How often a seat follows its side's common leaning, from 0 (independent) to 1: "
    "one value for every side, or per side as IL=0.8,PS=0.6.",
)
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed of the Monte-Carlo.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def institutions_cmd(
    treaty: str, year: int | None, start_year: int | None, cohesion: str, seed: int, as_json: bool
) -> None:
    """Each joint body of TREATY: seats, rule, power per party, and collective equality.

    For every phase (or the one in force in --year) and every body: normalised Banzhaf
    and Shapley–Shubik power summed per party, Coleman's power to act (the passage
    probability when seats vote independently), the passage probability when each
    side votes with the given cohesion, and the collective-equality predicates, each
    failed one with a coalition as counterexample.
    """
    t, start, phases = _treaty_and_phases(treaty, year, start_year)
    sides = _cohesion(cohesion, list(t.states))
    reports = {phase: institutions_at(t, phase, sides, seed) for phase in phases}
    if as_json:
        data = [
            {
                "phase": phase,
                "years": _years(t, phase, start),
                "bodies": [r.as_json() for r in reports[phase]],
            }
            for phase in phases
        ]
        print_json({"treaty": t.id, "start_year": start, "phases": data})
        return
    if not t.bodies:
        from confed.treaty.show_words import ShowWords

        words = ShowWords(t)
        said = _("{treaty} ({id}) sets up no joint bodies.")
        print_text(said.format(treaty=words.text("title"), id=words.data(t.id)))
        return
    from confed.institutions.terminal import print_phase

    for phase in phases:
        print_phase(t, phase, _years(t, phase, start), reports[phase])


def _cohesion(text: str, states: list[str]) -> dict[str, float]:
    """'0.5' for every side, or 'IL=0.8,PS=0.6' per side."""
    try:
        if "=" in text:
            out = {side.strip(): float(v) for side, v in (p.split("=") for p in text.split(","))}
        else:
            out = dict.fromkeys(states, float(text))
    except ValueError:
        out = {}
    if not out or set(out) - set(states) or not all(0 <= v <= 1 for v in out.values()):
        raise ConfedError(
            Problem(
                f"'{text}' is not a cohesion",
                field="--cohesion",
                expected=f"a number from 0 to 1, or per side like {states[0]}=0.8 "
                f"(sides: {', '.join(states)})",
            )
        )
    return out


class BodySpec(BodyRule):
    """A body file for `confed power --body`: seats, a rule, weights, a deadlock rule."""

    name: str | None = None
    source: list[str] | str | None = None
    note: str | None = None

    def game(self) -> Game:
        """The voting game this file describes."""
        return game_for(self.seats, self.rule, self.voting, self.weights, self.deadlock)


def _read_body(path: Path) -> BodySpec:
    data, marks = load_yaml_file(path)
    try:
        return BodySpec.model_validate(data)
    except ValidationError as exc:
        raise ConfedError(
            [problem_from_error(e, marks, BodySpec) for e in exc.errors(include_url=False)][:8]
        ) from None


def _shown(value: object) -> str:
    """A short fraction as it is; a long one as a decimal (the exact value is in --json)."""
    text = str(value)
    return text if len(text) <= 12 else number(float(value), 9)  # type: ignore[arg-type]


INDEX_HEADINGS = (
    N_("Banzhaf"),
    N_("absolute Banzhaf"),
    N_("Shapley–Shubik"),
    N_("power to prevent"),
    N_("power to initiate"),
)
"""The columns of `confed power`, in the order of `Power`'s lists below."""


def _print_power(power: Power, names: list[str]) -> None:
    keys = ("banzhaf", "banzhaf_absolute", "shapley_shubik", "coleman_prevent", "coleman_initiate")
    print_table(
        [Column(_("voter")), *(Column(_(h), "right", whole=True) for h in INDEX_HEADINGS)],
        [
            [isolate(name), *(_shown(getattr(power, key)[i]) for key in keys)]
            for i, name in enumerate(names)
        ],
    )
    act = _("power of the collectivity to act: {fraction} ({decimal})")
    print_text(
        act.format(fraction=_shown(power.coleman_act), decimal=number(float(power.coleman_act), 6))
    )
    exactness = (
        _("Shapley–Shubik within ±{error} of its exact value, the other indices exact").format(
            error=plain_number(power.shapley_shubik_error)
        )
        if power.shapley_shubik_error
        else _("all indices exact")
    )
    said = _("{exactness} ({method}); long fractions are shown as decimals, exactly in {option}")
    print_text(said.format(exactness=exactness, method=_(power.method), option=isolate("--json")))


def _ints(text: str, option: str) -> list[int]:
    try:
        values = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise ConfedError(
            Problem(
                f"'{text}' is not a comma-separated list of whole numbers",
                field=option,
                expected="e.g. 4,4,4,2,2,1",
            )
        ) from None
    if not values or min(values) < 0:
        raise ConfedError(Problem("weights must be whole numbers ≥ 0", field=option))
    return values


@click.command("power")
@click.option("--quota", type=click.IntRange(min=1), help="Votes needed to pass (weighted game).")
@click.option("--weights", help="Comma-separated voting weights, e.g. 4,4,4,2,2,1.")
@click.option("--names", help="Comma-separated voter names (default v1, v2 and so on).")
@click.option(
    "--body",
    "body_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A YAML body file with seats, rule and voting, for any composite rule.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def power_cmd(
    quota: int | None, weights: str | None, names: str | None, body_file: Path | None, as_json: bool
) -> None:
    """Exact power indices of a weighted game or of any body's decision rule.

    \b
    Weighted game (the EEC Council of Ministers, 1958):
      confed power --quota 12 --weights 4,4,4,2,2,1 --names FR,DE,IT,BE,NL,LU
    Composite rule, e.g. a double majority, from a file:
      confed power --body body.yaml     # seats: {IL: 5, PS: 5}
                                        # rule: {each_party: {IL: 3, PS: 3}}

    Indices are listed in seat order: normalised and absolute Banzhaf, Shapley–Shubik,
    Coleman's power to prevent and to initiate, and the body's power to act. JSON gives
    floats, with exact fractions under "exact".
    """
    if body_file is not None:
        if quota is not None or weights is not None:
            raise click.UsageError("give either --body or --quota with --weights, not both")
        spec = _read_body(body_file)
        game = spec.game()
        power = power_of(game)
        seat_names = game.seat_names()
    else:
        if quota is None or weights is None:
            raise click.UsageError("give --quota and --weights, or --body FILE")
        w = _ints(weights, "--weights")
        power = weighted_power(quota, w)
        seat_names = names.split(",") if names else [f"v{i + 1}" for i in range(len(w))]
        if len(seat_names) != len(w):
            raise click.UsageError(f"{len(seat_names)} names for {len(w)} weights")
    if as_json:
        print_json(power.as_json(seat_names))
    else:
        _print_power(power, seat_names)


@click.command("route")
@click.argument("treaty")
@click.option("--domain", help="A competence, e.g. water, customs, external-security.")
@click.option(
    "--site",
    type=click.Choice(list(HOLY_SITES)),
    metavar="SITE",
    help="A holy site instead of a domain: who holds, administers and may enter it. "
    f"SITE is one of: {', '.join(HOLY_SITES)}.",
)
@click.option("--year", type=YEAR, help="Calendar year (default: entry into force).")
@click.option("--start-year", type=YEAR, help="Entry into force (default: the treaty's, or 2030).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def route_cmd(
    treaty: str,
    domain: str | None,
    site: str | None,
    year: int | None,
    start_year: int | None,
    as_json: bool,
) -> None:
    """Who decides DOMAIN under TREATY: the level, the body and its rule, the court.

    With --site, who holds, administers and may enter a holy site, as the text states.
    """
    if (domain is None) == (site is None):
        raise ConfedError(
            Problem(
                "route answers for one domain or one holy site",
                field="--domain/--site",
                expected="exactly one of --domain DOMAIN or --site " + "|".join(HOLY_SITES),
            )
        )
    t, _start, phases = _treaty_and_phases(treaty, year, start_year)
    if site is not None:
        answer = site_answer(t, site)
        if as_json:
            print_json(answer)
            return
        from confed.treaty.show_provisions import site_outline
        from confed.treaty.show_words import ShowWords

        print_outline(site_outline(t, site, ShowWords(t)))
        return
    assert domain is not None
    answer: dict[str, Any] = route(t, domain, phases[0])
    if as_json:
        print_json(answer)
        return
    from confed.institutions.terminal import print_route

    print_route(t, answer)
