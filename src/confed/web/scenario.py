"""Scenario edits: what a user may change in a shipped treaty, and the variant it makes.

A scenario changes phase dates, gates, quotas, the Jerusalem regime, or when third
parties leave; it becomes an overlay (`extends:` plus only the changed keys), the same kind of
variant file `confed validate` reads, so nothing a user sends is ever executed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from confed.api.meta import MAX_COMPARE_YEARS
from confed.api.treaties import compiled_for, shipped
from confed.errors import ConfedError, Problem, one_of
from confed.store import MAX_NAME
from confed.treaty.model import Jerusalem, Treaty

REGIMES: tuple[str, ...] = get_args(Jerusalem.model_fields["regime"].annotation)
NEVER = "never"
"""The sunset choice that keeps third parties to the end (their clause is deleted)."""

SECOND_COUNCIL = {"PS": "al-quds"}
"""Under two municipalities, the council of the Palestinian side; every other side's is
'jerusalem' (assumption: the shipped treaties with two councils name them so)."""


class QuotaEdit(BaseModel):
    """A quota's sizes (null: that bound is not set), carrying over and allocation.

    A field left out keeps the treaty's value. A quota keeps at least one size: the
    variant is validated like any treaty file.
    """

    model_config = ConfigDict(extra="forbid")

    per_year: int | None = Field(None, ge=0)
    share_per_year: float | None = Field(None, gt=0, le=1)
    total: int | None = Field(None, ge=0)
    carry_over: bool | None = None
    allocation: Literal["queue", "lottery"] = "queue"


class BoundEdit(BaseModel):
    """A gate condition's bounds (null: no bound on that side)."""

    model_config = ConfigDict(extra="forbid")

    at_least: float | None = None
    at_most: float | None = None


class GateEdit(BaseModel):
    """A gated phase's gate: kept or dropped, its latest year, its conditions' bounds.

    A field left out keeps the treaty's value; `latest: null` waits on the conditions
    alone; `gated: false` makes the phase begin on its date.
    """

    model_config = ConfigDict(extra="forbid")

    gated: bool = True
    latest: int | None = Field(None, ge=0, le=200)
    bounds: dict[int, BoundEdit] = Field(
        default_factory=dict, description="Condition index (from 0) → its bounds."
    )


class ScenarioEdit(BaseModel):
    """A scenario: the treaty it starts from, what it changes, and the run to compare."""

    model_config = ConfigDict(extra="forbid")

    treaty: str
    phase_starts: dict[str, int] = Field(
        default_factory=dict, description="Phase id → its first year after entry into force."
    )
    quotas: dict[str, QuotaEdit] = Field(default_factory=dict)
    gates: dict[str, GateEdit] = Field(
        default_factory=dict, description="Gated phase id → changes to its gate."
    )
    jerusalem_regime: str | None = None
    open_city: bool | None = None
    sunsets: dict[str, str] = Field(
        default_factory=dict,
        description="Sunset key (see `sunsets_of`) → the phase it takes effect in, or 'never'.",
    )
    years: int = Field(30, ge=1, le=MAX_COMPARE_YEARS)
    seed: int = Field(1, ge=0, le=2**63 - 1)
    name: str = Field("", max_length=MAX_NAME, description="The scenario run's name.")


@dataclass(frozen=True)
class Sunset:
    """One third-party power's end: where it is written and the phase it ends in."""

    key: str
    label: str
    phase: str | None
    field: str
    """'from' (the first phase without the third party) or 'until' (its last phase)."""


def sunsets_of(t: Treaty) -> list[Sunset]:
    """Every third-party power with an end a scenario may move."""
    out = []
    for body_id, body in t.bodies.items():
        for change_id, change in body.changes.items():
            dropped = set(body.seats) - set(change.seats or body.seats)
            if dropped - set(t.states):
                label = f"{body.name}: third parties leave ({change_id})"
                out.append(Sunset(f"body:{body_id}:{change_id}", label, change.from_, "from"))
    for court_id, court in t.courts.items():
        if set(court.judges) - set(t.states):
            label = f"{court.name}: third-party judges sit until"
            out.append(Sunset(f"court:{court_id}", label, court.third_party_until, "until"))
    if t.transitional_administration is not None:
        ta = t.transitional_administration
        label = f"{ta.who} serve until"
        out.append(Sunset("transitional_administration", label, ta.until, "until"))
    return out


def _known(value: str, known: list[str], field: str, what: str) -> None:
    if value not in known:
        raise ConfedError(
            Problem(
                f"'{value}' is not {what}",
                field=field,
                **one_of(value, known),
            )
        )


def _phases(t: Treaty, starts: dict[str, int]) -> dict[str, Any]:
    order = t.phase_order()
    for pid in starts:
        _known(pid, order, f"phase_starts.{pid}", f"a phase of {t.id}")
    begin = [starts.get(pid, t.phases[pid].start) for pid in order]
    if starts.get(order[0], 0) != 0:
        raise ConfedError(
            Problem(
                "the first phase starts at entry into force",
                field=f"phase_starts.{order[0]}",
                expected="0",
            )
        )
    for before, pid, a, b in zip(order, order[1:], begin, begin[1:], strict=False):
        if b <= a:
            raise ConfedError(
                Problem(
                    f"phase '{pid}' would start in year {b}, not after '{before}' (year {a})",
                    field=f"phase_starts.{pid}",
                    expected=f"a year after {a}",
                )
            )
    out = {}
    for i, pid in enumerate(order):
        end = begin[i + 1] if i + 1 < len(order) else None
        p = t.phases[pid]
        if (begin[i], end) != (p.start, p.end):
            out[pid] = {"start": begin[i], "end": end}
    return out


