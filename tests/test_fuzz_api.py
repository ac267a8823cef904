"""The HTTP API fuzzed from its own OpenAPI description: no request gets a 5xx.

Schemathesis generates requests for every route and method (valid and invalid bodies,
parameters and headers) with a fixed budget per operation; the check is that the server
answers every one without a server error, so each user mistake is a located 4xx.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from confed.server.app import create_app  # noqa: E402

app = create_app(Path(tempfile.mkdtemp(prefix="confed-fuzz-")) / "runs.duckdb")
schema = schemathesis.openapi.from_asgi("/openapi.json", app)

SKIPPED = ("/simulate", "/compare")
"""Routes that start long work (jobs, full comparisons) are fuzzed elsewhere by their
bounds tests; fuzzing them here would spend the budget running simulations."""


@pytest.mark.slow
@schema.exclude(path_regex="^(" + "|".join(SKIPPED) + ")$").parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_server_error(case):
    response = case.call()
    case.validate_response(response, checks=(not_a_server_error,))
