"""`confed show` in the terminal: a treaty in plain words, at any width.

Everything is named as the treaty file names it (titles of phases, names of states,
bodies and courts; in Arabic and Hebrew confed's translations of them, `show_words`);
an id appears in parentheses only where a command takes it (a phase or a quota in
`--param`, a body in `confed power`).
"""

from __future__ import annotations

from typing import Any

from confed.i18n import _
from confed.termtable import Column, print_outline, print_table, print_text
from confed.treaty.citations import citation_counts, clause_bases
from confed.treaty.model import RuleSet, Treaty
from confed.treaty.show_provisions import outline
from confed.treaty.show_words import ShowWords
from confed.vocab import RIGHTS


def print_treaty(t: Treaty, default_entry: int, sources: list[str]) -> None:
    """Print every part of a treaty, each as a table or sentences that fit the width."""
    name = ShowWords(t)
    print_text(f"{name.text('title')} ({name.data(t.id)}, {name.data(t.framework)})", style="bold")
    print_text(name.text("summary").strip())
    eif = t.entry_into_force.year
    print_text(
        _("Entry into force: {year}").format(year=eif)
        if eif
        else _("Entry into force: not stated; confed assumes {year} (change with {option})").format(
            year=default_entry, option=name.data("--start-year")
        )
    )
    order = t.phase_order()
    print_table(
        [Column("#", "right", whole=True), Column(_("phase (id)")),
         Column(_("years after entry into force"), whole=True),
         Column(_("its start may vary"))],
        [
            [str(i), f"{name.text(f'phases.{p}.title')} ({name.data(p)})", _span(t, p),
             name.range(t.phases[p].start_range)]
            for i, p in enumerate(order, start=1)
        ],
        title=_("Phases"),
    )  # fmt: skip
    for right in ("citizenship", *RIGHTS):
        ruleset = t.citizenship if right == "citizenship" else getattr(t.rights, right)
        print_table(
            [Column(_("when a person")), Column(_("then")), Column(_("phases"), whole=True)],
            _rule_rows(t, name, ruleset, order),
            title=_("Right: {right}").format(right=name.right(right)),
        )
    print_table(
        [Column(_("zone")), Column(_("held by"))],
        [[name.zone(z), name(h)] for z, h in t.territory.zones.items()]
        + [[", ".join(map(name, ids)), name(h)] for h, ids in t.territory.places.items()],
        title=_("Territory"),
    )
    if t.quotas:
        _print_quotas(t, name)
    j = t.jerusalem
    councils = "; ".join(f"{name(s)}: {name(c)}" for s, c in j.councils.items())
    print_text(
        _("Jerusalem: {regime}; councils: {councils}; open city: {open}").format(
            regime=name.regime(j.regime), councils=councils, open=name(j.open_city)
        )
    )
    print_outline(outline(t, name))
    _print_institutions(t, name)
    if t.transitional_administration:
        ta = t.transitional_administration
        print_text(
            _("Transitional administration: {who}: {mandate} in {zones}, until the end of the "
              "phase {phase}").format(
                who=name.text("transitional_administration.who"),
                mandate=name.data(", ".join(m.replace("-", " ") for m in ta.mandate)),
                zones=", ".join(map(name.zone, ta.zones)),
                phase=name(ta.until),
            )
        )  # fmt: skip
    print_text(_("Security: {approach}").format(approach=name.security(t.security.approach)))
    print_table(
        [Column(_("clause (path in the file)")), Column(_("source")), Column(_("assumption"))],
        [
            [name.data(path), name.data(source), name.text(f"{path}.assumption") if said else ""]
            for path, source, said in clause_bases(t)
        ],
        title=_("Where each clause comes from"),
    )
    n = citation_counts(t)
    print_text(
        _("{clauses} clauses: {verified} with a verified citation, {unverified} marked citation "
          "unverified, {assumptions} with a stated assumption").format(
            clauses=n.clauses, verified=n.verified, unverified=n.unverified,
            assumptions=n.assumptions,
        )
    )  # fmt: skip
    print_text(_("Sources"), style="bold")
    for line in sources:
        print_text(name.data(line), first="  ", indent=4)


