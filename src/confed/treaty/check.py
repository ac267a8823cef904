"""Checks a validated treaty's references and time line, then proves its rights total.

Pydantic checks each field's shape; these checks tie fields together: citations name
registered documents, places exist, phases tile time without overlap, bodies name
parties the treaty has, and every right decides every person type without conflict.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice, pairwise
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from confed.errors import ConfedError, Problem, did_you_mean
from confed.places import places
from confed.sources import parse_citation, registry
from confed.treaty.gates import gate_problems
from confed.treaty.load import LoadedTreaty
from confed.treaty.model import (
    AllOf,
    AnyOf,
    AtLeast,
    Cited,
    Deadlock,
    DecisionRule,
    EachParty,
    Fraction,
    Majority,
    Treaty,
)
from confed.treaty.provisions import provision_problems
from confed.verify.catalog import INVARIANTS
from confed.vocab import NONE, SHARED, ZONES

if TYPE_CHECKING:
    from confed.rights.compile import CompiledTreaty

Found = tuple[tuple[Any, ...], str, str | None, "str | Suggest | None"]
"""A problem before it is located: path, message, expected, suggestion."""


def _unknown(path: tuple[Any, ...], what: str, value: str, choices: list[str]) -> Found:
    """An unknown name; its did-you-mean is worked out only if the problem is shown."""
    expected = ", ".join(choices[:20])
    return (path, f"unknown {what} '{value}'", expected, Suggest(value, choices))


@dataclass(frozen=True)
class Suggest:
    """A did-you-mean not yet computed: the value written and the known choices."""

    value: str
    choices: list[str]

    def __str__(self) -> str:
        return did_you_mean(self.value, self.choices) or ""


def clauses(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Cited]]:
    """Every cited clause in the treaty, with its path."""
    if isinstance(node, Cited):
        yield path, node
    if isinstance(node, BaseModel):
        for name, info in type(node).model_fields.items():
            yield from clauses(getattr(node, name), (*path, info.alias or name))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from clauses(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from clauses(value, (*path, i))


def _citations(t: Treaty) -> Iterator[Found]:
    known = sorted({*registry(), *t.sources})
    for path, clause in clauses(t):
        for i, text in enumerate(clause.source or []):
            doc = parse_citation(text).doc
            if doc not in known:
                yield _unknown((*path, "source", i), "source document", doc, known)


def _phases(t: Treaty) -> Iterator[Found]:
    order = t.phase_order()
    previous_end: int | None = 0
    for i, name in enumerate(order):
        phase = t.phases[name]
        path = ("phases", name)
        last = i == len(order) - 1
        if phase.end is not None and phase.end <= phase.start:
            yield (
                (*path, "end"),
                f"phase ends (year {phase.end}) before it starts",
                (f"end > start ({phase.start})"),
                None,
            )
        if previous_end is None or phase.start != previous_end:
            prev = order[i - 1] if i else None
            if previous_end is None or phase.start < previous_end:
                msg = f"phase '{name}' starts in year {phase.start} but '{prev}' runs until " + (
                    "the end of the treaty" if previous_end is None else f"year {previous_end}"
                )
                expected = "phases that do not overlap"
                yield (*path, "start"), f"overlapping phases: {msg}", expected, None
            else:
                yield (
                    (*path, "start"),
                    (
                        f"gap between phases: nothing covers years {previous_end} to {phase.start}"
                        if prev
                        else f"the first phase must start at year 0, not {phase.start}"
                    ),
                    "each phase to start where the previous one ends",
                    None,
                )
        if phase.end is None and not last:
            yield (*path, "end"), "only the last phase may be open-ended", "an end year", None
        previous_end = phase.end


def _ranges(t: Treaty) -> Iterator[Found]:
    """Every stated range holds its value, and phase starts sampled in them stay in order."""
    ranged = [(p, t.phases[p].start_range) for p in t.phase_order()]
    for name, r in ranged:
        if r is not None and not r.low <= t.phases[name].start <= r.high:
            path = ("phases", name, "start_range")
            yield (
                path,
                f"the range does not hold the start ({t.phases[name].start})",
                "low <= start <= high",
                None,
            )
    stated = [(p, r) for p, r in ranged if r is not None]
    for (a, ra), (b, rb) in pairwise(stated):
        if ra.high >= rb.low:
            path = ("phases", b, "start_range")
            yield (
                path,
                f"'{b}' could start before '{a}' ({rb.low:g} <= {ra.high:g})",
                f"a low above {ra.high:g}, the high of '{a}'",
                None,
            )
    for qid, q in t.quotas.items():
        for field, r in q.ranges.items():
            value = getattr(q, field)
            if value is None or not r.low <= value <= r.high:
                path = ("quotas", qid, "ranges", field)
                yield (
                    path,
                    f"the range does not hold the quota's {field} ({value})",
                    f"a {field} between {r.low:g} and {r.high:g}",
                    None,
                )


def _phase_refs(t: Treaty) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every place a phase id is named, with its path."""
    for right in ("citizenship", *(f"rights.{r}" for r in type(t.rights).model_fields)):
        head = tuple(right.split("."))
        ruleset = t.citizenship if right == "citizenship" else getattr(t.rights, head[1])
        for rank in ("rules", "exceptions"):
            for label, rule in getattr(ruleset, rank).items():
                for key in ("from", "until"):
                    value = rule.from_ if key == "from" else rule.until
                    if value is not None:
                        yield (*head, rank, label, key), value
    for body_id, body in t.bodies.items():
        for label, change in body.changes.items():
            yield ("bodies", body_id, "changes", label, "from"), change.from_
    for court_id, court in t.courts.items():
        if court.third_party_until:
            yield ("courts", court_id, "third_party_until"), court.third_party_until
    if t.transitional_administration:
        yield ("transitional_administration", "until"), t.transitional_administration.until


