"""The report's appendix on evidence: how each treaty's clauses are cited.

Per treaty: clauses, clauses with a verified citation (a registered document and, where
the registry lists them, one of its own headings), clauses marked `citation: unverified`
(listed, so a reader can follow them up), and clauses resting on a stated assumption.
"""

from __future__ import annotations

from html import escape
from typing import Any

from confed.compare.tables import short_name
from confed.i18n import N_, _, current
from confed.i18n.formats import number
from confed.treaty.citations import citation_counts, unverified_clauses
from confed.treaty.model import Treaty

HEADER = [
    N_("treaty"),
    N_("clauses"),
    N_("verified citation"),
    N_("citation unverified"),
    N_("assumptions"),
]
NOTE = N_(
    "A clause may cite and assume at once. A citation is verified when it names a "
    "registered document and one of that document's own headings, articles or pages."
)


def citations_of(t: Treaty) -> dict[str, Any]:
    """The appendix's entry for one treaty: the counts and the unverified clauses."""
    return {
        **citation_counts(t).as_dict(),
        "unverified_clauses": [
            {"where": where, "sources": sources} for where, sources in unverified_clauses(t)
        ],
    }


UNVERIFIED = N_("Clauses whose citation could not be checked against the document:")

COUNTS = ("clauses", "verified", "unverified", "assumptions")


def _rows(c: dict[str, Any]) -> list[list[str]]:
    count = str if current() == "en" else number
    return [[short_name(t), *(count(t["citations"][k]) for k in COUNTS)] for t in c["treaties"]]


def _unverified(c: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (short_name(t), u["where"], "; ".join(u["sources"]))
        for t in c["treaties"]
        for u in t["citations"]["unverified_clauses"]
    ]


def evidence_markdown(c: dict[str, Any]) -> list[str]:
    """The appendix in Markdown."""
    lines = ["## Appendix: citations", "", NOTE, "", "| " + " | ".join(HEADER) + " |"]
    lines.append("|" + "---|" * len(HEADER))
    lines += ["| " + " | ".join(r) + " |" for r in _rows(c)]
    lines.append("")
    missing = _unverified(c)
    if missing:
        lines += [UNVERIFIED, ""]
        lines += [f"- {t} · {where}: {sources}" for t, where, sources in missing]
        lines.append("")
    return lines


def evidence_html(c: dict[str, Any]) -> str:
    """The appendix as a report section."""
    head = "".join(f'<th scope="col">{escape(_(h))}</th>' for h in HEADER)
    cited = "" if current() == "en" else ' lang="en"'  # citations as their documents word them
    body = "".join(
        f'<tr><th scope="row">{escape(r[0])}</th>'
        + "".join(f"<td>{escape(v)}</td>" for v in r[1:])
        + "</tr>"
        for r in _rows(c)
    )
    missing = "".join(
        f"<li><code>{escape(t)}</code> · <code>{escape(where)}</code>: "
        f"<bdi{cited}>{escape(sources)}</bdi></li>"
        for t, where, sources in _unverified(c)
    )
    listed = f"<p>{escape(_(UNVERIFIED))}</p><ul>{missing}</ul>" if missing else ""
    title = escape(_("Appendix: citations"))
    return (
        f'<section id="citations"><h2>{title}</h2>'
        f"<p>{escape(_(NOTE))}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{listed}</section>"
    )
