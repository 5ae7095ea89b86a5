"""Offline by default: the commands run with every network socket blocked, and try none.

Each command runs in a subprocess whose ``sitecustomize`` replaces the socket entry points (``connect``,
``connect_ex``, ``sendto``, ``getaddrinfo``, ``gethostbyname``, ``create_connection``) with functions that
record the attempt in a file and raise ``RuntimeError("network used")``. Unix-domain sockets (multiprocessing,
dask's local pipes) stay allowed. ``--online`` must trip the blocker, which shows that it works.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main

from strikemap.cli.root import app

ROOT = Path(__file__).resolve().parent.parent

BLOCKER = textwrap.dedent(
    '''
    """Test-only network blocker (tests/test_no_network.py)."""
    import os
    import socket

    _LOG = os.environ["STRIKEMAP_NETLOG"]
    _UNIX = getattr(socket, "AF_UNIX", None)


    def _refuse(what, detail):
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{what} {detail!r}\\n")
        raise RuntimeError("network used")


    def _guard(name):
        original = getattr(socket.socket, name)

        def guarded(self, address, *rest):
            if _UNIX is not None and self.family == _UNIX:
                return original(self, address, *rest)
            return _refuse(name, address if name != "sendto" else rest[-1] if rest else address)

        setattr(socket.socket, name, guarded)


    for _name in ("connect", "connect_ex", "sendto"):
        _guard(_name)
    socket.getaddrinfo = lambda host, *a, **k: _refuse("getaddrinfo", host)
    socket.gethostbyname = lambda host: _refuse("gethostbyname", host)
    socket.gethostbyname_ex = lambda host: _refuse("gethostbyname_ex", host)
    socket.create_connection = lambda address, *a, **k: _refuse("create_connection", address)
    with open(_LOG, "a", encoding="utf-8") as _fh:
        _fh.write("")  # the log exists once the blocker is loaded
    '''
)

ARTICLE = (
    "IDLIB, Syria (May 7, 2019) - Syrian and Russian warplanes struck the town of Kafr Nubl in southern Idlib "
    "on Tuesday, killing five civilians and wounding twelve, the White Helmets said. Regime artillery also "
    "shelled Jisr al-Shughur and the countryside of northern Hama.\n"
)


class Blocked:
    """Runs the CLI with the blocker loaded; ``attempts()`` reads what it recorded."""

    def __init__(self, tmp_path: Path) -> None:
        self.dir = tmp_path
        blocker_dir = tmp_path / "blocker"
        blocker_dir.mkdir()
        (blocker_dir / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
        self.log = tmp_path / "network-attempts.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("STRIKEMAP_")}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(blocker_dir), env.get("PYTHONPATH")]))
        env["STRIKEMAP_NETLOG"] = str(self.log)
        env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
        env["PYTHONIOENCODING"] = "utf-8"
        self.env = env

    def run(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "strikemap", *args],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=self.dir,
            env={**self.env, **(env or {})},
        )

    def attempts(self) -> list[str]:
        assert self.log.exists(), "the blocker did not load: sitecustomize was not imported"
        return self.log.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def blocked(tmp_path: Path) -> Blocked:
    return Blocked(tmp_path)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "articles" / "kafr-nubl.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _commands() -> set[str]:
    root = typer.main.get_command(app)
    names: set[str] = set()
    for name, cmd in getattr(root, "commands", {}).items():
        names.add(name)
        names.update(f"{name} {sub}" for sub in getattr(cmd, "commands", {}))
    return names


def _need(command: str) -> None:
    # Every command the table names must exist: a missing one is a failure, never a skip.
    assert command in _commands(), f"'strikemap {command}' is missing"


def test_the_blocker_blocks(blocked: Blocked) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"],
        capture_output=True,
        text=True,
        timeout=60,
        env=blocked.env,
    )
    assert proc.returncode != 0
    assert "network used" in proc.stderr
    assert blocked.attempts() == ["create_connection ('127.0.0.1', 9)"]


def test_resolve_uses_no_network(blocked: Blocked) -> None:
    proc = blocked.run("resolve", "Jisr Al-Shqour", "--json")
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout)
    assert row["query"] == "Jisr Al-Shqour" and row["matches"]
    assert blocked.attempts() == []


def test_resolve_of_an_unknown_name_uses_no_network(blocked: Blocked) -> None:
    proc = blocked.run("resolve", "Qaryat Zzyzx")
    assert proc.returncode == 0, proc.stderr
    assert "(no match)" in proc.stdout
    assert blocked.attempts() == []


CommandArgs = Callable[[Path, Path], list[str]]
COMMANDS: list[tuple[str, CommandArgs]] = [
    ("geocode", lambda art, out: ["geocode", str(art), "--format", "json"]),
    ("geocode", lambda art, out: ["geocode", str(art), "--format", "geojson", "-o", str(out / "mentions.geojson")]),
    ("events", lambda art, out: ["events", str(art), "--format", "geojson", "-o", str(out / "events.geojson")]),
    ("events", lambda art, out: ["events", str(art), "--format", "csv", "--date", "2019-05-07"]),
    ("map", lambda art, out: ["map", str(art), "-o", str(out / "maps" / "offline.html")]),
    ("gazetteer info", lambda art, out: ["gazetteer", "info", "--json"]),
]


EVENTS = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [36.5645, 35.6138]},
            "properties": {
                "event_id": "kafr-nubl-1", "event_date": "2019-05-07", "event_type": "air_strike",
                "actor1": "Syrian and Russian air forces", "actor2": None, "location": "Kafr Nabl",
                "place_id": "gn:168661", "admin1": "Idlib", "admin2": None, "admin3": None, "geo_precision": 1,
                "fatalities": 5, "injured": 12, "targets": ["residential"], "source": "kafr-nubl.txt",
                "evidence": "Warplanes struck the town of Kafr Nubl <b>killing five</b>.", "confidence": 0.8,
            },
        }
    ],
}


def _ids(commands: list[tuple[str, CommandArgs]]) -> list[str]:
    return [" ".join(a for a in argv(Path("in"), Path("out"))[:3] if a != "in") for _, argv in commands]


@pytest.mark.parametrize(("command", "argv"), COMMANDS, ids=_ids(COMMANDS))
def test_commands_use_no_network(
    blocked: Blocked, article: Path, tmp_path: Path, command: str, argv: CommandArgs
) -> None:
    _need(command)
    out = tmp_path / "out"
    (out / "maps").mkdir(parents=True)
    proc = blocked.run(*argv(article, out))
    assert proc.returncode == 0, proc.stderr
    assert blocked.attempts() == []


def test_map_of_an_event_file_uses_no_network(blocked: Blocked, tmp_path: Path) -> None:
    _need("map")
    events = tmp_path / "events.geojson"
    events.write_text(json.dumps(EVENTS), encoding="utf-8")
    (tmp_path / "maps").mkdir()
    page = tmp_path / "maps" / "offline.html"
    proc = blocked.run("map", str(events), "-o", str(page), "--title", "Offline")
    assert proc.returncode == 0, proc.stderr
    assert page.is_file() and page.stat().st_size > 0
    assert blocked.attempts() == []


def test_online_is_the_only_way_out(blocked: Blocked) -> None:
    # Pointed at 127.0.0.1 all the same: were the blocker broken, nothing would leave the machine.
    service = {"STRIKEMAP_NOMINATIM_URL": "http://127.0.0.1:9"}
    known = blocked.run("resolve", "Jisr Al-Shqour", "--online", env=service)
    assert known.returncode == 0, known.stderr
    assert blocked.attempts() == [], "a name the gazetteer knows is not sent"
    unknown = blocked.run("resolve", "Qaryat Zzyzx", "--online", env=service)
    assert unknown.returncode == 1
    assert "Traceback" not in unknown.stderr
    assert unknown.stderr.startswith("error: cannot reach the geocoding service at http://127.0.0.1:9/search: ")
    assert "network used" in unknown.stderr
    attempts = blocked.attempts()
    assert len(attempts) == 1 and "127.0.0.1" in attempts[0], attempts
