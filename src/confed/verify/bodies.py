"""Invariants over the joint bodies: collective equality, and third-party power that ends.

Bodies the text does not describe (an `assumption:` without `source:`, or marked
`assumed`) are left out of both and named in the verdict's `excluded`. Power, not
seats: a third-party seat whose Banzhaf power is zero is no power that outlives a
sunset.
"""

from __future__ import annotations

from confed.i18n import N_
from confed.institutions.bodies import equality_checks
from confed.institutions.report import institutions_at
from confed.rights.compile import CompiledTreaty
from confed.treaty.model import Body, Treaty
from confed.verify.catalog import DOES_NOT_HOLD, HOLDS, NOT_APPLICABLE
from confed.verify.verdict import Said, Verdict


class BodyChecks:
    """The invariants that read the treaty's bodies, courts and interim administration."""

    c: CompiledTreaty
    t: Treaty

    def collective_equality(self) -> Verdict:
        """In every described body and phase: no side passes alone, each blocks, equal power."""
        bodies, excluded = described_bodies(self.t)
        if not bodies:
            return Verdict(
                "collective-equality",
                NOT_APPLICABLE,
                said=_excluded_detail(excluded) or Said(N_("no joint bodies")),
                excluded=excluded,
            )
        wanted = ("no-side-passes-alone", "can-block", "equal-power")
        for phase in self.c.phases:
            for report in institutions_at(self.t, phase):
                if report.at.body_id not in bodies:
                    continue
                for check in equality_checks(report.at, list(self.c.states), report.power):
                    if check.id.split(":")[0] in wanted and not check.holds:
                        body = self.t.bodies[report.at.body_id]
                        return Verdict(
                            "collective-equality",
                            DOES_NOT_HOLD,
                            {
                                "body": report.at.body_id,
                                "phase": phase,
                                "check": check.id,
                                "coalition": check.counterexample,
                                "detail": check.detail,
                            },
                            list(body.source or []),
                            said=_excluded_detail(excluded),
                            excluded=excluded,
                        )
        return Verdict(
            "collective-equality", HOLDS, said=_excluded_detail(excluded), excluded=excluded
        )

    def transitional_powers_end(self) -> Verdict:
        """Third parties hold no voting power in the last phase (power, not seats)."""
        states = set(self.t.states)
        last = self.c.phases[-1]
        bodies, excluded = described_bodies(self.t)
        for report in institutions_at(self.t, last):
            if report.at.body_id not in bodies:
                continue
            power = {p: float(v) for p, v in report.banzhaf_by_party.items() if p not in states}
            if any(power.values()):
                return Verdict(
                    "transitional-powers-end",
                    DOES_NOT_HOLD,
                    {"body": report.at.body_id, "third_party_banzhaf_in_last_phase": power},
                    list(self.t.bodies[report.at.body_id].source or []),
                    said=_excluded_detail(excluded),
                    excluded=excluded,
                )
        for court_id, court in self.t.courts.items():
            if any(n and p not in states for p, n in court.judges.items()) and not (
                court.third_party_until
            ):
                return Verdict(
                    "transitional-powers-end",
                    DOES_NOT_HOLD,
                    {"court": court_id},
                    list(court.source or []),
                    excluded=excluded,
                )
        ta = self.t.transitional_administration
        if ta is not None and ta.until == last and self.t.phases[last].end is None:
            return Verdict(
                "transitional-powers-end",
                DOES_NOT_HOLD,
                {"transitional_administration": ta.who, "until": ta.until},
                list(ta.source or []),
                excluded=excluded,
            )
        return Verdict(
            "transitional-powers-end", HOLDS, said=_excluded_detail(excluded), excluded=excluded
        )


def assumption_only(body: Body) -> bool:
    """A body the text does not describe: only an `assumption:`, or marked `assumed`."""
    return not body.source or bool(getattr(body, "assumed", False))


def described_bodies(treaty: Treaty) -> tuple[list[str], list[str]]:
    """The bodies the text describes, and those it does not (left out of verdicts)."""
    excluded = [b for b, body in treaty.bodies.items() if assumption_only(body)]
    return [b for b in treaty.bodies if b not in excluded], excluded


def _excluded_detail(excluded: list[str]) -> Said | None:
    if not excluded:
        return None
    return Said(
        N_("left out as assumption only (the text does not describe them): {bodies}"),
        {"bodies": excluded},
    )
