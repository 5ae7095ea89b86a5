"""Interrupted runs leave no ``.part`` file: SIGINT, SIGTERM and SIGHUP clean up; after SIGKILL the next run does.

Real processes, real signals: each test waits until the run's ``.part`` file exists (the moment the
output is being written), then signals it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from strikemap.atomic import atomic_path, clean_stale_parts, part_name
from tests.conftest import ROOT

ARTICLES = sorted((ROOT / "data" / "articles").glob("*.txt"))
OLD = b'{"type": "FeatureCollection", "features": [], "old": true}\n'
SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]

# A gazetteer writer that takes a while: the .part file exists for seconds.
WRITER = textwrap.dedent("""
    import sys
    import typer
    from strikemap.atomic import install_signal_handlers
    from strikemap.cli.boundary import error_boundary
    from strikemap.gazetteer.fileformat import write_gazetteer
    from strikemap.models import Place

    install_signal_handlers()
    places = [Place(f"t:{i}", f"Kafr Zzyzx Tahtani {i}", 35.0 + (i % 1000) / 10000, 36.5, "village",
                    names=(f"Kfar Zzyzx {i}", f"Kefer Zzyzx {i}")) for i in range(300000)]

    @error_boundary
    def main():
        write_gazetteer(sys.argv[1], {"name": "slow", "sources": []}, places)

    try:
        main()
    except typer.Exit as exc:  # as the typer app turns it into the exit status
        sys.exit(exc.exit_code)
""")


def _parts(folder: Path) -> list[str]:
    return sorted(p for p in os.listdir(folder) if ".part" in p)


def _wait_for_part(proc: subprocess.Popen[bytes], folder: Path, timeout: float = 180) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if _parts(folder):
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    return False


def _writer(target: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(target)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


@pytest.mark.slow
@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_signal_while_writing_removes_the_part_file_and_keeps_the_old_one(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "slow.jsonl"
    target.write_bytes(b"OLD")
    proc = _writer(target)
    assert _wait_for_part(proc, tmp_path), "the writer reached its output"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum
    assert err.decode().splitlines() == [
        "error: interrupted; no partial output was kept" if signum == signal.SIGINT
        else f"error: terminated by {signal.Signals(signum).name}; no partial output was kept"]
    assert _parts(tmp_path) == []
    assert target.read_bytes() == b"OLD"


@pytest.mark.slow
def test_after_sigkill_the_next_write_removes_the_stale_part_file(tmp_path: Path) -> None:
    target = tmp_path / "slow.jsonl"
    proc = _writer(target)
    assert _wait_for_part(proc, tmp_path)
    proc.kill()
    proc.communicate(timeout=60)
    (left,) = _parts(tmp_path)
    assert left == part_name(target, proc.pid).name, "the pid is in the name"
    with atomic_path(target) as tmp:
        tmp.write_text("new", encoding="utf-8")
    assert _parts(tmp_path) == []
    assert target.read_text(encoding="utf-8") == "new"


def test_only_part_files_of_dead_processes_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "out.geojson"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = [part_name(target, dead_pid), target.with_name(f"{part_name(target, dead_pid).name}.gpkg")]
    alive = part_name(target, os.getppid())
    other = tmp_path / f".other.geojson.{dead_pid}.part"
    for path in (*stale, alive, other):
        path.write_bytes(b"x")
    removed = clean_stale_parts(target)
    assert sorted(removed) == sorted(stale)
    assert alive.exists() and other.exists()


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _copies(tmp_path_factory, "many", 40)


def _copies(tmp_path_factory: pytest.TempPathFactory, name: str, times: int) -> Path:
    """A folder holding ``times`` copies of every sample report."""
    folder = tmp_path_factory.mktemp(name)
    for i in range(times):
        for article in ARTICLES:
            (folder / f"{i:03d}-{article.name}").write_bytes(article.read_bytes())
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_events_gpkg_interrupted_while_writing_leaves_no_part(big_folder: Path, tmp_path: Path, signum: int) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "events.gpkg"
    out.write_bytes(OLD)
    proc = subprocess.Popen([sys.executable, "-m", "strikemap", "events", str(big_folder), "-o", str(out)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reached = _wait_for_part(proc, out_dir)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err.decode()
    assert _parts(out_dir) == []
    if proc.returncode == 0:  # the write finished before the signal arrived: the new file is whole
        assert reached and out.read_bytes()[:16] == b"SQLite format 3\x00"
    else:
        assert proc.returncode == 128 + signum
        assert out.read_bytes() == OLD


@pytest.fixture(scope="module")
def long_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Reports enough for one process to be still reading them well after 3 s (880 took 2.8 s here)."""
    return _copies(tmp_path_factory, "long", 200)


@pytest.mark.slow
def test_sigterm_during_the_work_keeps_stdout_empty(long_folder: Path) -> None:
    # One process, so that the signal comes during the reading (with --jobs auto the run may already be
    # writing its result at 3 s: a signal while standard output is being written is another case).
    proc = subprocess.Popen([sys.executable, "-m", "strikemap", "events", str(long_folder), "--jobs", "1"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(3.0)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal")
    assert proc.returncode == 128 + signal.SIGTERM
    assert out == b"", "no half result on standard output"
    assert err.decode().splitlines()[-1] == "error: terminated by SIGTERM; no partial output was kept"
