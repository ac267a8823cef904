"""The rights calculator: a form for one person, and the answer with its "because" trace.

The form submits by GET, so an answer is a link one can share; the answer is
`answer_for`, the function behind `confed rights` and `POST /rights`.
"""

from __future__ import annotations

from confed.api.treaties import known_ids, shipped
from confed.errors import ConfedError, Problem
from confed.places import places
from confed.plain import Names
from confed.rights.answer import Answer, answer_for
from confed.rights.explain import Because
from confed.rights.terminal import answer_rows, because_text, person_text
from confed.treaty.model import Treaty
from confed.vocab import PRIOR_CITIZENSHIPS, STATUSES
from confed.web.fields import int_field
from confed.web.layout import esc, problems_html, select

DEFAULT_YEAR = 2045
CITIZENSHIP_TEXT = {"IL": "Israel (IL)", "PS": "Palestine (PS)", "none": "none"}


def _places_list() -> str:
    table = places()
    options = "".join(
        f'<option value="{esc(pid)}">{esc(" / ".join(filter(None, names)))}</option>'
        for pid, *names in zip(table.ids, table.names, table.names_he, table.names_ar, strict=True)
    )
    return f'<datalist id="place-ids">{options}</datalist>'


def _form(q: dict[str, str], invalid: set[str]) -> str:
    def mark(field: str) -> str:
        return ' aria-invalid="true"' if field in invalid else ""

    treaty = select(
        "treaty", "Treaty", [(t, shipped(t).treaty.title) for t in known_ids()], q.get("treaty")
    )
    citizenship = select(
        "citizenship",
        "Citizenship before the treaty",
        [(c, CITIZENSHIP_TEXT[c]) for c in PRIOR_CITIZENSHIPS],
        q.get("citizenship", "PS"),
    )
    status = select(
        "status",
        "Registered status",
        [("", "assume from citizenship and residence"), *((s, s) for s in STATUSES)],
        q.get("status", ""),
    )
    return (
        '<form class="grid" method="get" action="/explorer/rights" aria-describedby="rights-help">'
        f"{treaty}{citizenship}"
        '<label for="residence">Place of residence</label>'
        f'<input id="residence" name="residence" list="place-ids" required{mark("residence")} '
        f'value="{esc(q.get("residence", ""))}" placeholder="e.g. jaffa, Yafo, Al-Quds or Hebron" '
        'autocomplete="off">'
        f"{_places_list()}{status}"
        '<label for="year">Year</label>'
        f'<input id="year" name="year" type="number" min="1948" max="2200"{mark("year")} '
        f'value="{esc(q.get("year", DEFAULT_YEAR))}" required>'
        '<label for="start_year">Entry into force <small>(blank: the treaty\'s)</small></label>'
        f'<input id="start_year" name="start_year" type="number" min="1948" max="2200"'
        f'{mark("start_year")} value="{esc(q.get("start_year", ""))}">'
        '<button type="submit">Answer</button></form>'
        '<p id="rights-help" class="meta">Rights follow legal status — citizenship, '
        "registration and residence — never ethnicity or religion. Place names and aliases "
        "resolve (Yafo, Al-Quds, Be'er Sheva).</p>"
    )


def _answer(answer: Answer, treaty: Treaty) -> str:
    """The person, the table of rights and why each holds, in the words `confed rights` uses."""
    data, name = answer.data, Names(treaty)
    person, assumed = person_text(answer, name)
    rows = "".join(
        f'<tr><th scope="row">{esc(k)}</th><td class="value">{esc(v)}</td></tr>'
        for k, v in [["phase", name(data["phase"])], *answer_rows(answer, name)]
    )
    trace = "".join(_because(b, treaty, name) for b in answer.because)
    note = f'<p class="meta">{esc(assumed)}.</p>' if assumed else ""
    return (
        '<section id="answer" aria-live="polite"><h2>Answer</h2>'
        f"<p>A person with {esc(person)}, in {esc(data['year'])} under "
        f"<b>{esc(treaty.title)}</b> (entry into force {esc(data['start_year'])}, "
        f"{esc(data['start_year_source'])}).</p>{note}"
        f'<table class="answer"><tbody>{rows}</tbody></table>'
        f'<h2 id="because">Because</h2><ol class="because">{trace}</ol></section>'
    )


def _because(b: Because, treaty: Treaty, name: Names) -> str:
    parts = [f"<p>{esc(because_text(b, treaty, name))}</p>"]
    if b.citations:
        parts.append(f'<p class="cite">Source: {esc("; ".join(b.citations))}</p>')
    if b.assumption:
        parts.append(f'<p class="cite">Assumption: {esc(b.assumption.strip())}</p>')
    return f"<li>{''.join(parts)}</li>"


def rights_body(q: dict[str, str]) -> tuple[str, int]:
    """The calculator with its answer when the query names a residence; and the status."""
    head = "<h1>Rights calculator</h1>"
    if not q.get("residence"):
        return head + _form(q, set()), 200
    try:
        treaty = q.get("treaty") or "dajani-yehuda-2024"
        if treaty not in known_ids():
            raise ConfedError(
                Problem(
                    f"no shipped treaty '{treaty}'", field="treaty", expected=", ".join(known_ids())
                )
            )
        year = int_field(q.get("year"), "year", 1948, 2200, DEFAULT_YEAR)
        start_year = int_field(q.get("start_year"), "start_year", 1948, 2200, None)
        answer = answer_for(
            shipped(treaty),
            q.get("citizenship", "PS"),
            q["residence"],
            year,
            q.get("status") or None,
            start_year,
        )
    except ConfedError as exc:
        invalid = {p.field for p in exc.problems if p.field}
        return head + problems_html(exc.problems) + _form(q, invalid), 422
    return head + _form(q, set()) + _answer(answer, shipped(treaty).treaty), 200
