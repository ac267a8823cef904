"""A one-off `confed rights` from a treaty's kept answers: no NumPy, pydantic or model.

The first `confed rights` on a treaty answers through the engine and then keeps, as
plain data (`marshal`), everything an answer of that treaty is made of
(`rights.cache_build`): every person type's decided value and deciding rule in every
phase, the facts a rule's conditions show, each rule's and phase's trace in every
interface language, the names the printed answer uses, and the place table's lookup.
Later calls read that file and assemble the same `Answer` (tests compare the two paths
byte for byte) in a fraction of the time, since nothing heavy is imported. The file is
a marshalled header followed by the integer columns (about 90 % of its 4 MB), which
stay on disk, mapped: an answer reads the few entries of its person type.

The file lives in the user's cache directory (`$CONFED_CACHE_DIR`, else
`$XDG_CACHE_HOME/confed`, else `~/.cache/confed`), one per treaty file, and is used only
while its stamp matches: the size, time and CRC-32 of the content of the treaty's files
(what it `extends` too) and of the place table, and the names, sizes and times of
confed's own installed files (its code, catalogues and sources, so a new version or any
edit is a new stamp). A missing, stale or unreadable file, or any question it does not
settle exactly (an error to report, a place it cannot find), takes the engine's path.
The check imports neither hashlib nor pathlib nor json (a tenth of a kept answer's time).
"""

from __future__ import annotations

import marshal
import mmap
import os
import zlib
from typing import Any

import confed
from confed.errors import ConfedError
from confed.i18n import current
from confed.places.names import fold
from confed.plain import ZONE_WORDS
from confed.rights.asked import choice, registered_status
from confed.rights.because import Answer, Because, answer_of
from confed.rights.timeline import check_year, entry_year_of, phase_holding
from confed.rights.wording import phase_text, sovereign_text
from confed.vocab import PER_STATE_RIGHTS, PRIOR_CITIZENSHIPS, RIGHTS, STATUSES, ZONES

FORMAT = 4
"""The layout of a kept file; a file of another layout is ignored (and rewritten)."""

CACHE_ENV = "CONFED_CACHE_DIR"
"""The environment variable naming the cache directory (the tests set it)."""

STAMPED = (".py", ".mo", ".yaml", ".yml", ".csv")
"""confed's own files whose change makes every kept answer stale."""


def cache_dir() -> str:
    """Where kept answers live: $CONFED_CACHE_DIR, else the user's cache directory."""
    if os.environ.get(CACHE_ENV):
        return os.environ[CACHE_ENV]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "confed")


def treaty_file(name: str) -> str | None:
    """The file a treaty name reads (absolute, links resolved): a shipped id's, or a .yaml path.

    None if there is none.
    """
    if name.endswith((".yaml", ".yml")):
        path = name
    else:
        path = os.path.join(os.path.dirname(confed.__file__), "frameworks", f"{name}.yaml")
    return os.path.realpath(path) if os.path.isfile(path) else None


def kept_path(treaty: str) -> str:
    """The kept answers of one treaty file: its name and a checksum of its whole path."""
    stem = os.path.splitext(os.path.basename(treaty))[0]
    return os.path.join(cache_dir(), f"answers-{stem}-{zlib.crc32(treaty.encode()):08x}.bin")


def _package_files(folder: str) -> list[tuple[str, int, int]]:
    out = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir() and entry.name != "__pycache__":
                out += _package_files(entry.path)
            elif entry.name.endswith(STAMPED):
                info = entry.stat()
                out.append((entry.path, info.st_size, info.st_mtime_ns))
    return out


def _content(path: str) -> tuple[str, int, int, int]:
    """A file's name, size, time and the CRC-32 of its bytes."""
    with open(path, "rb") as file:
        data = file.read()
    return path, len(data), os.stat(path).st_mtime_ns, zlib.crc32(data)


def stamp(files: list[str]) -> tuple[Any, ...]:
    """The stamp kept answers are valid for, compared whole (never hashed).

    The size, time and CRC-32 of the treaty's files and of the place table (an edit that
    keeps all three is not a practical case), and the names, sizes and times of
    confed's own files.
    """
    package_dir = os.path.dirname(confed.__file__)
    table = os.path.join(package_dir, "places", "places.csv")
    contents = tuple(_content(path) for path in [*files, table])
    return FORMAT, contents, tuple(sorted(_package_files(package_dir)))


def key(value: Any) -> str:
    """The key of a value in the kept name tables (lists and tuples alike).

    >>> key(("IL", ["PS", None])) == key(["IL", ("PS", None)])
    True
    """
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(key, value)) + "]"
    return repr(value)


class KeptWords:
    """The names and rule readings `rights.words.TreatyWords` gave, for one language."""

    def __init__(self, words: dict[str, Any]):
        self.title: str = words["title"]
        self._names: dict[str, str] = words["names"]
        self._reasons: dict[str, str] = words["reasons"]

    def __call__(self, value: Any) -> str:
        """A value or id as the reader sees it."""
        return self._names[key(value)]

    def zone(self, zone: str) -> str:
        """A zone in English words."""
        return ZONE_WORDS.get(zone, zone)

    def rule_reason(self, rule: str) -> str:
        """Why the rule at trace path `rule` decided, in English."""
        return self._reasons[rule]


