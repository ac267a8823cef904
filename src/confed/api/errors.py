"""Errors as JSON: `{"error": {message, field, expected, suggestion, location}, "version"}`.

A `ConfedError` (a user mistake the CLI would report with exit code 2) becomes 422, and
404 when it names an unknown treaty; an `ApiError` carries its own status (404 for an
unknown run or job, 413 for a too large request, 429 when busy). Pydantic's validation
errors name the offending field.
Anything unexpected is a 500 with a one-line message: a traceback is never sent.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from confed.api.meta import VERSION
from confed.errors import ConfedError, Problem, did_you_mean
from confed.treaty.load import UnknownTreaty


class ApiError(Exception):
    """A request the API refuses, with the HTTP status and the located problems."""

    def __init__(
        self,
        status: int,
        problems: Problem | Iterable[Problem],
        headers: dict[str, str] | None = None,
    ):
        self.status = status
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.headers = headers
        super().__init__("; ".join(p.message for p in self.problems))


def problem_json(p: Problem) -> dict[str, Any]:
    """One problem with every key present (null when unknown)."""
    where = p.location
    return {
        "message": p.message,
        "field": p.field,
        "expected": p.expected,
        "suggestion": p.suggestion,
        "location": None
        if where is None
        else {"file": where.file, "line": where.line, "column": where.column},
    }


def error_response(
    status: int, problems: list[Problem], headers: dict[str, str] | None = None
) -> JSONResponse:
    """The JSON error body: the first problem under `error`, all of them under `problems`."""
    listed = [problem_json(p) for p in problems] or [problem_json(Problem("error"))]
    return JSONResponse(
        {"error": listed[0], "problems": listed, "version": VERSION},
        status_code=status,
        headers=headers,
    )


_ROOTS = ("body", "query", "path", "header")
_TAGS = ("one", "batch")
"""Tags of the rights request's union, which pydantic puts in an error's location."""


def _expected(kind: str, ctx: dict[str, Any]) -> str | None:
    if "max_length" in ctx:
        return f"at most {ctx['max_length']:,} items"
    if "min_length" in ctx:
        return f"at least {ctx['min_length']:,} items"
    for key, sign in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
        if key in ctx:
            return f"a number {sign} {ctx[key]}"
    if "expected" in ctx:
        return str(ctx["expected"])
    if kind == "extra_forbidden":
        return "only the documented keys (see /openapi.json)"
    return None


def validation_problem(error: dict[str, Any]) -> Problem:
    """A pydantic error on a request as a problem naming the field."""
    if error.get("type") == "json_invalid":
        detail = error.get("ctx", {}).get("error", "")
        at = error.get("loc", ("body", 0))[-1]
        return Problem(
            f"not valid JSON: {detail} (at character {at})".replace(":  (", " ("),
            field="body",
            expected="a well-formed JSON object",
        )
    loc = [str(x) for x in error.get("loc", ())]
    if loc and loc[0] in _ROOTS:
        loc = loc[1:]
    loc = [x for x in loc if x not in _TAGS]
    kind = error.get("type", "")
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    if kind == "extra_forbidden" and loc:
        message = f"unknown key '{loc[-1]}'"
    elif kind == "missing" and loc:
        message = f"missing required key '{loc[-1]}'"
    return Problem(
        message, field=".".join(loc) or None, expected=_expected(kind, error.get("ctx", {}))
    )


def _with_guesses(errors: list[dict[str, Any]]) -> list[Problem]:
    """Problems of one request; an unknown key guesses among the missing keys beside it."""
    problems = [validation_problem(e) for e in errors]
    missing = [p.field for p, e in zip(problems, errors, strict=True) if e["type"] == "missing"]
    out = []
    for p, e in zip(problems, errors, strict=True):
        if e["type"] == "extra_forbidden" and p.field:
            parent, _, key = p.field.rpartition(".")
            beside = [m.rpartition(".")[2] for m in missing if m and m.rpartition(".")[0] == parent]
            p = Problem(p.message, p.location, p.field, p.expected, did_you_mean(key, beside))
        out.append(p)
    return out


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the JSON error body."""

    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.problems, exc.headers)

    @app.exception_handler(ConfedError)
    async def _confed(_: Request, exc: ConfedError) -> JSONResponse:
        return error_response(404 if isinstance(exc, UnknownTreaty) else 422, exc.problems)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, _with_guesses(list(exc.errors()))[:12])

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404:
            message = f"no route {request.method} {request.url.path}"
        return error_response(exc.status_code, [Problem(message)], exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        from confed.crashlog import record

        return error_response(500, [Problem(record(exc, f"{request.method} {request.url.path}"))])
