"""``strikemap gazetteer build|info|fetch``: thin commands, one ``error:`` line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikemap.cli.root import app
from tests.gazetteer_sources import GEONAMES_SAMPLE, write_ocha, write_wof_archive

runner = CliRunner()


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize("command", ["build", "info", "fetch"])
def test_every_command_has_help_with_examples(command: str) -> None:
    result = runner.invoke(app, ["gazetteer", command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"strikemap gazetteer {command}" in result.stdout


def test_build_then_info(tmp_path: Path) -> None:
    out = tmp_path / "full.jsonl"
    ocha = write_ocha(tmp_path / "ocha")
    args = ["gazetteer", "build", "--whosonfirst", str(write_wof_archive(tmp_path)), "--geonames", str(GEONAMES_SAMPLE)]
    for path in ocha:
        args += ["--ocha", str(path)]
    result = runner.invoke(app, [*args, "--no-curated", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}: ")
    assert "1 duplicates merged" in result.stdout

    result = runner.invoke(app, ["gazetteer", "info", "--json", "--gazetteer", str(out)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["name"] == "full"
    assert summary["by_admin1"]["Idleb"]["town"] == 1
    assert {s["id"]: s["license"] for s in summary["sources"]}["ocha-cod-ab"] == "CC BY 3.0 IGO"

    result = runner.invoke(app, ["gazetteer", "info"], env={"STRIKEMAP_GAZETTEER": str(out)})
    assert result.exit_code == 0
    assert "by governorate:" in result.stdout and "Idleb" in result.stdout
    assert "geonames: GeoNames country dump SY [CC BY 4.0]" in result.stdout


def test_info_on_the_default_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STRIKEMAP_GAZETTEER", raising=False)
    result = runner.invoke(app, ["gazetteer", "info", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["places"] > 0


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda t: ["--geonames", str(t / "missing.txt")], "does not exist"),
        (lambda t: ["--geonames", str(_write(t / "SY.txt", "1\tonly two\n"))], "expected 19 tab-separated columns"),
        (lambda t: ["--whosonfirst", str(_write(t / "wof.tar.gz", "not a tar"))], "not a readable Who's On First"),
        (lambda t: ["--ocha", str(_write(t / "en.json", "<html>"))], "not JSON"),
        (lambda t: [], "no sources given"),
    ],
)
def test_build_bad_input_is_one_error_line(tmp_path: Path, make_args, message: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["gazetteer", "build", *make_args(tmp_path), "-o", str(out)])
    assert result.exit_code == 2
    assert message in _one_error_line(result.stderr)
    assert not out.exists()


def test_info_on_a_file_that_is_not_a_gazetteer(tmp_path: Path) -> None:
    bad = _write(tmp_path / "x.jsonl", '{"hello": 1}\n')
    result = runner.invoke(app, ["gazetteer", "info", "--gazetteer", str(bad)])
    assert result.exit_code == 2
    assert "not a strikemap gazetteer" in _one_error_line(result.stderr)


def test_gazetteer_commands_import_no_heavy_library() -> None:
    code = (
        "import sys, strikemap.cli.gazetteer, strikemap.gazetteer.build, strikemap.gazetteer.fetch;"
        "print(sorted(m for m in ('shapely', 'geopandas', 'pyogrio', 'folium') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_build_has_one_option_per_registry_source_in_its_order() -> None:
    import typer.main

    from strikemap.gazetteer.sources.registry import FULL_SOURCES

    command = typer.main.get_command(app).commands["gazetteer"].commands["build"]  # type: ignore[attr-defined]
    options = [opt for param in command.params for opt in param.opts]
    source_options = [o for o in options if o not in ("--output", "-o", "--no-curated")]
    assert source_options == [s.option for s in FULL_SOURCES]
    repeatable = {opt for param in command.params if param.multiple for opt in param.opts}
    assert repeatable == {s.option for s in FULL_SOURCES if s.many}


def test_info_takes_a_missing_licence_from_the_registry(tmp_path: Path) -> None:
    from strikemap.gazetteer.fileformat import write_gazetteer
    from strikemap.models import Place

    out = tmp_path / "old.jsonl"
    place = Place(place_id="t:1", name="Idlib", lat=35.93, lon=36.63, kind="city")
    write_gazetteer(out, {"name": "full", "sources": [{"id": "ocha-cod-ab"}, {"id": "elsewhere", "title": "X"}]},
                    [place])
    result = runner.invoke(app, ["gazetteer", "info", "--gazetteer", str(out)])
    assert result.exit_code == 0, result.output
    assert "ocha-cod-ab: UN OCHA Syria sub-district boundaries" in result.stdout
    assert "[CC BY 3.0 IGO]" in result.stdout
    assert "elsewhere: X [None]" in result.stdout
