"""The README is a test: its set-up works as written, and every example prints what it shows.

- The set-up commands (``sh`` blocks): a clean clone, a fresh virtualenv, the first command, its outputs.
  The second one (the tests) is what CI runs; a test checks that .ci/run runs it word for word.
- Every ``console`` block and the ``python`` snippet run in document order (Sybil parses the README) in
  a fresh copy of the repository (the files git knows), and each command must print what is shown:
  standard output and standard error together, ``...`` standing for any text. A command whose line
  ends in ``# not run: online`` is the one kind left out; the test checks that it does need the network.
  ``sources/`` holds the reference copies of the gazetteer sources from ../shared (they are not ours to
  ship), so the build example runs too.
- Every example in ``strikemap ... --help`` runs in a fresh copy, and help text wraps at spaces only.
- The committed ``maps/sample.html`` carries the same event data as a fresh build by its documented command.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import IN_CI, ROOT, SHARED_DATA

README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent
NOT_RUN = re.compile(r"#\s*not run:\s*(?P<why>.+)$")
# What a `# not run:` example must do to earn the marker.
NEEDS_NETWORK = re.compile(r"--online|gazetteer fetch|--scheduler|--base-url")
SAMPLE_MAP_COMMAND = 'strikemap map data/articles -o maps/sample.html --title "strikemap: sample reports" --tiles none'


# --- set-up ----------------------------------------------------------------------------------------


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


# --- a fresh copy and a shell that keeps its variables ---------------------------------------------


def _fresh_copy(dest: Path) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout: the copy holds the files git knows")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    # The gazetteer sources as `gazetteer fetch` lays them out: the reference copies, and GeoNames' sample.
    sources = dest / "sources"
    sources.mkdir()
    if SHARED_DATA.is_dir():
        for name in ("whosonfirst", "ocha-cod-ab", "opensyria-geography"):
            (sources / name).symlink_to(SHARED_DATA / name, target_is_directory=True)
    (sources / "geonames").mkdir()
    shutil.copy2(ROOT / "tests" / "fixtures" / "geonames_SY_sample.txt", sources / "geonames" / "SY.txt")
    return dest


def _needs_shared(command: str) -> bool:
    return not SHARED_DATA.is_dir() and bool(re.search(r"sources/(whosonfirst|ocha|opensyria)|full\.jsonl", command))


class Shell:
    """Runs commands one at a time in ``cwd``, keeping exported variables from one to the next."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.state = cwd.parent / f"{cwd.name}.env"
        env = {k: v for k, v in os.environ.items() if k not in ("STRIKEMAP_GAZETTEER", "COLUMNS", "CI")}
        env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
        self.env = env
        self.state.write_text("", encoding="utf-8")

    def run(self, command: str) -> tuple[int, str]:
        state = shlex.quote(str(self.state))
        script = f"source {state}\n{command}\nrc=$?\nexport -p > {state}\nexit $rc\n"
        proc = subprocess.run(["bash", "-c", script], cwd=self.cwd, env=self.env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=600, stdin=subprocess.DEVNULL)
        return proc.returncode, proc.stdout


def shows(expected: str, actual: str) -> bool:
    """True when ``actual`` is ``expected`` with each ``...`` standing for any text (lines end-trimmed)."""

    def norm(text: str) -> str:
        return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())

    pattern = ".*?".join(re.escape(part) for part in norm(expected).split("..."))
    return re.fullmatch(pattern, norm(actual), flags=re.S) is not None


@dataclass
class Command:
    line: int  # in the README
    text: str
    expected: str


def console_commands(block: str, first_line: int) -> Iterator[Command]:
    """The ``$`` commands of a console block with the output shown under each (``\\`` continues a line)."""
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            raise AssertionError(f"README.md:{first_line + i}: console output before any '$' command")
        start = i
        text = lines[i][2:]
        while text.endswith("\\") and i + 1 < len(lines):
            i += 1
            text = text[:-1] + " " + lines[i].strip()
        i += 1
        shown = []
        while i < len(lines) and not lines[i].startswith("$ "):
            shown.append(lines[i])
            i += 1
        yield Command(first_line + start, text, "\n".join(shown))


# --- README examples, with Sybil -----------------------------------------------------------------------


