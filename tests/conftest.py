"""Fixtures shared by the test modules."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from strikemap.gazetteer.build import build_gazetteer
from strikemap.gazetteer.lookup import Gazetteer

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout; STRIKEMAP_SHARED points elsewhere (e.g. from a git worktree).
SHARED = Path(os.environ.get("STRIKEMAP_SHARED") or ROOT.parent / "shared")
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


@pytest.fixture(scope="session")
def full_build(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    out = tmp_path_factory.mktemp("full") / "full.jsonl"
    start = time.perf_counter()
    build_gazetteer(
        whosonfirst=shared_data / "whosonfirst" / "whosonfirst-data-admin-sy.tar.gz",
        ocha=[shared_data / "ocha-cod-ab" / "en_hno_2019.json", shared_data / "ocha-cod-ab" / "ar_hno_2019.json"],
        opensyria=shared_data / "opensyria-geography",
        output=out,
    )
    return out, time.perf_counter() - start


@pytest.fixture(scope="session")
def full_gazetteer(full_build: tuple[Path, float]) -> Gazetteer:
    return Gazetteer.load(full_build[0])