def _gates(t: Treaty, edits: dict[str, GateEdit]) -> dict[str, Any]:
    """Each edited gate as a phase overlay: `gate: null` drops it, else the whole new gate."""
    gated = [pid for pid in t.phase_order() if t.phases[pid].gate is not None]
    out: dict[str, Any] = {}
    for pid, edit in edits.items():
        _known(pid, gated, f"gates.{pid}", f"a gated phase of {t.id}")
        gate = t.phases[pid].gate
        assert gate is not None
        if not edit.gated:
            out[pid] = {"gate": None}
            continue
        given = edit.model_dump(exclude_unset=True)
        data = gate.model_dump(mode="json", by_alias=True, exclude_none=True)
        if "latest" in given:
            data["latest"] = "never" if edit.latest is None else edit.latest
        for i, bound in edit.bounds.items():
            if not 0 <= i < len(data["when"]):
                raise ConfedError(
                    Problem(
                        f"the gate of '{pid}' has no condition {i}",
                        field=f"gates.{pid}.bounds.{i}",
                        expected=f"0 to {len(data['when']) - 1}",
                    )
                )
            for side in ("at_least", "at_most"):
                if side in bound.model_fields_set:
                    data["when"][i][side] = getattr(bound, side)
            data["when"][i] = {k: v for k, v in data["when"][i].items() if v is not None}
        if data != gate.model_dump(mode="json", by_alias=True, exclude_none=True):
            out[pid] = {"gate": data}
    return out


def _quotas(t: Treaty, edits: dict[str, QuotaEdit]) -> dict[str, Any]:
    out = {}
    for qid, edit in edits.items():
        _known(qid, list(t.quotas), f"quotas.{qid}", f"a quota of {t.id}")
        q = t.quotas[qid]
        given = edit.model_dump(exclude_unset=True)  # a field left out keeps its value
        changed = {k: v for k, v in given.items() if getattr(q, k) != v}
        if changed:
            out[qid] = changed
    return out


def _jerusalem(t: Treaty, regime: str | None, open_city: bool | None) -> dict[str, Any]:
    j = t.jerusalem
    out: dict[str, Any] = {}
    if regime is not None and regime != j.regime:
        _known(regime, list(REGIMES), "jerusalem_regime", "a Jerusalem regime")
        two = regime in ("coordinated-municipalities", "divided")
        councils = {
            side: SECOND_COUNCIL.get(side, "jerusalem") if two else "jerusalem"
            for side in j.councils
        }
        out["regime"] = regime
        if councils != j.councils:
            out["councils"] = councils
    if open_city is not None and open_city != j.open_city:
        out["open_city"] = open_city
    return out


def _sunsets(t: Treaty, edits: dict[str, str]) -> dict[str, Any]:
    found = {s.key: s for s in sunsets_of(t)}
    phases = t.phase_order()
    out: dict[str, Any] = {}
    for key, value in edits.items():
        _known(key, list(found), f"sunsets.{key}", f"a third-party sunset of {t.id}")
        s = found[key]
        never_ok = key != "transitional_administration"
        _known(value, [*phases, NEVER] if never_ok else phases, f"sunsets.{key}", "a phase")
        if value == (s.phase or NEVER):
            continue
        kind, *ids = key.split(":")
        new = None if value == NEVER else value
        if kind == "body":
            body_id, change_id = ids
            change = None if new is None else {"from": new}
            out.setdefault("bodies", {}).setdefault(body_id, {"changes": {}})["changes"][
                change_id
            ] = change
        elif kind == "court":
            out.setdefault("courts", {})[ids[0]] = {"third_party_until": new}
        else:
            out["transitional_administration"] = {"until": new}
    return out


def overlay(edit: ScenarioEdit) -> dict[str, Any]:
    """The variant `edit` describes, as `extends:` plus only the keys it changes."""
    t = shipped(edit.treaty).treaty
    changes: dict[str, Any] = {}
    phases = _phases(t, edit.phase_starts)
    for pid, change in _gates(t, edit.gates).items():
        phases.setdefault(pid, {}).update(change)
    if phases:
        changes["phases"] = phases
    if quotas := _quotas(t, edit.quotas):
        changes["quotas"] = quotas
    if jerusalem := _jerusalem(t, edit.jerusalem_regime, edit.open_city):
        changes["jerusalem"] = jerusalem
    changes.update(_sunsets(t, edit.sunsets))
    if not changes:
        raise ConfedError(
            Problem(
                "the scenario changes nothing",
                field="treaty",
                expected="at least one phase date, gate, quota, Jerusalem setting or sunset "
                "changed",
            )
        )
    return {
        "extends": t.id,
        "id": f"{t.id}-variant",
        "title": f"{t.title} (scenario)",
        **changes,
    }


def variant_of(edit: ScenarioEdit):
    """The overlay and its compiled treaty; a located error when the variant is not valid."""
    data = overlay(edit)
    return data, compiled_for(data)
