"""User-facing errors: each names where the problem is, what was expected, and a guess.

A `ConfedError` is a user mistake (bad treaty file, unknown place, bad option); the CLI
prints it in one short block and exits with code 2 instead of showing a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A position in a source file, 1-based as editors show it."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where, which field, what was expected."""

    message: str
    location: Location | None = None
    field: str | None = None
    expected: str | None = None
    suggestion: str | None = None

    def render(self) -> str:
        """Format as `file:line:col: field: message (expected …) did you mean …?`."""
        from confed.i18n import _, isolate  # here: confed.i18n raises these errors

        head = f"{self.location}: " if self.location else ""
        field = f"{self.field}: " if self.field else ""
        text = isolate(f"{head}{field}{self.message}")
        if self.expected:
            text += "\n  " + _("expected: {what}").format(what=isolate(self.expected))
        if self.suggestion:
            text += "\n  " + _("did you mean: {word}?").format(word=isolate(self.suggestion))
        return text


class ConfedError(Exception):
    """An error caused by user input; carries one or more located problems."""

    def __init__(self, problems: Problem | Iterable[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__(self.render())

    def render(self) -> str:
        """All problems, one block each."""
        return "\n".join(p.render() for p in self.problems)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice to `word`, or None when nothing is close."""
    import difflib  # only when a name is wrong: a right answer needs none

    options = list(choices)
    lowered = {c.lower(): c for c in options}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def one_of(value: str, choices: Iterable[str]) -> dict[str, str | None]:
    """`expected` and `suggestion` of a Problem for a value that is not among `choices`."""
    options = list(choices)
    return {"expected": ", ".join(options), "suggestion": did_you_mean(value, options)}
