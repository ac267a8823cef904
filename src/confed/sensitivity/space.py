"""The uncertain parameters of a treaty's run: every stated range, and how to apply values.

Behaviour parameters take their ranges from `simulate/behaviour.yaml`; a treaty's quota
sizes and phase starts from its own file (`ranges:`, `start_range:`). Each carries its
basis (a source, or the word assumption), so every table of results can say it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

from confed.errors import ConfedError, Problem, one_of
from confed.simulate.parameters import RunParameters, behaviour_file, with_overrides
from confed.treaty.model import Treaty
from confed.treaty.phasing import Range

INTEGER_BEHAVIOUR = ("return_years",)
"""Behaviour parameters that are whole numbers."""


@dataclass(frozen=True)
class Uncertain:
    """One parameter a sweep varies: its name as `--param` spells it, range and basis."""

    name: str
    low: float
    high: float
    central: float
    integer: bool
    basis: str

    def value(self, x: float) -> float:
        """A sampled value as the run reads it (whole numbers rounded)."""
        return float(round(x)) if self.integer else float(x)


def _basis(spec: dict | Range) -> str:
    if isinstance(spec, Range):
        return (
            f"assumption: {spec.assumption}"
            if spec.assumption
            else "source: " + ", ".join(spec.source or [])
        )
    if "assumption" in spec:
        return f"assumption: {spec['assumption'].strip()}"
    return f"source: {spec['source']}"


def behaviour_ranges() -> list[Uncertain]:
    """Every behaviour parameter with a stated range (a dict parameter gives one per key)."""
    out = []
    for name, spec in behaviour_file().items():
        r = spec.get("range")
        if r is None:
            continue
        basis = _basis(r)
        if isinstance(spec["value"], dict):
            for key, central in spec["value"].items():
                low, high = r["low"][key], r["high"][key]
                out.append(Uncertain(f"{name}.{key}", low, high, central, False, basis))
        else:
            integer = name in INTEGER_BEHAVIOUR
            out.append(Uncertain(name, r["low"], r["high"], spec["value"], integer, basis))
    return out


def treaty_ranges(t: Treaty) -> list[Uncertain]:
    """A treaty's quota sizes and phase starts with a stated range."""
    out = []
    for qid, q in t.quotas.items():
        for field, r in q.ranges.items():
            central = getattr(q, field)
            integer = field != "share_per_year"
            out.append(
                Uncertain(f"quota.{qid}.{field}", r.low, r.high, central, integer, _basis(r))
            )
    for pid in t.phase_order():
        p = t.phases[pid]
        if p.start_range is not None:
            r = p.start_range
            out.append(Uncertain(f"phase.{pid}.start", r.low, r.high, p.start, True, _basis(r)))
    return out


def uncertain_parameters(
    t: Treaty, only: list[str] | None = None, ranges: dict[str, tuple[float, float]] | None = None
) -> list[Uncertain]:
    """Every uncertain parameter of a run of `t` (or those named in `only`), with a range.

    `ranges` narrows or widens named parameters' ranges (a user's edit); phases must
    still be unable to swap order.
    """
    found = {u.name: u for u in behaviour_ranges() + treaty_ranges(t)}
    for name, (low, high) in (ranges or {}).items():
        if name not in found:
            raise ConfedError(
                Problem(
                    f"'{name}' is not an uncertain parameter of {t.id}",
                    field=f"ranges.{name}",
                    **one_of(name, found),
                )
            )
        if not low <= high:
            raise ConfedError(
                Problem(
                    f"low {low:g} is above high {high:g}",
                    field=f"ranges.{name}",
                    expected="low <= high",
                )
            )
        found[name] = replace(found[name], low=low, high=high)
    phases = [found[f"phase.{p}.start"] for p in t.phase_order() if f"phase.{p}.start" in found]
    for a, b in pairwise(phases):
        if a.high >= b.low:
            raise ConfedError(
                Problem(
                    f"{b.name} could come before {a.name}",
                    field=f"ranges.{b.name}",
                    expected=f"a low above {a.high:g}",
                )
            )
    varied = [u for u in found.values() if u.high > u.low]
    if only:
        known = {u.name: u for u in varied}
        missing = [n for n in only if n not in known]
        if missing:
            raise ConfedError(
                Problem(
                    f"'{missing[0]}' is not an uncertain parameter of {t.id}",
                    field="--param",
                    **one_of(missing[0], known),
                )
            )
        varied = [known[n] for n in only]
    return varied


def run_parameters(
    base: RunParameters, parameters: list[Uncertain], values: list[float]
) -> RunParameters:
    """`base` with each parameter set to its value (behaviour and treaty alike)."""
    items = [f"{u.name}={u.value(x):g}" for u, x in zip(parameters, values, strict=True)]
    treaty = [i for i in items if i.startswith(("quota.", "phase."))]
    behaviour = [i for i in items if not i.startswith(("quota.", "phase."))]
    return base.model_copy(
        update={
            "behaviour": with_overrides(base.behaviour, behaviour),
            "treaty_params": [*base.treaty_params, *treaty],
        }
    )
