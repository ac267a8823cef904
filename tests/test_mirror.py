"""The mirror test: a treaty and its image with the two states swapped give mirror results.

The image is built from a shipped treaty by swapping the state ids IL and PS wherever
they occur (states, territory, Jerusalem's councils, quotas, the `when:` conditions of
every rule, bodies' seats and rules, courts, security). A person type is mirrored by
swapping its prior citizenship (IL <-> PS) and keeping its registered status and place.
Then, over the whole type space and every phase:

- each per-state right of a type toward state s equals the image's right of the
  mirrored type toward the swapped state; citizenship comes out swapped; national and
  local votes (assembly and council ids travel with their state), relocation, movement
  restriction and courts come out equal;
- every invariant that does not name a state has the same status in both.

What cannot be mirrored is stated, not tested: registered statuses and zones are not
symmetric (there is no Palestinian counterpart of 'israeli-citizen', nor of the
'israel' zone), so a swapped type with status 'israeli-citizen' and prior citizenship PS
is incoherent, and the invariants that read a named state or its statuses
(`reciprocity`, `citizens-of-israel-keep-status`, `national-majority-in-each-state`,
`self-determination`) are excluded. The population is asymmetric too (its sizes, groups
and homes are those of the real land), so simulated metrics of a treaty and its image
differ in general; what mirrors is the per-type rights table every metric is read off,
which this test covers entirely.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from confed.rights.compile import compile_treaty
from confed.rights.engine import People, compiled_treaty, entry_year, rights_for
from confed.rights.types import type_index, type_space
from confed.treaty.inline import load_text
from confed.treaty.load import shipped_ids
from confed.verify.invariants import verify
from confed.vocab import PER_STATE_RIGHTS, PRIOR_CITIZENSHIPS, RIGHTS

SWAP = {"IL": "PS", "PS": "IL"}

NAMES_A_STATE = {
    "reciprocity",
    "citizens-of-israel-keep-status",
    "national-majority-in-each-state",
    "self-determination",
}
"""Invariants that read a named state or its registered statuses: not mirror-symmetric."""

TWO_STATE = [t for t in shipped_ids() if set(compiled_treaty(t).states) == {"IL", "PS"}]


def mirrored(value: Any) -> Any:
    """Every occurrence of IL and PS swapped: as a key, a value, or a dotted path's part.

    Translations name their texts by path (`security.control.PS.note`), so paths swap too.
    """
    if isinstance(value, dict):
        return {mirrored(k): mirrored(v) for k, v in value.items()}
    if isinstance(value, list):
        return [mirrored(v) for v in value]
    if isinstance(value, str) and "." in value and " " not in value:
        return ".".join(SWAP.get(part, part) for part in value.split("."))
    return SWAP.get(value, value) if isinstance(value, str) else value


def image_of(compiled):
    """The treaty with its two states swapped, loaded and compiled like any file."""
    data = compiled.treaty.model_dump(mode="json", by_alias=True, exclude_none=True)
    data.pop("extends", None)
    data = mirrored(data)
    data["id"] = f"{compiled.treaty.id}-mirrored"
    return compile_treaty(load_text(json.dumps(data)))


def image(treaty: str):
    """The mirror image of a shipped treaty."""
    return image_of(compiled_treaty(treaty))


def every_type(c) -> tuple[People, People]:
    """One row per person type, and the same rows with prior citizenship swapped."""
    space = type_space(c.places)
    swap = np.array([PRIOR_CITIZENSHIPS.index(SWAP.get(p, p)) for p in PRIOR_CITIZENSHIPS], np.int8)
    ones = np.ones(space.size)
    rows = People(space.prior, space.status, space.place, ones)
    swapped = People(swap[space.prior], space.status, space.place, ones)
    order = type_index(swapped.prior_citizenship, swapped.status, swapped.place, space.n_places)
    assert sorted(order) == list(range(space.size))  # the mirror is a bijection of types
    return rows, swapped


@pytest.mark.parametrize("treaty", TWO_STATE)
def test_a_treaty_and_its_mirror_give_mirror_rights_for_every_type_and_phase(treaty):
    c, m = compiled_treaty(treaty), image(treaty)
    rows, swapped = every_type(c)
    start, _ = entry_year(c)
    for phase in c.phases:
        year = start + c.treaty.phases[phase].start
        a, b = rights_for(rows, c, year), rights_for(swapped, m, year)
        assert a.values("citizenship") == [SWAP.get(v, v) for v in b.values("citizenship")]
        for right in PER_STATE_RIGHTS:
            for state in ("IL", "PS"):
                assert a.values(right, state) == b.values(right, SWAP[state]), (phase, right)
        for output in (r for r in RIGHTS if r not in PER_STATE_RIGHTS):
            assert a.values(output) == b.values(output), (phase, output)


@pytest.mark.parametrize("treaty", TWO_STATE)
def test_a_treaty_and_its_mirror_get_the_same_verdicts(treaty):
    original = {v.id: v for v in verify(compiled_treaty(treaty))}
    reflected = {v.id: v for v in verify(image(treaty))}
    for invariant, v in original.items():
        if invariant in NAMES_A_STATE:
            continue
        assert (v.status, v.claimed) == (
            reflected[invariant].status,
            reflected[invariant].claimed,
        ), invariant


def test_the_mirror_swaps_conditions_and_seats():
    c = image("separation").treaty
    rules = c.rights.may_reside.rules
    assert rules["limited-refugee-return"].when["state"] == "PS"
    assert c.quotas["refugee-admission-il"].into == "PS"
    assert c.territory.zones["israel"] == "PS"
    assert c.security.control["IL"].external == "multinational-force"


def test_the_comparison_sees_a_one_sided_rule():
    """A rule for one state's citizens only is mirrored in its image, not in the plain one."""
    c = compiled_treaty("alfa")
    rows, swapped = every_type(c)
    tilted = compile_treaty(
        load_text(
            "extends: alfa\nid: tilted\nrights:\n  may_work:\n    exceptions:\n"
            "      one-sided:\n        when: {state: IL, citizenship: PS}\n        value: no\n"
            "        assumption: test\n"
        )
    )
    m = image_of(tilted)
    year = entry_year(c)[0]
    a, b = rights_for(rows, tilted, year), rights_for(swapped, m, year)
    assert a.values("may_work", "IL") == b.values("may_work", "PS")  # the image mirrors it
    plain = rights_for(swapped, image("alfa"), year)
    assert a.values("may_work", "IL") != plain.values("may_work", "PS")
