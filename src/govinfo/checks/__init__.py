"""Checks: the catalogue's invariants evaluated on a report, and the findings.

Rules compiled from the catalogue (:mod:`.formulas`), the interval engine
(:mod:`.engine`), findings and their messages (:mod:`.findings`), and what a
body's name says about it (:mod:`.bodies`). May import the base modules only
(catalogue, models, values), never the readers.
"""

from govinfo.checks.engine import Outcome, RuleResult, evaluate
from govinfo.checks.findings import check, is_consistent, iter_findings

__all__ = ["Outcome", "RuleResult", "check", "evaluate", "is_consistent", "iter_findings"]
