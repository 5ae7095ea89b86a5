"""The shape of the house: data flows one way, the public API is honest, the CLI is light and teaches."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

import strikemap
from strikemap.cli import app

PACKAGE = Path(strikemap.__file__).parent

# Stage of each module: a module may import only from modules of an earlier or the same stage.
STAGES = {
    "errors": 0,
    "models": 0,
    "atomic": 0,
    "normalize": 1,
    "text": 1,
    "fuzzy_index": 1,
    "inputs": 1,
    "sanitize": 0,
    "language": 1,
    "arabic": 1,
    "arabic_cues": 1,
    "arabic_numbers": 1,
    "arabic_dates": 1,
    "arabic_mentions": 1,
    "gazetteer_file": 2,
    "gazetteer": 3,
    "sources_wof": 3,
    "sources_ocha": 3,
    "sources_opensyria": 3,
    "sources_geonames": 3,
    "sources_common": 3,
    "gazetteer_build": 4,
    "gazetteer_fetch": 4,
    "toponyms": 4,
    "resolve": 5,
    "unresolved": 5,
    "roles": 6,
    "events": 7,
    "events_ar": 7,
    "event_rules": 7,
    "pipeline": 8,
    "geoframe": 9,
    "export": 10,
    "eventfile": 10,
    "online": 10,
    "online_http": 1,
    "parallel": 10,
    "evaluate": 9,
    "webmap_data": 11,
    "webmap": 11,
}
FRONT = {"cli", "cli_common", "cli_gazetteer", "cli_help", "cli_events", "cli_map", "cli_evaluate", "__init__",
         "__main__"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("strikemap."):
            found.add(node.module.split(".")[1])
    return found


MODULES = sorted(p.stem for p in PACKAGE.glob("*.py"))


@pytest.mark.parametrize("module", MODULES)
def test_module_has_a_known_place_in_the_flow(module: str) -> None:
    assert module in STAGES or module in FRONT, f"add strikemap/{module}.py to STAGES or FRONT"


@pytest.mark.parametrize("module", [m for m in MODULES if m in STAGES])
def test_no_module_imports_from_a_later_stage(module: str) -> None:
    for imported in _imports(PACKAGE / f"{module}.py"):
        assert imported not in FRONT, f"{module} imports the front end {imported}"
        assert STAGES.get(imported, 0) <= STAGES[module], f"{module} (stage {STAGES[module]}) imports {imported}"


@pytest.mark.parametrize("module", [m for m in MODULES if m not in ("__init__", "__main__")])
def test_internal_modules_do_not_import_the_package_root(module: str) -> None:
    source = (PACKAGE / f"{module}.py").read_text(encoding="utf-8")
    assert "from strikemap import" not in source and "from . import" not in source


def test_public_api_is_sorted_and_importable() -> None:
    assert strikemap.__all__ == sorted(strikemap.__all__)
    for name in strikemap.__all__:
        assert getattr(strikemap, name) is not None


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    # typer may carry its own copy of click: go by shape, not by class.
    out = []
    for name, cmd in group.commands.items():
        out.append((prefix + name, cmd))
        if hasattr(cmd, "commands"):
            out.extend(_commands(cmd, prefix + name + " "))
    return out


def test_every_command_and_option_has_help_with_an_example() -> None:
    root = typer.main.get_command(app)
    commands = _commands(root)
    assert {"resolve"} <= {name for name, _ in commands}
    for name, cmd in commands:
        assert cmd.help and len(cmd.help) > 20, f"'{name}' lacks help text"
        if not hasattr(cmd, "commands"):
            assert "strikemap " in cmd.help, f"'{name}' help has no example"
        for param in cmd.params:
            if param.param_type_name == "option" and param.name != "help":
                assert param.help, f"'{name} {param.opts[0]}' lacks help text"


@pytest.mark.parametrize("argv", [["--help"], ["resolve", "--help"]])
def test_help_does_not_import_heavy_libraries(argv: list[str]) -> None:
    code = (
        "import sys, runpy; sys.argv = ['strikemap', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('strikemap', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('geopandas', 'folium', 'pandas', 'dask', 'shapely', 'dateparser') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=60)
    assert "HEAVY []" in proc.stderr, proc.stderr


def test_python_dash_m_works() -> None:
    proc = subprocess.run([sys.executable, "-m", "strikemap", "--help"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "strikemap" in proc.stdout
