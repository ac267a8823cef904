"""The FastAPI application: routers, error handlers, limits and the job runner.

`create_app(store_path)` builds a fresh application; runs go to the same DuckDB store
as the CLI (`store_path`, or the user's default). One process holds the jobs in memory,
so serve it with a single worker.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from confed.api import errors
from confed.api.busy import Slots
from confed.api.docs import router as docs_router
from confed.api.jobs import JobRunner
from confed.api.meta import KEEP_JOBS, MAX_BODY_BYTES, MAX_HEAVY, MAX_JOBS, VERSION
from confed.api.middleware import Bounded, FreshTreaties
from confed.api.run_routes import router as run_router
from confed.api.treaty_routes import router as treaty_router
from confed.i18n.asgi import Language
from confed.web.routes import router as web_router

DESCRIPTION = """\
The confed questions over HTTP: treaties, one person's rights and why, simulations
(as background jobs whose runs are stored), comparisons and power in joint bodies.
The web explorer is at /explorer/.
Every response carries the version in the `X-Confed-Version` header; every error is
`{"error": {message, field, expected, suggestion, location}, "problems": [...], "version"}`.
A model under stated assumptions, not a forecast.
"""


def create_app(store_path: Path | None = None, warm: bool = False) -> FastAPI:
    """A new application whose simulation runs are saved in `store_path`.

    With `warm`, the default comparison page renders in the background as the server
    starts (`confed serve` does), so its first reader gets it at once.
    """
    jobs = JobRunner(limit=MAX_JOBS, keep=KEEP_JOBS)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm:
            from confed.web.comparison_page import warm as render_default

            render_default(store_path)
        yield
        jobs.shutdown()

    app = FastAPI(
        title="confed",
        version=VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by api/docs.py from the package, not from a CDN
        redoc_url=None,
    )
    app.state.store_path = store_path
    app.state.jobs = jobs
    app.state.heavy = Slots(MAX_HEAVY)
    errors.install(app)
    app.include_router(treaty_router)
    app.include_router(run_router)
    app.include_router(web_router)
    app.include_router(docs_router)
    app.add_middleware(Bounded, limit=MAX_BODY_BYTES)
    app.add_middleware(Language)
    app.add_middleware(FreshTreaties)
    return app
