"""Routes about treaties and one person: show, validate, verify, rights, institutions, power.

Each computing route is a plain function, so FastAPI runs it on a worker thread and
the event loop stays free; the heavy ones hold a slot (see `busy.py`).
"""

from __future__ import annotations

import json
import math
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from confed.api.errors import ApiError
from confed.api.meta import MAX_BODY_SEATS, MAX_GAME_VECTORS, MAX_TOTAL_WEIGHT, VERSION
from confed.api.schemas import (
    ERRORS,
    PowerRequest,
    RightsBatch,
    RightsOne,
    RightsRequest,
    TreatyList,
)
from confed.errors import ConfedError, Location, Problem
from confed.i18n import current, using
from confed.rights.engine import compiled_shipped
from confed.rights.variants import compiled_for, compiled_text
from confed.treaty.citations import citation_counts, sources_of
from confed.treaty.load import shipped_ids

router = APIRouter(responses=ERRORS)

TEXT_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "application/json")


@router.get("/treaties", response_model=TreatyList, tags=["treaties"])
def list_treaties() -> dict[str, Any]:
    """The shipped treaties: id, framework, title and number of phases."""
    rows = []
    for tid in shipped_ids():
        t = compiled_shipped(tid).treaty
        rows.append(
            {"id": tid, "framework": t.framework, "title": t.title, "phases": len(t.phases)}
        )
    return {"treaties": rows, "version": VERSION}


@router.get("/treaties/{treaty_id}", tags=["treaties"])
def show_treaty(treaty_id: str) -> dict[str, Any]:
    """A shipped treaty merged with what it extends (as `confed show --json`), and its sources."""
    t = compiled_shipped(treaty_id).treaty
    return {
        "treaty": t.model_dump(mode="json", by_alias=True, exclude_none=True),
        "sources": sources_of(t),
        "version": VERSION,
    }


@router.post(
    "/treaties/validate",
    tags=["treaties"],
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "A treaty file, usually `extends: <shipped id>` plus overrides.",
            "content": {kind: {"schema": {"type": "string"}} for kind in TEXT_TYPES},
        }
    },
)
async def validate_treaty(request: Request) -> dict[str, Any]:
    """Check a treaty sent as YAML or JSON: schema, references, phases, totality of rights.

    A valid treaty gives `valid: true` and a summary; an invalid one 422 with every
    problem located by line and column in the request (file `request`).
    """
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in TEXT_TYPES:
        raise ApiError(
            415,
            Problem(
                f"cannot read a treaty sent as '{kind or 'no content type'}'",
                field="Content-Type",
                expected=", ".join(TEXT_TYPES),
            ),
        )
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfedError(Problem("the body is not UTF-8 text", field="body")) from None
    if kind == "application/json":
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfedError(
                Problem(
                    f"not valid JSON: {exc.msg}",
                    Location("request", exc.lineno, exc.colno),
                    expected="well-formed JSON",
                )
            ) from None
    with request.app.state.heavy.hold("validate"):  # proving a treaty takes a slot
        return await run_in_threadpool(_validated, text)


def _validated(text: str) -> dict[str, Any]:
    compiled = compiled_text(text)
    t = compiled.treaty
    counts = citation_counts(t)
    return {
        "valid": True,
        "id": t.id,
        "title": t.title,
        "framework": t.framework,
        "files": list(compiled.loaded.files),
        "content_hash": compiled.loaded.content_hash,
        "phases": len(t.phases),
        "person_types": compiled.space.size,
        "rights_total_and_conflict_free": True,
        "clauses": counts.clauses,
        "clauses_with_assumption": counts.assumptions,
        "version": VERSION,
    }


@router.post("/rights", tags=["rights"])
async def rights(request: Request, query: Annotated[RightsRequest, Body()]) -> JSONResponse:
    """One person's rights with the reasons (as `confed rights --json`), or a batch's.

    A batch (`people`, at most 10,000) answers in order under `answers`; a mistake in
    any person refuses the whole batch, naming the person (`people.3.residence`).
    """
    if isinstance(query, RightsBatch) or not isinstance(query.treaty, str):
        data = await run_in_threadpool(_rights, request, query)
    else:  # one person under a compiled treaty: about 0.4 ms, cheaper than a thread hop
        data = _rights(request, query)
    return JSONResponse(data)


def _rights(request: Request, query: RightsOne | RightsBatch) -> dict[str, Any]:
    with using(query.lang or current()):
        return _answers(request, query)


def _answers(request: Request, query: RightsOne | RightsBatch) -> dict[str, Any]:
    from confed.rights.answer import answer_for

    compiled = compiled_for(query.treaty)
    if isinstance(query, RightsOne):
        answer = answer_for(
            compiled, query.citizenship, query.residence, query.year, query.status, query.start_year
        )
        return {**answer.data, "version": VERSION}
    answers = []
    with request.app.state.heavy.hold("people"):
        for i, p in enumerate(query.people):
            try:
                answer = answer_for(
                    compiled, p.citizenship, p.residence, p.year, p.status, p.start_year
                )
            except ConfedError as exc:
                raise ConfedError([_in_person(i, problem) for problem in exc.problems]) from None
            answers.append(answer.data)
    return {"treaty": compiled.treaty.id, "answers": answers, "version": VERSION}


