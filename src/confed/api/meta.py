"""The version every response carries, and the limits that keep one request bounded.

The limits are chosen from the measured costs in benchmarks/README.md so that no
single request holds a worker for more than a few seconds (simulations run as jobs).
"""

from __future__ import annotations

from importlib.metadata import version

VERSION = version("confed")
"""The installed confed version, sent as the `X-Confed-Version` header and `version` field."""

VERSION_HEADER = "X-Confed-Version"

MAX_BODY_BYTES = 2 * 1024 * 1024
"""Largest request body accepted (413 beyond)."""

MAX_PEOPLE = 10_000
"""People in one batch rights request (about 4 s of work)."""

MAX_JOBS = 2
"""Simulation jobs queued or running at once (429 beyond)."""

KEEP_JOBS = 100
"""Finished jobs kept for `GET /jobs/{id}`; older ones are forgotten (their runs stay stored)."""

MAX_COHORT_YEAR_RUNS = 3_000
"""years × runs of one cohort-mode job (a cohort year costs about 25 ms)."""

MAX_PERSON_YEARS = 30
"""Years of a person-mode job (about 2 s a year at 20–30 million rows), with one run."""

MAX_COMPARE_YEARS = 60
"""Horizon of a synchronous comparison (all six treaties × 30 years take about 5 s)."""

MAX_VOTERS = 200
"""Voters of a weighted game in `POST /power`."""

MAX_TOTAL_WEIGHT = 10_000
"""Total weight of a weighted game (200 voters × 10,000 weight take about 2 s)."""

MAX_BODY_SEATS = 2_000
"""Seats voting one by one in a body of `POST /power` (2,000 take about 1 s; 10,000 take 80)."""

MAX_GAME_VECTORS = 1_000_000
"""Yes-count vectors of a body's game (the product over parties of seats + 1)."""

MAX_HEAVY = 2
"""Synchronous heavy requests (compare, power, batch rights) computed at once (429 beyond)."""
