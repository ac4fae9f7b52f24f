"""Shared fixtures: the seed reports, the spec, and Hypothesis profiles."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GOVINFO_SHARED_DIR", ROOT.parent / "shared"))
SEEDS = Path(os.environ.get("GOVINFO_SEEDS_DIR", SHARED / "seeds"))
SPEC = SHARED / "spec"
CORPUS = SHARED / "corpus"
DATA = Path(__file__).resolve().parent / "data"

#: Table 三's seven columns, table 四's five result columns and its three groups, as
#: the catalogue names them (written out here, not read from the code under test).
SEVEN = (
    "natural_person",
    "business",
    "research",
    "public_interest",
    "legal_service",
    "other_org",
    "total",
)
FIVE = ("upheld", "corrected", "other", "pending", "total")
GROUPS = ("review", "suit_direct", "suit_after_review")

# CI runs the same examples every time; the thorough profile explores.
settings.register_profile("fast", max_examples=50, deadline=None, derandomize=True)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


def _shared_file(path: Path) -> Path:
    """A file from ../shared: fails in CI (GOVINFO_REQUIRE_SEEDS=1) when missing, else skips."""
    if not path.exists():
        if os.environ.get("GOVINFO_REQUIRE_SEEDS") == "1":
            pytest.fail(f"required shared file missing: {path}")
        pytest.skip(f"shared file not available: {path}")
    return path


#: The ``seed`` fixture: seed prefix (``"004"``) → path of the seed report.
SeedFinder = Callable[[str], Path]


@pytest.fixture
def seed() -> SeedFinder:
    """Return the path of a seed report by its three-digit prefix (``"004"``)."""

    def find(prefix: str) -> Path:
        matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.exists() else []
        return _shared_file(matches[0] if matches else SEEDS / f"{prefix}_*.txt")

    return find


#: The ``corpus`` fixture: report file name → its path in ``../shared/corpus/reports``.
CorpusFinder = Callable[[str], Path]


@pytest.fixture
def corpus() -> CorpusFinder:
    """Return the path of a real report of the corpus by its file name."""

    def find(name: str) -> Path:
        return _shared_file(CORPUS / "reports" / name)

    return find


@pytest.fixture
def spec_catalogue() -> Path:
    """The spec's catalogue.json."""
    return _shared_file(SPEC / "catalogue.json")
