"""Batch ``strikemap resolve``: exactly one output line per input line, in text and JSON modes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikemap.cli.root import app

ROOT = Path(__file__).resolve().parent.parent
NAMES = (ROOT / "data" / "names.txt").read_text(encoding="utf-8")
runner = CliRunner()


def _first_column(text: str) -> str:
    return "".join(line.split("\t", 1)[0] + "\n" for line in text.splitlines())


@pytest.mark.parametrize("args", [[], ["--json"], ["-n", "3"], ["--json", "-n", "3"]])
def test_one_line_per_input_line_blank_and_unresolved_included(args: list[str]) -> None:
    names = _first_column(NAMES)
    assert "\n\n" in names and "Tell Nowhere Qadim" in names  # the shipped list has both cases
    result = runner.invoke(app, ["resolve", *args], input=names, env={"STRIKEMAP_GAZETTEER": ""})
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    inputs = names.splitlines()
    assert len(out) == len(inputs)
    for given, line in zip(inputs, out, strict=True):
        if "--json" in args:
            record = json.loads(line)
            assert record["query"] == given
            if not given or given == "Tell Nowhere Qadim":
                assert record["matches"] == []
        elif not given:
            assert line == ""
        else:
            assert line.split("\t", 1)[0] == given
    if "--json" not in args:
        assert out[inputs.index("Tell Nowhere Qadim")] == "Tell Nowhere Qadim\t(no match)"


def test_a_url_says_how_to_fetch_it(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "https://example.org/report.html", "-o", str(tmp_path / "e.geojson")])
    assert result.exit_code == 2
    assert "a web address, not a file" in result.stderr and "curl -L -o report.html" in result.stderr
    result = runner.invoke(app, ["map", "https://example.org/report.html", "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 2 and "curl -L -o report.html" in result.stderr
    assert not (tmp_path / "m.html").exists()
