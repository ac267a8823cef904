"""Rights gathered from the packed words equal the per-type tables they were packed from."""

from __future__ import annotations

import numpy as np
import pytest

from confed.rights.engine import RightsResult, compiled_treaty
from confed.rights.packed import WORD, output_columns, pack, packed_rights
from confed.rights.types import CHUNK, type_dtype
from confed.treaty.load import shipped_ids


@pytest.mark.parametrize("treaty", shipped_ids())
def test_every_output_of_every_type_and_phase_survives_packing(treaty):
    c = compiled_treaty(treaty)
    rng = np.random.default_rng(0)
    rows = rng.permutation(np.repeat(np.arange(c.space.size, dtype=type_dtype(c.space.size)), 3))
    for phase in range(len(c.phases)):
        result = RightsResult(c, 2040, phase, rows)
        assert result.packed.shape == (len(rows), WORD)  # 8 bytes a row
        for name, table in output_columns(c, phase).items():
            output, _, state = name.partition(".")
            assert np.array_equal(result.codes(output, state or None), table[rows]), name


def test_a_per_state_right_needs_its_state():
    c = compiled_treaty("alfa")
    result = RightsResult(c, 2040, 0, np.zeros(1, dtype=np.int16))
    with pytest.raises(ValueError, match="needs a state"):
        result.codes("may_enter")
    # one council per local authority (959 with every West Bank and Gaza locality): 10 bits
    assert packed_rights(c, 0).fields["local_vote"].bits == 10


def test_rows_past_one_gather_chunk_get_their_own_types_rights():
    c = compiled_treaty("dajani-yehuda-2024")
    rows = np.random.default_rng(1).integers(0, c.space.size, CHUNK * 2 + 5)
    rows = rows.astype(type_dtype(c.space.size))
    result = RightsResult(c, 2040, 1, rows)
    for name in ("local_vote", "may_reside.IL", "sovereign"):
        output, _, state = name.partition(".")
        expected = output_columns(c, 1)[name][rows]
        assert np.array_equal(result.codes(output, state or None), expected), name


def test_a_column_of_more_than_256_codes_takes_two_bytes_and_reads_back():
    rng = np.random.default_rng(2)
    columns = {"local_vote": rng.integers(0, 340, 5000), "courts": rng.integers(0, 6, 5000)}
    columns |= {f"right{i}": rng.integers(0, 4, 5000) for i in range(11)}
    packed = pack(columns)
    assert packed.fields["local_vote"].bits == 9 and packed.fields["local_vote"].byte % 2 == 0
    rows = rng.integers(0, 5000, 70_000)
    words = packed.gather(rows)
    for name, codes in columns.items():
        assert np.array_equal(packed.decode(words, name), codes[rows]), name
    with pytest.raises(ValueError, match="more than 8 bytes"):
        pack({f"wide{i}": np.array([300]) for i in range(5)})
