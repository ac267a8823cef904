"""A treaty's numeric assumptions changed for one run: `--param quota.ID.FIELD=VALUE`.

Where a text gives no number, the treaty file states one as an assumption: a quota's
size, the year a phase starts. A run (`confed simulate --param …`, a sensitivity sweep)
may change them without touching the file; the changed values are validated like the
file's (a quota still needs a size) and stored with the run's parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from pydantic import ValidationError

from confed.errors import ConfedError, Problem, one_of
from confed.treaty.model import Treaty
from confed.treaty.phasing import Gate, Quota

QUOTA_FIELDS: dict[str, type] = {
    "per_year": int,
    "share_per_year": float,
    "total": int,
    "carry_over": bool,
    "allocation": str,
}
"""The quota fields a parameter may set, with the type its value is read as."""


@dataclass(frozen=True)
class TreatyParams:
    """The quotas, phase starts and gates a run uses: the treaty's, with the changes applied."""

    quotas: dict[str, Quota]
    phase_starts: tuple[int, ...]  # years after entry into force, in phase order
    gates: tuple[Gate | None, ...] = ()  # each phase's gate, in phase order

    def phase_at(self, years_in: int) -> int:
        """The index of the phase holding `years_in` whole years after entry into force.

        >>> TreatyParams({}, (0, 5, 15)).phase_at(7)
        1
        >>> TreatyParams({}, (0, 5, 15)).phase_at(-1)
        Traceback (most recent call last):
        ValueError: no phase covers year -1
        """
        if years_in < self.phase_starts[0]:
            raise ValueError(f"no phase covers year {years_in}")
        return sum(start <= years_in for start in self.phase_starts) - 1


def is_treaty_param(item: str) -> bool:
    """Whether a `NAME=VALUE` item changes the treaty (a quota or a phase start)."""
    return item.startswith(("quota.", "phase."))


def treaty_params(treaty: Treaty, items: list[str] | tuple[str, ...] = ()) -> TreatyParams:
    """The treaty's quotas and phase starts with `items` applied; located errors otherwise.

    >>> from confed.treaty.load import load_treaty
    >>> t = load_treaty("separation").treaty
    >>> treaty_params(t, ["quota.refugee-admission-il.per_year=2000"]).quotas[
    ...     "refugee-admission-il"].per_year
    2000
    >>> treaty_params(t, ["quota.refugee-admission-il.size=1"])
    Traceback (most recent call last):
    confed.errors.ConfedError: --param quota.refugee-admission-il.size=1: a quota has no field...
    """
    quotas = {qid: q.model_dump(by_alias=True) for qid, q in treaty.quotas.items()}
    order = treaty.phase_order()
    starts = {pid: treaty.phases[pid].start for pid in order}
    gates = {pid: treaty.phases[pid].gate for pid in order}
    for item in items:
        name, sep, raw = item.partition("=")
        kind, _, rest = name.partition(".")
        key, _, field = rest.rpartition(".")
        where = f"--param {item}"
        known = quotas if kind == "quota" else starts
        if not sep or kind not in ("quota", "phase") or key not in known:
            choices = [f"quota.{q}.FIELD" for q in quotas] + [f"phase.{p}.start" for p in order]
            raise ConfedError(
                Problem(
                    f"{treaty.id} has no {kind or 'parameter'} '{key}'",
                    field=where,
                    **one_of(f"{kind}.{key}.{field}", choices),
                )
            )
        if kind == "phase":
            if field not in ("start", "latest"):
                expected = "start, or latest for a gated phase"
                raise ConfedError(
                    Problem(f"a phase has no field '{field}'", field=where, expected=expected)
                )
            if field == "start":
                starts[key] = _value(raw, int, where)
            else:
                gates[key] = _latest(gates[key], raw, where)
        else:
            if field not in QUOTA_FIELDS:
                raise ConfedError(
                    Problem(
                        f"a quota has no field '{field}'",
                        field=where,
                        **one_of(field, QUOTA_FIELDS),
                    )
                )
            quotas[key][field] = _value(raw, QUOTA_FIELDS[field], where)
    return TreatyParams(_quotas(quotas), _starts(starts, order), tuple(gates[p] for p in order))


def _latest(gate: Gate | None, raw: str, where: str) -> Gate:
    """The gate with its latest year changed to `raw` (a whole number or 'never')."""
    if gate is None:
        raise ConfedError(
            Problem("the phase has no gate, so no latest year", field=where, expected="start")
        )
    if raw != "never" and not raw.lstrip("-").isdigit():
        expected = "a whole number of years after entry into force, or never"
        raise ConfedError(Problem(f"'{raw}' is not a year", field=where, expected=expected))
    return gate.model_copy(update={"latest": raw if raw == "never" else int(raw)})


def _quotas(quotas: dict[str, dict]) -> dict[str, Quota]:
    """The quota clauses re-validated with their changes (a quota still needs a size)."""
    out = {}
    for qid, data in quotas.items():
        try:
            out[qid] = Quota.model_validate(data)
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            message = error["msg"].removeprefix("Value error, ")
            raise ConfedError(
                Problem(message, field=f"--param quota.{qid}", expected="the quota with a size")
            ) from None
    return out


def _starts(starts: dict[str, int], order: list[str]) -> tuple[int, ...]:
    """Phase starts in phase order, checked to begin at entry into force and to increase."""
    values = tuple(starts[p] for p in order)
    if values[0] != 0 or any(b <= a for a, b in pairwise(values)):
        shown = ", ".join(f"{p}={starts[p]}" for p in order)
        raise ConfedError(
            Problem(
                f"phase starts {shown} do not rise from 0",
                field="--param phase",
                expected="the first phase at 0 and each later phase after the one before",
            )
        )
    return values


def _value(raw: str, kind: type, where: str) -> object:
    """`raw` read as `kind` (`null` removes a number), or a located error."""
    if kind is bool:
        if raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        raise ConfedError(
            Problem(f"'{raw}' is not true or false", field=where, expected="true or false")
        )
    if kind is str:
        return raw
    if raw.lower() in ("null", "none"):
        return None  # the bound is removed; the quota must keep another
    expected = "a whole number" if kind is int else "a number"
    try:
        return kind(raw)
    except ValueError:
        raise ConfedError(
            Problem(f"'{raw}' is not {expected}", field=where, expected=expected)
        ) from None
