"""Languages of confed's interface: English, Arabic and Hebrew, from gettext catalogues.

The language of what is being rendered is a context variable (`using`), set once per
request by the explorer and the API and once per run by the CLI, so that code deep in a
page or an answer translates with `_()` without every function passing a language
along. English is the source language: its messages are the msgids themselves. The
catalogues live in `locale/<lang>/LC_MESSAGES/confed.po` and are shipped compiled
(`.mo`); docs/i18n.md says how to update them and how to add a language.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from confed.errors import ConfedError, Problem, one_of

LANGUAGES: tuple[str, ...] = ("en", "ar", "he")
"""The interface languages, source language first."""

DEFAULT = "en"
RTL = frozenset({"ar", "he"})
"""Languages written right to left."""

NAMES = {"en": "English", "ar": "العربية", "he": "עברית"}
"""Each language's name in itself, for the language switch."""

DOMAIN = "confed"
_current: ContextVar[str] = ContextVar("confed_language", default=DEFAULT)


@cache
def translator(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang` (English: the messages as written)."""
    if lang == DEFAULT:
        return gettext.NullTranslations()
    from importlib import resources  # a catalogue's files: English reads none

    folder = resources.files(__package__).joinpath("locale")
    with resources.as_file(folder) as path:
        return gettext.translation(DOMAIN, localedir=path, languages=[lang])


def current() -> str:
    """The language being rendered."""
    return _current.get()


@contextmanager
def using(lang: str) -> Iterator[str]:
    """Render in `lang` inside the block (for this thread or task only)."""
    token = _current.set(lang)
    try:
        yield lang
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """`message` in the current language."""
    return translator(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for `n`, in the current language."""
    return translator(_current.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for the catalogue; it is translated later, where it is shown."""
    return message


FSI, PDI = "\u2068", "\u2069"
"""Unicode's first-strong isolate and its closing pop."""


def isolate(text: str) -> str:
    """`text` isolated from the sentence around it (outside English only).

    A name or a formula in another direction then keeps its order.
    """
    return text if current() == DEFAULT else f"{FSI}{text}{PDI}"


def direction(lang: str | None = None) -> str:
    """'rtl' or 'ltr': the writing direction of `lang` (default: the current one)."""
    return "rtl" if (lang or current()) in RTL else "ltr"


def checked(lang: str, field: str = "lang") -> str:
    """`lang` if it is an interface language; else a problem naming the ones there are."""
    code = lang.strip().lower()
    if code in LANGUAGES:
        return code
    raise ConfedError(
        Problem(f"no interface language '{lang}'", field=field, **one_of(code, LANGUAGES))
    )


_TAG = re.compile(r"^\s*([A-Za-z]{1,8})(?:[-_][A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def from_accept_language(header: str | None) -> str | None:
    """The interface language a browser prefers most, from an Accept-Language header.

    >>> from_accept_language("fr-FR, he-IL;q=0.8, ar;q=0.9")
    'ar'
    >>> from_accept_language("fr, de;q=0.5") is None
    True
    """
    best: tuple[float, str] | None = None
    for position, part in enumerate((header or "").split(",")):
        match = _TAG.match(part)
        if not match:
            continue
        code = match.group(1).lower()
        code = "he" if code == "iw" else code  # the withdrawn code some systems still send
        try:
            weight = float(match.group(2) or 1)
        except ValueError:
            continue
        if code in LANGUAGES and weight > 0 and (best is None or weight > best[0]):
            best = (weight - position * 1e-6, code)
    return best[1] if best else None


def negotiate(requested: str | None, accept_language: str | None) -> str:
    """A page's language: the `lang` it asks for, else the browser's choice, else English.

    An unknown `lang` in an address is ignored rather than refused: the language only
    changes how the same answer is worded.
    """
    code = (requested or "").strip().lower()
    if code in LANGUAGES:
        return code
    return from_accept_language(accept_language) or DEFAULT


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The CLI's language from the locale variables, in gettext's order of precedence.

    >>> from_environment({"LANG": "he_IL.UTF-8"})
    'he'
    >>> from_environment({"LC_ALL": "C", "LANG": "ar_PS.UTF-8"})
    'en'
    """
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if not value:
            continue
        for item in value.split(":"):
            code = re.split(r"[_.@-]", item.strip(), maxsplit=1)[0].lower()
            if code in LANGUAGES:
                return code
        if variable != "LANGUAGE":
            return DEFAULT  # a set locale that is not ours (C, fr_FR) means English
    return DEFAULT
