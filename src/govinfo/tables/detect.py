"""Which template a report's statistics table follows (catalogue §2).

Old tables: the template of the ``old`` family whose cues the printed labels
hit most (``old-2018`` when none is hit). New tables: the columns over
第二十条第（一）项 first, then the shape of （六）其他处理, then cues.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo.catalogue import load_catalogue
from govinfo.folding import key
from govinfo.models import Diagnostic
from govinfo.tables.labels import label_key

if TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Set as AbstractSet

    from govinfo.catalogue import Catalogue

__all__ = ["detect_new", "detect_old", "template_by_cues"]


def detect_old(
    printed: Iterable[str], catalogue: Catalogue, family: str = "old"
) -> tuple[str | None, dict[str, int]]:
    """The template of ``family`` whose cues (catalogue ``cues``) the printed labels hit most.

    ``printed`` are the table's label lines as printed (ordinal included), its
    notes and its furniture lines. Returns the template id (``None`` when no cue
    of the family is hit and the family has no default) and the hits per template.
    """
    return template_by_cues({key(text) for text in printed}, catalogue, family)


def template_by_cues(
    keys: AbstractSet[str], catalogue: Catalogue, family: str = "old"
) -> tuple[str | None, dict[str, int]]:
    """:func:`detect_old` of the printed texts' keys (:func:`govinfo.folding.key`)."""
    hits = {
        t.id: sum(key(cue) in keys for cue in t.cues)
        for t in catalogue.templates
        if t.family == family
    }
    if not hits:
        return None, hits
    best = max(hits.values())
    if best == 0:
        # Catalogue §2: an old table without the fee row or Shandong rows is old-2018.
        return ("old-2018" if family == "old" else None), hits
    winners = [t for t, n in hits.items() if n == best]
    return winners[0], hits


def detect_new(
    printed: set[str], block_one: set[str], printed_rows: set[str]
) -> tuple[str, list[Diagnostic]]:
    """new-2019 or new-2021: 第二十条第（一）项's headers first, then （六）其他处理 (§2).

    ``printed`` are the label and header keys of the tables, ``block_one`` the
    columns printed over 第二十条第（一）项 and ``printed_rows`` the layout rows
    printed with numbers. Returns the template and a ``hybrid-template``
    diagnostic when the tables mix the two formats.
    """
    catalogue = load_catalogue()
    hits = {
        t.id: sum(key(cue) in printed or label_key(cue)[0] in printed for cue in t.cues)
        for t in catalogue.templates
        if t.family == "new"
    }
    other_single = "new.req.other" in printed_rows
    other_split = bool(printed_rows & {"new.req.other.no_correction", "new.req.other.fee_unpaid"})
    if block_one & {"made", "published", "published_total"}:
        template = "new-2019"
    elif block_one & {"issued", "repealed", "in_force"}:
        template = "new-2021"
    elif other_single or other_split:
        template = "new-2019" if other_single else "new-2021"
    elif any(hits.values()):
        template = max(hits, key=lambda t: hits[t])
    else:
        # §2: new-2021 only on a 2021 cue. Without any cue the tables printed (三, 四)
        # are the same in both formats, and so are their cells.
        template = "new-2019"
    hybrid: list[str] = []
    if template == "new-2021" and other_single:
        hybrid.append(
            "（六）其他处理 is one value row, as in 2019; its cells go to new.req.other.*"
        )
    if template == "new-2019" and other_split:
        hybrid.append("（六）其他处理 has the three rows of 2021")
    if template == "new-2021" and "规范性文件" in printed:
        hybrid.append("the 2019 label 规范性文件 is printed in the 2021 layout")
    other = "new-2019" if template == "new-2021" else "new-2021"
    diagnostics: list[Diagnostic] = []
    if not block_one and not (other_single or other_split) and not any(hits.values()):
        diagnostics.append(
            Diagnostic(
                code="template-by-default",
                message="no cue of the 2019 or 2021 format is printed (no table 二 header, no "
                "（六）其他处理 rows): read as new-2019 by catalogue §2; the cells printed "
                "mean the same in both formats",
            )
        )
    if hybrid or hits.get(other, 0) > hits.get(template, 0):
        diagnostics.append(
            Diagnostic(
                code="hybrid-template",
                message=f"read as {template} cell by cell (cue hits {hits}): " + "; ".join(hybrid),
            )
        )
    return template, diagnostics
