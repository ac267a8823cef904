"""One person's answer: the CLI's and the API's shape of a rights query.

Builds the person from the names a user types (citizenship, place, status), runs the
same engine as a whole population, and returns the keys `confed rights --json` prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from confed.places import places
from confed.rights.asked import choice, registered_status
from confed.rights.because import Answer, answer_of
from confed.rights.compile import CompiledTreaty
from confed.rights.engine import People, checked_treaty, entry_year, rights_for
from confed.rights.explain import explain
from confed.rights.types import some_types
from confed.vocab import PRIOR_CITIZENSHIPS, STATUSES, ZONES


@dataclass(frozen=True)
class Person:
    """The legal facts of one person as a user typed them, checked and resolved."""

    citizenship: str
    status: str
    row: int
    zone: str
    status_note: str | None


def person(citizenship: str, residence: str, status: str | None = None) -> Person:
    """Check the names a user typed; assume the usual status when none is given."""
    citizenship = choice(citizenship, PRIOR_CITIZENSHIPS, "citizenship")
    row = places().resolve(residence)
    zone = ZONES[places().zone[row]]
    status, status_note = registered_status(citizenship, zone, status)
    return Person(citizenship, status, row, zone, status_note)


def one_answer(
    treaty: str,
    citizenship: str,
    residence: str,
    year: int,
    status: str | None = None,
    start_year: int | None = None,
) -> tuple[Answer, CompiledTreaty]:
    """One person's answer without compiling the treaty over every person type.

    The treaty is loaded and checked, then its rights are compiled over this person's
    type only: the same answer and trace as the whole compile (tests compare them), but
    totality and conflicts are checked for this type only (`confed validate` proves
    the whole space).
    """
    loaded = checked_treaty(treaty)
    who = person(citizenship, residence, status)
    space = some_types(
        places(),
        [PRIOR_CITIZENSHIPS.index(who.citizenship)],
        [STATUSES.index(who.status)],
        [who.row],
    )
    compiled = CompiledTreaty(loaded, places(), space)
    return _answer(compiled, who, year, start_year), compiled


def answer_for(
    compiled: CompiledTreaty,
    citizenship: str,
    residence: str,
    year: int,
    status: str | None = None,
    start_year: int | None = None,
) -> Answer:
    """Rights of one person, keyed as `confed rights --json` documents."""
    return _answer(compiled, person(citizenship, residence, status), year, start_year)


def _answer(compiled: CompiledTreaty, who: Person, year: int, start_year: int | None) -> Answer:
    start, start_from = entry_year(compiled, start_year)
    result = rights_for(People.one(who.citizenship, who.status, who.row), compiled, year, start)
    when = {
        "treaty": compiled.treaty.id,
        "year": year,
        "start_year": start,
        "start_year_source": start_from,
        "phase": compiled.phases[result.phase],
    }
    person = {
        "citizenship": who.citizenship,
        "status": who.status,
        "status_assumed": who.status_note,
        "residence": places().ids[who.row],
        "zone": who.zone,
    }
    return answer_of(
        when,
        person,
        compiled.states,
        lambda output, state: result.values(output, state)[0],
        explain(result, 0, start),
    )
