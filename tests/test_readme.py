"""The README's set-up works as written: a clean clone, a fresh virtualenv, the first command, its outputs.

The second set-up command (the tests) is what CI runs; a test checks that .ci/run runs it word for word.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import IN_CI, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    commands = []
    for block in blocks:
        lines = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
        commands.append(" ".join(lines))
    return commands


def test_readme_has_two_setup_commands() -> None:
    commands = setup_commands()
    assert len(commands) == 2
    assert "strikemap" in commands[0] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup_commands()[1] in ci


@pytest.mark.slow
def test_first_setup_command_in_a_clean_clone_makes_the_map_and_the_export(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to clone")
    if not IN_CI and not os.environ.get("STRIKEMAP_TEST_README"):
        pytest.skip("installs the package in a fresh virtualenv (about a minute): runs in CI, or set "
                    "STRIKEMAP_TEST_README=1")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=120)
    # The clone holds what is committed: outputs must be made by the command, not found there.
    (clone / "maps" / "sample.html").unlink(missing_ok=True)
    (clone / "data" / "events" / "sample.geojson").unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "STRIKEMAP_GAZETTEER")}
    proc = subprocess.run(["bash", "-c", setup_commands()[0]], cwd=clone, env=env, capture_output=True, text=True,
                          timeout=1200)
    assert proc.returncode == 0, proc.stderr[-3000:]
    events = json.loads((clone / "data" / "events" / "sample.geojson").read_text(encoding="utf-8"))
    assert events["type"] == "FeatureCollection" and len(events["features"]) >= 20
    page = (clone / "maps" / "sample.html").read_text(encoding="utf-8")
    assert "L.map(" in page or "L.map (" in page
    assert not re.search(r"<script[^>]+src=\"https?://", page), "the map must not load scripts from the network"
