"""The comparison's map: each place in the land, its sovereign, and who may come to live there.

Read per phase from the compiled rights, for a typical citizen of each state living at
home (`HOME`), so the report's map can follow the phases without another simulation.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from confed.rights.compile import CompiledTreaty
from confed.rights.engine import phase_index
from confed.rights.types import type_index
from confed.vocab import ACCESS, PRIOR_CITIZENSHIPS, STATUSES, ZONES

HOME: dict[str, tuple[str, str]] = {
    "IL": ("israeli-citizen", "israel"),
    "PS": ("west-bank", "area-a"),
}
"""Whom the map asks about: a typical citizen of each state (prior citizenship → status
and zone of a home in that state). The map answers whether that person, living at home,
may come to live in each place, not whether someone already living there may stay."""


def map_places(c: CompiledTreaty, year: int, start: int) -> dict[str, Any]:
    """Places in the land: sovereign, and whether a citizen of each state may move there.

    The citizen asked about lives at home (see HOME), so the answer is for someone
    coming to live in the place, not for someone who already lives there. `places`
    answers for `year`; `by_phase` gives the same answer, place by place, in each phase.

    Under shared sovereignty (Jerusalem in some treaties) a place is open to a person
    when either state lets them reside.
    """
    t = c.places
    asked, kinds = {}, {}
    for prior, (status, zone) in HOME.items():
        home = int(np.flatnonzero(t.zone == ZONES.index(zone))[0])
        kinds[prior] = type_index(
            np.array([PRIOR_CITIZENSHIPS.index(prior)], np.int8),
            np.array([STATUSES.index(status)], np.int8),
            np.array([home], np.int16),
            len(t),
        )[0]
        asked[prior] = {"status": status, "lives_in": t.ids[home], "zone": zone}
    rows = np.flatnonzero(t.zone != ZONES.index("abroad"))
    sovereigns = [c.sovereign_vocab[c.place_sovereign[row]] for row in rows]
    holders = [
        [c.states.index(s)] if s in c.states else list(range(len(c.states))) for s in sovereigns
    ]

    def reside(phase: int) -> dict[str, list[str]]:
        may_reside = c.outputs["may_reside"][phase].value
        return {
            prior: [ACCESS[max(may_reside[h, kind] for h in held)] for held in holders]
            for prior, kind in kinds.items()
        }

    by_phase = [reside(i) for i in range(len(c.phases))]
    shown = by_phase[phase_index(c, year, start)]
    out = [
        {
            "id": t.ids[row],
            "name": t.names[row],
            "lat": float(t.lat[row]),
            "lon": float(t.lon[row]),
            "zone": ZONES[t.zone[row]],
            "sovereign": sovereign,
            "may_reside": {p: shown[p][i] for p in kinds},
        }
        for i, (row, sovereign) in enumerate(zip(rows, sovereigns, strict=True))
    ]
    return {"asked_for": asked, "places": out, "by_phase": by_phase}
