"""How well a treaty's clauses are cited: the evidence table of `confed citations`.

A clause's citation is verified when it names a registered document and, where the
registry lists the document's own headings, one of those headings; it is unverified
when the clause says `citation: unverified` (the document could not be read). A
section the registry does not list for its document is a heading of confed's own
making, which `sections_not_in_document` finds so that none ships.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from confed.sources import parse_citation, registry
from confed.treaty.check import clauses
from confed.treaty.model import Treaty


@dataclass(frozen=True)
class CitationCounts:
    """Per treaty: clauses, clauses with a verified citation, unverified ones, assumptions."""

    treaty: str
    clauses: int
    verified: int
    unverified: int
    assumptions: int

    def as_dict(self) -> dict[str, int | str]:
        """The counts as a JSON-ready mapping."""
        return asdict(self)


def clause_path(path: tuple[object, ...]) -> str:
    """A clause's path as one dotted string, e.g. 'rights.may_reside.rules.own-state'."""
    return ".".join(str(part) for part in path)


def is_heading_of(section: str, headings: list[str]) -> bool:
    """Whether a cited section is one of the document's own headings, optionally with a ¶.

    >>> is_heading_of("Sharing Space ¶6", ["Death and Division", "Sharing Space"])
    True
    >>> is_heading_of("Borders", ["Death and Division", "Sharing Space"])
    False
    """
    return any(section == h or section.startswith(f"{h} ¶") for h in headings)


def citation_counts(treaty: Treaty) -> CitationCounts:
    """Count the treaty's clauses by how they are grounded; a clause may cite and assume.

    A citation is verified when the clause cites a source, is not marked unverified and
    names no section that is not the document's own.
    """
    found = list(clauses(treaty))
    foreign = {path for path, _ in sections_not_in_document(treaty)}
    return CitationCounts(
        treaty=treaty.id,
        clauses=len(found),
        verified=sum(
            bool(c.source) and c.citation != "unverified" and clause_path(p) not in foreign
            for p, c in found
        ),
        unverified=sum(c.citation == "unverified" for _, c in found),
        assumptions=sum(c.assumption is not None for _, c in found),
    )


def unverified_clauses(treaty: Treaty) -> list[tuple[str, list[str]]]:
    """Each clause marked `citation: unverified`, as (path, the documents it names)."""
    return [
        (clause_path(path), list(clause.source or []))
        for path, clause in clauses(treaty)
        if clause.citation == "unverified"
    ]


def sections_not_in_document(treaty: Treaty) -> list[tuple[str, str]]:
    """Citations whose section is not among the headings the registry lists for the document.

    Returns (clause path, citation) pairs. A document whose record says `sections: []`
    is cited whole, so any section cited in it is flagged; documents with no `sections`
    (cited by article or page) are not checked here.
    """
    docs = {**registry(), **treaty.sources}
    out = []
    for path, clause in clauses(treaty):
        for text in clause.source or []:
            cited = parse_citation(text)
            source = docs.get(cited.doc)
            headings = source.sections if source else None
            if headings is None or not cited.section:
                continue
            if not is_heading_of(cited.section, headings):
                out.append((clause_path(path), text))
    return out


def clause_bases(treaty: Treaty) -> list[tuple[str, str, str]]:
    """Every clause as (path, its sources, its assumption), for readers to follow.

    A source the clause marks `citation: unverified` says so after the citation.
    """
    rows = []
    for path, clause in clauses(treaty):
        source = "; ".join(clause.source or [])
        if clause.citation == "unverified":
            source += " (citation unverified)"
        rows.append((clause_path(path), source, clause.assumption or ""))
    return rows


def sources_of(t: Treaty) -> list[dict[str, str]]:
    """Every document the treaty's clauses cite, with its reference and address."""
    docs = {**registry(), **t.sources}
    cited = dict.fromkeys(
        parse_citation(text).doc for _, clause in clauses(t) for text in clause.source or []
    )
    return [
        {"id": d, "reference": docs[d].reference(), "url": docs[d].url} for d in cited if d in docs
    ]
