"""Places: localities and neighbourhoods with their zone, council, district and coordinates.

The table ships as `places.csv` beside this module (sources in `sources/places.yaml`):
every locality of the CBS locality file, the West Bank and Gaza places, East Jerusalem's
neighbourhoods, refugee fields abroad, and one "rest of" place per district for people
outside the listed localities. Inside the engine a place is its row number; zones,
councils and districts are small integer codes, so the rights engine can gather facts
for millions of rows at once.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from confed.places.table import (
        COLUMNS,
        FORMS,
        OWN_ENTRY,
        UNVERIFIED,
        Places,
        places,
        read_places,
    )

__all__ = ["COLUMNS", "FORMS", "OWN_ENTRY", "UNVERIFIED", "Places", "places", "read_places"]


def __getattr__(name: str) -> Any:
    """The table's names, imported on first use: `places.names.fold` alone needs no NumPy."""
    if name in __all__:
        return getattr(importlib.import_module("confed.places.table"), name)
    raise AttributeError(f"module 'confed.places' has no attribute '{name}'")