class Kept:
    """A treaty's kept answers, read from the cache and checked against its stamp."""

    def __init__(self, data: dict[str, Any], columns: mmap.mmap, start: int):
        self.data = data
        self.size: int = data["size"]
        self._columns = columns  # the file, mapped: an answer reads a few pages of it
        self._start = start  # where the columns begin

    @classmethod
    def load(cls, name: str) -> Kept | None:
        """The kept answers of treaty `name`, or None when missing, stale or unreadable."""
        path = treaty_file(name)
        if path is None:
            return None
        try:
            with open(kept_path(path), "rb") as file:
                view = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
            start = 8 + int.from_bytes(view[:8], "little")
            data = marshal.loads(view[8:start])
            if (
                data["format"] != FORMAT
                or data["stamp"] != stamp(data["files"])
                or len(view) != start + data["columns_size"]  # cut short
            ):
                return None
        except (OSError, ValueError, EOFError, TypeError, KeyError):
            return None
        return cls(data, view, start)

    def answer(
        self,
        citizenship: str,
        residence: str,
        year: int,
        status: str | None = None,
        start_year: int | None = None,
    ) -> tuple[Answer, KeptWords] | None:
        """The answer `rights.answer.one_answer` gives, and its words; None for the engine.

        Any error to report (a citizenship, place, status or year the engine refuses)
        is left to the engine, so that its message is the engine's.
        """
        d = self.data
        try:
            citizenship = choice(citizenship, PRIOR_CITIZENSHIPS, "citizenship")
            row = d["places"]["lookup"].get(fold(residence))
            if row is None:
                return None
            zone = ZONES[d["places"]["zone"][row]]
            status, note = registered_status(citizenship, zone, status)
            start, start_from = entry_year_of(d["entry_year"], start_year)
            check_year(year, start)
            k = phase_holding(d["spans"], year - start)
        except (ConfedError, ValueError):
            return None
        n_places = len(d["places"]["ids"])
        t = (  # the type's number, in the order rights.types.type_space enumerates types
            PRIOR_CITIZENSHIPS.index(citizenship) * len(STATUSES) + STATUSES.index(status)
        ) * n_places + row
        lang = current()
        phase = d["phases"][k]
        place_id = d["places"]["ids"][row]

        def value(output: str, state: str | None = None) -> Any:
            column = f"{output}.{state}" if state else output
            return d["labels"][output][self._at(d["codes"][column][k], t)]

        when = {
            "treaty": d["treaty"],
            "year": year,
            "start_year": start,
            "start_year_source": start_from,
            "phase": phase,
        }
        person = {
            "citizenship": citizenship,
            "status": status,
            "status_assumed": note,
            "residence": place_id,
            "zone": zone,
        }
        words = KeptWords(marshal.loads(d["words"][lang]))  # one language's, read when asked
        because = self._trace(k, t, row, start, value, words)
        return answer_of(when, person, d["states"], value, because), words

    def _trace(
        self, k: int, t: int, row: int, start: int, value: Any, words: KeptWords
    ) -> list[Because]:
        """`rights.explain.explain` for type `t` in phase `k`, from the kept trace parts."""
        d, lang = self.data, current()
        name = d["phases"][k]
        title, gate, cited = d["phase_words"][lang][k]
        span = d["spans"][k]
        out = [
            Because(
                "phase",
                name,
                f"phases.{name}",
                phase_text(title, span[0], span[1], gate, start),
                (),
                **cited,
            )
        ]
        place_id = d["places"]["ids"][row]
        holder = d["holders"][self._at(d["place_holder"], row)]
        listed = d["listed"].get(place_id)
        zone = ZONES[d["places"]["zone"][row]]
        shown = (place_id, holder) if lang == "en" else (words(place_id), words(holder))
        out.append(
            Because(
                "sovereign",
                holder,
                f"territory.places.{listed}" if listed else f"territory.zones.{zone}",
                sovereign_text(shown[0], zone, shown[1], listed is not None),
                (("place", place_id, place_id),),
                **d["territory_words"][lang],
            )
        )
        out.append(self._because("citizenship", value("citizenship"), "citizenship", 0, t, lang))
        for right in RIGHTS:
            if right in PER_STATE_RIGHTS:
                for s, state in enumerate(d["states"]):
                    out.append(
                        self._because(
                            f"{right}.{state}",
                            value(right, state),
                            right,
                            k,
                            s * self.size + t,
                            lang,
                        )
                    )
            else:
                out.append(self._because(right, value(right), right, k, t, lang))
        return out

    def _because(self, output: str, value: Any, right: str, k: int, i: int, lang: str) -> Because:
        """The trace of one output: its deciding rule's words and the facts it tested."""
        d = self.data
        rule = d["rules"][right][self._at(d["rule_of"][right][k], i)]
        conditions = tuple(
            (fact, wanted, d["fact_words"][fact][self._at(d["facts"][fact], i)])
            for fact, wanted in rule["when"]
        )
        return Because(output, value, rule["path"], conditions=conditions, **rule["words"][lang])

    def _at(self, column: int, i: int) -> int:
        """Element `i` of the kept column of 16-bit integers at offset `column`."""
        at = self._start + column + 2 * i
        return int.from_bytes(self._columns[at : at + 2], "little", signed=True)
