"""What a user sees of a bug: one line naming the version and where the details are.

A traceback is for the developers: it is appended to a log file in the user's log
directory, and the user is told the file, the line it starts on and the confed
version, so they can report it without reading Python.
"""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path


def log_path() -> Path:
    """The log file internal errors are written to."""
    import platformdirs

    return Path(platformdirs.user_log_dir("confed")) / "errors.log"


def record(exc: BaseException, where: str) -> str:
    """Append `exc`'s traceback to the log; the one line to show the user instead."""
    path = log_path()
    release = version("confed")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        line = sum(1 for _ in path.open(encoding="utf-8")) + 1 if path.exists() else 1
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now(UTC).isoformat()} confed {release} {where}\n")
            log.write("".join(traceback.format_exception(exc)))
        at = f"details in {path}, line {line}"
    except OSError:
        at = "the log could not be written"
    return f"internal error ({type(exc).__name__}) in confed {release}; {at}. Please report it."
