"""Competence routing: the level, body and rule that decide a domain, and its court.

Each part of the answer carries the clause it comes from.
"""

from __future__ import annotations

from typing import Any

from confed.errors import ConfedError, Problem, one_of
from confed.i18n import N_
from confed.institutions.bodies import body_at
from confed.treaty.describe import rule_text
from confed.treaty.model import Treaty

NATIONAL_COURTS = N_("the national courts of each state")
ONE_JOINT_COURT = N_(
    "No court is named for this domain; the treaty's one confederal court is assumed."
)
EACH_STATES_COURTS = N_("No court is named for this domain; each state's courts decide.")
"""The words of a dispute path the treaty does not name (translated where shown)."""


def route(treaty: Treaty, domain: str, phase: str) -> dict[str, Any]:
    """The deciding level, body and rule for `domain` in `phase`, and its dispute path."""
    if domain not in treaty.competences:
        domains = sorted(treaty.competences)
        raise ConfedError(
            Problem(
                f"{treaty.id} assigns no competence '{domain}'",
                field="domain",
                **one_of(domain, domains),
            )
        )
    competence = treaty.competences[domain]
    out: dict[str, Any] = {
        "treaty": treaty.id,
        "domain": domain,
        "phase": phase,
        "level": competence.level,
        "source": competence.source,
        "assumption": competence.assumption,
        "body": None,
        "dispute": None,
    }
    if competence.body:
        at = body_at(treaty, competence.body, phase)
        body = treaty.bodies[competence.body]
        out["body"] = {
            "id": at.body_id,
            "name": at.name,
            "seats": at.seats,
            "rule": rule_text(at.rule),
            "voting": at.voting,
            "source": body.source,
            "assumption": body.assumption,
        }
    out["dispute"] = _dispute(treaty, competence.dispute, competence.level)
    return out


def _dispute(treaty: Treaty, court_id: str | None, level: str) -> dict[str, Any]:
    """The court named for disputes, or the one the treaty's structure implies."""
    note = None
    if court_id is None:
        joint = [c for c, court in treaty.courts.items() if court.level == "confederal"]
        if level in ("confederal", "joint-regional") and len(joint) == 1:
            court_id = joint[0]
            note = ONE_JOINT_COURT
        else:
            national = [c for c, court in treaty.courts.items() if court.level == "national"]
            return {
                "court": national,
                "name": NATIONAL_COURTS,
                "level": "national",
                "source": None,
                "assumption": EACH_STATES_COURTS,
            }
    court = treaty.courts[court_id]
    return {
        "court": court_id,
        "name": court.name,
        "level": court.level,
        "source": court.source,
        "assumption": note or court.assumption,
    }
