"""The words for a treaty's provisions (gates, property, holy sites, recognition, trust).

Catalogue messages shared by the explorer's treaty page and `confed show`, so both
name a holy site, a kind of property remedy or a section alike in every language.
"""

from __future__ import annotations

from confed.i18n import N_

SECTIONS = (
    ("gates", N_("Gated phases")),
    ("property", N_("Property")),
    ("holy-sites", N_("Holy sites")),
    ("recognition", N_("Recognition")),
    ("trust", N_("Trust-building measures")),
)
"""(anchor, title) of each section this module renders, in page order."""

SITE_NAMES = {
    "haram-al-sharif-temple-mount": N_("Haram al-Sharif / Temple Mount"),
    "western-wall": N_("Western Wall / al-Buraq Wall"),
    "church-of-the-holy-sepulchre": N_("Church of the Holy Sepulchre"),
    "ibrahimi-mosque-cave-of-the-patriarchs": N_("Ibrahimi Mosque / Cave of the Patriarchs"),
    "rachels-tomb": N_("Rachel's Tomb / Bilal bin Rabah Mosque"),
}
"""Each holy site's names (both, where both are in use), as HOLY_SITES, for the catalogue."""

KINDS = {
    "restitution": N_("restitution"),
    "compensation": N_("compensation"),
    "commission": N_("a commission"),
    "fund": N_("a fund"),
    "law-of-the-state": N_("the law of the state"),
    "title-to-state": N_("title passes to the state"),
}
"""What a property provision may provide, in words."""

SOVEREIGN_WORDS = {"shared": N_("shared"), "deferred": N_("deferred to later talks")}
"""A holy site's sovereign when it is not one state."""
