"""The parameters of a simulation run: the run's shape and the behaviour of movers.

A run is a pure function of (treaty, `RunParameters`, seed): the parameters are stored
with every run so it can be reproduced. Behaviour parameters ship in `behaviour.yaml`,
each with its survey source or the word "assumption".
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from confed.errors import ConfedError, Problem, one_of
from confed.yamlfile import load_yaml


class Behaviour(BaseModel):
    """How people choose when a treaty lets them move (values from behaviour.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    refugee_choose_israel: dict[str, Annotated[float, Field(ge=0, le=1)]]
    refugee_choose_palestine: float = Field(ge=0, le=1)
    return_years: int = Field(ge=1, le=100)
    settler_leave_share: float = Field(ge=0, le=1)
    cross_border_move_rate: float = Field(ge=0, le=1)
    internal_move_rate: float = Field(ge=0, le=1)
    internal_move_mixing: float = Field(ge=0, le=1)
    min_destination_population: float = Field(ge=0, le=10_000_000)
    work_permit_share: float = Field(ge=0, le=1)
    work_open_share: float = Field(ge=0, le=1)
    work_share_into_ps: float = Field(ge=0, le=1)


class RunParameters(BaseModel):
    """Everything besides the treaty that a run's result depends on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    years: int = Field(30, ge=1, le=200)
    start_year: int
    entry_year: int | None = Field(
        None, description="Entry into force when it differs from the first simulated year."
    )
    runs: int = Field(1, ge=1, le=1000)
    seed: int = 1
    persons: bool = False
    treaty_params: list[str] = Field(
        default_factory=list,
        description="Quota sizes changed from the treaty's (`quota.ID.FIELD=VALUE`).",
    )
    behaviour: Behaviour = Field(default_factory=lambda: default_behaviour())


@cache
def behaviour_file() -> dict[str, dict[str, Any]]:
    """behaviour.yaml as written: each parameter with its value and source or assumption."""
    text = resources.files(__package__).joinpath("behaviour.yaml").read_text(encoding="utf-8")
    data, _ = load_yaml(text, "simulate/behaviour.yaml")
    return data


def default_behaviour() -> Behaviour:
    """The shipped behaviour parameters."""
    return Behaviour(**{name: spec["value"] for name, spec in behaviour_file().items()})


def with_overrides(behaviour: Behaviour, overrides: list[str]) -> Behaviour:
    """Behaviour with `NAME=VALUE` overrides (`refugee_choose_israel.lebanon=0.3` for a key)."""
    values = behaviour.model_dump()
    for item in overrides:
        name, sep, raw = item.partition("=")
        head, _, key = name.partition(".")
        if not sep or head not in values:
            raise ConfedError(
                Problem(
                    f"'{item}' is not a known NAME=VALUE parameter",
                    field="--param",
                    **one_of(head, values),
                )
            )
        try:
            number = float(raw)
        except ValueError:
            raise ConfedError(
                Problem(f"'{raw}' is not a number", field=f"--param {name}", expected="a number")
            ) from None
        if key:
            values[head] = {**values[head], key: number}
        else:
            values[head] = number
    try:
        return Behaviour(**values)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = ".".join(str(part) for part in error["loc"])
        raise ConfedError(
            Problem(f"{name}: {error['msg']}", field="--param", expected="a value in range")
        ) from None
