"""The registry of documents that treaty clauses and data rows cite.

Each YAML file in this folder maps a document id to its record (authors, title,
publisher, year, URL). A citation is written `doc-id § section`, e.g.
`dajani-yehuda-2024 § Sharing Space`; the registry turns it into a full reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from confed.errors import ConfedError, Problem
from confed.yamlfile import load_yaml

_CITATION = re.compile(r"^\s*(?P<doc>[a-z0-9][a-z0-9.-]*)\s*(?:§\s*(?P<section>.*\S))?\s*$")


class Source(BaseModel):
    """A document: who wrote it, what it is called, who published it, when, where."""

    model_config = ConfigDict(extra="forbid")

    authors: list[str]
    title: str
    publisher: str
    year: int
    url: str
    kind: Literal["proposal", "data", "law", "survey", "analysis", "news"]
    licence: str | None = None
    note: str | None = None
    sections: list[str] | None = None

    def reference(self) -> str:
        """A one-line bibliographic reference."""
        authors = ", ".join(self.authors)
        return f"{authors} ({self.year}). {self.title}. {self.publisher}. {self.url}"


@dataclass(frozen=True)
class Citation:
    """A pointer to a document and, optionally, a section of it."""

    doc: str
    section: str | None = None

    def __str__(self) -> str:
        return f"{self.doc} § {self.section}" if self.section else self.doc


def parse_citation(text: str) -> Citation:
    """Split `doc-id § section` into its parts; raise ValueError when malformed."""
    match = _CITATION.match(text)
    if not match:
        raise ValueError(
            f"'{text}' is not a citation; write a document id, then optionally "
            "'§' and the section, e.g. 'dajani-yehuda-2024 § Sharing Space'"
        )
    return Citation(match["doc"], match["section"])


@cache
def registry() -> dict[str, Source]:
    """Every source the package ships, by id."""
    out: dict[str, Source] = {}
    folder = resources.files(__package__)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data, _ = load_yaml(entry.read_text(encoding="utf-8"), f"sources/{entry.name}")
        for doc_id, record in (data or {}).items():
            if doc_id in out:
                raise ConfedError(Problem(f"source '{doc_id}' is defined twice", field=entry.name))
            try:
                out[doc_id] = Source.model_validate(record)
            except ValidationError as exc:
                raise ConfedError(
                    Problem(f"bad source record: {exc.errors()[0]['msg']}", field=doc_id)
                ) from None
    return out
