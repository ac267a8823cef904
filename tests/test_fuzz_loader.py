"""The treaty loader fuzzed: any variant is loaded or refused with a located error.

A crash (any exception but a ConfedError) is the failure the suite looks for.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from confed.errors import ConfedError
from confed.rights.compile import compile_treaty
from confed.treaty.load import load_treaty

KEYS = ["phases", "quotas", "rights", "bodies", "territory", "jerusalem", "citizenship",
        "states", "intends", "competences", "courts", "security", "entry_into_force",
        "open-movement", "start", "end", "value", "when", "rule", "seats", "per_year",
        "share_per_year", "carry_over", "at_most", "fraction", "from", "until", "source",
        "assumption", "zones", "places", "IL", "PS", "may_reside", "default", "rules"]  # fmt: skip
"""Keys a variant is most likely to touch: the treaty's own, so the fuzzer reaches deep."""

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["yes", "no", "quota", "IL", "PS", "1/0", "5/2", "alfa", "§", "jaffa"]),
    st.text(max_size=12),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=4),
    ),
    max_leaves=12,
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    parent=st.sampled_from(["alfa", "dajani-yehuda-2024", "separation", "status-quo"]),
    changes=st.dictionaries(st.sampled_from(KEYS), values, max_size=4),
)
def test_any_variant_is_loaded_or_refused_with_a_located_error(tmp_path_factory, parent, changes):
    path = tmp_path_factory.mktemp("fuzz") / "variant.yaml"
    text = json.dumps({"extends": parent, **changes}, allow_nan=True)
    path.write_text(text, encoding="utf-8")
    try:
        compile_treaty(load_treaty(path))
    except ConfedError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
