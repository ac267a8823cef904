"""The explorer's routes: its pages under /explorer, its shipped assets, and the scenario job.

Pages answer in HTML, errors included (a page that says what was wrong and where);
the scenario job answers in the API's JSON, since the page's script reads it.
"""

from __future__ import annotations

import gzip
from collections import OrderedDict
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from confed.api.errors import ApiError
from confed.api.meta import MAX_COMPARE_YEARS
from confed.compare.html import CSS as REPORT_CSS
from confed.compare.uncertainty import CSS as UNCERTAINTY_CSS
from confed.compare.widgets import FILTER_CSS, REPORT_JS
from confed.errors import ConfedError, Problem
from confed.i18n import N_, _, current
from confed.treaty.freshness import on_treaty_change
from confed.treaty.load import UnknownTreaty
from confed.web.fields import int_field
from confed.web.layout import error_page, esc, href, html
from confed.web.scenario import ScenarioEdit
from confed.web.sensitivity_page import SensitivityEdit

router = APIRouter(include_in_schema=False)

ASSETS = {"explorer.css": "text/css", "explorer.js": "text/javascript"}
"""The files in web/static/ the explorer serves, with their media types."""


def _page(
    title: str, current: str, build: Callable[[], tuple[str, int]], scripts: tuple[str, ...] = ()
) -> HTMLResponse:
    """Render a page, or an error page naming what was wrong (404 unknown, 422 invalid)."""
    title = _(title)
    try:
        body, status = build()
    except ApiError as exc:
        return error_page(exc.status, title, exc.problems, current)
    except ConfedError as exc:
        status = 404 if isinstance(exc, UnknownTreaty) else 422
        return error_page(status, title, exc.problems, current)
    return html(title, body, current, status, scripts)


_KEPT: OrderedDict[tuple, tuple[bytes, bytes]] = OrderedDict()
"""Rendered pages that depend only on their key: the HTML and its gzip, the last 32."""
on_treaty_change(_KEPT.clear)


async def _kept(request: Request, key: tuple, render: Callable[[], Response]) -> Response:
    """A page rendered once per `key` and sent compressed to clients that accept it.

    The comparison page is several megabytes of HTML (about 300 kB gzipped), so a burst
    of readers costs neither rendering nor compressing again, and a kept page is sent
    from the event loop without a thread.
    """
    key = (*key, current())  # the same address renders in each language
    if key not in _KEPT:  # rendering may compute: off the event loop
        response = await run_in_threadpool(render)
        if response.status_code != 200:
            return response
        _KEPT[key] = (bytes(response.body), gzip.compress(bytes(response.body), 5))
        while len(_KEPT) > 32:
            _KEPT.popitem(last=False)
    raw, packed = _KEPT[key]
    media = "text/html; charset=utf-8"
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding, Accept-Language"}
        return Response(packed, media_type=media, headers=headers)
    return Response(raw, media_type=media, headers={"Vary": "Accept-Encoding, Accept-Language"})


@router.get("/")
def home() -> RedirectResponse:
    """The explorer's first page."""
    return RedirectResponse("/explorer/")


@router.get("/explorer/static/{name}")
def asset(name: str) -> Response:
    """A shipped stylesheet or script (never fetched from elsewhere)."""
    headers = {"Cache-Control": "max-age=3600"}
    if name == "report.css":
        css = REPORT_CSS + UNCERTAINTY_CSS + FILTER_CSS
        return Response(css, media_type="text/css", headers=headers)
    if name == "report.js":
        return Response(REPORT_JS, media_type="text/javascript", headers=headers)
    if name not in ASSETS:
        raise ApiError(404, Problem(f"no asset '{name}'", field="name", expected=", ".join(ASSETS)))
    text = resources.files("confed.web").joinpath("static", name).read_text(encoding="utf-8")
    return Response(text, media_type=ASSETS[name], headers=headers)


def _horizon(years: str | None, seed: str | None, default_years: int) -> tuple[int, int]:
    """The comparison's horizon and seed from the page's query, checked."""
    n = int_field(years, "years", 1, MAX_COMPARE_YEARS, default_years)
    return n, int_field(seed, "seed", 0, 2**63 - 1, 1)


