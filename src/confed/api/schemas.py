"""Request and response bodies of the API, as pydantic models (they make /openapi.json).

Requests forbid unknown keys, so a misspelt key is a 422 naming it rather than a value
silently ignored. Results whose shape is the CLI's `--json` output are plain objects.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from confed.api.meta import MAX_COMPARE_YEARS, MAX_PEOPLE, MAX_VOTERS
from confed.bounds import FIRST_YEAR, LAST_YEAR
from confed.i18n import LANGUAGES
from confed.institutions.commands import BodySpec

TreatyRef = Annotated[
    str | dict[str, Any],
    Field(
        description="A shipped treaty id (see GET /treaties), or a variant written as an "
        "object: `extends: <shipped id>` plus the keys it overrides.",
        examples=["dajani-yehuda-2024"],
    ),
]

Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR, description="A calendar year.")]

Lang = Annotated[
    Literal[LANGUAGES] | None,  # type: ignore[valid-type]
    Field(
        description="Language of the answer's human-readable texts (the reasons, notes and "
        "assumptions); its keys and values stay English. Default: the Accept-Language "
        "header, else English.",
    ),
]


class Request(BaseModel):
    """A request body: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid")


class Person(Request):
    """One person's legal facts and the year asked about."""

    citizenship: str = Field(description="Citizenship before the treaty: IL, PS or none.")
    residence: str = Field(description="A place id, name or alias (e.g. jaffa, Yafo).")
    status: str | None = Field(None, description="Registered status; assumed when omitted.")
    year: Year
    start_year: Year | None = Field(None, description="Entry into force (default: the treaty's).")


class RightsOne(Person):
    """`POST /rights` for one person."""

    treaty: TreatyRef
    lang: Lang = None


class RightsBatch(Request):
    """`POST /rights` for many people under one treaty."""

    treaty: TreatyRef
    people: list[Person] = Field(min_length=1, max_length=MAX_PEOPLE)
    lang: Lang = None


def _rights_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "batch" if "people" in value else "one"
    return "batch" if hasattr(value, "people") else "one"


RightsRequest = Annotated[
    Annotated[RightsOne, Tag("one")] | Annotated[RightsBatch, Tag("batch")],
    Discriminator(_rights_kind),
]


class SimulateRequest(Request):
    """`POST /simulate`: a run of a treaty's transition, started as a job."""

    treaty: TreatyRef
    years: int = Field(30, ge=1, le=200)
    start_year: Year | None = None
    runs: int = Field(1, ge=1, le=1000)
    seed: int = Field(1, ge=0, le=2**63 - 1)
    persons: bool = False
    params: dict[str, float | dict[str, float]] = Field(
        default_factory=dict,
        description="Behaviour parameters (simulate/behaviour.yaml), e.g. "
        '{"settler_leave_share": 0.5, "refugee_choose_israel": {"lebanon": 0.3}}.',
    )


class CompareRequest(Request):
    """`POST /compare`: treaties side by side on one population, horizon and seed."""

    treaties: list[str] | None = Field(None, min_length=1, max_length=20)
    years: int = Field(30, ge=1, le=MAX_COMPARE_YEARS)
    seed: int = Field(1, ge=0, le=2**63 - 1)
    map_year: Year | None = None
    start_year: Year | None = Field(
        None,
        description="First calendar year for every treaty (default: the latest entry into "
        "force among them).",
    )


class PowerRequest(Request):
    """`POST /power`: a weighted game (`quota`, `weights`) or a body (`body`)."""

    quota: int | None = Field(None, ge=1)
    weights: list[Annotated[int, Field(ge=0)]] | None = Field(
        None, min_length=1, max_length=MAX_VOTERS
    )
    names: list[str] | None = None
    body: BodySpec | None = Field(
        None, description="Seats per party, a decision rule and voting, as `confed power --body`."
    )


class Progress(BaseModel):
    """Simulated years done out of the total (years × runs)."""

    done: int
    total: int


class Job(BaseModel):
    """A simulation job; `result` when done, `error` when failed."""

    job_id: str
    status: str = Field(description="queued, running, done or failed")
    progress: Progress
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    version: str


class TreatySummary(BaseModel):
    """A shipped treaty in `GET /treaties`."""

    id: str
    framework: str
    title: str
    phases: int


class TreatyList(BaseModel):
    """`GET /treaties`."""

    treaties: list[TreatySummary]
    version: str


class ErrorDetail(BaseModel):
    """One problem with a request."""

    message: str
    field: str | None
    expected: str | None
    suggestion: str | None
    location: dict[str, Any] | None


class ErrorBody(BaseModel):
    """Every error response: the first problem, all problems, the version."""

    error: ErrorDetail
    problems: list[ErrorDetail]
    version: str


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (404, 413, 422, 429)
}
"""The documented error responses of every route."""
