"""A swept parameter's basis ('assumption: …', 'source: …') in the reader's language.

The explorer's sensitivity page and `confed sensitivity` both say why a range is what
it is: a treaty's own ranges read the treaty's translation, behaviour.yaml's the
catalogue (`confed.i18n.catalogue.data_messages`); a cited source stays as written.
"""

from __future__ import annotations

from confed.i18n import N_, _, current
from confed.treaty.model import Treaty
from confed.treaty.texts import translated

BASIS_WORDS = {"assumption": N_("assumption"), "source": N_("source")}
"""The kinds of basis a range gives, as `Uncertain.basis` starts."""


def range_path(name: str) -> str | None:
    """The treaty text that states a treaty parameter's range, by its `--param` name."""
    kind, _sep, rest = name.partition(".")
    if kind == "quota":
        qid, _sep, field = rest.rpartition(".")
        return f"quotas.{qid}.ranges.{field}.assumption"
    if kind == "phase" and rest.endswith(".start"):
        return f"phases.{rest.removesuffix('.start')}.start_range.assumption"
    return None


def basis_words(t: Treaty, name: str, basis: str) -> tuple[str, str, str]:
    """The basis of parameter `name`'s range as (kind, text, the text's language).

    The text is English (language 'en') where neither the treaty nor the catalogue
    translates it, so the caller can mark it as such.
    """
    kind, _sep, text = basis.partition(": ")
    label = _(BASIS_WORDS[kind]) if kind in BASIS_WORDS else kind
    path = range_path(name) if kind == "assumption" else None
    if path:
        said, lang = translated(t, path, text)
    else:  # behaviour.yaml's, through the catalogue; a source's reference as written
        said = _(text)
        lang = "en" if said == text else current()
    return label, said, lang
