"""`confed show` in the terminal: a treaty in plain words, at any width.

Everything is named as the treaty file names it (titles of phases, names of states,
bodies and courts); an id appears in parentheses only where a command takes it (a
phase or a quota in `--param`, a body in `confed power`).
"""

from __future__ import annotations

from typing import Any

from confed.plain import RIGHT_WORDS, Names
from confed.termtable import Column, print_outline, print_table, print_text
from confed.treaty.citations import citation_counts, clause_bases
from confed.treaty.describe import deadlock_text, quota_size_text, range_text, rule_text
from confed.treaty.model import RuleSet, Treaty
from confed.treaty.provisions import provision_lines
from confed.vocab import RIGHTS


def print_treaty(t: Treaty, default_entry: int, sources: list[str]) -> None:
    """Print every part of a treaty, each as a table or sentences that fit the width."""
    name = Names(t)
    print_text(f"{t.title} ({t.id}, {t.framework})", style="bold")
    print_text(t.summary.strip())
    eif = t.entry_into_force.year
    print_text(
        f"Entry into force: {eif}"
        if eif
        else f"Entry into force: not stated; confed assumes {default_entry} "
        "(change with --start-year)"
    )
    order = t.phase_order()
    print_table(
        [Column("#", "right", whole=True), Column("phase (id)"),
         Column("years after entry into force", whole=True), Column("its start may vary")],
        [
            [str(i), f"{t.phases[p].title} ({p})", _span(t, p), range_text(t.phases[p].start_range)]
            for i, p in enumerate(order, start=1)
        ],
        title="Phases",
    )  # fmt: skip
    for right in ("citizenship", *RIGHTS):
        ruleset = t.citizenship if right == "citizenship" else getattr(t.rights, right)
        print_table(
            [Column("when a person"), Column("then"), Column("phases", whole=True)],
            _rule_rows(t, name, ruleset, order),
            title=f"Right: {RIGHT_WORDS[right]}",
        )
    print_table(
        [Column("zone"), Column("held by")],
        [[name.zone(z), name(h)] for z, h in t.territory.zones.items()]
        + [[", ".join(map(name, ids)), name(h)] for h, ids in t.territory.places.items()],
        title="Territory",
    )
    if t.quotas:
        _print_quotas(t, name)
    j = t.jerusalem
    councils = "; ".join(f"{name(s)}: {name(c)}" for s, c in j.councils.items())
    print_text(
        f"Jerusalem: {j.regime.replace('-', ' ')}; councils: {councils}; "
        f"open city: {name(j.open_city)}"
    )
    print_outline(provision_lines(t))
    _print_institutions(t, name)
    if t.transitional_administration:
        ta = t.transitional_administration
        zones = ", ".join(map(name.zone, ta.zones))
        mandate = ", ".join(m.replace("-", " ") for m in ta.mandate)
        print_text(
            f"Transitional administration: {ta.who}: {mandate} in {zones}, "
            f"until the end of the phase {name(ta.until)}"
        )
    print_text(f"Security: {t.security.approach.replace('-', ' ')}")
    print_table(
        [Column("clause (path in the file)"), Column("source"), Column("assumption")],
        clause_bases(t),
        title="Where each clause comes from",
    )
    n = citation_counts(t)
    print_text(
        f"{n.clauses} clauses: {n.verified} with a verified citation, "
        f"{n.unverified} marked citation unverified, {n.assumptions} with a stated assumption"
    )
    print_text("Sources", style="bold")
    for line in sources:
        print_text(line, first="  ", indent=4)


def _span(t: Treaty, phase: str) -> str:
    p = t.phases[phase]
    return f"{p.start}–{p.end - 1}" if p.end else f"{p.start} on"


def _rule_rows(t: Treaty, name: Names, ruleset: RuleSet[Any], order: list[str]) -> list[list[str]]:
    """Exceptions, then rules, then the default: when, then what, in which phases."""
    rows = []
    for rank in ("exceptions", "rules"):
        for rule in getattr(ruleset, rank).values():
            lo = order.index(rule.from_) + 1 if rule.from_ else 1
            hi = order.index(rule.until) + 1 if rule.until else len(order)
            when = name.condition(rule.when)
            prefix = "(exception) " if rank == "exceptions" else ""
            phases = str(lo) if lo == hi else f"{lo}–{hi}"
            rows.append([prefix + when, name(rule.value), phases])
    if ruleset.default is not None:
        everywhere = "1" if len(order) == 1 else f"1–{len(order)}"
        rows.append(["otherwise", name(ruleset.default.value), everywhere])
    return rows


def _print_quotas(t: Treaty, name: Names) -> None:
    rows = []
    for qid, q in t.quotas.items():
        ranges = "; ".join(f"{f.replace('_', ' ')} {range_text(r)}" for f, r in q.ranges.items())
        basis = f"assumption: {q.assumption}" if q.assumption else "; ".join(q.source or [])
        rows.append(
            [
                f"{qid}",
                RIGHT_WORDS[q.right],
                name(q.into),
                name(q.for_citizens_of) if q.for_citizens_of else "any",
                name.text(quota_size_text(q)),
                ranges,
                q.allocation,
                basis,
            ]
        )
    print_table(
        [
            Column("quota (id for --param)"),
            Column("right"),
            Column("into"),
            Column("for citizens of"),
            Column("size"),
            Column("range"),
            Column("allocation"),
            Column("basis"),
        ],
        rows,
        title="Quotas",
    )


def _print_institutions(t: Treaty, name: Names) -> None:
    if t.bodies:
        rows = []
        for bid, b in t.bodies.items():
            changes = "; ".join(
                f"from {name(c.from_)}: "
                + ", ".join(
                    x
                    for x in (
                        c.seats and f"seats {_seats(c.seats, name)}",
                        c.rule and rule_text(c.rule, name),
                    )
                    if x
                )
                for c in b.changes.values()
            )
            rule = rule_text(b.rule, name)
            if b.deadlock:
                rule += f"; deadlock: {deadlock_text(b.deadlock, name)}"
            rows.append([f"{b.name} ({bid})", _seats(b.seats, name), rule, changes])
        print_table(
            [Column("body (id)"), Column("seats"), Column("rule"), Column("changes")],
            rows,
            title="Joint bodies",
        )
    print_table(
        [Column("court"), Column("level"), Column("judges"), Column("third parties until")],
        [
            [
                c.name,
                c.level + (f" ({name(c.state)})" if c.state else ""),
                _seats(c.judges, name),
                name(c.third_party_until) if c.third_party_until else "",
            ]
            for c in t.courts.values()
        ],
        title="Courts",
    )
    print_table(
        [Column("domain", whole=True), Column("level"), Column("body"),
         Column("disputes")],
        [
            [
                domain,
                c.level.replace("-", " "),
                name(c.body) if c.body else "",
                name(c.dispute) if c.dispute else "",
            ]
            for domain, c in t.competences.items()
        ],
        title="Competences (who decides each: confed route T --domain DOMAIN)",
    )  # fmt: skip


def _seats(seats: dict[str, int], name: Names) -> str:
    return ", ".join(f"{name(party)} {n}" for party, n in seats.items())
