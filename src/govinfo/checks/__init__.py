"""Checks: the catalogue's invariants evaluated on a report, and the findings.

Rules compiled from the catalogue (:mod:`govinfo.catalogue.formulas`), the interval engine
(:mod:`.engine`) and its records (:mod:`.results`), prose against table
(:mod:`.restated`), the rules that are not formulas (:mod:`.rules`: report
parts, value forms, missing tables), findings and their messages
(:mod:`.findings`), and what a body's name says about it (:mod:`.bodies`).
May import the base modules only (catalogue, models, values), never the readers.
"""

from govinfo.checks.engine import evaluate
from govinfo.checks.findings import check, is_consistent, iter_findings
from govinfo.checks.results import Outcome, RuleResult

__all__ = ["Outcome", "RuleResult", "check", "evaluate", "is_consistent", "iter_findings"]