def _references(t: Treaty) -> Iterator[Found]:
    table = places()
    states = list(t.states)
    holders = [*states, SHARED, NONE]
    for zone in ZONES:
        if zone not in t.territory.zones:
            yield ("territory", "zones"), f"zone '{zone}' has no holder", "every zone listed", None
    for zone, holder in t.territory.zones.items():
        if holder not in holders:
            yield _unknown(("territory", "zones", zone), "state", holder, holders)
    seen: dict[str, str] = {}
    for holder, ids in t.territory.places.items():
        if holder not in holders:
            yield _unknown(("territory", "places", holder), "state", holder, holders)
        for i, place_id in enumerate(ids):
            path = ("territory", "places", holder, i)
            if place_id not in table.ids:
                guess = did_you_mean(place_id, table.ids)
                yield path, f"unknown place '{place_id}'", "a place id (see `confed places`)", guess
            elif place_id in seen:
                yield path, f"place '{place_id}' is already held by {seen[place_id]}", None, None
            seen[place_id] = holder
    for side in t.jerusalem.councils:
        if side not in [*states, SHARED]:
            yield _unknown(("jerusalem", "councils", side), "state", side, [*states, SHARED])
    for path, value in _phase_refs(t):
        if value not in t.phases:
            yield _unknown(path, "phase", value, list(t.phases))
    yield from _spans(t)
    parties = [*states, *t.third_parties]
    for body_id, body in t.bodies.items():
        path = ("bodies", body_id)
        yield from _seats((*path, "seats"), body.seats, parties)
        yield from _rule_parties((*path, "rule"), body.rule, parties)
        seated = [p for p, n in body.seats.items() if n]
        yield from _deadlock_parties((*path, "deadlock"), body.deadlock, seated, t.third_parties)
        for label, change in body.changes.items():
            yield from _deadlock_parties(
                (*path, "changes", label, "deadlock"), change.deadlock, seated, t.third_parties
            )
            if change.seats:
                yield from _seats((*path, "changes", label, "seats"), change.seats, parties)
            if change.rule:
                yield from _rule_parties((*path, "changes", label, "rule"), change.rule, parties)
    for court_id, court in t.courts.items():
        path = ("courts", court_id)
        if court.level == "national" and court.state not in states:
            yield _unknown((*path, "state"), "state", str(court.state), states)
        yield from _seats((*path, "judges"), court.judges, parties)
    for domain, competence in t.competences.items():
        path = ("competences", domain)
        if competence.body and competence.body not in t.bodies:
            yield _unknown((*path, "body"), "body", competence.body, list(t.bodies))
        if competence.level == "confederal" and not competence.body:
            yield (
                (*path, "body"),
                "a confederal competence names the body that decides",
                ("a body id"),
                None,
            )
        if competence.dispute and competence.dispute not in t.courts:
            yield _unknown((*path, "dispute"), "court", competence.dispute, list(t.courts))
    yield from _security(t)
    for quota_id, quota in t.quotas.items():
        named = {("into",): quota.into, ("for_citizens_of",): quota.for_citizens_of}
        if quota.at_most is not None:
            named[("at_most", "citizens_of")] = quota.at_most.citizens_of
            named[("at_most", "residing_in")] = quota.at_most.residing_in
        for key, value in named.items():
            if value is not None and value not in states:
                yield _unknown(("quotas", quota_id, *key), "state", value, states)
        if quota.right == "may_work" and quota.per_year is None and quota.share_per_year is None:
            yield (
                ("quotas", quota_id),
                "a work quota is sized by the permits in force each year",
                "per_year or share_per_year",
                None,
            )
    for right in ("may_enter", "may_reside", "may_work"):
        ruleset = getattr(t.rights, right)
        for rank in ("rules", "exceptions"):
            for label, rule in getattr(ruleset, rank).items():
                path = ("rights", right, rank, label, "quota")
                if rule.quota and rule.quota not in t.quotas:
                    yield _unknown(path, "quota", rule.quota, list(t.quotas))
                elif rule.quota and t.quotas[rule.quota].right != right:
                    yield (
                        path,
                        f"quota '{rule.quota}' rations {t.quotas[rule.quota].right}, not {right}",
                        f"a quota with right: {right}",
                        None,
                    )
                if (rule.value == "quota") != bool(rule.quota):
                    yield (
                        path,
                        "a rule grants 'quota' exactly when it names its quota",
                        "value: quota together with quota: <id>",
                        None,
                    )
        default = ruleset.default
        if default is not None and default.value == "quota":
            path = ("rights", right, "default", "value")
            yield path, "a default cannot grant 'quota'", "a rule that names its quota", None
    for i, invariant in enumerate(t.intends):
        if invariant not in INVARIANTS:
            yield _unknown(("intends", i), "invariant", invariant, list(INVARIANTS))
    for rank in ("rules", "exceptions"):
        for label, rule in getattr(t.citizenship, rank).items():
            if rule.from_ or rule.until:
                yield (
                    ("citizenship", rank, label),
                    ("citizenship is assigned once, at entry into force"),
                    "no 'from' or 'until' here",
                    None,
                )


