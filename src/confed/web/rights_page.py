"""The rights calculator: a form for one person, and the answer with its "because" trace.

The form submits by GET, so an answer is a link one can share; the answer is
`answer_for`, the function behind `confed rights` and `POST /rights`.
"""

from __future__ import annotations

from typing import Any

from confed.errors import ConfedError, Problem
from confed.places import places
from confed.rights.answer import answer_for
from confed.rights.engine import compiled_shipped
from confed.treaty.load import shipped_ids
from confed.vocab import PER_STATE_RIGHTS, PRIOR_CITIZENSHIPS, STATUSES
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
        "treaty",
        "Treaty",
        [(t, compiled_shipped(t).treaty.title) for t in shipped_ids()],
        q.get("treaty"),
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


def _value(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value) or "none"
    return str(value)


def _answer(data: dict[str, Any]) -> str:
    person = data["person"]
    facts = [
        ("phase", data["phase"]),
        ("sovereign where they live", data["sovereign"]),
        ("citizenship", data["citizenship"]),
        ("national vote", data["national_vote"]),
        ("local vote", data["local_vote"]),
        *(
            (f"{right.replace('_', ' ')} {state}", v)
            for right in PER_STATE_RIGHTS
            for state, v in data[right].items()
        ),
        ("required to relocate", data["relocation_required"]),
        ("courts", data["courts"]),
        ("movement restriction", data["movement_restriction"]),
    ]
    rows = "".join(
        f'<tr><th scope="row">{esc(k)}</th><td class="value">{esc(_value(v))}</td></tr>'
        for k, v in facts
    )
    trace = "".join(_because(item) for item in data["explain"])
    note = person["status_assumed"]
    assumed = f'<p class="meta">{esc(note)}.</p>' if note else ""
    return (
        '<section id="answer" aria-live="polite"><h2>Answer</h2>'
        f"<p>A person with citizenship <b>{esc(person['citizenship'])}</b>, status "
        f"<b>{esc(person['status'])}</b>, living in <b>{esc(person['residence'])}</b> "
        f"(zone {esc(person['zone'])}), in {esc(data['year'])} under "
        f"<code>{esc(data['treaty'])}</code> (entry into force {esc(data['start_year'])}, "
        f"{esc(data['start_year_source'])}).</p>{assumed}"
        f'<table class="answer"><tbody>{rows}</tbody></table>'
        f'<h2 id="because">Because</h2><ol class="because">{trace}</ol></section>'
    )


def _because(item: dict[str, Any]) -> str:
    conditions = "".join(
        f"<li><code>{esc(c['fact'])}</code> must be {esc(c['required'])}: "
        f"it is {esc(c['actual'])}</li>"
        for c in item["conditions"]
    )
    parts = [
        f"<p><b>{esc(item['output'])}</b> = {esc(_value(item['value']))} — "
        f"{esc(item['clause'])} <small>(<code>{esc(item['rule'])}</code>)</small></p>"
    ]
    if conditions:
        parts.append(f'<ul class="conditions">{conditions}</ul>')
    if item["source"]:
        parts.append(f'<p class="cite">Source: {esc(item["source"])}</p>')
    if item["assumption"]:
        parts.append(f'<p class="cite">Assumption: {esc(item["assumption"].strip())}</p>')
    return f"<li>{''.join(parts)}</li>"


def rights_body(q: dict[str, str]) -> tuple[str, int]:
    """The calculator with its answer when the query names a residence; and the status."""
    head = "<h1>Rights calculator</h1>"
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
        answer = answer_for(
            compiled_shipped(treaty),
            q.get("citizenship", "PS"),
            q["residence"],
            year,
            q.get("status") or None,
            start_year,
        )
    except ConfedError as exc:
        invalid = {p.field for p in exc.problems if p.field}
        return head + problems_html(exc.problems) + _form(q, invalid), 422
    return head + _form(q, set()) + _answer(answer.data), 200
