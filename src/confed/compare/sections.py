"""The report's tables of electorates, joint bodies and security, and its reference sections.

Each function gives a section's content (html.py adds its heading) in the current
language: fixed words from the catalogue, the treaties' names and assumptions from
their shipped translations, figures through Babel. What confed has not translated
(a source's own reference, a data file's notes, a rule's formula) is shown as
written and marked English; ids stay as they are, in <code>.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from confed.compare.blocks import table_html
from confed.compare.tables import (
    ASSUMPTION_ONLY,
    format_value,
    holds_text,
    name_in,
    short_name,
    sources,
    treaty_text,
)
from confed.i18n import N_, _, current, isolate
from confed.i18n.formats import number
from confed.i18n.markup import latin_marked, marked
from confed.i18n.terms import term
from confed.institutions.bodies import THIRD_PARTY_CAP
from confed.institutions.report import CHECK_TITLES
from confed.metric_words import GROUP_WORDS
from confed.sensitivity.basis import BASIS_WORDS
from confed.treaty.labels import listing
from confed.treaty.load import shipped_ids, shipped_treaty
from confed.treaty.rule_words import RULES, decision_words
from confed.treaty.texts import translated
from confed.vocab import ZONE_NAMES


def security_rows(comparison: dict[str, Any]) -> list[list[str]]:
    """Per treaty and state: who holds external security, the borders, and others' forces.

    Outside English the cells are in the current language, the treaty's own names of
    forces it has not translated isolated inside them.
    """
    rows = []
    for t in comparison["treaties"]:
        security = t.get("security", {})
        for state, held in security.get("control", {}).items():
            forces = [_force_text(t, f) for f in security.get("foreign_forces", [])]
            rows.append(
                [
                    short_name(t),
                    name_in(t, state),
                    _holder(t, held["external"]),
                    _holder(t, held["borders"]),
                    _words("; ").join(forces) or _words(NONE_STATED),
                ]
            )
    return rows


NONE_STATED = N_("none stated")
"""Where a text stations no other state's or party's forces."""

HOLDER_WORDS = {"joint": N_("joint"), "unstated": N_("unstated")}
"""Who holds a state's security where it is not one named party."""


def _words(text: str) -> str:
    """Fixed words of a table, in the current language (English as written)."""
    return text if current() == "en" else _(text)


def _holder(t: dict[str, Any], key: str) -> str:
    return _words(HOLDER_WORDS[key]) if key in HOLDER_WORDS else name_in(t, key)


def _force_text(t: dict[str, Any], force: dict[str, Any]) -> str:
    """'Israeli forces (Area B, Area C; no end stated)': who, where and until when."""
    if current() == "en":
        zones = ", ".join(ZONE_NAMES.get(z, z) for z in force["zones"])
        until = f"until {force['until']}" if force["until"] else "no end stated"
        return f"{force['who']} ({zones}; {until})"
    zones = _("; ").join(term("zone", z) for z in force["zones"])
    until = _("until {year}").format(year=force["until"]) if force["until"] else _("no end stated")
    who = force["who"]
    if "id" in force:  # a comparison written before forces carried their id: as written
        who = treaty_text(t, f"security.foreign_forces.{force['id']}.who", who)
    return _("{who} ({zones}; {until})").format(who=isolate(who), zones=zones, until=until)


SECURITY_HEADER = [
    N_("treaty"),
    N_("state"),
    N_("external security held by"),
    N_("borders held by"),
    N_("others' forces"),
]


ELECTORATE_NOTE = N_(
    "Each national group's share of each assembly's electorate (adults with a vote for "
    "it, in the land and abroad), in the first and last simulated year; "
    "electorate_share in comparison.json has every year."
)

ELECTORATE_HEADER = [N_("treaty"), N_("assembly"), N_("first year"), N_("last year")]


def electorate_rows(comparison: dict[str, Any]) -> list[list[str]]:
    """Per treaty and assembly: each group's share of its electorate, first and last year."""
    rows = []
    for t in comparison["treaties"]:
        first, last = t["years"][0], t["years"][-1]
        assemblies = [k for k in first["metrics"].get("electorate", {}) if "." not in k]
        for assembly in assemblies:
            rows.append(
                [
                    short_name(t),
                    name_in(t, assembly),
                    *(_shares(y["metrics"].get("electorate", {}), assembly) for y in (first, last)),
                ]
            )
    return rows


def _shares(electorate: dict[str, float], assembly: str) -> str:
    """'jewish 76.5 %, arab 17.5 %' for one assembly's electorate in one year.

    Outside English each group is named as the statistical offices name it.
    """
    total = electorate.get(assembly, 0.0)
    groups = [k.split(".", 1)[1] for k in electorate if k.startswith(f"{assembly}.")]
    shares = [
        (g, format_value(electorate[f"{assembly}.{g}"] / total if total else None, "share"))
        for g in groups
    ]
    if current() == "en":
        return ", ".join(f"{g} {share}" for g, share in shares)
    return _("; ").join(f"{_(GROUP_WORDS.get(g, g))} {share}" for g, share in shares)


