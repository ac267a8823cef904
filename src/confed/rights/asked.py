"""The person a rights question names, checked as typed: citizenship and registered status.

Plain functions (no treaty, no place table), shared by the engine's answer and the
cached one (`rights.cached`).
"""

from __future__ import annotations

from confed.errors import ConfedError, Problem, one_of
from confed.i18n import _, current
from confed.i18n.terms import term
from confed.vocab import NONE, STATUSES


def assumed_status(citizenship: str, zone: str) -> tuple[str, str]:
    """The registered status most people with this citizenship and residence hold."""
    if citizenship == "IL":
        return "israeli-citizen", _("Israeli citizens are registered as such")
    if zone == "abroad":
        return "refugee", _("people abroad in the refugee fields are registered refugees")
    if zone == "gaza":
        return "gaza", _("residents of Gaza are registered in Gaza")
    if zone in ("east-jerusalem-palestinian", "east-jerusalem-israeli") and citizenship == NONE:
        return "jerusalem-resident", _(
            "East Jerusalem residents without citizenship hold residency"
        )
    if citizenship == "PS" or zone.startswith("area-") or zone.startswith("settlement"):
        return "west-bank", _("Palestinians in the West Bank are registered there")
    return "other", _("no registered status fits better")


def choice(value: str, choices: tuple[str, ...], field: str) -> str:
    """`value` as `choices` spell it (any case), else a problem naming the choices."""
    for option in choices:
        if value.lower() == option.lower():
            return option
    raise ConfedError(
        Problem(
            f"'{value}' is not a valid {field}",
            field=field,
            **one_of(value, choices),
        )
    )


def registered_status(citizenship: str, zone: str, status: str | None) -> tuple[str, str | None]:
    """The status as typed (checked), or the usual one with a note saying it was assumed."""
    if status is not None:
        return choice(status, STATUSES, "status"), None
    status, why = assumed_status(citizenship, zone)
    shown = status if current() == "en" else term("status", status)
    return status, _("status not given: assumed '{status}' ({why})").format(status=shown, why=why)
