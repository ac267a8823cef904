"""Routes that simulate: start a job, poll it, list and read stored runs, compare.

A simulation is checked completely (treaty, bounds, behaviour parameters) before its
job starts, so a bad request stores nothing; a job saves its run in the same DuckDB
store as the CLI only once it has finished.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from confed.api.errors import ApiError
from confed.api.jobs import Busy, Job
from confed.api.meta import MAX_COHORT_YEAR_RUNS, MAX_PERSON_YEARS, VERSION
from confed.api.schemas import ERRORS, CompareRequest, SimulateRequest
from confed.api.schemas import Job as JobBody
from confed.api.treaties import compiled_for, known_ids, shipped, unknown_treaty
from confed.errors import ConfedError, Problem, one_of
from confed.store import MAX_NAME, Store

router = APIRouter(responses=ERRORS)


def _overrides(params: dict[str, float | dict[str, float]]) -> list[str]:
    """`{"a": 1, "b": {"k": 2}}` as the CLI's `a=1`, `b.k=2`."""
    out = []
    for name, value in params.items():
        if isinstance(value, dict):
            out += [f"{name}.{key}={v}" for key, v in value.items()]
        else:
            out.append(f"{name}={value}")
    return out


def _behaviour(params: dict[str, float | dict[str, float]]):
    """The shipped behaviour with the request's overrides; unknown names are refused."""
    from confed.simulate.parameters import Behaviour, default_behaviour, with_overrides

    known = list(Behaviour.model_fields)
    for name in params:
        if name not in known:
            raise ConfedError(
                Problem(
                    f"unknown behaviour parameter '{name}'",
                    field=f"params.{name}",
                    **one_of(name, known),
                )
            )
    try:
        return with_overrides(default_behaviour(), _overrides(params))
    except ConfedError as exc:
        raise ConfedError(
            [Problem(p.message, None, "params", p.expected, p.suggestion) for p in exc.problems]
        ) from None


def _check_size(query: SimulateRequest) -> None:
    if query.persons and (query.years > MAX_PERSON_YEARS or query.runs > 1):
        field = "years" if query.years > MAX_PERSON_YEARS else "runs"
        raise ConfedError(
            Problem(
                f"a person-mode job is limited to {MAX_PERSON_YEARS} years and one run",
                field=field,
                expected=f"years ≤ {MAX_PERSON_YEARS} and runs = 1 with persons, "
                "or cohort mode (persons: false)",
            )
        )
    if query.years * query.runs > MAX_COHORT_YEAR_RUNS:
        raise ConfedError(
            Problem(
                f"years × runs is {query.years * query.runs:,}",
                field="runs",
                expected=f"years × runs ≤ {MAX_COHORT_YEAR_RUNS:,}",
            )
        )


@router.post("/simulate", status_code=202, response_model=JobBody, tags=["simulate"])
def start_simulation(request: Request, response: Response, query: SimulateRequest) -> Any:
    """Start a simulation job (as `confed simulate`); poll `GET /jobs/{id}` for its result.

    At most two jobs are queued or running at once (429 beyond); person mode is
    limited to 30 years and one run, and to one job at a time.
    """
    from confed.rights.engine import entry_year
    from confed.simulate.parameters import RunParameters
    from confed.simulate.run import simulate

    _check_size(query)
    compiled = compiled_for(query.treaty)
    start, _ = entry_year(compiled, query.start_year)
    behaviour = _behaviour(query.params)
    params = RunParameters(
        years=query.years,
        start_year=start,
        runs=query.runs,
        seed=query.seed,
        persons=query.persons,
        behaviour=behaviour,
    )
    store_path = request.app.state.store_path

    def work(job: Job) -> dict[str, Any]:
        result = simulate(compiled, params, job.advance)
        with Store(store_path) as store:
            run_id = store.save_simulation(result)
        return {"run_id": run_id, **result.as_json()}

    jobs = request.app.state.jobs
    return accepted(response, lambda: jobs.submit(work, query.years * query.runs, query.persons))