@dataclass
class Session:
    shell: Shell
    ran: int = 0
    left_out: int = 0
    needs_shared: int = 0

    def console(self, example: object) -> str | None:
        block: str = example.parsed  # type: ignore[attr-defined]
        line: int = example.line + 1  # type: ignore[attr-defined]
        problems = []
        skipping = False
        for command in console_commands(block, line):
            marker = NOT_RUN.search(command.text)
            if marker:
                if not NEEDS_NETWORK.search(command.text):
                    problems.append(f"README.md:{command.line}: '# not run' on a command that needs no network")
                self.left_out += 1
                continue
            if skipping or _needs_shared(command.text):
                skipping = True  # and the rest of the block, which builds on it
                self.needs_shared += 1
                continue
            code, output = self.shell.run(command.text)
            self.ran += 1
            if code != 0:
                problems.append(f"README.md:{command.line}: $ {command.text}\nexit status {code}:\n{output[-2000:]}")
            elif not shows(command.expected, output):
                problems.append(f"README.md:{command.line}: $ {command.text}\nshows:\n{command.expected}\n"
                                f"prints:\n{output[-3000:]}")
        return "\n\n".join(problems) or None


@pytest.mark.slow
def test_readme_examples_run_in_a_fresh_copy_and_print_what_they_show(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from sybil import Sybil
    from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser

    copy = _fresh_copy(tmp_path / "repo")
    session = Session(Shell(copy))
    sybil = Sybil(parsers=[CodeBlockParser(language="console", evaluator=session.console),
                           PythonCodeBlockParser()])
    document = sybil.parse(ROOT / "README.md")
    monkeypatch.chdir(copy)  # the Python snippet reads data/ as the console examples do
    monkeypatch.delenv("STRIKEMAP_GAZETTEER", raising=False)
    failures = []
    examples = 0
    for example in document:
        examples += 1
        try:
            example.evaluate()
        except Exception as exc:  # Sybil's failure, or a Python example's own error
            failures.append(str(exc))
    assert not failures, "\n\n".join(failures)
    assert examples >= 8 and session.ran >= 15, (examples, session.ran)
    assert session.left_out == 1  # `gazetteer fetch`
    if session.needs_shared:
        if IN_CI:
            pytest.fail(f"{SHARED_DATA} is missing: CI must run the README's gazetteer build")
        pytest.skip(f"{session.needs_shared} README commands read {SHARED_DATA}, which is absent; the rest passed")


def test_readme_names_no_missing_file() -> None:
    publishers = {"LICENSE.md"}  # the licence files of the sources, named as the publishers name them
    for name in set(re.findall(r"\b([\w./-]+\.md)\b", README)) - publishers:
        assert (ROOT / name).exists() or (ROOT / "docs" / name).exists(), f"README names {name}, not in the repository"


def test_error_messages_point_to_readme_sections_that_exist() -> None:
    headings = {h.strip() for h in re.findall(r"^#+ (.+)$", README, flags=re.M)}
    pointers = []
    for path in (ROOT / "strikemap").rglob("*.py"):
        pointers += re.findall(r"README(?:\.md)?, section '([^']+)'", path.read_text(encoding="utf-8"))
    assert pointers, "the offline hint of 'gazetteer fetch' names a README section"
    for section in pointers:
        assert section in headings, f"a message points to README section {section!r}, which does not exist"


# --- help text ---------------------------------------------------------------------------------------


def _commands() -> list[tuple[list[str], object]]:
    import typer.main

    from strikemap.cli.root import app

    root = typer.main.get_command(app)
    found: list[tuple[list[str], object]] = [([], root)]
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        found.append(([name], command))
        for sub, subcommand in getattr(command, "commands", {}).items():
            found.append(([name, sub], subcommand))
    return found


def _help(args: list[str], columns: int = 80) -> str:
    env = {k: v for k, v in os.environ.items() if k != "STRIKEMAP_GAZETTEER"}
    env["COLUMNS"] = str(columns)
    proc = subprocess.run([str(BIN / "strikemap"), *args, "--help"], capture_output=True, text=True, env=env,
                          check=True)
    return proc.stdout


def help_examples(text: str) -> list[str]:
    """The example command lines of a help text, continuation lines joined."""
    if "Examples:" not in text:
        return []
    body = text.split("Examples:", 1)[1]
    body = re.split(r"\n(?:Arguments|Options|Commands):", body, maxsplit=1)[0]
    commands: list[str] = []
    pending = ""
    for line in body.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        pending = f"{pending} {stripped}".strip()
        if pending.endswith("\\"):
            pending = pending[:-1].rstrip()
            continue
        commands.append(pending)
        pending = ""
    return commands


@pytest.mark.parametrize("columns", [50, 80, 120])
def test_help_wraps_at_spaces_never_inside_a_path(columns: int) -> None:
    for args, command in _commands():
        texts = [getattr(command, "help", None) or ""]
        texts += [getattr(p, "help", None) or "" for p in getattr(command, "params", [])]
        shown = set(_help(args, columns).split())
        for text in texts:
            for word in text.replace("\b", " ").split():
                assert word in shown, f"strikemap {' '.join(args)} --help at {columns} columns breaks {word!r}"


def test_version() -> None:
    from strikemap import __version__

    proc = subprocess.run([str(BIN / "strikemap"), "--version"], capture_output=True, text=True, check=True)
    assert proc.stdout == f"strikemap {__version__}\n"


@pytest.mark.slow
def test_every_help_example_runs_in_a_fresh_copy(tmp_path: Path) -> None:
    shell = Shell(_fresh_copy(tmp_path / "repo"))
    problems = []
    ran = skipped = 0
    for args, _ in _commands():
        for example in help_examples(_help(args)):
            where = f"strikemap {' '.join(args)} --help: {example}"
            if NOT_RUN.search(example):
                assert NEEDS_NETWORK.search(example), f"{where}: '# not run' on a command that needs no network"
                continue
            if _needs_shared(example):
                skipped += 1
                continue
            code, output = shell.run(example)
            ran += 1
            if code != 0:
                problems.append(f"{where}\nexit status {code}: {output[-1500:]}")
    assert not problems, "\n\n".join(problems)
    assert ran >= 18, ran
    if skipped:
        if IN_CI:
            pytest.fail(f"{SHARED_DATA} is missing: CI must run the help's gazetteer build examples")
        pytest.skip(f"{skipped} help examples read {SHARED_DATA}, which is absent; the rest passed")


# --- the committed sample map ------------------------------------------------------------------------


def map_data(page: str) -> list[object]:
    """The page's data table: events, their popups' text, boundaries, places (strikemap.webmap.payload).

    It is the one JSON element the page carries; the inlined Leaflet and plugin code (whose version may
    move) and folium's random element ids are left out.
    """
    tables = re.findall(r'<script type="application/json" id="[^"]+_data">(.*?)</script>', page, flags=re.S)
    assert len(tables) == 1, "expected one data table in the page"
    return [json.loads(tables[0])]


@pytest.mark.slow
def test_committed_sample_map_is_what_its_documented_command_builds(tmp_path: Path) -> None:
    assert SAMPLE_MAP_COMMAND in README, "the README documents the command that rebuilds maps/sample.html"
    shell = Shell(_fresh_copy(tmp_path / "repo"))
    code, output = shell.run(SAMPLE_MAP_COMMAND)
    assert code == 0, output
    fresh = map_data((shell.cwd / "maps" / "sample.html").read_text(encoding="utf-8"))
    committed = map_data((ROOT / "maps" / "sample.html").read_text(encoding="utf-8"))
    assert "Kafr Nabl" in json.dumps(fresh, ensure_ascii=False), "the events were not found in the page's data"
    assert committed == fresh, f"maps/sample.html is stale: rebuild it with `{SAMPLE_MAP_COMMAND}`"


def test_readme_screenshots_show_the_current_sample_map() -> None:
    import runpy

    shots = runpy.run_path(str(ROOT / "docs" / "screenshots.py"))
    recorded = json.loads((ROOT / "docs" / "screenshots.json").read_text(encoding="utf-8"))["sha256"]
    assert recorded == shots["digest"](), "the README's screenshots are stale: run python docs/screenshots.py"
    for name in ("map.png", "map-popup.png", "map-phone.png"):
        assert f"docs/{name}" in README, f"the README does not show docs/{name}"
