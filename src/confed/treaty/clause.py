"""The base of every treaty model and the field types the models share.

Unknown keys are refused, and every clause cites a source or states an assumption.
"""

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from confed.sources import parse_citation
from confed.vocab import ZONES

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
StateId = Annotated[str, Field(pattern=r"^[A-Z]{2,5}$")]
Zone = Literal[ZONES]  # the zone ids of confed.vocab, in their order
Access = Literal["yes", "quota", "permit", "no"]
Restriction = Literal["none", "individual", "collective"]
LocalVote = Literal["council-of-residence", "none"]


class Strict(BaseModel):
    """Base for every treaty model: unknown keys are errors, not silently ignored."""

    # defer_build: a model's validator is built when first used, not at import, so
    # loading a treaty builds the Treaty's schema once instead of one for every class
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class Cited(Strict):
    """A clause: it cites a source, or states why it is an assumption."""

    source: list[str] | None = Field(
        default=None,
        description="Citations 'doc-id § section'; one string or a list.",
    )
    assumption: str | None = Field(
        default=None, description="Why this reading was taken where the proposal is silent."
    )
    note: str | None = Field(default=None, description="A plain-language gloss for readers.")
    citation: Literal["unverified"] | None = Field(
        default=None,
        description="'unverified' when the cited document could not be read, so what "
        "the clause takes from it is not checked against its text.",
    )

    @field_validator("source", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("source")
    @classmethod
    def _well_formed(cls, value: list[str] | None) -> list[str] | None:
        for text in value or []:
            parse_citation(text)
        return value

    @model_validator(mode="after")
    def _sourced(self) -> "Cited":
        if not self.source and not self.assumption:
            raise ValueError("a clause needs 'source:' (document § section) or 'assumption:'")
        if self.citation == "unverified" and not self.source:
            raise ValueError("'citation: unverified' needs 'source:' naming the unread document")
        return self
