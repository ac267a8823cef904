"""One person's answer compiles one person type: same answer and trace as the whole compile.

`confed rights` compiles a treaty over the asked type only (issue 14, part 5). These
tests compare it with the full compile on a seeded sample of types, in every phase of
every shipped treaty, and check that a gap or conflict for the asked type still fails.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from confed.errors import ConfedError
from confed.places import places
from confed.rights.answer import answer_for, one_answer
from confed.rights.compile import CompiledTreaty
from confed.rights.engine import checked_treaty, compiled_treaty, entry_year
from confed.rights.types import some_types
from confed.treaty.load import shipped_ids
from confed.vocab import PRIOR_CITIZENSHIPS, STATUSES

SAMPLE = 24
"""Person types drawn per treaty (besides Jaffa's returning refugee)."""


def _sample(seed: int) -> list[tuple[str, str, str]]:
    """Seeded (citizenship, status, place id) triples, one of them Dajani–Yehuda's example."""
    rng = np.random.default_rng(seed)
    ids = places().ids
    drawn = [
        (
            PRIOR_CITIZENSHIPS[rng.integers(len(PRIOR_CITIZENSHIPS))],
            STATUSES[rng.integers(len(STATUSES))],
            ids[rng.integers(len(ids))],
        )
        for _ in range(SAMPLE)
    ]
    return [("PS", "refugee", "jaffa"), *drawn]


def _phase_years(treaty: str) -> list[int]:
    """A year inside every phase of the treaty, from the stated or default entry year."""
    compiled = compiled_treaty(treaty)
    start, _ = entry_year(compiled)
    return [start + compiled.treaty.phases[p].start for p in compiled.phases]


@pytest.mark.parametrize("treaty", shipped_ids())
def test_one_type_compile_answers_as_the_whole_compile(treaty):
    whole = compiled_treaty(treaty)
    loaded = checked_treaty(treaty)
    years = _phase_years(treaty)
    for k, (citizenship, status, place) in enumerate(_sample(seed=len(treaty))):
        row = places().code(place)
        space = some_types(
            places(),
            [PRIOR_CITIZENSHIPS.index(citizenship)],
            [STATUSES.index(status)],
            [row],
        )
        one = CompiledTreaty(loaded, places(), space)
        assert one.space.size == 1
        for year in years if k < 6 else years[-1:]:
            expected = answer_for(whole, citizenship, place, year, status)
            got = answer_for(one, citizenship, place, year, status)
            assert got.data == expected.data, (treaty, citizenship, status, place, year)
            assert got.because == expected.because


def test_a_part_of_the_space_answers_for_each_of_its_types():
    whole = compiled_treaty("holy-land-confederation")
    sample = _sample(seed=5)
    space = some_types(
        places(),
        [PRIOR_CITIZENSHIPS.index(c) for c, _, _ in sample],
        [STATUSES.index(s) for _, s, _ in sample],
        [places().code(p) for _, _, p in sample],
    )
    part = CompiledTreaty(checked_treaty("holy-land-confederation"), places(), space)
    for citizenship, status, place in reversed(sample):
        for year in _phase_years("holy-land-confederation"):
            expected = answer_for(whole, citizenship, place, year, status).data
            assert answer_for(part, citizenship, place, year, status).data == expected


def test_a_type_outside_the_part_is_refused():
    space = some_types(places(), [0], [0], [places().code("jaffa")])
    part = CompiledTreaty(checked_treaty("alfa"), places(), space)
    with pytest.raises(ValueError, match="not in this part"):
        answer_for(part, "PS", "jaffa", 2045, "refugee")


def test_one_answer_is_the_commands_answer(confed):
    answer, compiled = one_answer("dajani-yehuda-2024", "PS", "jaffa", 2045, "refugee")
    assert compiled.space.size == 1
    expected = answer_for(compiled_treaty("dajani-yehuda-2024"), "PS", "jaffa", 2045, "refugee")
    assert answer.data == expected.data
    run = confed(
        "rights", "dajani-yehuda-2024", "--citizenship", "PS", "--residence", "jaffa",
        "--status", "refugee", "--year", "2045", "--json",
    )  # fmt: skip
    assert run.code == 0 and '"phase"' in run.out


def test_a_conflict_for_the_asked_type_is_still_an_error(tmp_path: Path):
    path = tmp_path / "variant.yaml"
    path.write_text(
        "extends: alfa\nrights:\n  may_work:\n    rules:\n      everyone:\n"
        "        value: yes\n        source: alfa-principles § Two states\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfedError) as whole:
        compiled_treaty(str(path))
    with pytest.raises(ConfedError) as one:
        one_answer(str(path), "PS", "hebron", 2040, "west-bank")
    for info in (whole, one):
        message = info.value.render()
        assert "both apply and disagree for the type" in message
        assert f"{path}:5:7: rights.may_work.rules.everyone" in message
    assert "place=hebron" in one.value.render()
