"""Check a treaty's invariants over every person type, every phase and every body.

Each check reads the compiled per-type tables, so "holds" means "holds for every
coherent person type in every phase" (a type whose registered status fits its
citizenship: no 'israeli-citizen' without Israeli citizenship), and "does not hold"
names one concrete person type and year, or one coalition of a body, that shows it.
Checks never read national group.

Whether a result is a verdict depends on the text: an invariant the treaty claims
(`intends:`) is "met" or "not met"; one it does not claim is a measured fact that
"holds" or "does not hold", never counted against it. Bodies the text does not
describe (assumption only) are left out of the checks and named in `excluded`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from confed.i18n import N_
from confed.rights.compile import CompiledTreaty
from confed.rights.engine import entry_year
from confed.rights.facts import Facts
from confed.verify.aims import AimChecks
from confed.verify.bodies import BodyChecks
from confed.verify.catalog import DOES_NOT_HOLD, HOLDS, INVARIANTS, NOT_APPLICABLE
from confed.verify.verdict import Said, Verdict
from confed.vocab import ACCESS, NONE, PER_STATE_RIGHTS, RESTRICTIONS, STATUSES, ZONES

MIRRORED = (
    "may_enter_own_state",
    "may_enter_other_state",
    "may_reside_own_state",
    "may_reside_other_state",
    "may_work_own_state",
    "may_work_other_state",
    "national_vote",
    "local_vote",
    "relocation_required",
    "movement_restriction",
)


class Checker(AimChecks, BodyChecks):
    """Evaluates invariants against one compiled treaty."""

    def __init__(self, compiled: CompiledTreaty):
        self.c = compiled
        self.t = compiled.treaty
        self.start, _ = entry_year(compiled)

    # ------------------------------------------------------------ helpers

    def person(self, facts: Facts, i: int, phase: int) -> dict[str, Any]:
        """A counterexample person type, in the CLI's terms, with a year of the phase."""
        c = self.c
        t = i % c.space.size
        out = {
            "citizenship": facts.vocab["prior_citizenship"][facts.codes["prior_citizenship"][i]],
            "status": facts.vocab["status"][facts.codes["status"][i]],
            "residence": c.places.ids[c.space.place[t]],
            "zone": ZONES[c.places.zone[c.space.place[t]]],
            "phase": c.phases[phase],
            "year": self.start + self.t.phases[c.phases[phase]].start,
        }
        if "state" in facts.codes:
            out["state"] = facts.vocab["state"][facts.codes["state"][i]]
        return out

    def typical(self, mask: np.ndarray, facts: Facts) -> int:
        """The first type in `mask`, preferring one whose status fits its citizenship."""
        return facts.first(mask)

    def rule_sources(self, right: str, phase: int, i: int) -> list[str]:
        """Citations of the rule that decided `right` for type (or state × type) i."""
        decided = self.c.outputs[right][phase].rule.ravel()
        ref = self.c.refs[right][int(decided[i])]
        return list(ref.clause.source or []) or [f"assumption: {ref.clause.assumption}"]

    def over_phases(
        self, right: str, bad: Callable[[np.ndarray, Facts], np.ndarray]
    ) -> Verdict | None:
        """The first phase and type where `bad(values, facts)` is true, as a failure."""
        facts = self.c.state_facts if right in PER_STATE_RIGHTS else self.c.right_facts
        for k in range(len(self.c.phases)):
            values = self.c.outputs[right][k].value.ravel()
            mask = bad(values, facts) & facts.consistent()
            if mask.any():
                i = self.typical(mask, facts)
                return Verdict(
                    "", DOES_NOT_HOLD, self.person(facts, i, k), self.rule_sources(right, k, i)
                )
        return None

    def in_land(self, facts: Facts) -> np.ndarray:
        """Types living in the land (not abroad)."""
        return facts.codes["in_land"] == 1

    # ------------------------------------------------------------ invariants

    def one_national_vote(self) -> Verdict:
        none = self.c.assembly_vocab.index(NONE)
        other = STATUSES.index("other")
        found = self.over_phases(
            "national_vote",
            lambda v, f: self.in_land(f) & (f.codes["status"] != other) & (v == none),
        )
        verdict = _named("one-national-vote", found, self._right_sources("national_vote"))
        return Verdict(
            verdict.id,
            verdict.status,
            verdict.counterexample,
            verdict.sources,
            said=Said(
                N_(
                    "people of status 'other' (foreign nationals) vote in their own states "
                    "and are outside this check"
                )
            ),
        )

    def local_vote_follows_residence(self) -> Verdict:
        c = self.c
        expected = c.place_council[c.space.place]
        found = self.over_phases("local_vote", lambda v, f: self.in_land(f) & (v != expected))
        return _named("local-vote-follows-residence", found, self._right_sources("local_vote"))

    def same_status_same_rights(self) -> Verdict:
        """Types that differ only in the place (same zone, holder, status) get equal rights."""
        c = self.c
        facts = c.right_facts
        legal = np.stack(
            [
                facts.codes[k].astype(np.int64)
                for k in ("prior_citizenship", "status", "zone", "residence_state", "citizenship")
            ]
        )
        key = np.ravel_multi_index(legal, [int(x.max()) + 1 for x in legal])
        key = np.where(facts.consistent(), key, -1 - np.arange(len(key)))  # skip incoherent
        for right in (r for r in c.outputs if r != "local_vote"):
            for k in range(len(c.phases)):
                values = c.outputs[right][k].value
                values = values.reshape(-1, c.space.size) if values.ndim > 1 else values[None]
                for row in values:
                    order = np.lexsort((row, key))
                    same_key = key[order][1:] == key[order][:-1]
                    differs = row[order][1:] != row[order][:-1]
                    hit = np.flatnonzero(same_key & differs)
                    if len(hit):
                        a, b = order[hit[0]], order[hit[0] + 1]
                        return Verdict(
                            "same-status-same-rights",
                            DOES_NOT_HOLD,
                            {
                                "right": right,
                                "first": self.person(facts, int(a), k),
                                "second": self.person(facts, int(b), k),
                            },
                            self.rule_sources(right, k, int(b)),
                            "two people of the same legal status and zone differ by place",
                        )
        return Verdict("same-status-same-rights", HOLDS)

    def reciprocity(self) -> Verdict:
        """Mirror-image people (citizenship and state of residence swapped) have mirror rights."""
        c = self.c
        if set(c.states) != {"IL", "PS"}:
            needs = Said(
                N_("needs the two states {first} and {second}"), {"first": "IL", "second": "PS"}
            )
            return Verdict("reciprocity", NOT_APPLICABLE, said=needs)
        facts = c.right_facts
        statuses = {
            "IL": ["israeli-citizen"],
            "PS": ["west-bank", "gaza", "refugee", "jerusalem-resident"],
        }
        for k in range(len(c.phases)):
            for lives_at_home in (True, False):
                found: dict[str, dict[tuple, int]] = {}
                for cit in ("IL", "PS"):
                    other = "PS" if cit == "IL" else "IL"
                    home = cit if lives_at_home else other
                    mask = (
                        facts.consistent()
                        & (facts.codes["citizenship"] == c.citizenship_vocab.index(cit))
                        & np.isin(
                            facts.codes["status"],
                            [facts.vocab["status"].index(x) for x in statuses[cit]],
                        )
                        & (facts.codes["residence_state"] == c.sovereign_vocab.index(home))
                    )
                    found[cit] = {
                        self._mirrored(k, int(i), cit, other): int(i) for i in np.flatnonzero(mask)
                    }
                odd = set(found["IL"]) ^ set(found["PS"])
                if odd:
                    pattern = min(odd, key=str)
                    side = "IL" if pattern in found["IL"] else "PS"
                    i = found[side][pattern]
                    return Verdict(
                        "reciprocity",
                        DOES_NOT_HOLD,
                        {
                            "person": self.person(facts, i, k),
                            "mirror_has_no_counterpart_with": dict(
                                zip(MIRRORED, pattern, strict=True)
                            ),
                        },
                        self.rule_sources("may_reside", k, i),
                        said=Said(
                            N_(
                                "a person whose mirror image (citizenship and state of "
                                "residence swapped) has different rights"
                            )
                        ),
                    )
        return Verdict("reciprocity", HOLDS, sources=self._right_sources("may_reside"))

    def _mirrored(self, k: int, i: int, own: str, other: str) -> tuple:
        """A type's rights seen from its own state and the other, in MIRRORED order."""
        c = self.c
        outputs = c.outputs
        access = [
            ACCESS[outputs[r][k].value[c.states.index(s), i]]
            for r in PER_STATE_RIGHTS
            for s in (own, other)
        ]
        return (
            *access,
            bool(outputs["national_vote"][k].value[i] != c.assembly_vocab.index(NONE)),
            bool(outputs["local_vote"][k].value[i] != c.council_vocab.index(NONE)),
            bool(outputs["relocation_required"][k].value[i]),
            RESTRICTIONS[outputs["movement_restriction"][k].value[i]],
        )

    def no_forced_relocation(self) -> Verdict:
        found = self.over_phases("relocation_required", lambda v, f: v == 1)
        return _named("no-forced-relocation", found, self._right_sources("relocation_required"))

    def citizens_of_israel_keep_status(self) -> Verdict:
        c = self.c
        if "IL" not in c.states:
            return Verdict(
                "citizens-of-israel-keep-status",
                NOT_APPLICABLE,
                said=Said(N_("the treaty has no State of Israel")),
            )
        facts = c.right_facts
        mask = (
            (facts.codes["prior_citizenship"] == 0)
            & (facts.codes["status"] == 0)
            & (facts.codes["zone"] == ZONES.index("israel"))
        )
        lost = mask & (c.citizenship.value != c.citizenship_vocab.index("IL"))
        if lost.any():
            i = self.typical(lost, facts)
            ref = c.refs["citizenship"][int(c.citizenship.rule[i])]
            return Verdict(
                "citizens-of-israel-keep-status",
                DOES_NOT_HOLD,
                self.person(facts, i, 0),
                list(ref.clause.source or []),
            )
        il = c.states.index("IL")
        for k in range(len(c.phases)):
            reside = c.outputs["may_reside"][k].value[il]
            moved = c.outputs["relocation_required"][k].value
            bad = mask & ((reside != ACCESS.index("yes")) | (moved == 1))
            if bad.any():
                i = self.typical(bad, facts)
                return Verdict(
                    "citizens-of-israel-keep-status",
                    DOES_NOT_HOLD,
                    self.person(facts, i, k),
                    self.rule_sources("may_reside", k, il * c.space.size + i),
                )
        return Verdict(
            "citizens-of-israel-keep-status",
            HOLDS,
            sources=list(self.t.citizenship.default.source or [])
            if self.t.citizenship.default
            else [],
        )

    def jerusalem_open_without_barriers(self) -> Verdict:
        j = self.t.jerusalem
        sources = list(j.source or [])
        if j.regime == "divided" or not j.open_city:
            return Verdict(
                "jerusalem-open-without-barriers",
                DOES_NOT_HOLD,
                {"regime": j.regime, "open_city": j.open_city},
                sources,
            )
        return Verdict("jerusalem-open-without-barriers", HOLDS, sources=sources)

    def one_deciding_level(self) -> Verdict:
        for domain, competence in self.t.competences.items():
            if competence.level == "confederal" and not competence.body:
                return Verdict(
                    "one-deciding-level",
                    DOES_NOT_HOLD,
                    {"domain": domain},
                    list(competence.source or []),
                )
        return Verdict(
            "one-deciding-level",
            HOLDS,
            said=Said(N_("{n} domains, each with one level"), {"n": len(self.t.competences)}),
        )

    def rights_never_shrink(self) -> Verdict:
        c = self.c
        order = {
            "national_vote": None,
            "local_vote": None,
            "may_enter": ACCESS,
            "may_reside": ACCESS,
            "may_work": ACCESS,
            "relocation_required": None,
            "movement_restriction": RESTRICTIONS,
        }
        for k in range(1, len(c.phases)):
            for right, vocab in order.items():
                before = c.outputs[right][k - 1].value.ravel()
                after = c.outputs[right][k].value.ravel()
                if right in ("national_vote", "local_vote"):
                    none = (
                        c.assembly_vocab if right == "national_vote" else c.council_vocab
                    ).index(NONE)
                    worse = (before != none) & (after == none)
                elif right == "relocation_required":
                    worse = (before == 0) & (after == 1)
                elif vocab is RESTRICTIONS:
                    worse = after > before
                else:
                    worse = after < before
                deciders = c.outputs[right][k].rule.ravel()
                said = np.array([getattr(r.clause, "narrows", False) for r in c.refs[right]])
                worse &= ~said[deciders]
                facts = c.state_facts if right in PER_STATE_RIGHTS else c.right_facts
                worse &= facts.consistent()
                if worse.any():
                    i = self.typical(worse, facts)
                    return Verdict(
                        "rights-never-shrink",
                        DOES_NOT_HOLD,
                        {"right": right, **self.person(facts, i, k), "from_phase": c.phases[k - 1]},
                        self.rule_sources(right, k, i),
                    )
        return Verdict("rights-never-shrink", HOLDS)

    def linked_quotas_hold(self) -> Verdict:
        from confed.verify.quotas import YEARS, linked_quota_breach

        linked = [q for q in self.t.quotas.values() if q.at_most is not None]
        if not linked:
            return Verdict("linked-quotas-hold", NOT_APPLICABLE)
        sources = [s for q in linked for s in q.source or []]
        breach = linked_quota_breach(self.c, self.start)
        said = Said(
            N_("checked year by year on a {years}-year cohort run with the shipped behaviour"),
            {"years": YEARS},
        )
        if breach is None:
            return Verdict("linked-quotas-hold", HOLDS, sources=sources, said=said)
        return Verdict("linked-quotas-hold", DOES_NOT_HOLD, breach, sources, said=said)

    def phases_reachable(self) -> Verdict:
        from confed.verify.gates import phases_reachable

        return phases_reachable(self.c, self.start)

    def _right_sources(self, right: str) -> list[str]:
        ruleset = getattr(self.t.rights, right)
        return list(ruleset.default.source or []) if ruleset.default else []


def _named(invariant: str, found: Verdict | None, sources: list[str]) -> Verdict:
    if found is None:
        return Verdict(invariant, HOLDS, sources=sources)
    return Verdict(invariant, DOES_NOT_HOLD, found.counterexample, found.sources)


def verify(compiled: CompiledTreaty) -> list[Verdict]:
    """Every invariant of the catalog, in catalog order, each marked claimed or not."""
    checker = Checker(compiled)
    claimed = set(compiled.treaty.intends)
    return [
        replace(getattr(checker, name.replace("-", "_"))(), claimed=name in claimed)
        for name in INVARIANTS
    ]
