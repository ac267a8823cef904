"""Every output of a person type packed into one 64-bit word: one gather gives a row all.

Each output column (`sovereign`, `local_vote`, `may_enter.IL`, ...) gets the bits its
largest code needs inside one byte of the word, so a row's rights cost 8 bytes and one
gather of the type's word, and a column is read from one byte of every row: the byte
itself (a view) when the column fills it, else one mask (the low bits) or one shift
(the high bits), as a byte holds at most two columns when the word has room. A column
with more than 256 codes (councils, once every locality is a place) takes two aligned
bytes of its own, read as a little-endian 16-bit view.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from confed.rights.compile import CompiledTreaty
from confed.rights.types import gather
from confed.vocab import PER_STATE_RIGHTS, RIGHTS

WORD = 8
"""Bytes of a packed row."""


@dataclass(frozen=True)
class Field:
    """Where one output column sits in the packed word."""

    byte: int
    shift: int
    bits: int


@dataclass(frozen=True)
class PackedRights:
    """One phase's outputs for every person type, one word per type."""

    table: np.ndarray  # uint64 per type; byte j of a word is byte j in memory
    fields: dict[str, Field]

    def gather(self, types: np.ndarray) -> np.ndarray:
        """Each row's packed word, as rows × 8 bytes (one gather per row)."""
        return gather(self.table, types).view(np.uint8).reshape(-1, WORD)

    def decode(self, rows: np.ndarray, column: str) -> np.ndarray:
        """One column's codes from gathered rows (a view of its byte when it fills it)."""
        f = self.fields[column]
        if f.bits > 8:
            return rows.view("<u2")[:, f.byte // 2]
        byte = rows[:, f.byte]
        if f.bits == 8:
            return byte
        if f.shift + f.bits == 8:
            return byte >> f.shift
        low = byte & ((1 << f.bits) - 1)
        return low if f.shift == 0 else low >> f.shift


def output_columns(c: CompiledTreaty, phase: int) -> dict[str, np.ndarray]:
    """Every output's codes per person type in `phase`, named as `RightsResult.codes` reads."""
    out = {"sovereign": c.sovereign, "citizenship": c.citizenship.value}
    for right in RIGHTS:
        decided = c.outputs[right][phase].value
        if right in PER_STATE_RIGHTS:
            out.update({f"{right}.{s}": decided[i] for i, s in enumerate(c.states)})
        else:
            out[right] = decided
    return out


@lru_cache(maxsize=64)
def packed_rights(c: CompiledTreaty, phase: int) -> PackedRights:
    """The packed table of `phase`: columns placed widest first, two to a byte at most.

    A byte's first column takes its low bits and a second one its high bits; when that
    needs more than 8 bytes, columns fill each byte's free bits in turn.

    >>> from confed.rights.engine import compiled_treaty
    >>> p = packed_rights(compiled_treaty("alfa"), 0)
    >>> p.fields["local_vote"]  # one of 513 to 1,024 councils, or none: 10 bits
    Field(byte=0, shift=0, bits=10)
    >>> p.fields["no_such_output"]
    Traceback (most recent call last):
    KeyError: 'no_such_output'
    """
    return pack(output_columns(c, phase))


def pack(columns: dict[str, np.ndarray]) -> PackedRights:
    """Columns of non-negative codes per type (up to 65,536 codes each) as one word a type."""
    bits = {name: max(int(codes.max()).bit_length(), 1) for name, codes in columns.items()}
    if max(bits.values()) > 16:
        raise ValueError(f"an output has more than 65,536 codes: {bits}")
    fields = _layout(bits, per_byte=2) or _layout(bits, per_byte=8)
    if fields is None:
        raise ValueError(f"the outputs need more than {WORD} bytes: {bits}")
    words = np.zeros((len(next(iter(columns.values()))), WORD), np.uint8)
    for name, f in fields.items():
        codes = columns[name].astype(np.uint16)
        if f.bits > 8:
            words[:, f.byte] = codes & 0xFF
            words[:, f.byte + 1] = codes >> 8
        else:
            words[:, f.byte] |= (codes << f.shift).astype(np.uint8)
    return PackedRights(words.view(np.uint64).reshape(-1), fields)


def _layout(bits: dict[str, int], per_byte: int) -> dict[str, Field] | None:
    """Columns placed widest first in the first byte with room, at most `per_byte` in a byte.

    With two in a byte the second takes the high bits; None when the word is too small.
    """
    used, count = [0] * WORD, [0] * WORD
    fields: dict[str, Field] = {}
    for name in sorted(bits, key=lambda n: -bits[n]):
        width = bits[name]
        if width > 8:  # two aligned bytes of its own
            pair = next((b for b in range(0, WORD, 2) if used[b] == used[b + 1] == 0), None)
            if pair is None:
                return None
            fields[name] = Field(pair, 0, width)
            used[pair] = used[pair + 1] = 8
            count[pair] = count[pair + 1] = per_byte
            continue
        byte = next((b for b in range(WORD) if used[b] + width <= 8 and count[b] < per_byte), None)
        if byte is None:
            return None
        shift = 8 - width if per_byte == 2 and count[byte] == 1 else used[byte]
        fields[name] = Field(byte, shift, width)
        used[byte] += width
        count[byte] += 1
    return fields
