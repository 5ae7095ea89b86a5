"""Fixtures shared by the test modules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
SEED_DIR = SHARED / "seed"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need_shared(path: Path) -> Path:
    """``path`` inside ../shared; skip when it is absent, except in CI, where that fails."""
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the checkout")
        pytest.skip(f"{path} is absent (a user's clone has no ../shared)")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return need_shared(SHARED_DATA)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The founding report, read where it lives (it is not ours to copy)."""
    folder = need_shared(SEED_DIR)
    files = sorted(folder.glob("*.txt"))
    if not files:
        pytest.fail(f"no report in {folder}")
    return files[0].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    folder = need_shared(SEED_DIR)
    return sorted(folder.glob("*.txt"))[0]
