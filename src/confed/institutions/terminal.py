"""`confed institutions` and `confed route --domain` in the terminal, in the current language.

English prints the bodies as before (names from the treaty file, the checks' own
titles); Arabic and Hebrew take the treaty's translated names, catalogue messages for
the frame, the deadlock line and each check (by its id), and `ShowWords` for rules.
"""

from __future__ import annotations

from typing import Any

from confed.i18n import _
from confed.i18n.terms import term
from confed.institutions.report import SUNSET_LEAVES, BodyReport, check_title
from confed.termtable import Column, print_table, print_text
from confed.treaty.model import Treaty
from confed.treaty.show_words import ShowWords
from confed.treaty.texts import english_at


def print_phase(t: Treaty, phase: str, years: str, reports: list[BodyReport]) -> None:
    """Every body of `t` in one phase: seats and power, passage, deadlock and checks."""
    words = ShowWords(t)
    print_text(f"{words.text('title')}: {words(phase)} ({_years(years)})", style="bold")
    for report in reports:
        b = report.as_json()
        members = {
            **b["seats"],
            **{p: "—" for p in b["banzhaf_by_party"] if p not in b["seats"]},
        }
        name = b["name"] if words.en else words.text(f"bodies.{b['body']}.name")
        print_table(
            [Column(_("party")), Column(_("seats"), "right", whole=True),
             Column(_("Banzhaf power"), "right", whole=True),
             Column(_("Shapley–Shubik power"), "right", whole=True)],
            [
                [
                    words(party),
                    str(seats),
                    f"{b['banzhaf_by_party'].get(party, 0):.3f}",
                    f"{b['shapley_shubik_by_party'].get(party, 0):.3f}",
                ]
                for party, seats in members.items()
            ],
            title=f"{name}: {words.decision(report.at.rule)}",
        )  # fmt: skip
        shown = ", ".join(f"{words(s)} {c}" for s, c in b["cohesion"].items())
        said = _(
            "power to act {act}; chance a proposal passes when each side's seats vote "
            "together with cohesion {cohesion}: {chance}"
        ).format(
            act=f"{b['coleman_act']:.3f}",
            cohesion=shown,
            chance=f"{b['passage_probability']:.3f}",
        )
        print_text(said, first="  ", indent=4)
        print_text(_deadlock_line(report, words), first="  ", indent=4)
        for c in b["checks"]:
            print_text(_check_line(c, b, t, words), first="  ", indent=4)


def _years(years: str) -> str:
    """'2045 on' (as the JSON gives a phase's years) in the reader's language."""
    return _("{year} on").format(year=years[:-3]) if years.endswith(" on") else years


def _coalition(seats: dict[str, int], words: ShowWords) -> str:
    return ", ".join(f"{words(p)} {n}" for p, n in seats.items())


def _deadlock_line(report: BodyReport, words: ShowWords) -> str:
    """One line: can the body deadlock with no way out, and who breaks deadlocks."""
    d = report.deadlock.as_json()
    rule = report.at.deadlock
    breaker = (
        _("deadlocks go to {breaker}").format(breaker=words.deadlock(rule))
        if d["breaker"]
        else _("no deadlock rule")
    )
    if words.en and d["breaker"]:
        breaker = f"deadlocks go to {words.english.text(d['breaker'])}"
    if d["no_way_out"] is None:
        return _("deadlock: not computed for a body this large; {breaker}").format(breaker=breaker)
    if not d["no_way_out"]:
        return _("deadlock: every vote is decided; {breaker}").format(breaker=breaker)
    ex = d["counterexample"]
    return _(
        "deadlock: can deadlock with no way out in {share} of votes "
        "(e.g. yes {yes} against no {no}); {breaker}"
    ).format(
        share=f"{d['share']:.1%}",
        yes=_coalition(ex["yes"], words),
        no=_coalition(ex["no"], words),
        breaker=breaker,
    )


