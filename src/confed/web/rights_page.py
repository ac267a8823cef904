"""The rights calculator: a form for one person, and the answer with its "because" trace.

The form submits by GET, so an answer is a link one can share; the answer is
`answer_for`, the function behind `confed rights` and `POST /rights`. The page is
written in the request's language: labels from the catalogue, treaty texts from the
treaty's translations (marked as confed's), places in the reader's script.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from confed.errors import ConfedError, Problem
from confed.i18n import N_, _, current
from confed.i18n.markup import marked
from confed.i18n.terms import term
from confed.places import places
from confed.plain import Names
from confed.rights.answer import answer_for
from confed.rights.because import Because
from confed.rights.engine import compiled_shipped
from confed.rights.terminal import because_text
from confed.rights.words import TreatyWords
from confed.treaty.labels import word
from confed.treaty.load import shipped_ids
from confed.treaty.model import Treaty
from confed.treaty.texts import translated
from confed.vocab import PER_STATE_RIGHTS, PRIOR_CITIZENSHIPS, STATUSES
from confed.web.fields import int_field
from confed.web.layout import esc, in_lang, lang_field, problems_html, select

DEFAULT_YEAR = 2045


def _places_list() -> str:
    table = places()
    lang = current()
    first = {"ar": table.names_ar, "he": table.names_he}.get(lang)
    options = []
    for i, pid in enumerate(table.ids):
        names = [table.names[i], table.names_he[i], table.names_ar[i]]
        if first is not None and first[i]:  # the reader's script first
            names.remove(first[i])
            names.insert(0, first[i])
        options.append(
            f'<option value="{esc(pid)}">{esc(" / ".join(filter(None, names)))}</option>'
        )
    return f'<datalist id="place-ids">{"".join(options)}</datalist>'


def _form(q: dict[str, str], invalid: set[str]) -> str:
    def mark(field: str) -> str:
        return ' aria-invalid="true"' if field in invalid else ""

    treaty = select(
        "treaty",
        esc(_("Treaty")),
        [(t, translated(compiled_shipped(t).treaty, "title")[0]) for t in shipped_ids()],
        q.get("treaty"),
    )
    citizenship = select(
        "citizenship",
        esc(_("Citizenship before the treaty")),
        [(c, term("citizenship", c)) for c in PRIOR_CITIZENSHIPS],
        q.get("citizenship", "PS"),
    )
    status = select(
        "status",
        esc(_("Registered status")),
        [
            ("", _("assume from citizenship and residence")),
            *((s, term("status", s)) for s in STATUSES),
        ],
        q.get("status", ""),
    )
    example = _("e.g. jaffa, Yafo, يافا, יפו or Hebron")
    residence, year, entry = _("Place of residence"), _("Year"), _("Entry into force")
    blank, submit = _("(blank: the treaty’s)"), _("Answer")
    return (
        '<form class="grid" method="get" action="/explorer/rights" aria-describedby="rights-help">'
        f"{lang_field()}{treaty}{citizenship}"
        f'<label for="residence">{esc(residence)}</label>'
        f'<input id="residence" name="residence" list="place-ids" required{mark("residence")} '
        f'value="{esc(q.get("residence", ""))}" placeholder="{esc(example)}" '
        'autocomplete="off" dir="auto">'
        f"{_places_list()}{status}"
        f'<label for="year">{esc(year)}</label>'
        f'<input id="year" name="year" type="number" min="1948" max="2200"{mark("year")} '
        f'value="{esc(q.get("year", DEFAULT_YEAR))}" required>'
        f'<label for="start_year">{esc(entry)} '
        f"<small>{esc(blank)}</small></label>"
        f'<input id="start_year" name="start_year" type="number" min="1948" max="2200"'
        f'{mark("start_year")} value="{esc(q.get("start_year", ""))}">'
        f'<button type="submit">{esc(submit)}</button></form>'
        f'<p id="rights-help" class="meta">{esc(_(HELP))}</p>'
    )


HELP = N_(
    "Rights follow legal status — citizenship, registration and residence — never "
    "ethnicity or religion. Place names resolve in English, Arabic and Hebrew "
    "(Yafo, يافا, יפו; Al-Quds, القدس; Be'er Sheva, بئر السبع)."
)
"""The form's note on what rights depend on and which names resolve."""