def _written(store: Path | None) -> float | None:
    """When the run store was last written: a page showing stored runs is kept until then."""
    return store.stat().st_mtime if store is not None and store.exists() else None


@router.get("/explorer/")
async def comparison_page(request: Request, years: str | None = None, seed: str | None = None):
    """Every shipped treaty side by side: invariants, metrics over time, bodies, map."""
    from confed.web.comparison_page import DEFAULT_YEARS, comparison_body, is_ready

    store = request.app.state.store_path

    def build() -> tuple[str, int]:
        n, s = _horizon(years, seed, DEFAULT_YEARS)
        if is_ready(n, s, store):  # rendered already: no slot needed
            return comparison_body(n, s, store), 200
        with request.app.state.heavy.hold("compare"):
            return comparison_body(n, s, store), 200

    key = ("compare", years, seed, store, _written(store))
    return await _kept(request, key, lambda: _page("Comparison", "compare", build))


@router.get("/explorer/compare/{section}")
async def comparison_section_page(
    request: Request,
    section: str,
    years: str | None = None,
    seed: str | None = None,
    part: str | None = None,
):
    """One later section of the comparison, as a page (with `part`: the HTML inserted).

    The comparison page's script fetches the part; its "open this section on its own"
    link leads to the page.
    """
    from confed.compare.html import SECTIONS
    from confed.web.comparison_page import DEFAULT_YEARS, comparison_section, is_ready

    store = request.app.state.store_path

    def render() -> Response:
        try:
            n, s = _horizon(years, seed, DEFAULT_YEARS)
        except ConfedError as exc:
            return error_page(422, "Comparison", exc.problems, "compare")
        if is_ready(n, s, store):  # rendered with the page: no slot needed
            html = comparison_section(n, s, store, section)
        else:
            with request.app.state.heavy.hold("compare"):
                html = comparison_section(n, s, store, section)
        if html is None:
            problem = Problem(f"no section '{section}'", field="section")
            return error_page(404, "Comparison", [problem], "compare")
        if part is None:
            title = _(dict(SECTIONS)[section])
            whole = esc(href(f"/explorer/?years={n}&seed={s}"))
            link = esc(_("The whole comparison"))
            own = f'<h1>{esc(title)}</h1><p><a href="{whole}">{link}</a></p>'
            return _page(title, "compare", lambda: (own + html, 200))
        return HTMLResponse(html)

    key = ("section", section, years, seed, part is None, store, _written(store))
    return await _kept(request, key, render)


@router.get("/explorer/claims")
async def claims_page(request: Request, years: str | None = None, seed: str | None = None):
    """The arguments as measurable claims, the published polls, and work across the border."""
    from confed.web.claims_page import claims_body
    from confed.web.comparison_page import DEFAULT_YEARS

    store = request.app.state.store_path

    def build() -> tuple[str, int]:
        n, s = _horizon(years, seed, DEFAULT_YEARS)
        with request.app.state.heavy.hold("compare"):
            return claims_body(n, s, store), 200

    key = ("claims", years, seed, store, _written(store))
    return await _kept(request, key, lambda: _page("Claims", "claims", build))


@router.get("/explorer/treaties")
async def treaties_page(request: Request):
    """The shipped treaties."""
    from confed.web.treaty_page import treaties_body

    page = lambda: _page("Treaties", "treaties", lambda: (treaties_body(), 200))  # noqa: E731
    return await _kept(request, ("treaties",), page)


@router.get("/explorer/treaties/{treaty_id}")
async def treaty_page(request: Request, treaty_id: str):
    """One treaty: timeline, rights per phase, bodies and their power, sources."""
    from confed.web.treaty_page import treaty_body, treaty_title

    def page() -> Response:
        return _page(treaty_title(treaty_id), "treaties", lambda: (treaty_body(treaty_id), 200))

    return await _kept(request, ("treaty", treaty_id), page)


