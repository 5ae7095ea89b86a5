"""A failed or hostile run destroys nothing and ends with one ``error:`` line (README, "Hardening").

Each test is one case of the hardening matrix: a typo'd input, an output that is an input, a device, a
folder or a link, a stream with no end or no writer, a file name that is not UTF-8, an unreadable folder,
a broken link, a hostile gazetteer or event file. Commands run as a user runs them: a real process,
real files, real file descriptors.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from strikemap.cli.root import app

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
REPORT = "IDLIB, Syria, May 7, 2019 (Wire) — Russian jets struck a hospital in Kafranbel on Monday, killing four.\n"
FORMATS = ["geojson", "csv", "gpkg", "json"]

runner = CliRunner()


def run(*args: str | bytes, input: bytes | None = None, env: dict[str, str] | None = None,
        stdin: int | None = None, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "strikemap", *args], input=input, stdin=stdin, capture_output=True,
                          env={**os.environ, **(env or {})}, cwd=cwd or ROOT, timeout=timeout)


def one_error(proc: subprocess.CompletedProcess[bytes] | Result) -> str:
    """The stderr of a failed run: error lines only, the last one returned, never a traceback."""
    if isinstance(proc, subprocess.CompletedProcess):
        err = proc.stderr.decode("utf-8")
    else:
        assert proc.exception is None or isinstance(proc.exception, SystemExit), repr(proc.exception)
        err = proc.stderr
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line]
    assert lines and all(line.startswith("error: ") for line in lines), err
    return lines[-1]


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.fixture
def good(tmp_path: Path, report: Path) -> dict[str, tuple[Path, bytes]]:
    """A good output in each format, as a first run would leave it."""
    out = {}
    for fmt in FORMATS:
        path = tmp_path / f"good.{fmt}"
        result = runner.invoke(app, ["events", str(report), "-o", str(path)])
        assert result.exit_code == 0, result.stderr
        out[fmt] = (path, path.read_bytes())
    return out


# --- 1. a failed run writes nothing ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_typo_leaves_the_good_output_as_it_was(good: dict[str, tuple[Path, bytes]], tmp_path: Path,
                                                 fmt: str) -> None:
    path, before = good[fmt]
    result = runner.invoke(app, ["events", str(tmp_path / "nosuch.txt"), "-o", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'nosuch.txt'}: no such file or folder"]
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_typo_with_jobs_and_binary_only_inputs_leave_the_output(good: dict[str, tuple[Path, bytes]],
                                                                 tmp_path: Path) -> None:
    path, before = good["geojson"]
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02binary\x00" * 100)
    result = runner.invoke(app, ["events", str(tmp_path / "nosuch.txt"), str(binary), "-o", str(path),
                                 "--jobs", "4"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("error: no report could be read (2 input(s) failed")
    assert path.read_bytes() == before


def test_geocode_typo_leaves_its_output(tmp_path: Path, report: Path) -> None:
    out = tmp_path / "mentions.csv"
    assert runner.invoke(app, ["geocode", str(report), "-o", str(out)]).exit_code == 0
    before = out.read_bytes()
    result = runner.invoke(app, ["geocode", str(tmp_path / "nosuch.txt"), "-o", str(out)])
    assert result.exit_code == 2 and out.read_bytes() == before


def test_nothing_reaches_standard_output_when_the_run_fails() -> None:
    proc = run("events", "nosuch.txt")
    assert proc.returncode == 2 and proc.stdout == b""
    assert one_error(proc) == "error: nosuch.txt: no such file or folder"


def test_some_inputs_failed_means_exit_1_with_the_output_written(tmp_path: Path, report: Path) -> None:
    out = tmp_path / "out.geojson"
    result = runner.invoke(app, ["events", str(report), str(tmp_path / "nosuch.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 1


def test_strict_turns_a_partial_failure_into_2_and_writes_nothing(tmp_path: Path, report: Path) -> None:
    out = tmp_path / "out.geojson"
    out.write_text("OLD", encoding="utf-8")
    result = runner.invoke(app, ["events", str(report), str(tmp_path / "nosuch.txt"), "-o", str(out), "--strict"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "error: 1 input(s) could not be read and --strict is set; nothing written"
    assert out.read_text(encoding="utf-8") == "OLD"


def test_map_of_a_missing_input_keeps_the_good_map(tmp_path: Path, good: dict[str, tuple[Path, bytes]]) -> None:
    page = tmp_path / "m.html"
    events, _ = good["geojson"]
    assert runner.invoke(app, ["map", str(events), "-o", str(page), "--tiles", "none"]).exit_code == 0
    before = page.read_bytes()
    result = runner.invoke(app, ["map", str(tmp_path / "nosuch.txt"), "-o", str(page), "--tiles", "none"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'nosuch.txt'}: no such file or folder"]
    assert page.read_bytes() == before


def test_map_of_no_events_is_an_error_unless_allowed(tmp_path: Path) -> None:
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("The weather in Idlib was mild on Tuesday; markets were busy.\n", encoding="utf-8")
    page = tmp_path / "m.html"
    result = runner.invoke(app, ["map", str(quiet), "-o", str(page), "--tiles", "none"])
    assert result.exit_code == 2 and "--allow-empty" in result.stderr.splitlines()[-1]
    assert not page.exists()
    result = runner.invoke(app, ["map", str(quiet), "-o", str(page), "--tiles", "none", "--allow-empty"])
    assert result.exit_code == 0 and page.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_map_with_a_bad_event_file_among_good_ones_maps_the_rest_and_exits_1(
    tmp_path: Path, good: dict[str, tuple[Path, bytes]]
) -> None:
    broken = tmp_path / "broken.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    page = tmp_path / "m.html"
    result = runner.invoke(app, ["map", str(good["geojson"][0]), str(broken), "-o", str(page), "--tiles", "none"])
    assert result.exit_code == 1, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {broken}:1:44: truncated JSON (Expecting value)"]
    assert page.exists()


# --- 2. outputs that must be refused or kept ------------------------------------------------------


def test_output_naming_the_input_is_refused(report: Path) -> None:
    before = report.read_bytes()
    result = runner.invoke(app, ["events", str(report), "-o", str(report)])
    assert result.exit_code == 2
    assert result.stderr == f"error: -o {report} is also an input: writing it would destroy the input; " \
                            "choose another output name\n"
    assert report.read_bytes() == before


def test_map_output_naming_the_event_file_is_refused(good: dict[str, tuple[Path, bytes]]) -> None:
    events, before = good["geojson"]
    result = runner.invoke(app, ["map", str(events), "-o", str(events), "--tiles", "none"])
    assert result.exit_code == 2 and "is also an input" in result.stderr
    assert events.read_bytes() == before


def test_output_inside_an_input_folder_that_would_be_read_is_refused(tmp_path: Path, report: Path) -> None:
    result = runner.invoke(app, ["events", str(tmp_path), "-o", str(report)])
    assert result.exit_code == 2 and "is also an input" in result.stderr


def test_a_folder_as_output_is_refused(tmp_path: Path, report: Path) -> None:
    result = runner.invoke(app, ["events", str(report), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"error: -o {tmp_path} is a folder: give a file name inside it\n"


def test_a_device_as_output_is_refused_and_left_a_device(report: Path) -> None:
    result = runner.invoke(app, ["events", str(report), "-o", os.devnull])
    assert result.exit_code == 2 and "is a device, FIFO or socket" in result.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_symlinked_output_keeps_its_link_and_its_target_gets_the_file(tmp_path: Path, report: Path) -> None:
    real = tmp_path / "real.geojson"
    real.write_text("OLD", encoding="utf-8")
    link = tmp_path / "link.geojson"
    link.symlink_to(real.name)
    result = runner.invoke(app, ["events", str(report), "-o", str(link)])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == real.name
    assert json.loads(real.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_the_old_files_permissions_are_kept(tmp_path: Path, report: Path, fmt: str) -> None:
    out = tmp_path / f"private.{fmt}"
    out.write_text("OLD", encoding="utf-8")
    out.chmod(0o600)
    assert runner.invoke(app, ["events", str(report), "-o", str(out)]).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_bytes() != b"OLD"


# --- 3. one bounded reader ------------------------------------------------------------------------


PEAK = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(p.returncode)")


def run_measured(*args: str, stdin: int) -> tuple[subprocess.CompletedProcess[bytes], int]:
    """Run strikemap under a wrapper whose only child it is: the run and its peak memory in KiB."""
    proc = subprocess.run([sys.executable, "-c", PEAK, sys.executable, "-m", "strikemap", *args], stdin=stdin,
                          capture_output=True, cwd=ROOT, timeout=120)
    *rest, peak = proc.stderr.splitlines()
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout, b"\n".join(rest)), int(peak)


def test_dev_zero_as_a_report_is_refused_at_the_cap() -> None:
    with open(os.devnull, "rb") as nothing:
        proc, peak_kib = run_measured("events", "/dev/zero", stdin=nothing.fileno())
    assert proc.returncode == 2 and peak_kib < 250_000, "it grew to 3.8 GB"
    assert one_error(proc) == "error: /dev/zero: input is over the 10 MB limit for one report; split it into one " \
                              "report per file"


def test_resolve_reading_dev_zero_stops_at_the_cap() -> None:
    with open("/dev/zero", "rb") as zero:
        proc, peak_kib = run_measured("resolve", stdin=zero.fileno())
    assert proc.returncode == 2
    assert one_error(proc) == "error: standard input is over the 10 MB limit for names: split it"
    assert peak_kib < 250_000, "memory stays bounded (it took 2.6 GB)"


def test_events_from_an_endless_stdin_stops_at_the_cap() -> None:
    with open("/dev/zero", "rb") as zero:
        proc, peak_kib = run_measured("events", "-", stdin=zero.fileno())
    assert proc.returncode == 2
    assert peak_kib < 250_000
    assert one_error(proc).startswith("error: <stdin>: input is over the 10 MB limit")


def test_a_fifo_with_no_writer_times_out(tmp_path: Path) -> None:
    fifo = tmp_path / "reports.txt"
    os.mkfifo(fifo)
    start = time.monotonic()
    proc = run("events", str(fifo), env={"STRIKEMAP_READ_TIMEOUT": "1"}, timeout=60)
    assert time.monotonic() - start < 30
    assert proc.returncode == 2
    assert one_error(proc) == f"error: {fifo}: cannot read: no data within 1 s (a FIFO with no writer?)"


def test_a_fifo_that_streams_too_much_is_refused_at_the_cap(tmp_path: Path) -> None:
    fifo = tmp_path / "big.txt"
    os.mkfifo(fifo)
    written = []

    def writer() -> None:
        try:
            with open(fifo, "wb") as fh:
                chunk = b"Shelling hit Saraqib. " * 50_000
                for _ in range(200):  # 220 MB if it were all read
                    fh.write(chunk)
                    written.append(len(chunk))
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    proc = run("events", str(fifo), env={"STRIKEMAP_READ_TIMEOUT": "20"})
    thread.join(timeout=30)
    assert proc.returncode == 2
    assert one_error(proc).startswith(f"error: {fifo}: input is over the 10 MB limit")
    assert sum(written) < 20_000_000, "the reader stopped at the cap, not at the end of the stream"


def test_a_fifo_with_a_report_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "one.txt"
    os.mkfifo(fifo)

    def writer() -> None:
        time.sleep(0.3)
        with open(fifo, "wb") as fh:
            fh.write(REPORT.encode())

    threading.Thread(target=writer, daemon=True).start()
    proc = run("events", str(fifo), "--format", "json", env={"STRIKEMAP_READ_TIMEOUT": "20"})
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["events"]) == 1


# --- 4. hostile names, folders, links -------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_replacement_characters(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(name, "wb") as fh:
        fh.write(REPORT.encode())
    proc = run("events", name, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    (event,) = json.loads(proc.stdout)["events"]
    assert event["source"] == f"{folder}/caf\ufffd.txt"
    missing = run("events", os.fsencode(folder) + b"/no\xff.txt")
    assert missing.returncode == 2
    assert one_error(missing) == f"error: {folder}/no\ufffd.txt: no such file or folder"


@pytest.mark.parametrize("command", ["geocode", "events", "map"])
def test_a_non_utf8_name_in_a_folder_never_crashes_a_command(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/\xff\xfe.txt", "wb") as fh:
        fh.write(REPORT.encode())
    extra = ["-o", str(tmp_path / "m.html"), "--tiles", "none"] if command == "map" else []
    proc = run(command, str(folder), *extra)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr.decode()


def test_a_broken_link_in_a_folder_is_reported_and_counted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "loop.md").symlink_to("loop.md")
    result = runner.invoke(app, ["events", str(folder), "--format", "json"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {folder / 'gone.txt'}: broken link (to nowhere.txt): its target is missing or loops",
                      f"error: {folder / 'loop.md'}: broken link (to loop.md): its target is missing or loops"]
    assert len(json.loads(result.stdout)["events"]) == 1


def test_a_broken_link_given_directly_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    result = runner.invoke(app, ["events", str(tmp_path / "gone.txt")])
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'gone.txt'}: broken link (to nowhere.txt): its target is missing\n"


def test_an_unreadable_subfolder_is_reported_and_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "locked" / "b.txt").write_text(REPORT, encoding="utf-8")
    real_scandir = os.scandir
    locked = str(folder / "locked")

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        # root reads any folder: make this one fail as a mode-000 folder does for everyone else
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = runner.invoke(app, ["events", str(folder), "--format", "json"])
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {locked}: cannot read folder: Permission denied"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a mode-000 folder; the scandir test covers root")
def test_an_unreadable_subfolder_for_real(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "locked").chmod(0)
    try:
        proc = run("events", str(folder), "--format", "json")
    finally:
        (folder / "locked").chmod(0o755)
    assert proc.returncode == 1
    assert f"error: {folder / 'locked'}: cannot read folder" in proc.stderr.decode()


# --- 4. hostile gazetteers ------------------------------------------------------------------------

DEEP = "[" * 100_000 + "]" * 100_000
PLACE = '{"place_id":"x:1","name":"Zzyzx","lat":35.5,"lon":36.5,"kind":"town"'
HOSTILE_LINES = {
    "list": ("[1, 2]", "invalid place record (expected a JSON object, got list)"),
    "string": ('"text"', "invalid place record (expected a JSON object, got str)"),
    "deep": (DEEP, "not a valid gazetteer line (nested too deeply)"),
    "deep-boundary": ('{"boundary": ' + DEEP + "}", "not a valid gazetteer line (nested too deeply)"),
    "short-key": (PLACE + ',"keys":[["zzyzx"]]}', "invalid place record (keys must be a list of"),
    "keys-string": (PLACE + ',"keys":"zzyzx"}', "invalid place record (keys must be a list of"),
    "names-numbers": (PLACE + ',"names":[1,2]}', "invalid place record (names must be a list of texts)"),
    "name-number": ('{"place_id":"x:1","name":5,"lat":35.5,"lon":36.5,"kind":"town"}',
                    "invalid place record (name must be text, got int)"),
    "admin-object": (PLACE + ',"admin1":{"a":1}}', "invalid place record (admin1 must be text or null, got dict)"),
    "lat-text": ('{"place_id":"x:1","name":"Z","lat":"35","lon":36.5,"kind":"town"}',
                 "invalid place record (lat must be a number"),
    "boundary-geometry": ('{"boundary":"SY07","geometry":[1]}', "invalid boundary line (boundary geometry must be"),
    "huge-number": (PLACE[:-1] + ',"population":' + "9" * 100_000 + "}", "not a valid gazetteer line"),
}


def _gazetteer_with(tmp_path: Path, line: str) -> Path:
    header = json.dumps({"format": "strikemap-gazetteer", "version": 1, "normalize_version": 2, "name": "hostile"})
    path = tmp_path / "hostile.jsonl"
    path.write_text(f"{header}\n{PLACE}}}\n{line}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", sorted(HOSTILE_LINES))
def test_a_hostile_gazetteer_line_is_one_error_naming_the_line(tmp_path: Path, case: str) -> None:
    line, message = HOSTILE_LINES[case]
    path = _gazetteer_with(tmp_path, line)
    proc = runner.invoke(app, ["resolve", "Zzyzx", "--gazetteer", str(path)])
    assert proc.exit_code == 2
    assert one_error(proc).startswith(f"error: {path}:3: {message}")


def _built(tmp_path: Path) -> Path:
    from strikemap.gazetteer.fileformat import write_gazetteer
    from strikemap.models import Place

    places = [Place(f"t:{i}", f"Zzyzx {i}", 35.0 + i / 100, 36.5, "village") for i in range(20)]
    path = tmp_path / "built.jsonl"
    write_gazetteer(path, {"name": "t", "sources": []}, places)
    return path


def test_a_gazetteer_cut_at_a_line_boundary_is_refused(tmp_path: Path) -> None:
    path = _built(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    proc = runner.invoke(app, ["resolve", "Zzyzx 1", "--gazetteer", str(path)])
    assert proc.exit_code == 2
    assert one_error(proc) == (f"error: {path}: the header says 20 lines but the file has 9: the file is truncated "
                               "or was edited; rebuild it with 'strikemap gazetteer build' or copy it again")


def test_a_gazetteer_with_a_changed_line_fails_its_checksum(tmp_path: Path) -> None:
    path = _built(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("Zzyzx 7", "Zzyzx 8"), encoding="utf-8")
    proc = runner.invoke(app, ["resolve", "Zzyzx 1", "--gazetteer", str(path)])
    assert proc.exit_code == 2 and "checksum mismatch" in one_error(proc)


def test_a_complete_gazetteer_still_loads(tmp_path: Path) -> None:
    proc = runner.invoke(app, ["resolve", "Zzyzx 7", "--gazetteer", str(_built(tmp_path)), "--json"])
    assert proc.exit_code == 0, proc.stderr
    assert json.loads(proc.stdout)["matches"][0]["place_id"] == "t:7"


# --- 4. hostile event files -----------------------------------------------------------------------


def _event_row(tmp_path: Path) -> tuple[list[str], list[str]]:
    import csv

    out = tmp_path / "one.csv"
    result = runner.invoke(app, ["events", "-", "-o", str(out)], input=REPORT)
    assert result.exit_code == 0, result.stderr
    with out.open(newline="", encoding="utf-8-sig") as fh:
        header, row = list(csv.reader(fh))
    return header, row


def test_deeply_nested_geojson_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.geojson"
    path.write_text('{"type": "FeatureCollection", "features": ' + DEEP + "}", encoding="utf-8")
    proc = run("map", str(path), "-o", str(tmp_path / "m.html"), "--tiles", "none")
    assert proc.returncode == 2
    assert one_error(proc) == f"error: {path}: JSON nested too deeply to be an event file"


def test_a_100000_digit_count_in_geojson_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "huge.geojson"
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.5, 35.5]},
               "properties": {"event_id": "e1", "event_type": "shelling", "location": "X", "fatalities": 7}}
    text = json.dumps({"type": "FeatureCollection", "features": [feature]}).replace('"fatalities": 7',
                                                                                   '"fatalities": ' + "9" * 100_000)
    path.write_text(text, encoding="utf-8")
    proc = run("map", str(path), "-o", str(tmp_path / "m.html"), "--tiles", "none")
    assert proc.returncode == 2
    assert one_error(proc) == f"error: {path}: invalid JSON (a number too long to read: over 4300 digits)"


def test_a_100000_digit_count_in_csv_is_one_short_error(tmp_path: Path) -> None:
    import csv

    header, row = _event_row(tmp_path)
    row[header.index("fatalities")] = "9" * 100_000
    path = tmp_path / "huge.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, row])
    proc = run("map", str(path), "-o", str(tmp_path / "m.html"), "--tiles", "none")
    assert proc.returncode == 2
    line = one_error(proc)
    assert line.startswith(f"error: {path}:2: fatalities '9999") and len(line) < 300


# --- 7. linear-time deduplication -----------------------------------------------------------------


def test_many_identical_rows_are_made_unique_quickly(tmp_path: Path) -> None:
    import csv

    header, row = _event_row(tmp_path)
    path = tmp_path / "same.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header] + [row] * 5000)
    from strikemap.eventfile import read_event_file

    result = read_event_file(path)  # quadratic before: ~15 s for these 5,000 rows; linear: well under 1 s
    ids = [e.event_id for e in result.events]
    assert len(set(ids)) == 5000 and ids[1] == f"{ids[0]}-2" and ids[-1] == f"{ids[0]}-5000"


def _slow_unique_ids(ids: list[str]) -> list[str]:
    """The first algorithm, quadratic on repeats: the smallest free ``-n`` for each duplicate."""
    seen, used, out = set(ids), set(), []
    for event_id in ids:
        if event_id not in used:
            used.add(event_id)
            out.append(event_id)
            continue
        n = 2
        while f"{event_id}-{n}" in seen or f"{event_id}-{n}" in used:
            n += 1
        used.add(f"{event_id}-{n}")
        out.append(f"{event_id}-{n}")
    return out


@given(st.lists(st.sampled_from(["e", "e-2", "e-3", "f", "f-2", "e-2-2", "g-4"]), max_size=40))
@settings(max_examples=200, deadline=None)
def test_linear_unique_ids_agree_with_the_slow_scan(ids: list[str]) -> None:
    from strikemap.eventfile.rows import RowReader
    from strikemap.models import StrikeEvent

    events = [StrikeEvent(i, "shelling", 35.81, 36.32, "Jisr ash-Shughur", None, 1) for i in ids]
    result = RowReader(path="x.csv", fix_swapped=True).finish(events, "csv")
    assert [e.event_id for e in result.events] == _slow_unique_ids(ids)