def _answer(data: dict[str, Any], because: list[Because], treaty: Treaty) -> str:
    table = places()

    name = Names(treaty)  # English: the names the treaty file and the place table give

    def shown(value: Any, kind: str = "value") -> str:
        if current() == "en":
            return name(value)
        return word(value, treaty, table, kind)

    facts = [
        (term("right", "phase"), shown(data["phase"])),
        (term("right", "sovereign"), shown(data["sovereign"])),
        (term("right", "citizenship"), shown(data["citizenship"])),
        (term("right", "national_vote"), shown(data["national_vote"])),
        (term("right", "local_vote"), shown(data["local_vote"])),
        *(
            (
                _("{right} — {state}").format(right=term("right", right), state=shown(state)),
                shown(v),
            )
            for right in PER_STATE_RIGHTS
            for state, v in data[right].items()
        ),
        (term("right", "relocation_required"), shown(data["relocation_required"])),
        (term("right", "courts"), shown(data["courts"])),
        (term("right", "movement_restriction"), shown(data["movement_restriction"])),
    ]
    rows = "".join(
        f'<tr><th scope="row">{esc(k)}</th><td class="value">{marked(v)}</td></tr>'
        for k, v in facts
    )
    trace = "".join(
        _because(item, b.assumption_lang, shown)
        if current() != "en"
        else _because_in_words(item, because_text(b, TreatyWords(treaty, table)))
        for item, b in zip(data["explain"], because, strict=True)
    )
    person = data["person"]
    note = person["status_assumed"]
    assumed = f'<p class="meta">{esc(note)}</p>' if note else ""
    residence = table.code(person["residence"])
    place, place_lang = table.name_in(residence, current())
    title, title_lang = translated(treaty, "title")
    summary = _(
        "A person with citizenship {citizenship} before the treaty, registered status "
        "{status}, living in {place} ({zone}), in {year} under {treaty} (entry into force "
        "{start}: {start_source})."
    ).format(
        citizenship=f"<b>{esc(term('citizenship', person['citizenship']))}</b>",
        status=f"<b>{esc(term('status', person['status']))}</b>",
        place=f"<b><bdi>{in_lang(place, place_lang)}</bdi></b>",
        zone=esc(term("zone", person["zone"])),
        year=esc(data["year"]),
        treaty=f"<bdi>{in_lang(title, title_lang)}</bdi>",
        start=esc(data["start_year"]),
        start_source=esc(data["start_year_source"]),
    )
    answer, why = _("Answer"), _("Because")
    return (
        f'<section id="answer" aria-live="polite"><h2>{esc(answer)}</h2>'
        f"<p>{summary}</p>{assumed}{_translation_note(treaty)}"
        f'<table class="answer"><tbody>{rows}</tbody></table>'
        f'<h2 id="because">{esc(why)}</h2><ol class="because">{trace}</ol></section>'
    )


def _translation_note(treaty: Treaty) -> str:
    """In Arabic and Hebrew: the treaty texts shown are confed's translation, not the source's."""
    if current() == "en":
        return ""
    languages = ", ".join(_language_name(code) for code in treaty.published_in)
    return (
        '<p class="meta translation-note">'
        + esc(
            _(
                "The treaty's texts on this page are confed's own translation of its English "
                "encoding, not the words of the source documents (published in: {languages}). "
                "Texts confed has not translated are shown in English."
            ).format(languages=languages)
        )
        + "</p>"
    )


def _language_name(code: str) -> str:
    from babel import Locale

    try:
        return Locale.parse(code).get_display_name(current()) or code
    except ValueError:
        return code


