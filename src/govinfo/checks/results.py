"""The records of an evaluation: outcomes, operands, comparisons and rules."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from decimal import Decimal

    from govinfo.catalogue.formulas import Term
    from govinfo.models import Cell

__all__ = [
    "DECIDED_BY",
    "ComparisonResult",
    "Operand",
    "Outcome",
    "RuleResult",
    "is_approximate",
    "is_exact",
]


#: The flag prefix of a cell whose run-together digits a rule split (``decided_by:N3``).
DECIDED_BY = "decided_by:"


class Outcome(enum.StrEnum):
    """The result of a comparison or a rule (catalogue §4.1)."""

    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    NOT_EVALUABLE = "not_evaluable"
    #: It holds, but only because a split of run-together digits was chosen to make
    #: it hold (a cell flagged ``decided_by:<rule>``): it confirms nothing.
    DECIDED = "decided"
    #: An INFO rule; computed for the reader, never a finding.
    INFO = "info"
    #: The template does not carry the rule's cells, or a needed report is absent.
    NOT_APPLICABLE = "n/a"


@attrs.frozen(kw_only=True)
class Operand:
    """A term of an evaluated comparison with the cell it read."""

    term: Term
    label: str
    cell: Cell | None
    absent: bool = False
    constant: Decimal | None = None

    @property
    def missing(self) -> bool:
        """Carried by the template but blank or not printed."""
        if self.absent or self.constant is not None:
            return False
        return self.cell is None or self.cell.is_missing

    @property
    def approximate(self) -> bool:
        """Known only as an interval."""
        return self.cell is not None and is_approximate(self.cell)


def is_exact(cell: Cell) -> bool:
    """A cell known exactly: a value whose bounds are itself."""
    return cell.value is not None and cell.low == cell.value == cell.high


def is_approximate(cell: Cell) -> bool:
    """A value known only as an interval (``5000余``, ``近10万``)."""
    return not cell.is_missing and not is_exact(cell)


@attrs.frozen(kw_only=True)
class ComparisonResult:
    """One evaluated comparison of a rule."""

    rule: str
    text: str
    relation: str
    outcome: Outcome
    left: tuple[Operand, ...]
    right: tuple[Operand, ...]
    left_range: tuple[Decimal | None, Decimal | None]
    right_range: tuple[Decimal | None, Decimal | None]
    #: The known operands already balance, so the missing ones can only be 0.
    implied_zero: bool = False
    #: A prose figure's other readings, none of which agrees either.
    alternatives: tuple[ComparisonResult, ...] = ()
    #: Ids of operands whose value this rule chose (a run-together split).
    decided: tuple[str, ...] = ()

    @property
    def operands(self) -> tuple[Operand, ...]:
        """Left then right cell operands (absent ones and constants left out)."""
        return tuple(o for o in (*self.left, *self.right) if not o.absent and o.constant is None)

    @property
    def missing(self) -> tuple[str, ...]:
        """Ids of the missing operands."""
        return tuple(o.term.id for o in self.operands if o.missing)


@attrs.frozen(kw_only=True)
class RuleResult:
    """A rule's outcome on one report, with its comparisons."""

    id: str
    cls: str
    outcome: Outcome
    comparisons: tuple[ComparisonResult, ...] = ()
