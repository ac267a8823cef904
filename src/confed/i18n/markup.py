"""Text as HTML with its English stretches marked, for pages in Arabic and Hebrew."""

from __future__ import annotations

import re
from html import escape as esc

from confed.i18n import current

_LATIN = re.compile(r"[A-Za-z]")
_RTL_LETTER = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_ISOLATED = re.compile(r"\u2068([^\u2068\u2069]*)\u2069")


def marked(text: str) -> str:
    """Escaped text in which each English stretch is marked lang="en" on an RTL page.

    Names and notes confed has not translated arrive as English, isolated (FSI … PDI)
    inside the sentence, or as the whole text; a reader's screen reader and the
    browser's shaping then treat them as English rather than as Arabic or Hebrew.
    """
    if current() not in ("ar", "he"):
        return esc(text)

    def english(stretch: str) -> bool:
        return bool(_LATIN.search(stretch)) and not _RTL_LETTER.search(stretch)

    if english(text):
        return f'<span lang="en" dir="ltr">{esc(text)}</span>'
    parts = _ISOLATED.split(text)  # even: the sentence; odd: an isolated insert, as <bdi>
    return "".join(
        (f'<bdi lang="en">{esc(part)}</bdi>' if english(part) else f"<bdi>{esc(part)}</bdi>")
        if i % 2
        else esc(part)
        for i, part in enumerate(parts)
    )


_LATIN_RUN = re.compile(r"(?:--)?[A-Za-z][\w.=/-]*\w(?: (?:--)?[A-Za-z][\w.=/-]*\w)*|[A-Za-z]")


def latin_marked(text: str) -> str:
    """Escaped translated text whose Latin-script stretches are marked lang="en" on an RTL page.

    A translation keeps ids, file names, command-line options and proper names as they
    are written ('territory.places', '--param x=VALUE', 'GeoNames'); each is isolated
    as <bdi lang="en"> so it reads in order and is announced as what it is.

    >>> from confed.i18n import using
    >>> with using("ar"):
    ...     latin_marked("انظر --param x=VALUE في confed.")
    'انظر <bdi lang="en">--param x=VALUE</bdi> في <bdi lang="en">confed</bdi>.'
    """
    if current() not in ("ar", "he"):
        return esc(text)
    out, at = [], 0
    for match in _LATIN_RUN.finditer(text):
        out += [esc(text[at : match.start()]), f'<bdi lang="en">{esc(match.group(0))}</bdi>']
        at = match.end()
    return "".join(out) + esc(text[at:])
