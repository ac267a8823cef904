"""A person-mode year's compiled loops (numba): every row's bytes drawn, compared and aged.

The year's two random bytes a row are drawn inside the kernel, a block at a time, from
the run's generators into buffers kept from year to year (eight bytes to a raw 64-bit
word, as `BitGenerator.random_raw` gives them), compared with the rows' thresholds, and
what the blocks find is appended to kept lists: one call a year instead of a NumPy
draw, an allocation and a call per block. Then the few rows the year changes are
handled: the counts of rows whose ageing changed their adult class, ageing taken back
where further bits say no, and the rows near an event sorted by their whole word.
Compiled on first call and cached on disk (`cache=True`).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange
from numba.np.random.generator_core import next_uint64

from confed.simulate.person_kernels import gathered
from confed.simulate.threads import row_pass


@njit(cache=True, nogil=True)
def raw_words(rng, out):
    """Fill `out` (uint64) with the next raw words of `rng`'s bit generator.

    The words `rng.bit_generator.random_raw(len(out))` would give, drawn into a buffer
    kept by the caller (`random_raw` allocates each call, and has no `out`).
    """
    bits = rng.bit_generator
    for i in range(len(out)):
        out[i] = next_uint64(bits)


@row_pass
def age_rows(events, ageing, slot, band, limits, work, lists):
    """Draw every row's two bytes and age the rows, a batch of blocks at a time (`age_block`).

    `events` and `ageing` are the generators of the rows' first and second bytes, row
    i's the i-th of its stream. `limits` are `age_block`'s event_top, age_top, last,
    cross_lo and cross_span; `work` the kept buffers: two of uint64 words (eight rows
    each) for a batch, then per block of the batch `age_block`'s found and marks (their
    first axis: the blocks a batch holds); `lists` the kept buffers the blocks'
    findings are appended to (rows near an event, their first bytes and slots, rows at
    the ageing threshold's edge, rows whose class changed), grown when full. Returns the
    lists (new arrays where grown), how many each holds (near, edges, crossed) and the
    bytes of the events stream's last word that no row took (the stream goes on there).

    The two streams are drawn side by side (each in its own order, on a thread of its
    own), the batch's blocks compared and aged on every thread (each block's rows and
    findings its own), and the findings appended in block order: the lists are those of
    one block after the other on one thread.
    """
    event_top, age_top, last, cross_lo, cross_span = limits
    first_words, second_words, found, marks = work
    near_rows, firsts, slots, edge_rows, crossed_rows = lists
    first, second = first_words.view(np.uint8), second_words.view(np.uint8)
    blocks, block = marks.shape
    sizes = np.zeros((blocks, 3), np.int64)
    n = len(slot)
    near = edges = crossed = 0
    left = first[:0]
    for start in range(0, n, blocks * block):
        m = min(blocks * block, n - start)
        words = (m + 7) >> 3
        for stream in prange(2):  # each generator's words in its own order
            raw_words(
                events if stream == 0 else ageing,
                (first_words if stream == 0 else second_words)[:words],
            )
        count = -(-m // block)
        for b in prange(count):
            lo, hi = b * block, min(b * block + block, m)
            rows = slice(start + lo, start + hi)
            sizes[b, 0], sizes[b, 1], sizes[b, 2] = age_block(
                first[lo:hi], second[lo:hi], slot[rows], band[rows], event_top, age_top, last,
                cross_lo, cross_span, found[b], marks[b],
            )  # fmt: skip
        for b in range(count):
            at = start + b * block
            near_rows = _append(near_rows, near, found[b, 0, : sizes[b, 0]], at)
            firsts = _append(firsts, near, found[b, 1, : sizes[b, 0]], 0)
            slots = _append(slots, near, found[b, 2, : sizes[b, 0]], 0)
            edge_rows = _append(edge_rows, edges, found[b, 3, : sizes[b, 1]], at)
            crossed_rows = _append(crossed_rows, crossed, found[b, 4, : sizes[b, 2]], at)
            near, edges, crossed = near + sizes[b, 0], edges + sizes[b, 1], crossed + sizes[b, 2]
        left = first[m : 8 * words]
    lists = (near_rows, firsts, slots, edge_rows, crossed_rows)
    return lists, (near, edges, crossed), left.copy()


@njit(cache=True, nogil=True)
def _append(buffer, size, values, offset):
    """`buffer` (holding `size`) with `values` + `offset` after them; a new array if full."""
    end = size + len(values)
    if end > len(buffer):
        grown = np.empty(end + end // 4, buffer.dtype)
        grown[:size] = buffer[:size]
        buffer = grown
    for i in range(len(values)):
        buffer[size + i] = values[i] + offset
    return buffer


@njit(cache=True, nogil=True)
def age_block(
    first, second, slot, band, event_top, age_top, last, cross_lo, cross_span, found, marks
):
    """Compare one block's bytes with its rows' thresholds; age the rows that age.

    `first` (event bytes) and `second` (ageing bytes) belong to the rows whose `slot`
    and `band` are given (views of the columns, written in place). Writes into the
    rows of `found` (int32, 5 × block; `marks` is work space, a byte a row, its length
    a multiple of 8): rows whose first byte is at most their slot's event threshold top
    byte, those bytes and the slots before ageing; then the rows that may age whose
    second byte equals the ageing threshold's top byte (not aged here: 24 more bits
    decide, `age_edge_rows`), and the aged rows whose band was in [cross_lo, cross_lo +
    cross_span] (their adult class changes). A row ages when its second byte is below
    `age_top` and its band below `last`. Returns how many rows each of the three lists
    holds.

    Simple loops, each a few cycles a row; one loop doing everything ran two to three
    times slower (a fifth of the rows branching at random, stores that may alias the
    loads). The rows near an event are listed without a branch: first those whose byte
    is at most the highest event threshold's top byte (one comparison a row, no
    scattered read), then those of them at most their own slot's (the kernel a few
    percent faster than with one branch a row on the slot's threshold). The ageing
    loop marks the few aged rows to list in a byte each, and the marks are then read
    eight at a time.
    """
    m = len(first)
    top = event_top.max()
    maybe = 0
    for i in range(m):  # the rows at most the highest top byte (a fifth), listed in found[3]
        found[3, maybe] = i
        maybe += first[i] <= top
    near = 0
    for j in range(maybe):  # their own slot's top byte: no branch
        i = found[3, j]
        found[0, near] = i
        found[1, near] = first[i]
        found[2, near] = slot[i]
        near += first[i] <= event_top[slot[i]]
    for i in range(m):  # no branch: vectorised
        y = second[i]
        b = band[i]
        young = b < last
        up = (y < age_top) & young
        crossing = np.uint8((b - cross_lo) & 0xFF) <= cross_span
        marks[i] = np.uint8((y == age_top) & young) | (np.uint8(up & crossing) << 1)
        band[i] = b + np.int8(up)
        slot[i] += np.int16(up)
    edges = 0
    crossed = 0
    words = marks.view(np.uint64)
    for w in range(m >> 3):
        if words[w]:
            for i in range(8 * w, 8 * w + 8):
                edges = _mark(found, 3, edges, i, marks[i] & 1)
                crossed = _mark(found, 4, crossed, i, marks[i] >> 1)
    for i in range(m & ~7, m):
        edges = _mark(found, 3, edges, i, marks[i] & 1)
        crossed = _mark(found, 4, crossed, i, marks[i] >> 1)
    return near, edges, crossed


@njit(cache=True, nogil=True, inline="always")
def _mark(found, row, size, i, marked):
    """Append `i` to `found[row]` (holding `size`) when `marked`; the new size."""
    found[row, size] = i
    return size + marked


@njit(cache=True, nogil=True)
def recount_aged(people, rows, types, slot, slot_keys):
    """Move each aged row's kept count from its former band's adult class to its band's.

    `people` is types × groups × adult classes; `slot_keys` are each slot's group and
    adult class. The rows are those whose ageing crossed a class: their slot is one
    band on from the slot they left, so both keys are read from one row's columns, read
    for every row first on every thread, then counted in turn.
    """
    slot_group, slot_class = slot_keys
    their_types, their_slots = gathered((types, slot), rows)  # on every thread
    for i in range(len(rows)):
        t, q = their_types[i], their_slots[i]
        g = slot_group[q]
        people[t, g, slot_class[q - 1]] -= 1
        people[t, g, slot_class[q]] += 1


@njit(cache=True, nogil=True)
def age_edge_rows(people, rows, types, band, slot, slot_keys):
    """Age `rows` one band, slot and kept count with them: the rows at the ageing edge that age.

    For rows whose ageing byte was at the threshold's top byte and whose further bits
    said yes, a fifth of those at the edge (`people` and `slot_keys` as in
    `recount_aged`): the class's count moves only where the band crosses a class.
    """
    slot_group, slot_class = slot_keys
    for r in rows:
        t, q = types[r], slot[r]
        g = slot_group[q]
        people[t, g, slot_class[q]] -= 1
        people[t, g, slot_class[q + 1]] += 1
        band[r] += 1
        slot[r] = q + 1


@njit(cache=True, nogil=True)
def year_events(near, word, slot, death, birth, event, leaves):
    """Sort the rows near an event by their 32-bit `word`: who leaves, gives birth, arrives.

    `near` are rows (ascending) whose first byte was at most their slot's event
    threshold's top byte, `word` their whole words and `slot` their slots before ageing.
    A word below `death` dies, one below `birth` gives birth, one below `event` migrates:
    out of the land where `leaves`, otherwise a copy of the person arrives. Returns the
    rows that go (deaths and departures), the mothers and the migrants whose copy arrives,
    each ascending.
    """
    gone = np.empty(len(near), np.int64)
    mothers = np.empty(len(near), np.int64)
    arriving = np.empty(len(near), np.int64)
    n_gone = n_mothers = n_arriving = 0
    for i in range(len(near)):
        s = slot[i]
        w = word[i]
        if w >= event[s]:
            continue
        if w < death[s] or (w >= birth[s] and leaves[s]):
            gone[n_gone] = near[i]
            n_gone += 1
        elif w < birth[s]:
            mothers[n_mothers] = near[i]
            n_mothers += 1
        else:
            arriving[n_arriving] = near[i]
            n_arriving += 1
    return gone[:n_gone], mothers[:n_mothers], arriving[:n_arriving]
