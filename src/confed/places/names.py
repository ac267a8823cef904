"""Place names as people type them: one folded form for matching in any script.

Folding makes the spellings a reader may type meet the table's: case and Latin accents;
Arabic diacritics (harakat), tatweel and the hamza/madda forms of alef, alef maqsura
and taa marbuta; Hebrew points (niqqud) and cantillation; the geresh, apostrophes,
hyphens and the maqaf. It is for matching only; names are shown as written.
"""

from __future__ import annotations

import re
import unicodedata

_LETTERS = str.maketrans(
    {
        "\u0671": "\u0627",  # alef wasla → alef (hamza and madda forms decompose below)
        "\u0649": "\u064a",  # alef maqsura → yeh
        "\u0629": "\u0647",  # taa marbuta → heh
        "\u0640": None,  # tatweel
        "\u05f3": "'",  # Hebrew geresh
        "\u05f4": '"',  # Hebrew gershayim
        "\u2019": "'",
        "\u02bc": "'",  # modifier letter apostrophe, as in transliterations
        "\u2018": "'",
        "`": "'",
        "\u05be": " ",  # maqaf
        "-": " ",
        "\u2010": " ",
        "\u2013": " ",
    }
)
_SPACES = re.compile(r"\s+")
_MARKS = re.compile(
    "[\u0300-\u036f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]"
)
"""Combining marks: Latin accents, Hebrew points and cantillation, Arabic harakat."""


def fold(name: str) -> str:
    """The form of a name that matching compares.

    >>> fold("القُدْس") == fold("القدس") and fold("إريحا") == fold("اريحا")
    True
    >>> fold("יָפוֹ") == fold("יפו"), fold("Be'er-Sheva") == fold("be’er sheva")
    (True, True)
    >>> fold("יפו") == fold("יפה")
    False
    """
    if not name.isascii():  # most names are ASCII: no marks to take off
        name = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFKD", name)))
    return _SPACES.sub(" ", name.translate(_LETTERS).casefold()).strip()