def _span(t: Treaty, phase: str) -> str:
    p = t.phases[phase]
    return f"{p.start}–{p.end - 1}" if p.end else _("{year} on").format(year=p.start)


def _rule_rows(
    t: Treaty, name: ShowWords, ruleset: RuleSet[Any], order: list[str]
) -> list[list[str]]:
    """Exceptions, then rules, then the default: when, then what, in which phases."""
    rows = []
    for rank in ("exceptions", "rules"):
        for rule in getattr(ruleset, rank).values():
            lo = order.index(rule.from_) + 1 if rule.from_ else 1
            hi = order.index(rule.until) + 1 if rule.until else len(order)
            when = name.condition(rule.when)
            if rank == "exceptions":
                when = _("(exception) {condition}").format(condition=when)
            phases = str(lo) if lo == hi else f"{lo}–{hi}"
            rows.append([when, name(rule.value), phases])
    if ruleset.default is not None:
        everywhere = "1" if len(order) == 1 else f"1–{len(order)}"
        rows.append([_("otherwise"), name(ruleset.default.value), everywhere])
    return rows


def _print_quotas(t: Treaty, name: ShowWords) -> None:
    rows = []
    for qid, q in t.quotas.items():
        ranges = "; ".join(f"{name.quota_field(f)} {name.range(r)}" for f, r in q.ranges.items())
        basis = (
            _("assumption: {text}").format(text=name.text(f"quotas.{qid}.assumption"))
            if q.assumption
            else name.data("; ".join(q.source or []))
        )
        rows.append(
            [
                name.data(qid),
                name.right(q.right),
                name(q.into),
                name(q.for_citizens_of) if q.for_citizens_of else _("any"),
                name.quota_size(q),
                ranges,
                name.allocation(q.allocation),
                basis,
            ]
        )
    print_table(
        [
            Column(_("quota (id for --param)")),
            Column(_("right")),
            Column(_("into")),
            Column(_("for citizens of")),
            Column(_("size")),
            Column(_("range")),
            Column(_("allocation")),
            Column(_("basis")),
        ],
        rows,
        title=_("Quotas"),
    )


def _print_institutions(t: Treaty, name: ShowWords) -> None:
    if t.bodies:
        rows = []
        for bid, b in t.bodies.items():
            changes = "; ".join(
                _("from {phase}: {change}").format(
                    phase=name(c.from_),
                    change=", ".join(
                        x
                        for x in (
                            c.seats and _("seats {seats}").format(seats=_seats(c.seats, name)),
                            c.rule and name.decision(c.rule),
                        )
                        if x
                    ),
                )
                for c in b.changes.values()
            )
            rule = name.decision(b.rule)
            if b.deadlock:
                rule = _("{rule}; deadlock: {deadlock}").format(
                    rule=rule, deadlock=name.deadlock(b.deadlock)
                )
            body = name.text(f"bodies.{bid}.name")
            rows.append([f"{body} ({name.data(bid)})", _seats(b.seats, name), rule, changes])
        print_table(
            [Column(_("body (id)")), Column(_("seats")), Column(_("rule")), Column(_("changes"))],
            rows,
            title=_("Joint bodies"),
        )
    print_table(
        [Column(_("court")), Column(_("level")), Column(_("judges")),
         Column(_("third parties until"))],
        [
            [
                name.text(f"courts.{cid}.name"),
                name.level(c.level) + (f" ({name(c.state)})" if c.state else ""),
                _seats(c.judges, name),
                name(c.third_party_until) if c.third_party_until else "",
            ]
            for cid, c in t.courts.items()
        ],
        title=_("Courts"),
    )  # fmt: skip
    print_table(
        [Column(_("domain"), whole=True), Column(_("level")), Column(_("body")),
         Column(_("disputes"))],
        [
            [
                name.domain(domain),
                name.level(c.level),
                name(c.body) if c.body else "",
                name(c.dispute) if c.dispute else "",
            ]
            for domain, c in t.competences.items()
        ],
        title=_("Competences (who decides each: {command})").format(
            command=name.data("confed route T --domain DOMAIN")
        ),
    )  # fmt: skip


def _seats(seats: dict[str, int], name: ShowWords) -> str:
    return ", ".join(f"{name(party)} {n}" for party, n in seats.items())