def _security(t: Treaty) -> Iterator[Found]:
    """Security control names states, parties or forces the treaty defines."""
    states = list(t.states)
    holders = [*states, "joint", "unstated", *t.third_parties, *t.security.foreign_forces]
    for state, control in t.security.control.items():
        path = ("security", "control", state)
        if state not in states:
            yield _unknown(path, "state", state, states)
        for key in ("external", "borders"):
            if getattr(control, key) not in holders:
                yield _unknown((*path, key), "holder", getattr(control, key), holders)
    for force_id, force in t.security.foreign_forces.items():
        if force.until is not None and force.until not in t.phases:
            path = ("security", "foreign_forces", force_id, "until")
            yield _unknown(path, "phase", force.until, list(t.phases))


def _spans(t: Treaty) -> Iterator[Found]:
    """A rule's `from` phase must not come after its `until` phase."""
    order = t.phase_order()
    for right in type(t.rights).model_fields:
        for rank in ("rules", "exceptions"):
            for label, rule in getattr(getattr(t.rights, right), rank).items():
                if (
                    rule.from_ in order
                    and rule.until in order
                    and (order.index(rule.from_) > order.index(rule.until))
                ):
                    yield (
                        ("rights", right, rank, label, "until"),
                        (
                            f"the rule ends (phase '{rule.until}') before it starts "
                            f"(phase '{rule.from_}')"
                        ),
                        "an 'until' phase at or after the 'from' phase",
                        None,
                    )


def _seats(path: tuple[Any, ...], seats: dict[str, int], parties: list[str]) -> Iterator[Found]:
    for party, count in seats.items():
        if party not in parties:
            yield _unknown((*path, party), "party", party, parties)
        if count < 0:
            yield (*path, party), "a seat count cannot be negative", "0 or more", None


def _deadlock_parties(
    path: tuple[Any, ...], rule: Deadlock | None, seated: list[str], thirds: dict[str, Any]
) -> Iterator[Found]:
    """Casting votes name parties seated in the body; referrals name third parties."""
    if rule is None:
        return
    for i, party in enumerate(rule.casting or []):
        if party not in seated:
            yield _unknown((*path, "casting", i), "party of this body", party, seated)
    for party in rule.referral or {}:
        if party not in thirds:
            yield _unknown((*path, "referral", party), "third party", party, list(thirds))
    if rule.when is not None:
        yield from _rule_parties((*path, "when"), rule.when, seated)


def _rule_parties(path: tuple[Any, ...], rule: DecisionRule, parties: list[str]) -> Iterator[Found]:
    if isinstance(rule, AtLeast | Fraction | Majority):
        for i, party in enumerate(rule.among or []):
            if party not in parties:
                yield _unknown((*path, "among", i), "party", party, parties)
    elif isinstance(rule, EachParty):
        yield from _seats((*path, "each_party"), rule.each_party, parties)
    elif isinstance(rule, AllOf | AnyOf):
        key = "all" if isinstance(rule, AllOf) else "any"
        for i, sub in enumerate(getattr(rule, key)):
            yield from _rule_parties((*path, key, i), sub, parties)


def check_treaty(loaded: LoadedTreaty) -> CompiledTreaty:
    """Raise a located ConfedError for the first problems found; then prove the rights.

    Proving is compiling: the compiled rights are returned so they are built only once.
    """
    check_references(loaded)
    from confed.rights.compile import CompiledTreaty  # proving runs the rights engine

    return CompiledTreaty(loaded, places())


def check_references(loaded: LoadedTreaty) -> None:
    """Raise a located ConfedError for the first problems found, short of the rights proof."""
    t = loaded.treaty
    checks = (_citations(t), _phases(t), _ranges(t), _references(t))
    found = list(islice(chain(*checks, gate_problems(t), provision_problems(t)), 12))
    if found:
        raise ConfedError(
            [
                Problem(
                    msg, loaded.locate(path), ".".join(map(str, path)), expected,
                    (str(suggestion) or None) if suggestion is not None else None,
                )
                for path, msg, expected, suggestion in found
            ]
        )  # fmt: skip