def _e(value: object) -> str:
    return escape(str(value))


def english(text: str) -> str:
    """Escaped text confed shows as written (English), marked so on other pages."""
    if current() == "en":
        return _e(text)
    return f'<bdi lang="en">{_e(text)}</bdi>'


def catalogued(text: str) -> str:
    """Escaped text in the current language if the catalogue has it, else marked English.

    For texts a comparison.json carries as words (a data table's description, the
    calendar's note): a file written by another version may word them differently.
    """
    said = _(text)
    return english(text) if said == text and current() != "en" else latin_marked(said)


def electorates_html(c: dict[str, Any]) -> str:
    """Each national group's share of each assembly's electorate, first and last year."""
    rows = [[marked(cell) for cell in row] for row in electorate_rows(c)]
    header = [_e(_(h)) for h in ELECTORATE_HEADER]
    return f"<p>{latin_marked(_(ELECTORATE_NOTE))}</p>" + table_html(header, rows)


SECURITY_NOTE = N_(
    "Who holds each state's external security and borders, and whose forces sit where, "
    "as each text states it ('joint': the states together)."
)


def security_html(c: dict[str, Any]) -> str:
    """Who holds each state's external security and borders, and others' forces."""
    rows = [[marked(cell) for cell in row] for row in security_rows(c)]
    header = [_e(_(h)) for h in SECURITY_HEADER]
    return f"<p>{_e(_(SECURITY_NOTE))}</p>" + table_html(header, rows)


def check_text(t: dict[str, Any], check: dict[str, Any]) -> str:
    """A body check as HTML: its title (or detail), then whether it holds.

    Outside English the title is the catalogue's, by the check's id, and a detail
    that adds figures to it follows in parentheses, as the engine writes it.
    """
    if current() == "en":
        return f"{_e(check['detail'])}: {holds_text(check['holds'])}"
    kind, _sep, side = check["id"].partition(":")
    if kind not in CHECK_TITLES:
        return f"{english(check['detail'])}: {_e(_(holds_text(check['holds'])))}"
    title = CHECK_TITLES[kind]
    fields = {"side": side, "cap": THIRD_PARTY_CAP}
    words = _(title).format(**{**fields, "side": isolate(name_in(t, side))})
    detail = check["detail"]
    if detail != title.format(**fields):
        words += f" ({isolate(_(detail))})"
    return f"{marked(words)}: {_e(_(holds_text(check['holds'])))}"


def rule_html(t: dict[str, Any], body: dict[str, Any]) -> str:
    """A body's decision rule: the engine's English sentence, or worded in the language.

    A comparison written before bodies carried their `decision` shows the sentence,
    marked English.
    """
    if current() == "en" or "decision" not in body:
        return english(body["rule"])

    def named(ids: Any) -> str:
        if isinstance(ids, list):
            return listing([named(i) for i in ids])
        return isolate(name_in(t, ids))

    return marked(decision_words(RULES.validate_python(body["decision"]), named))


def _body(t: dict[str, Any], body: dict[str, Any]) -> str:
    bars = "".join(
        f'<li><span>{marked(name_in(t, party))}</span><span class="bar" role="presentation">'
        f'<span style="width:{max(0.0, min(1.0, v)) * 100:.1f}%"></span></span>'
        f'<span class="num">{_e(number(v, 3))}</span></li>'
        for party, v in body["power"]["by_party"].items()
    )
    checks = "".join(f"<li>{check_text(t, ch)}</li>" for ch in body["checks"])
    only = f"<p><em>{_e(_(ASSUMPTION_ONLY))}</em></p>" if body.get("assumption_only") else ""
    rule = _e(_("Rule: {rule}")).format(rule=rule_html(t, body))
    power = _e(_("Power by party (Banzhaf index, see the glossary):"))
    checked = _e(_("Checks:"))
    listed = f"<p>{checked}</p><ul>{checks}</ul>" if checks else ""
    return (
        f"<h4>{marked(name_in(t, body['id'], body['name']))}</h4>{only}<p>{rule}</p>"
        f'<p>{power}</p><ul class="bars">{bars}</ul>{listed}'
    )


def bodies_html(c: dict[str, Any]) -> str:
    """Each treaty's joint bodies: rule, power per party and the collective-equality checks."""
    no_bodies = _e(_("No joint bodies."))
    none = f"<p>{no_bodies}</p>"
    return "".join(
        f"<h3>{_e(treaty_text(t, 'title', t['name']))}</h3>"
        + ("".join(_body(t, b) for b in t["bodies"]) or none)
        for t in c["treaties"]
    )


PARAMETER_WORDS = {
    "calendar": N_("calendar"),
    "years": N_("years"),
    "seed": N_("seed"),
    "runs": N_("runs"),
    "mode": N_("mode"),
    "uncertainty": N_("uncertainty"),
}
"""The run's own parameters; the behaviour parameters are named by their ids."""

