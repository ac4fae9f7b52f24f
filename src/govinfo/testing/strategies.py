"""Hypothesis strategies that write reports govinfo can read (the extra ``strategies``).

Use them to test code that consumes govinfo's output::

    from hypothesis import given
    from govinfo import parse, strategies

    @given(strategies.reports(template="old-2018"))
    def test_my_pipeline(generated):
        report = parse(generated.text)
        assert report.value("old.req.received") == generated.values["old.req.received"]

Values are consistent with every invariant of the catalogue (see
:mod:`govinfo.testing.synth`); :func:`faulty_values` breaks exactly one, and says which.
All six templates are generated, each in the text shapes the parser reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from hypothesis import strategies as st

from govinfo.testing.render import Shape, render_report, shapes_for
from govinfo.testing.synth import TEMPLATES, Fault, break_rule, consistent_values

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

__all__ = ["GeneratedReport", "faulty_values", "reports", "templates", "values"]

_AGENCIES = ("青禾县人民政府", "云溪区人民政府", "松岚市人民政府", "澄柳县人民政府办公室")


@attrs.frozen(kw_only=True)
class GeneratedReport:
    """A generated report: its text and what it should parse to."""

    text: str
    template: str
    shape: Shape
    agency: str
    year: int
    #: Cell id → value printed (``None`` for a blank cell).
    values: dict[str, Decimal | None]
    #: The invariant broken on purpose, if any.
    fault: Fault | None = None


def templates() -> st.SearchStrategy[str]:
    """Template ids values can be generated for (all six)."""
    return st.sampled_from(TEMPLATES)


def _chooser(draw: st.DrawFn) -> Callable[[int, int], int]:
    def choose(low: int, high: int) -> int:
        return draw(st.integers(low, high))

    return choose


@st.composite
def values(
    draw: st.DrawFn,
    template: str | None = None,
    *,
    blanks: bool = True,
    agency: str | None = None,
) -> dict[str, Decimal | None]:
    """A consistent value set for ``template`` (any template when ``None``).

    Every invariant holds; with ``blanks`` some zero cells are left blank, as
    real reports do; for an ``agency`` that cannot make 规章, none are reported.
    """
    chosen = template or draw(templates())
    return consistent_values(
        chosen, _chooser(draw), blanks=draw(st.booleans()) and blanks, agency=agency
    )


@st.composite
def faulty_values(
    draw: st.DrawFn, template: str | None = None, *, agency: str | None = None
) -> tuple[dict[str, Decimal | None], Fault]:
    """A value set with one EQ or LE invariant broken, and the Fault saying which."""
    chosen = template or draw(templates())
    base = consistent_values(chosen, _chooser(draw), blanks=False, agency=agency)
    return break_rule(base, chosen, _chooser(draw))


@st.composite
def reports(  # noqa: PLR0913 - keyword-only options of a public strategy
    draw: st.DrawFn,
    template: str | None = None,
    shape: Shape | None = None,
    *,
    faulty: bool = False,
    noise: bool | None = None,
    traditional: bool | None = None,
) -> GeneratedReport:
    """Report text in a shape the parser reads, with the values it contains.

    Args:
        draw: supplied by Hypothesis.
        template: a template id, or any when ``None``.
        shape: a :class:`govinfo.synth.Shape` of the template, or any when ``None``.
        faulty: break one invariant (see :func:`faulty_values`).
        noise: add image lines and page footers (drawn when ``None``).
        traditional: write the text in Traditional script (drawn when ``None``).
    """
    chosen = template or draw(templates())
    agency = draw(st.sampled_from(_AGENCIES))
    fault: Fault | None = None
    if faulty:
        cells, fault = draw(faulty_values(chosen, agency=agency))
    else:
        cells = draw(values(chosen, agency=agency))
    layout = shape or draw(st.sampled_from(shapes_for(chosen)))
    year = {"old-2014": 2014, "new-2019": 2019, "new-2021": 2022}.get(chosen, 2018)
    text = render_report(
        cells,
        chosen,
        layout,
        agency=agency,
        year=year,
        noise=draw(st.booleans()) if noise is None else noise,
        traditional=draw(st.booleans()) if traditional is None else traditional,
        spelling=_chooser(draw),
    )
    return GeneratedReport(
        text=text,
        template=chosen,
        shape=layout,
        agency=agency,
        year=year,
        values=cells,
        fault=fault,
    )
