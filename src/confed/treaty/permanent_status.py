"""Permanent-status provisions beyond borders and rights.

Property, the holy sites, recognition and the trust-building measures a text names.
"""

from typing import Literal

from pydantic import (
    Field,
    model_validator,
)

from confed.treaty.clause import Cited, Slug

# ---------------------------------------------------------------- property, holy sites, recognition

HOLY_SITES: dict[str, str] = {
    "haram-al-sharif-temple-mount": "Haram al-Sharif / Temple Mount",
    "western-wall": "Western Wall / al-Buraq Wall",
    "church-of-the-holy-sepulchre": "Church of the Holy Sepulchre",
    "ibrahimi-mosque-cave-of-the-patriarchs": "Ibrahimi Mosque / Cave of the Patriarchs",
    "rachels-tomb": "Rachel's Tomb / Bilal bin Rabah Mosque",
}
"""The holy sites a treaty may name, by id, with both names where both are in use."""

HolySiteId = Literal[tuple(HOLY_SITES)]


class Silent(Cited):
    """A clause that may say the text is silent: then it cites the text it read."""

    silent: bool = Field(
        default=False, description="True where the cited text says nothing on this point."
    )

    def _says_something(self, *fields: str) -> None:
        """Raise unless the clause says something, or is silent and says nothing."""
        given = [f for f in fields if getattr(self, f)]
        if self.silent and given:
            raise ValueError(f"a silent clause states nothing: remove {', '.join(given)}")
        if not self.silent and not given:
            raise ValueError(
                f"say what the text provides ({' or '.join(fields)}), or 'silent: true' "
                "citing the text that is silent"
            )


class PropertyProvision(Silent):
    """What a text provides for one class of property: restitution, compensation, a body."""

    covers: str = Field(description="Whose property, in words (e.g. refugees' property).")
    kind: (
        list[
            Literal[
                "restitution",
                "compensation",
                "commission",
                "fund",
                "law-of-the-state",
                "title-to-state",
            ]
        ]
        | None
    ) = Field(default=None, description="What the text provides; empty when silent.")
    body: str | None = Field(
        default=None, description="The commission, fund or mechanism the text names."
    )

    @model_validator(mode="after")
    def _stated(self) -> "PropertyProvision":
        self._says_something("kind")
        return self


class HolySite(Silent):
    """Who administers a holy site and who may enter it, as the text states."""

    sovereign: str | None = Field(
        default=None, description="A state id, 'shared', or 'deferred' where left open."
    )
    administered_by: list[str] | None = Field(
        default=None, description="State, third-party or body ids that administer the site."
    )
    access: str | None = Field(default=None, description="Who may enter or pray, in words.")

    @model_validator(mode="after")
    def _stated(self) -> "HolySite":
        self._says_something("sovereign", "administered_by", "access")
        return self


class Recognition(Silent):
    """The recognition a state receives, and from whom, as the text states."""

    by: list[str] | None = Field(
        default=None, description="Who recognises it: a state id or a named party, in words."
    )
    as_: str | None = Field(default=None, alias="as", description="Recognised as what.")

    @model_validator(mode="after")
    def _stated(self) -> "Recognition":
        self._says_something("by", "as_")
        return self


class TrustMeasure(Cited):
    """A trust-building measure or condition a text names that confed cannot measure."""

    description: str
    phase: Slug | None = Field(default=None, description="The phase it belongs to, if any.")