MODE_WORDS = {"cohort": N_("cohort"), "persons": N_("persons")}


def _parameter(key: str, value: object) -> list[str]:
    if current() == "en":
        return [_e(key.replace("_", " ")), _e(value)]
    if key not in PARAMETER_WORDS:
        return [f"<code>{_e(key)}</code>", _behaviour_value(str(value))]
    shown = str(value)
    if key == "mode" and value in MODE_WORDS:
        shown = _(MODE_WORDS[str(value)])
    elif key == "uncertainty":
        sweep = re.fullmatch(re.escape(SWEEP_WORDS).replace(r"\{samples\}", r"(\d+)"), shown)
        if sweep is None:  # a comparison.json worded otherwise
            return [_e(_(PARAMETER_WORDS[key])), english(shown)]
        shown = _(SWEEP_WORDS).format(samples=number(int(sweep.group(1))))
    return [_e(_(PARAMETER_WORDS[key])), marked(shown)]


BEHAVIOUR_VALUE = re.compile(r"(?P<value>.*) \((?P<kind>assumption|source): (?P<text>.*)\)", re.S)
"""A behaviour parameter's value as build.py states it: 'VALUE (assumption: TEXT)'."""


def _behaviour_value(shown: str) -> str:
    """A behaviour parameter's value and its basis, in the language where it can be.

    The value and a source's id stay as written (marked English); the kind, and an
    assumption the catalogue has (`confed.i18n.catalogue.data_messages`), translate.
    """
    found = BEHAVIOUR_VALUE.fullmatch(shown)
    if found is None:  # a comparison.json worded otherwise
        return english(shown)
    kind, text = found["kind"], found["text"]
    said = _(text) if kind == "assumption" else text
    basis = latin_marked(said) if said != text else english(text)
    words = _e(_("{kind}: {text}")).format(kind=_e(_(BASIS_WORDS[kind])), text=basis)
    return f"{english(found['value'])} ({words})"


SWEEP_WORDS = N_("Sobol design, {samples} base samples per treaty, cohort mode, same seed")
"""The comparison's sweep, as build.py states it in the parameters."""


def parameters_html(c: dict[str, Any]) -> str:
    """The run's parameters and behaviour assumptions, and the data's vintages."""
    params = table_html(
        [_e(_("parameter")), _e(_("value"))],
        [_parameter(k, v) for k, v in c["parameters"].items()],
        _e(_("Run parameters and behaviour assumptions")),
    )
    vintages = table_html(
        [_e(_("table")), _e(_("date")), _e(_("what"))],
        [
            [f"<code>{_e(v['table'])}</code>", _e(_(v["date"])), catalogued(v["what"])]
            for v in c["vintages"]
        ],
        _e(_("Data vintages")),
    )
    calendar = f'<p class="meta">{catalogued(c["calendar"]["note"])}</p>'
    return calendar + params + vintages


def _assumption(t: dict[str, Any], where: str, text: str) -> str:
    """A stated assumption in the current language where the shipped treaty translates it."""
    if current() == "en" or t["id"] not in shipped_ids():
        return english(text)
    said, lang = translated(shipped_treaty(t["id"]).treaty, f"{where}.assumption", text)
    return english(said) if lang == "en" else latin_marked(said)


def assumptions_html(c: dict[str, Any]) -> str:
    """Every assumption a treaty states where its text is silent, with where it applies."""
    items = "".join(
        f"<li><b>{_e(short_name(t))}</b> · <code>{_e(a['where'])}</code>: "
        f"{_assumption(t, a['where'], a['text'])}</li>"
        for t in c["treaties"]
        for a in t["assumptions"]
    )
    return f"<ul>{items}</ul>"


def _link(url: str | None) -> str:
    """A plain link to a source; anything but an http(s) URL is shown as text only."""
    if not url:
        return ""
    if url.startswith(("https://", "http://")):
        english_link = "" if current() == "en" else ' lang="en" dir="ltr"'
        return f' — <a href="{_e(url)}"{english_link}>{_e(url)}</a>'
    return f" — {english(url)}"


def sources_html(c: dict[str, Any]) -> str:
    """Each cited document once, as it names itself, with the treaties citing it."""
    names = {t["id"]: short_name(t) for t in c["treaties"]}
    items = []
    for s, cited_by in sources(c):
        by = _("; ").join(names[t] for t in cited_by) if current() != "en" else None
        cited = (
            f"(cited by {_e(', '.join(names[t] for t in cited_by))})"
            if by is None
            else _e(_("(cited by {treaties})")).format(treaties=f"<bdi>{_e(by)}</bdi>")
        )
        reference = english(s["reference"])
        ident = _e(s["id"]) if current() == "en" else f"<code>{_e(s['id'])}</code>"
        items.append(
            f"<li><b>{ident}</b>: {reference}{_link(s.get('url'))} <small>{cited}</small></li>"
        )
    return f"<ul>{''.join(items)}</ul>"