@router.get("/explorer/rights")
async def rights_page(request: Request):
    """The rights calculator, with the answer when the form was sent."""
    from confed.web.rights_page import rights_body

    query = dict(request.query_params)
    page = lambda: _page("Rights calculator", "rights", lambda: rights_body(query))  # noqa: E731
    return await _kept(request, ("rights", *sorted(query.items())), page)


@router.get("/explorer/scenario")
def scenario_page(treaty: str | None = None):
    """The scenario editor for a treaty."""
    from confed.web.scenario_page import scenario_body

    return _page(
        "Scenario editor",
        "scenario",
        lambda: (scenario_body(treaty), 200),
        ("/explorer/static/explorer.js",),
    )


@router.post("/explorer/scenario/run", status_code=202)
async def run_scenario(request: Request, response: Response, edit: ScenarioEdit) -> dict:
    """Check a scenario and start its job; poll `GET /jobs/{id}`, whose result links the runs."""
    from confed.api.run_routes import accepted
    from confed.web.scenario_page import scenario_work

    app = request.app.state
    work, total = await run_in_threadpool(scenario_work, app.store_path, edit)
    return accepted(response, lambda: app.jobs.submit(work, total), "scenario")


@router.get("/explorer/sensitivity")
async def sensitivity_page(request: Request, treaty: str | None = None):
    """Narrow or widen a treaty's stated ranges and sweep them against the stated ones."""
    from confed.web.sensitivity_page import sensitivity_body

    def page() -> Response:
        return _page(
            N_("Sensitivity"),
            "sensitivity",
            lambda: (sensitivity_body(treaty), 200),
            ("/explorer/static/explorer.js",),
        )

    return await _kept(request, ("sensitivity", treaty), page)


@router.post("/explorer/sensitivity/run", status_code=202)
async def run_sensitivity(request: Request, response: Response, edit: SensitivityEdit) -> dict:
    """Check the ranges and start the two sweeps; poll `GET /jobs/{id}` for the result page."""
    from confed.api.run_routes import accepted
    from confed.web.sensitivity_page import sensitivity_work

    app = request.app.state
    work, total = await run_in_threadpool(sensitivity_work, app.store_path, edit)
    return accepted(response, lambda: app.jobs.submit(work, total), "sensitivity")


@router.get("/explorer/sensitivity/result")
def sensitivity_result(request: Request, stated: str, edited: str):
    """The stated ranges' sweep and the edited one, side by side."""
    from confed.web.sensitivity_page import result_body

    def build() -> tuple[str, int]:
        try:
            return result_body(request.app.state.store_path, stated, edited), 200
        except ConfedError as exc:
            raise ApiError(404, exc.problems) from None

    return _page(N_("Sensitivity result"), "sensitivity", build)


@router.get("/explorer/runs")
def runs_page(request: Request):
    """The runs in the store, newest first."""
    from confed.web.runs_page import runs_body

    return _page("Run history", "runs", lambda: (runs_body(request.app.state.store_path), 200))


@router.get("/explorer/runs/{run_id}")
def run_page(request: Request, run_id: str, against: str | None = None):
    """One stored run, or its change against another."""
    from confed.web.runs_page import run_body

    def build() -> tuple[str, int]:
        try:
            return run_body(request.app.state.store_path, run_id, against), 200
        except ConfedError as exc:
            if exc.problems[0].message.startswith("no run"):
                raise ApiError(404, exc.problems) from None
            raise

    return _page(_("Run {run}").format(run=run_id[:12]), "runs", build)


@router.post("/explorer/runs/{run_id}/name")
async def name_run_page(request: Request, run_id: str):
    """Name a run from its page's form, then show the run again."""
    from urllib.parse import parse_qs

    from confed.store import Store

    name = parse_qs((await request.body()).decode("utf-8")).get("name", [""])[0]

    def save() -> Response:
        try:
            with Store(request.app.state.store_path) as store:
                record = store.name_run(run_id, name)
        except ConfedError as exc:
            status = 404 if exc.problems[0].message.startswith("no run") else 422
            return error_page(status, "Run history", exc.problems, "runs")
        return RedirectResponse(href(f"/explorer/runs/{record.run_id}"), status_code=303)

    return await run_in_threadpool(save)
