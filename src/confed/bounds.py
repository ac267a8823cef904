"""The domains of the numbers a user gives, checked at the edge (CLI and API alike).

A calendar year outside them, or a negative seed, is refused with a located error before
any work, so no request loops for ever or asks for memory it cannot have.
"""

from __future__ import annotations

import click

FIRST_YEAR = 1948
"""The earliest calendar year confed answers for."""
LAST_YEAR = 2200
"""The latest calendar year confed projects to (a treaty's entry into force included)."""
MAX_SEED = 2**63 - 1
"""The largest random seed (seeds are 0 or more)."""

YEAR = click.IntRange(FIRST_YEAR, LAST_YEAR)
"""A calendar year on the command line."""
SEED = click.IntRange(0, MAX_SEED)
"""A random seed on the command line."""