def _because_in_words(item: dict[str, Any], sentence: str) -> str:
    """Why one right holds, in English: the sentence `confed rights` prints, and its source."""
    rule = f"<small>(<code>{esc(item['rule'])}</code>)</small>"
    parts = [f"<p>{esc(sentence)} {rule}</p>"]
    if item["source"]:
        parts.append(f'<p class="cite">Source: {esc(item["source"])}</p>')
    if item["assumption"]:
        parts.append(f'<p class="cite">Assumption: {esc(item["assumption"].strip())}</p>')
    return f"<li>{''.join(parts)}</li>"


def _because(item: dict[str, Any], assumption_lang: str, shown: Callable[[Any], str]) -> str:
    """Why one right holds, in Arabic or Hebrew: the right, its value and each condition."""
    label = esc(term("right", item["output"].split(".")[0]))
    if "." in item["output"]:
        label = esc(_("{right} — {state}")).format(
            right=label, state=esc(shown(item["output"].split(".", 1)[1]))
        )

    def fact(c: dict[str, str]) -> str:
        return f"{esc(term('fact', c['fact']))} <small>(<code>{esc(c['fact'])}</code>)</small>"

    def wanted(c: dict[str, str], key: str) -> str:
        return marked(shown(_parsed(c[key]), _FACT_KIND.get(c["fact"], "value")))

    conditions = "".join(
        "<li>"
        + _("{fact} must be {required}: it is {actual}").format(
            fact=fact(c), required=wanted(c, "required"), actual=wanted(c, "actual")
        )
        + "</li>"
        for c in item["conditions"]
    )
    parts = [
        f"<p><b>{label}</b> = {marked(shown(item['value']))} — "
        f"{marked(item['clause'])} <small>(<code>{esc(item['rule'])}</code>)</small></p>"
    ]
    if conditions:
        parts.append(f'<ul class="conditions">{conditions}</ul>')
    if item["source"]:
        source = _("Source: {source}").format(source=f'<bdi lang="en">{esc(item["source"])}</bdi>')
        parts.append(f'<p class="cite">{source}</p>')
    if item["assumption"]:
        assumption = item["assumption"].strip()
        shown_text = in_lang(assumption, assumption_lang)
        assumption_line = _("Assumption: {text}").format(text=shown_text)
        parts.append(f'<p class="cite">{assumption_line}</p>')
    return f"<li>{''.join(parts)}</li>"


_FACT_KIND = {"zone": "zone", "status": "status"}
"""Facts whose values are zone or status ids (Gaza is both)."""


def _parsed(shown: str) -> Any:
    """A condition's value as the trace writes it ('true', '[IL, PS]', 'not x'), as data."""
    if shown in ("true", "false"):
        return shown == "true"
    if shown.startswith("[") and shown.endswith("]"):
        return [_parsed(v) for v in shown[1:-1].split(", ") if v]
    if shown.startswith("not "):
        return [_("not"), _parsed(shown.removeprefix("not "))]
    return shown


def rights_body(q: dict[str, str]) -> tuple[str, int]:
    """The calculator with its answer when the query names a residence; and the status."""
    head = "<h1>" + esc(_("Rights calculator")) + "</h1>"
    if not q.get("residence"):
        return head + _form(q, set()), 200
    try:
        treaty = q.get("treaty") or "dajani-yehuda-2024"
        if treaty not in shipped_ids():
            raise ConfedError(
                Problem(
                    f"no shipped treaty '{treaty}'",
                    field="treaty",
                    expected=", ".join(shipped_ids()),
                )
            )
        year = int_field(q.get("year"), "year", 1948, 2200, DEFAULT_YEAR)
        start_year = int_field(q.get("start_year"), "start_year", 1948, 2200, None)
        compiled = compiled_shipped(treaty)
        answer = answer_for(
            compiled,
            q.get("citizenship", "PS"),
            q["residence"],
            year,
            q.get("status") or None,
            start_year,
        )
    except ConfedError as exc:
        invalid = {p.field for p in exc.problems if p.field}
        return head + problems_html(exc.problems) + _form(q, invalid), 422
    return head + _form(q, set()) + _answer(answer.data, answer.because, compiled.treaty), 200
