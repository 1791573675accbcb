"""Shared fixtures: paths, the seed analysis (computed once), quiet plotting."""

import importlib.util
import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parents[1]
NETGUARD = Path(__file__).resolve().parent / "netguard"

# The whole test run has no network: this process now, and every kernel and Dask worker it
# starts (they inherit PYTHONPATH and import tests/netguard/sitecustomize.py at start-up).
os.environ["ESCALATION_NO_NETWORK"] = "1"
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(NETGUARD)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
_spec = importlib.util.spec_from_file_location("_netguard", NETGUARD / "sitecustomize.py")
_spec.loader.exec_module(importlib.util.module_from_spec(_spec))  # installs the guard here

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
