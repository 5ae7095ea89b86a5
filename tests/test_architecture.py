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
from strikemap.cli.root import app

PACKAGE = Path(strikemap.__file__).parent

# Stage of each module (dotted, under strikemap): a module may import only from modules of an earlier or the
# same stage. A package's face (its __init__) has the stage of what it hands on.
STAGES = {
    "errors": 0,
    "models": 0,
    "vocab": 0,
    "values": 0,
    "atomic": 0,
    "sanitize": 0,
    "normalize": 1,
    "text": 1,
    "inputs": 1,
    "language": 1,
    "online.http": 1,
    "arabic.fold": 1,
    "arabic.cues": 1,
    "arabic.numbers": 1,
    "arabic.dates": 1,
    "arabic.mentions": 1,
    "gazetteer.fuzzy_index": 1,
    "gazetteer.fileformat": 2,
    "gazetteer.lookup": 3,
    "gazetteer.sources.draft": 3,
    "gazetteer.sources.whosonfirst": 3,
    "gazetteer.sources.ocha": 3,
    "gazetteer.sources.opensyria": 3,
    "gazetteer.sources.geonames": 3,
    "gazetteer.build": 4,
    "gazetteer.fetch": 4,
    "toponyms": 4,
    "resolve": 5,
    "unresolved": 5,
    "roles": 6,
    "events": 7,
    "event_rules": 7,
    "arabic.events": 7,
    "pipeline": 8,
    "geoframe": 9,
    "evaluate": 9,
    "export.formats": 10,
    "export.records": 10,
    "export.geojson": 10,
    "export.csvfile": 10,
    "export.gpkg": 10,
    "export.write": 10,
    "eventfile.cells": 10,
    "eventfile.acled": 10,
    "eventfile.rows": 10,
    "eventfile.csvfile": 10,
    "eventfile.geojson": 10,
    "eventfile.gpkg": 10,
    "eventfile.detect": 10,
    "eventfile.read": 10,
    "online.nominatim": 10,
    "parallel": 10,
    "webmap.escape": 11,
    "webmap.points": 11,
    "webmap.payload": 11,
    "webmap.page": 11,
}
# The front: the command line and the package faces, which may import anything.
FRONT_PACKAGES = ("cli",)
FACES = {"__init__", "__main__", "arabic", "cli", "eventfile", "export", "gazetteer", "gazetteer.sources", "online",
         "webmap"}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _is_package(name: str) -> bool:
    return (PACKAGE / name.replace(".", "/") / "__init__.py").exists()


def _imports(path: Path) -> set[str]:
    """The strikemap modules a file imports, as dotted names under strikemap."""
    here = _module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            target = [*base, *(node.module.split(".") if node.module else [])]
        elif node.module and node.module.startswith("strikemap."):
            target = node.module.split(".")[1:]
        else:
            continue
        dotted = ".".join(target)
        for alias in node.names:
            sub = f"{dotted}.{alias.name}" if dotted else alias.name
            if (PACKAGE / (sub.replace(".", "/") + ".py")).exists() or _is_package(sub):
                found.add(sub)
            elif dotted:
                found.add(dotted)
    return found


MODULES = sorted(_module_name(p) for p in PACKAGE.rglob("*.py"))


def _is_front(name: str) -> bool:
    return name in FACES or name.split(".")[0] in FRONT_PACKAGES


@pytest.mark.parametrize("module", MODULES)
def test_module_has_a_known_place_in_the_flow(module: str) -> None:
    assert module in STAGES or _is_front(module), f"add strikemap.{module} to STAGES (or to the front)"


@pytest.mark.parametrize("module", [m for m in MODULES if m in STAGES])
def test_no_module_imports_from_a_later_stage(module: str) -> None:
    path = PACKAGE / (module.replace(".", "/") + ".py")
    for imported in _imports(path):
        assert not _is_front(imported), f"{module} imports the front end {imported}"
        assert STAGES[imported] <= STAGES[module], f"{module} (stage {STAGES[module]}) imports {imported}"


def test_the_import_reader_sees_relative_imports_in_packages() -> None:
    # The check above is only as good as this reader: a package module's imports, both spellings.
    assert {"gazetteer.lookup", "atomic"} <= _imports(PACKAGE / "cli" / "root.py") | _imports(
        PACKAGE / "cli" / "boundary.py")
    assert "normalize" in _imports(PACKAGE / "gazetteer" / "lookup.py")


def _imports_root(path: Path) -> bool:
    here = _module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level and not node.module and node.level == len(package) + 1:
            return True
        if isinstance(node, ast.ImportFrom) and node.module == "strikemap":
            return True
    return False


@pytest.mark.parametrize("module", [m for m in MODULES if m not in ("__init__", "__main__")])
def test_internal_modules_do_not_import_the_package_root(module: str) -> None:
    path = PACKAGE / (module.replace(".", "/") + ("/__init__.py" if _is_package(module) else ".py"))
    assert not _imports_root(path), f"{module} imports from the package root; import the defining module"


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
