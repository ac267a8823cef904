"""Arguments as measurable claims: the registry (data/claims.yaml) and what each treaty measures.

A claim is an argument made for or about a framework, in confed's words, with who makes
it (a document and its section), the metrics, invariants or data tables that bear on it,
and a caveat saying what those numbers cannot measure. `measured` reads, for every
treaty of a comparison, each measure's value; nothing scores or ranks a claim.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from confed.compare.tables import metric_value
from confed.errors import ConfedError, Problem
from confed.sources import parse_citation, registry
from confed.treaty.load import locate
from confed.verify.catalog import INVARIANTS
from confed.yamlfile import load_yaml

FILE = "compare/data/claims.yaml"
DATA = ("workers",)
"""Data tables a claim may point at besides the opinion items (`opinion:ITEM`)."""
Text = Annotated[str, Field(min_length=1)]


class Measure(BaseModel):
    """One thing that bears on a claim: a metric `name.key`, an invariant, or a data table."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metric: str | None = Field(default=None, pattern=r"^[a-z_]+\.[A-Za-z0-9_.-]+$")
    invariant: str | None = None
    data: str | None = None
    reads: str | None = Field(default=None, description="What the number measures.")

    @model_validator(mode="after")
    def _one_kind(self) -> Measure:
        kinds = [k for k in ("metric", "invariant", "data") if getattr(self, k)]
        if len(kinds) != 1:
            raise ValueError("a measure names exactly one of metric, invariant or data")
        if self.invariant and self.invariant not in INVARIANTS:
            raise ValueError(f"unknown invariant '{self.invariant}'")
        if (self.metric or self.data) and not self.reads:
            raise ValueError("a metric or data measure says what it reads ('reads:')")
        if self.data and self.data not in DATA and not self.data.startswith("opinion:"):
            raise ValueError(f"unknown data '{self.data}' (known: opinion:ITEM, workers)")
        return self

    @property
    def label(self) -> str:
        """The column heading: what the number reads, or the invariant's title."""
        return self.reads or INVARIANTS[self.invariant or ""]


def _cited(text: str) -> str:
    """A citation of a registered document and a section it has (its own heading)."""
    from confed.treaty.citations import is_heading_of

    cited = parse_citation(text)
    source = registry().get(cited.doc)
    if source is None:
        raise ValueError(f"unknown document '{cited.doc}' in '{text}'")
    if not cited.section:
        raise ValueError(f"'{text}' names no section (write 'doc § section')")
    if source.sections is not None and not is_heading_of(cited.section, source.sections):
        raise ValueError(
            f"'{cited.section}' is not a heading of {cited.doc} ({', '.join(source.sections)})"
        )
    return text


class Claim(BaseModel):
    """An argument, who makes it, the framework it is about, its measures and caveat."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    claim: Text
    made_by: list[Annotated[str, AfterValidator(_cited)]] = Field(
        min_length=1, description="'doc-id § section' citations, as the document names it."
    )
    about: Literal["confederation", "separation", "one-state", "status-quo", "other"]
    measures: list[Measure] = Field(min_length=1)
    caveat: Text


@cache
def claims() -> dict[str, Claim]:
    """The shipped registry, validated; a mistake is reported at its line in the file."""
    text = resources.files(__package__).joinpath("data", "claims.yaml").read_text("utf-8")
    return parse_claims(text, FILE)


def parse_claims(text: str, file: str) -> dict[str, Claim]:
    """Claims from YAML text, or a ConfedError naming file, line, field and what was expected.

    >>> ok = "x:\\n  claim: A.\\n  made_by: [fixamerica-confederation § Arguments For]\\n"
    >>> ok += "  about: confederation\\n  measures: [{invariant: no-forced-relocation}]\\n"
    >>> list(parse_claims(ok + "  caveat: B.\\n", "c.yaml"))
    ['x']
    >>> parse_claims(ok.replace("no-forced", "no-such"), "c.yaml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    confed.errors.ConfedError: c.yaml:5:...: x.measures.0: ...unknown invariant 'no-such-...
    """
    data, marks = load_yaml(text, file)
    if not isinstance(data, dict):
        raise ConfedError(Problem("the file holds no claims", expected="claim id → claim"))
    out = {}
    for cid, record in data.items():
        try:
            out[cid] = Claim.model_validate(record)
        except ValidationError as exc:
            error = exc.errors()[0]
            loc = tuple(error["loc"])
            raise ConfedError(
                Problem(
                    error["msg"].removeprefix("Value error, "),
                    locate(marks, (cid, *loc)),
                    field=".".join(str(p) for p in (cid, *loc)),
                    expected=_expected(loc),
                )
            ) from None
    return out


def _expected(loc: tuple) -> str:
    """What the field at `loc` takes: a claim's keys, or a measure's."""
    if len(loc) <= 1:
        return "one of the keys " + ", ".join(Claim.model_fields)
    return "a measure with one of " + ", ".join(Measure.model_fields)


def metric_ref(metric: str) -> dict[str, str]:
    """A `name.key` measure as the comparison's metric reference (`id`, `key`, `unit`).

    >>> metric_ref("electorate_share.knesset.jewish")
    {'id': 'electorate_share', 'key': 'knesset.jewish', 'unit': 'share'}
    >>> metric_ref("relocated_by_treaty.total")["unit"]
    'persons'
    """
    name, _, key = metric.partition(".")
    return {"id": name, "key": key, "unit": "share" if "share" in name else "persons"}


def measured(claim: Claim, treaty: dict[str, Any]) -> list[dict[str, Any]]:
    """Each measure of a claim for one treaty of a comparison: its first and last values.

    Metrics give the first and last simulated year (None where the treaty reports none);
    invariants the treaty's verdict item; data measures name their table (the same for
    every treaty).
    """
    years = treaty["years"]
    verdicts = {v["id"]: v for v in treaty["invariants"]}
    out = []
    for m in claim.measures:
        if m.metric:
            ref = metric_ref(m.metric)
            first, last = (metric_value(years[i], ref) for i in (0, -1))
            out.append({"kind": "metric", "first": first, "last": last, "unit": ref["unit"]})
        elif m.invariant:
            out.append({"kind": "invariant", "verdict": verdicts.get(m.invariant)})
        else:
            out.append({"kind": "data", "data": m.data})
    return out
