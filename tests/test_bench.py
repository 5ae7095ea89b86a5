"""bench/run.py runs end to end in its tiny mode and writes JSON of the documented shape (no timing asserts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "bench" / "run.py"
Smoke = tuple[dict[str, Any], str]


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> Smoke:
    out = tmp_path_factory.mktemp("bench") / "smoke.json"
    proc = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--smoke", "--gazetteer", str(out.parent / "absent.jsonl"),
         "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(out.read_text(encoding="utf-8")), proc.stdout


def test_json_has_machine_command_and_mode(smoke: Smoke) -> None:
    result, _ = smoke
    assert result["schema"] == 1 and result["mode"] == "smoke"
    assert result["command"].startswith("python bench/run.py --quick --smoke")
    for key in ("cpu_model", "cores", "python", "os"):
        assert result["machine"][key]
    assert result["runs_per_figure"] >= 3
    assert result["corpus"]["articles"] > 0
    assert 300 <= result["corpus"]["words_min"] <= result["corpus"]["words_max"] <= 850


def test_every_figure_is_a_median_of_its_runs(smoke: Smoke) -> None:
    result, _ = smoke
    names = {f["name"] for f in result["figures"]}
    for needed in ("load.default.time_s", "load.default.peak_rss_mb", "resolve.default.exact.p99_ms",
                   "resolve.default.variant.p99_ms", "resolve.default.fuzzy.p99_ms",
                   "resolve.default.batch_names_per_s", "geocode.articles_per_s", "cli.help_s",
                   "cli.resolve.default_s"):
        assert needed in names
    for fig in result["figures"]:
        assert set(fig) >= {"name", "label", "unit", "value", "runs", "n_runs"}
        assert fig["n_runs"] == len(fig["runs"]) >= 3
        ordered = sorted(fig["runs"])
        assert ordered[0] <= fig["value"] <= ordered[-1]


def test_absent_full_gazetteer_is_said_and_the_default_still_runs(smoke: Smoke) -> None:
    result, stdout = smoke
    assert result["primary_gazetteer"] == "default" and "full" not in result["gazetteers"]
    assert any("does not exist" in note for note in result["notes"])
    assert "default gazetteer" in stdout


def test_targets_say_met_or_not(smoke: Smoke) -> None:
    result, stdout = smoke
    assert result["targets"]
    for target in result["targets"]:
        assert set(target) >= {"name", "figure", "target", "value", "met"}
        assert target["met"] in (True, False, None)
    assert "MET" in stdout


def test_peer_comparison_is_side_by_side(smoke: Smoke) -> None:
    import flashgeotext  # noqa: F401  (a test dependency: missing is a failure)
    result, _ = smoke
    names = {f["name"] for f in result["figures"]}
    assert "peer.flashgeotext.articles_per_s" in names
    assert any(n.startswith("ratio.geocode_vs_") for n in names)


def test_cache_clearing_empties_the_name_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    from run import clear_name_caches  # type: ignore[import-not-found]

    from strikemap.spelling import fold, skeleton_key

    fold("Jisr el-Shoghour")
    skeleton_key("Jisr el-Shoghour")
    assert fold.cache_info().currsize > 0
    assert clear_name_caches() >= 4
    assert fold.cache_info().currsize == 0 and skeleton_key.cache_info().currsize == 0
