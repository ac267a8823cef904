"""The claims page: the arguments with their measures per treaty, the polls, work across the border.

The same sections as the comparison report's, on the comparison of the chosen horizon
and seed (kept by `comparison_page`, so it opens at once after the first visit).
"""

from __future__ import annotations

from pathlib import Path

from confed.compare.claims_report import claims_html, opinion_html, work_chart, work_html
from confed.i18n import _
from confed.web.comparison_page import cached_comparison
from confed.web.layout import esc, href


def claims_body(years: int, seed: int, store_path: Path | None = None) -> str:
    """The page's content: the three sections, for the comparison over `years` with `seed`.

    The work section carries its chart here (the report charts it under Over the years).
    """
    c = cached_comparison(years, seed, store_path)
    first, last = c["calendar"]["first"], c["calendar"]["last"]
    title = _("Arguments, opinion and work across the border")
    link = href(f"/explorer/?years={years}&seed={seed}")
    label = _("comparison page")
    page = f'<a href="{esc(link)}">{esc(label)}</a>'
    meta = esc(
        _(
            "Every shipped treaty simulated over {first}–{last} (seed {seed}); change the "
            "horizon on the {page}."
        )
    ).format(first=first, last=last, seed=seed, page=page)
    return (
        f'<h1>{esc(title)}</h1><p class="meta">{meta}</p>'
        + claims_html(c)
        + opinion_html(c)
        + work_html(c).replace("</section>", work_chart(c) + "</section>")
    )
