"""A fingerprint of every yearly value of every shipped treaty's runs, to compare two checkouts.

Runs each shipped treaty 30 years in cohort mode and 8 years in person mode (seed 3)
and prints the first 16 hex digits of the SHA-256 of each run's stored values. A change
that keeps the random stream and every number prints the same lines as the code before
it: run it with `PYTHONPATH=OTHER/src` for the other side and `diff` the outputs.

Run: python benchmarks/hash_runs.py
"""

from __future__ import annotations

import hashlib

import numpy as np

from confed.rights.engine import compiled_treaty
from confed.simulate.parameters import RunParameters
from confed.simulate.run import simulate
from confed.treaty.load import shipped_ids


def main() -> None:
    """Print `treaty mode fingerprint` for each shipped treaty, cohort then person mode."""
    for name in shipped_ids():
        compiled = compiled_treaty(name)
        for persons in (False, True):
            params = RunParameters(
                years=8 if persons else 30, start_year=2030, persons=persons, seed=3
            )
            values = simulate(compiled, params).values
            digest = hashlib.sha256(b"".join(np.ascontiguousarray(v).tobytes() for v in values))
            print(name, "persons" if persons else "cohort", digest.hexdigest()[:16])


if __name__ == "__main__":
    main()