def _in_person(i: int, p: Problem) -> Problem:
    field = f"people.{i}.{p.field}" if p.field else f"people.{i}"
    return Problem(p.message, p.location, field, p.expected, p.suggestion)


@router.get("/verify/{treaty_id}", tags=["treaties"])
def verify_treaty(treaty_id: str) -> dict[str, Any]:
    """Every invariant, as `confed verify --json` gives it.

    A goal the text claims is met or not met; a property it does not claim is a
    measured fact that holds or does not hold.
    """
    from confed.verify.invariants import verify

    compiled = compiled_shipped(treaty_id)
    return {
        "treaty": compiled.treaty.id,
        "invariants": [v.as_json() for v in verify(compiled)],
        "version": VERSION,
    }


@router.get("/institutions/{treaty_id}", tags=["institutions"])
def institutions(
    treaty_id: str,
    year: Annotated[int | None, Query(ge=1, le=9999, description="Only this year's phase.")] = None,
    start_year: Annotated[int | None, Query(ge=1, le=9999)] = None,
    cohesion: Annotated[float, Query(ge=0, le=1, description="Cohesion of every side.")] = 0.5,
    seed: Annotated[int, Query(ge=0, le=2**32 - 1)] = 0,
) -> dict[str, Any]:
    """Each joint body by phase: seats, rule, power per party, passage, equality checks."""
    from confed.institutions.report import institutions_at
    from confed.rights.engine import entry_year, phase_index

    compiled = compiled_shipped(treaty_id)
    t = compiled.treaty
    start, _ = entry_year(compiled, start_year)
    phases = (
        t.phase_order() if year is None else [compiled.phases[phase_index(compiled, year, start)]]
    )
    sides = dict.fromkeys(t.states, cohesion)
    data = []
    for phase in phases:
        p = t.phases[phase]
        span = f"{start + p.start}–{start + p.end - 1}" if p.end else f"{start + p.start} on"
        bodies = [r.as_json() for r in institutions_at(t, phase, sides, seed)]
        data.append({"phase": phase, "years": span, "bodies": bodies})
    return {"treaty": t.id, "start_year": start, "phases": data, "version": VERSION}


@router.get("/holy-sites/{treaty_id}", tags=["institutions"])
def holy_sites(
    treaty_id: str,
    site: Annotated[str | None, Query(description="One site id; every site if left out.")] = None,
) -> dict[str, Any]:
    """Who holds, administers and may enter each holy site (as `confed route --site`)."""
    from confed.errors import one_of
    from confed.treaty.permanent_status import HOLY_SITES
    from confed.treaty.provisions import site_answer

    t = compiled_shipped(treaty_id).treaty
    if site is not None and site not in HOLY_SITES:
        raise ConfedError(
            Problem(f"no holy site '{site}'", field="site", **one_of(site, list(HOLY_SITES)))
        )
    sites = [site] if site is not None else list(HOLY_SITES)
    return {"treaty": t.id, "sites": [site_answer(t, s) for s in sites], "version": VERSION}


@router.post("/power", tags=["institutions"])
def power(request: Request, query: PowerRequest) -> dict[str, Any]:
    """Exact power indices of a weighted game, or of a body's decision rule.

    Floats under the index names, exact fractions under `exact` (as `confed power --json`).
    """
    from confed.institutions.game import threshold_form
    from confed.institutions.power import power_of, weighted_power

    if query.body is not None:
        if query.quota is not None or query.weights is not None:
            raise ConfedError(
                Problem("give either body or quota with weights, not both", field="body")
            )
        spec = query.body
        game = spec.game()
        if game.n > MAX_BODY_SEATS:
            raise ConfedError(
                Problem(
                    f"this body has {game.n:,} seats voting one by one",
                    field="body.seats",
                    expected=f"at most {MAX_BODY_SEATS:,} (fewer seats, bloc voting, "
                    "or `confed power --body` on your own machine)",
                )
            )
        vectors = math.prod(n + 1 for n in game.sizes)
        if vectors > MAX_GAME_VECTORS and threshold_form(game) is None:
            raise ConfedError(
                Problem(
                    f"this body has {vectors:,} yes-count vectors to enumerate",
                    field="body.seats",
                    expected=f"at most {MAX_GAME_VECTORS:,} (fewer seats, or bloc voting)",
                )
            )
        with request.app.state.heavy.hold("body"):
            result = power_of(game)
        return {**result.as_json(game.seat_names()), "version": VERSION}
    if query.quota is None or query.weights is None:
        field = "quota" if query.quota is None else "weights"
        raise ConfedError(
            Problem(f"missing '{field}'", field=field, expected="quota with weights, or body")
        )
    total = sum(query.weights)
    if total > MAX_TOTAL_WEIGHT:
        raise ConfedError(
            Problem(
                f"the weights add up to {total:,}",
                field="weights",
                expected=f"a total weight of at most {MAX_TOTAL_WEIGHT:,}",
            )
        )
    names = query.names or [f"v{i + 1}" for i in range(len(query.weights))]
    if len(names) != len(query.weights):
        raise ConfedError(
            Problem(
                f"{len(names)} names for {len(query.weights)} weights",
                field="names",
                expected="one name per weight",
            )
        )
    with request.app.state.heavy.hold("weights"):
        result = weighted_power(query.quota, query.weights)
    return {**result.as_json(names), "version": VERSION}
