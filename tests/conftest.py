"""Shared fixtures: paths, the seed analysis (computed once), quiet plotting."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_FILE = SEEDS / "iraqi_militia_threats_2024-07-01.txt"
FIXTURE_CORPUS = ROOT / "tests" / "fixtures" / "corpus"


@pytest.fixture(scope="session")
def seed_analysis():
    from helpers import analyze
    return analyze(SEEDS)


@pytest.fixture(scope="session")
def fixture_analysis():
    from helpers import analyze
    return analyze(FIXTURE_CORPUS)
