"""The shape of the house: data flows one way, the public API is honest, the CLI is light and teaches."""

from __future__ import annotations

import ast
import importlib
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
    "geo": 0,
    "needs": 0,
    "gazetteer.backend": 0,
    "directions": 0,
    "kinds": 0,
    "spelling": 1,
    "text": 1,
    "inputs": 1,
    "language": 1,
    "online.http": 1,
    "online.records": 1,
    "online.cache": 1,
    "arabic.fold": 1,
    "arabic.cues": 1,
    "arabic.numbers": 1,
    "dates": 1,
    "arabic.dates": 1,
    "arabic.mentions": 1,
    "gazetteer.fuzzy_index": 1,
    "gazetteer.fileformat": 2,
    "gazetteer.lookup": 3,
    "gazetteer.names": 2,
    "gazetteer.sources.source": 3,
    "gazetteer.sources.draft": 3,
    "gazetteer.sources.whosonfirst": 3,
    "gazetteer.sources.ocha": 3,
    "gazetteer.sources.opensyria": 3,
    "gazetteer.sources.geonames": 3,
    "gazetteer.sources.shipped": 3,
    "gazetteer.admin_index": 3,
    "gazetteer.sources.naturalearth": 3,
    "gazetteer.sources.geonames_cache": 3,
    "gazetteer.sources.curated": 3,
    "gazetteer.sources.registry": 3,
    "gazetteer.merge": 4,
    "gazetteer.admin_units": 4,
    "gazetteer.boundaries": 4,
    "gazetteer.summary": 4,
    "gazetteer.build": 4,
    "gazetteer.default_recipe": 4,
    "gazetteer.fetch": 4,
    "gazetteer.aliases": 0,
    "gazetteer.corrections": 3,
    "toponym_words": 1,
    "toponyms": 4,
    "resolver": 5,
    "unresolved": 5,
    "clauses": 6,
    "breakdown": 6,
    "role_cues": 6,
    "roles": 6,
    "report": 7,
    "attribution": 7,
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
    "shards": 10,
    "focus": 8,
    "webmap.escape": 11,
    "webmap.points": 11,
    "webmap.payload": 11,
    "webmap.page": 11,
    "api": 12,
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
    assert "spelling" in _imports(PACKAGE / "gazetteer" / "lookup.py")


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


# Modules whose public names make the library API: each such name is exported from strikemap, or named
# here with the reason it is not.
API_MODULES = ("api", "errors", "models", "pipeline", "resolver", "spelling", "gazetteer.lookup",
               "gazetteer.backend")
NOT_EXPORTED = {
    "models.Span": "a found span before resolution: internal to toponyms and resolver",
    "pipeline.events_of": "extract_events on an ArticleResult already geocoded: for callers holding one",
    "resolver.rescore": "re-ranking of candidates: the resolver's own step",
    "api.ENGINES": "option values, named in --help",
    "api.AUTO_FROM": "what --jobs auto means, named in --help",
    "api.worker_count": "what --jobs means, for the commands and the API functions that take jobs",
    "api.EVENT_FILE_SUFFIXES": "option values, named in --help",
    "spelling.has_arabic": "a test on a name, used by the key functions",
    "spelling.phrase_key": "the gazetteer's multi-word key: its file format's business",
    "spelling.phrase_key_of_folded": "the gazetteer's multi-word key: its file format's business",
    "spelling.token_key": "the gazetteer's one-word key: its file format's business",
    "gazetteer.lookup.prior": "the kind-and-population prior that lookup scores with",
}


def test_each_name_said_private_exists() -> None:
    for dotted in NOT_EXPORTED:
        module, name = dotted.rsplit(".", 1)
        assert name in _public_definitions(module), f"{dotted} is gone: drop it from NOT_EXPORTED"


def _public_definitions(module: str) -> list[str]:
    """Names a module defines itself (functions, classes, constants), without a leading underscore."""
    mod = importlib.import_module(f"strikemap.{module}")
    names = getattr(mod, "__all__", None) or [
        n for n, v in vars(mod).items()
        if not n.startswith("_") and getattr(v, "__module__", None) == mod.__name__
    ]
    return sorted(names)


def test_public_api_is_flat_sorted_and_each_name_comes_from_its_home() -> None:
    assert strikemap.__all__ == sorted(strikemap.__all__)
    homes = strikemap._HOME
    assert set(strikemap.__all__) == set(homes)
    for name in strikemap.__all__:
        value = getattr(strikemap, name)
        defining = getattr(value, "__module__", None)
        if defining is not None and not isinstance(value, str):
            assert defining == f"strikemap.{homes[name]}", f"strikemap.{name} comes from {defining}"


def test_the_type_checkers_see_the_same_names() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    seen = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom) and imp.module
                seen.update({a.name: imp.module for a in imp.names})
    assert seen == strikemap._HOME


@pytest.mark.parametrize("module", API_MODULES)
def test_every_public_name_of_an_api_module_is_exported_or_said_private(module: str) -> None:
    exported = set(strikemap.__all__)
    missing = [n for n in _public_definitions(module) if n not in exported and f"{module}.{n}" not in NOT_EXPORTED]
    assert not missing, f"export from strikemap, or add to NOT_EXPORTED with a reason: {missing}"


def test_the_export_check_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(strikemap, "__all__", [n for n in strikemap.__all__ if n != "geocode_article"])
    with pytest.raises(AssertionError, match="geocode_article"):
        test_every_public_name_of_an_api_module_is_exported_or_said_private("pipeline")


def test_no_public_name_shadows_a_module() -> None:
    # `import strikemap.X` must give the module X: no function of the same name in front of it.
    modules = {m.split(".")[0] for m in MODULES}
    assert not modules & set(strikemap.__all__)


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
