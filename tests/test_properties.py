"""Properties over the whole type space, checked with Hypothesis."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from confed.places import places
from confed.rights.engine import People, compiled_treaty, entry_year, rights_for
from confed.treaty.load import shipped_ids
from confed.vocab import PER_STATE_RIGHTS, RIGHTS

SHIPPED = shipped_ids()
CONFEDERATIONS = ["alfa", "dajani-yehuda-2024", "holy-land-confederation"]
OUTPUTS = ["sovereign", "citizenship", *RIGHTS]


def _rows(draw, n):
    n_places = len(places())
    return People(
        np.array(draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)), dtype=np.int8),
        np.array(draw(st.lists(st.integers(0, 5), min_size=n, max_size=n)), dtype=np.int8),
        np.array(
            draw(st.lists(st.integers(0, n_places - 1), min_size=n, max_size=n)), dtype=np.int16
        ),
        np.ones(n),
        np.array(draw(st.lists(st.integers(0, 3), min_size=n, max_size=n)), dtype=np.int8),
    )


@st.composite
def populations(draw):
    return _rows(draw, draw(st.integers(1, 40)))


def _columns(result, states):
    out = {}
    for output in OUTPUTS:
        if output in PER_STATE_RIGHTS:
            for s in states:
                out[f"{output}.{s}"] = result.codes(output, s)
        else:
            out[output] = result.codes(output)
    return out


def test_every_right_is_decided_for_every_type_and_phase():
    for treaty in SHIPPED:
        c = compiled_treaty(treaty)
        assert (c.citizenship.rule >= 0).all()
        for right in RIGHTS:
            for decided in c.outputs[right]:
                assert (decided.rule >= 0).all(), (treaty, right)
                assert (decided.value >= 0).all(), (treaty, right)


@settings(max_examples=60, deadline=None)
@given(people=populations(), treaty=st.sampled_from(SHIPPED), years_in=st.integers(0, 40))
def test_every_row_gets_a_known_value_of_every_output(people, treaty, years_in):
    c = compiled_treaty(treaty)
    start, _ = entry_year(c)
    result = rights_for(people, c, start + years_in)
    for name, codes in _columns(result, c.states).items():
        labels = result.labels(name.split(".")[0])
        assert ((codes >= 0) & (codes < len(labels))).all(), name


@settings(max_examples=60, deadline=None)
@given(
    people=populations(),
    treaty=st.sampled_from(SHIPPED),
    years_in=st.integers(0, 40),
    seed=st.integers(0, 2**32 - 1),
)
def test_rights_do_not_change_when_national_group_is_permuted(people, treaty, years_in, seed):
    c = compiled_treaty(treaty)
    start, _ = entry_year(c)
    before = _columns(rights_for(people, c, start + years_in), c.states)
    permuted = People(
        people.prior_citizenship,
        people.status,
        people.place,
        people.weight,
        np.random.default_rng(seed).permutation(people.group),
    )
    after = _columns(rights_for(permuted, c, start + years_in), c.states)
    for name in before:
        assert np.array_equal(before[name], after[name]), name


def _held_by(treaty: str, state: str) -> list[int]:
    c = compiled_treaty(treaty)
    code = c.sovereign_vocab.index(state)
    return [int(i) for i in np.flatnonzero(c.place_sovereign == code)]


MIRROR = {"IL": "PS", "PS": "IL"}
SWAPPED = {"knesset": "pna", "pna": "knesset", None: None}


@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    treaty=st.sampled_from(CONFEDERATIONS),
    years_in=st.integers(0, 40),
    home=st.sampled_from(["IL", "PS"]),
    ps_status=st.sampled_from(["west-bank", "gaza", "refugee", "jerusalem-resident"]),
)
def test_reciprocity_swapping_il_and_ps_mirrors_the_rights(data, treaty, years_in, home, ps_status):
    """An IL citizen living in state X has the mirror rights of a PS citizen in mirror(X)."""
    c = compiled_treaty(treaty)
    start, _ = entry_year(c)
    a_place = data.draw(st.sampled_from(_held_by(treaty, home)))
    b_place = data.draw(st.sampled_from(_held_by(treaty, MIRROR[home])))
    a = People.one("IL", "israeli-citizen", a_place)
    b = People.one("PS", ps_status, b_place)
    ra, rb = rights_for(a, c, start + years_in), rights_for(b, c, start + years_in)
    for right in PER_STATE_RIGHTS:
        for state in ("IL", "PS"):
            assert ra.values(right, state) == rb.values(right, MIRROR[state]), (right, state)
    vote_a = ra.values("national_vote")[0]
    vote_b = rb.values("national_vote")[0]
    assert SWAPPED[None if vote_a == "none" else vote_a] == (None if vote_b == "none" else vote_b)
    assert (ra.values("local_vote")[0] == "none") == (rb.values("local_vote")[0] == "none")
    for output in ("relocation_required", "movement_restriction"):
        assert ra.values(output) == rb.values(output), output
