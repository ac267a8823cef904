"""Phases of a transition, the gates that open them, and quotas with their sizes.

Part of the treaty format (`confed.treaty.model`): the fields of a treaty that say when
rights change and how many may use a capped right, with the stated ranges that
`confed sensitivity` varies. See docs/treaty-format.md.
"""

from typing import Literal

from pydantic import Field, model_validator

from confed.treaty.clause import Cited, StateId, Strict


class Range(Cited):
    """A stated range of a numeric assumption, read by `confed sensitivity`."""

    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> "Range":
        if not self.low <= self.high:
            raise ValueError(f"a range needs low <= high (got {self.low} and {self.high})")
        return self


class GateTest(Strict):
    """One condition of a gate: a metric of the simulation kept within bounds.

    `metric` is 'name.key' as `confed simulate` reports it (e.g. 'inflow_share_max.total');
    see `confed.treaty.gates.GATE_METRICS` for the names a gate may read.
    """

    metric: str = Field(pattern=r"^[a-z_]+\.[A-Za-z0-9_.-]+$", description="'metric.key'")
    at_least: float | None = None
    at_most: float | None = None

    @model_validator(mode="after")
    def _bounded(self) -> "GateTest":
        if self.at_least is None and self.at_most is None:
            raise ValueError("a gate condition needs 'at_least:' or 'at_most:' (or both)")
        if None not in (self.at_least, self.at_most) and self.at_least > self.at_most:
            raise ValueError(f"at_least ({self.at_least}) is above at_most ({self.at_most})")
        return self


class Gate(Cited):
    """A phase that begins when measured conditions hold, with a latest year as fallback.

    The phase begins in the first year from its `start` whose previous year's metrics
    met every condition of `when` (for `for_years` years in a row), or in year
    `latest` if that comes first; `latest: never` lets it wait on its conditions alone.
    """

    when: list[GateTest] = Field(min_length=1, description="Conditions that must all hold.")
    for_years: int = Field(default=1, ge=1, le=50, description="Years in a row they must hold.")
    latest: int | Literal["never"] = Field(
        description="Years after entry into force by which the phase begins in any case, "
        "or 'never' to wait on the conditions alone."
    )


class Phase(Cited):
    """A period of the transition, in whole years after entry into force: [start, end)."""

    title: str
    start: int = Field(ge=0)
    end: int | None = Field(default=None, description="Exclusive; null for the last phase.")
    description: str | None = None
    start_range: Range | None = Field(
        default=None, description="Years after entry into force this phase may start in."
    )
    gate: Gate | None = Field(
        default=None,
        description="Conditions on measured metrics for the phase to begin; `start` is "
        "then the earliest year it may begin in.",
    )


class CountedStock(Strict):
    """A stock counted every year: citizens of one state residing in another."""

    citizens_of: StateId
    residing_in: StateId


class Quota(Cited):
    """A cap on a right granted as 'quota', with a size the simulation enforces.

    The size is a yearly number (`per_year`), a yearly share of the receiving state's
    residents (`share_per_year`), a cumulative cap (`total`), a stock counted every year
    that its admissions may not outnumber (`at_most`), or several of these at once (the
    tightest binds). A yearly size states whether unused places carry over.
    """

    right: Literal["may_enter", "may_reside", "may_work"]
    into: StateId
    for_citizens_of: StateId | None = None
    per_year: int | None = Field(default=None, ge=0, description="Places each year.")
    share_per_year: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description="Places each year as a share of the people residing in `into` "
        "at the start of the year (0.002 = 0.2%).",
    )
    total: int | None = Field(default=None, ge=0, description="Places over the whole run.")
    at_most: CountedStock | None = Field(
        default=None,
        description="The people admitted under the quota since entry into force may "
        "never outnumber this stock, counted every year.",
    )
    carry_over: bool | None = Field(
        default=None,
        description="Whether a year's unused places are added to the next year's; "
        "required with per_year or share_per_year.",
    )
    allocation: Literal["queue", "lottery"] = "queue"
    ranges: dict[Literal["per_year", "share_per_year", "total"], Range] = Field(
        default_factory=dict, description="Stated ranges of the quota's assumed sizes."
    )

    @model_validator(mode="after")
    def _sized(self) -> "Quota":
        sizes = (self.per_year, self.share_per_year, self.total, self.at_most)
        if all(size is None for size in sizes):
            raise ValueError(
                "a quota needs a size: per_year, share_per_year, total or at_most "
                "(where the text gives no number, state one with 'assumption:')"
            )
        yearly = self.per_year is not None or self.share_per_year is not None
        if yearly and self.carry_over is None:
            raise ValueError("a yearly quota must say whether unused places carry over")
        if self.at_most is not None and self.for_citizens_of is None:
            raise ValueError("a quota with 'at_most' must name 'for_citizens_of'")
        return self
