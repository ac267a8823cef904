"""Form fields read from query strings, with the located problems a user can act on."""

from __future__ import annotations

from confed.errors import ConfedError, Problem


def int_field(text: str | None, field: str, low: int, high: int, default: int | None) -> int | None:
    """`text` as a whole number in [low, high]; empty gives `default`."""
    if text is None or not text.strip():
        return default
    try:
        value = int(text.strip())
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ConfedError(
            Problem(
                f"'{text}' is not a whole number from {low} to {high}",
                field=field,
                expected=f"a whole number from {low} to {high}",
            )
        )
    return value