def accepted(response: Response, submit: Callable[[], Job], field: str = "simulate") -> Any:
    """Start a job with `submit` and answer with it and where to poll; 429 when full."""
    try:
        job = submit()
    except Busy as exc:
        raise ApiError(
            429,
            Problem(str(exc), field=field, expected="a retry when a job has finished"),
            headers={"Retry-After": "10"},
        ) from None
    response.headers["Location"] = f"/jobs/{job.job_id}"
    return job_body(job)


def job_body(job: Job) -> dict[str, Any]:
    """A job as the API shows it: status, progress, and result or error when finished."""
    return {
        "job_id": job.job_id,
        "status": job.status,
        "progress": {"done": job.done, "total": job.total},
        "result": job.result,
        "error": job.error,
        "version": VERSION,
    }


@router.get("/jobs/{job_id}", response_model=JobBody, tags=["simulate"])
def job_status(request: Request, job_id: str) -> Any:
    """A job's status (queued, running, done, failed), progress, and result when done."""
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise ApiError(
            404,
            Problem(
                f"no job '{job_id}'",
                field="job",
                expected="an id returned by POST /simulate (finished jobs are kept a while; "
                "their runs stay in GET /runs)",
            ),
        )
    return job_body(job)


@router.get("/runs", tags=["runs"])
def list_runs(request: Request) -> dict[str, Any]:
    """The stored runs, newest first, with what reproduces each (as `confed runs --json`)."""
    with Store(request.app.state.store_path) as store:
        runs = store.runs()
    return {"runs": [r.as_json() for r in runs], "version": VERSION}


class RunName(BaseModel):
    """A run's new name (empty: remove it)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=MAX_NAME, description="Shown instead of the run's id.")


@router.put("/runs/{run_id}/name", tags=["runs"])
def name_run(request: Request, run_id: str, body: RunName) -> dict[str, Any]:
    """Name a stored run (or a scenario's run); the name is shown instead of its id."""
    with Store(request.app.state.store_path) as store:
        try:
            record = store.name_run(run_id, body.name)
        except ConfedError as exc:
            status = 404 if exc.problems[0].message.startswith("no run") else 422
            raise ApiError(status, exc.problems) from None
    return {**record.as_json(), "version": VERSION}


@router.get("/runs/{run_id}", tags=["runs"])
def run_results(request: Request, run_id: str) -> dict[str, Any]:
    """A stored run's results grouped by run and year (as `confed results --json`)."""
    with Store(request.app.state.store_path) as store:
        try:
            record = store.run(run_id)
        except ConfedError as exc:
            status = 404 if exc.problems[0].message.startswith("no run") else 422
            raise ApiError(status, exc.problems) from None
        rows = store.results(record.run_id)
    years: dict[tuple[int, int], dict[str, dict[str, float]]] = {}
    for mc_run, year, metric, key, value in rows:
        years.setdefault((mc_run, year), {}).setdefault(metric, {})[key] = value
    return {
        "run_id": record.run_id,
        "name": record.name,
        "treaty": record.treaty,
        "treaty_hash": record.treaty_hash,
        "parameters": record.parameters,
        "years": [{"run": r, "year": y, **m} for (r, y), m in sorted(years.items())],
        "version": VERSION,
    }


@router.post("/compare", tags=["compare"])
def compare(request: Request, query: CompareRequest) -> dict[str, Any]:
    """Shipped treaties side by side on one population, horizon and seed (cohort mode).

    The dict behind `confed compare`'s reports; all six treaties × 30 years take about
    5 seconds. Nothing is stored.
    """
    from confed.compare.build import comparison

    names = query.treaties or list(known_ids())
    for i, name in enumerate(names):
        if name not in known_ids():
            raise unknown_treaty(name, field=f"treaties.{i}")
        shipped(name)
    with request.app.state.heavy.hold("compare"):
        data = comparison(
            list(dict.fromkeys(names)),
            query.years,
            query.seed,
            map_year=query.map_year,
            start_year=query.start_year,
        )
    return {**data, "version": VERSION}