def _check_line(c: dict[str, Any], b: dict[str, Any], t: Treaty, words: ShowWords) -> str:
    """A check as 'holds: …' or 'does not hold: …', with its detail and counterexample."""
    mark = _("holds:") if c["holds"] else _("does not hold:")
    if words.en:
        name = words.english.text
        detail = f" ({name(c['detail'])})" if c["detail"] else ""
        extra = f"; for example {name(c['counterexample'])}" if c["counterexample"] else ""
        return f"{mark} {name(c['title'])}{detail}{extra}"
    title = check_title(c["id"], words)
    if title is None:  # a check with no message yet: its English, isolated
        return f"{mark} {words.data(c['title'])}"
    kind = c["id"].partition(":")[0]
    detail = _detail(kind, c, b["banzhaf_by_party"], t, words)
    detail = f" ({detail})" if detail else ""
    extra = (
        _("; for example {coalition}").format(coalition=_coalition(c["counterexample"], words))
        if c["counterexample"]
        else ""
    )
    return f"{mark} {title}{detail}{extra}"


def _detail(
    kind: str, c: dict[str, Any], power: dict[str, float], t: Treaty, words: ShowWords
) -> str:
    """A check's detail in words, rebuilt from the figures rather than its English."""
    if kind == "equal-power":
        return ", ".join(f"{words(s)} {power[s]:.3f}" for s in t.states if s in power)
    if kind == "third-party-capped":
        third = sum(v for p, v in power.items() if p not in t.states)
        return _("third parties {share}").format(share=f"{third:.3f}")
    if kind == "no-dummy" and c["detail"]:
        dummies = ", ".join(words(p) for p, v in power.items() if v == 0)
        return _("seats without any swing: {parties}").format(parties=dummies)
    if kind == "third-party-sunset":
        if not c["holds"]:
            return _("they sit in every phase")
        phase = words(c["detail"].removeprefix(SUNSET_LEAVES))
        return _("they leave from phase {phase}").format(phase=phase)
    return _(c["detail"]) if c["detail"] else ""


def print_route(t: Treaty, answer: dict[str, Any]) -> None:
    """Who decides a domain: the level, the body with its seats and rule, the court."""
    words = ShowWords(t)
    domain, level = answer["domain"], answer["level"]
    if words.en:
        head = f"{domain.replace('-', ' ').capitalize()} under {t.title}, {words(answer['phase'])}"
        decided = f"decided at the {level.replace('-', ' ')} level"
    else:
        head = _("{domain} under {treaty}, {phase}").format(
            domain=words.domain(domain), treaty=words.text("title"), phase=words(answer["phase"])
        )
        decided = _("decided at the {level} level").format(level=term("level", level))
    print_text(f"{head}: {decided}{_cite(t, words, f'competences.{domain}', answer)}")
    if answer["body"]:
        b = answer["body"]
        said = _("body: {name} ({id}); seats {seats}; rule: {rule}").format(
            name=b["name"] if words.en else words.text(f"bodies.{b['id']}.name"),
            id=b["id"] if words.en else words.data(b["id"]),
            seats=", ".join(f"{words(p)} {n}" for p, n in b["seats"].items()),
            rule=words.english.text(b["rule"]) if words.en else _body_rule(t, b, answer, words),
        )
        print_text(said + _cite(t, words, f"bodies.{b['id']}", b), first="  ", indent=4)
    d = answer["dispute"]
    court = d["court"] if isinstance(d["court"], str) else None
    name = words.text(f"courts.{court}.name") if court and not words.en else _(d["name"])
    said = _("disputes: {court}").format(court=name)
    print_text(said + _cite(t, words, f"courts.{court}", d), first="  ", indent=4)


def _body_rule(t: Treaty, b: dict[str, Any], answer: dict[str, Any], words: ShowWords) -> str:
    from confed.institutions.bodies import body_at

    return words.decision(body_at(t, b["id"], answer["phase"]).rule)


def _cite(t: Treaty, words: ShowWords, path: str, item: dict[str, Any]) -> str:
    """' [source] (assumption: …)': the assumption in the treaty's translation if it has one."""
    parts = [f"[{words.data(s)}]" for s in item.get("source") or []]
    said = item.get("assumption")
    if said:
        if words.en:
            text = said
        elif english_at(t, f"{path}.assumption") == said:
            text = words.text(f"{path}.assumption")
        else:
            text = _(said)  # confed's own note on an unnamed court, from the catalogue
        parts.append(_("(assumption: {text})").format(text=text))
    return "".join(f" {p}" for p in parts)
