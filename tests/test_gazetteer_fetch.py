"""Fetching the gazetteer sources from a real HTTP server on 127.0.0.1, laid out like the publishers."""

from __future__ import annotations

import functools
import socket
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from strikemap.cli.root import app
from strikemap.errors import NetworkError
from strikemap.gazetteer.build import build_gazetteer
from strikemap.gazetteer.fetch import DOWNLOADS, fetch_sources, mirror_url
from strikemap.gazetteer.fileformat import read_gazetteer
from tests.gazetteer_sources import GEONAMES_SAMPLE


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "mirror"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def _lay_out(root: Path, shared_data: Path) -> None:
    """The mirror: every publisher URL as <host>/<path>, served from ../shared/data (symlinks, no copies)."""
    local = {
        "whosonfirst/whosonfirst-data-admin-sy.tar.gz": shared_data / "whosonfirst/whosonfirst-data-admin-sy.tar.gz",
        "ocha-cod-ab/en_hno_2019.json": shared_data / "ocha-cod-ab/en_hno_2019.json",
        "ocha-cod-ab/ar_hno_2019.json": shared_data / "ocha-cod-ab/ar_hno_2019.json",
    }
    for name in ("governorates.json", "districts.json", "subdistricts.json", "LICENSE.md"):
        local[f"opensyria-geography/{name}"] = shared_data / "opensyria-geography" / name
    for url, relative, member in DOWNLOADS:
        parts = urlsplit(url)
        target = root / parts.netloc / parts.path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        if member is None:
            target.symlink_to(local[relative])
        else:
            with zipfile.ZipFile(target, "w") as zf:
                zf.write(GEONAMES_SAMPLE, member)


def test_mirror_url() -> None:
    url = "https://download.geonames.org/export/dump/SY.zip"
    assert mirror_url(url, None) == url
    assert mirror_url(url, "http://127.0.0.1:8000/m/") == "http://127.0.0.1:8000/m/download.geonames.org/export/dump/SY.zip"


@pytest.mark.shared
def test_fetch_from_a_local_mirror_then_build(
    server: tuple[str, Path], shared_data: Path, tmp_path: Path
) -> None:
    base, root = server
    _lay_out(root, shared_data)
    seen: list[str] = []
    report = fetch_sources(tmp_path / "sources", base_url=base, progress=lambda name, size: seen.append(name))
    assert seen == [relative for _, relative, _ in DOWNLOADS]
    wof = tmp_path / "sources" / "whosonfirst" / "whosonfirst-data-admin-sy.tar.gz"
    assert wof.read_bytes() == (shared_data / "whosonfirst/whosonfirst-data-admin-sy.tar.gz").read_bytes()
    assert (tmp_path / "sources" / "geonames" / "SY.txt").read_bytes() == GEONAMES_SAMPLE.read_bytes()
    assert "--opensyria" in report.build_command()
    assert not list((tmp_path / "sources").rglob("*.part")), "no partial files"
    out = tmp_path / "g.jsonl"
    build_gazetteer(
        geonames=tmp_path / "sources" / "geonames" / "SY.txt",
        ocha=[tmp_path / "sources" / "ocha-cod-ab" / "en_hno_2019.json"],
        opensyria=tmp_path / "sources" / "opensyria-geography",
        curated=False,
        output=out,
    )
    assert read_gazetteer(out).header["name"] == "full"


def test_fetch_cli_with_env_base_url(server: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base, root = server
    for url, _, member in DOWNLOADS:
        parts = urlsplit(url)
        target = root / parts.netloc / parts.path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        if member is None:
            target.write_text("{}", encoding="utf-8")
        else:
            with zipfile.ZipFile(target, "w") as zf:
                zf.write(GEONAMES_SAMPLE, member)
    monkeypatch.setenv("STRIKEMAP_FETCH_BASE", base)
    result = CliRunner().invoke(app, ["gazetteer", "fetch", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "downloaded 8 files" in result.stdout
    assert "strikemap gazetteer build --whosonfirst" in result.stdout


def test_fetch_missing_file_is_a_network_error(server: tuple[str, Path], tmp_path: Path) -> None:
    base, _ = server
    with pytest.raises(NetworkError, match="HTTP 404"):
        fetch_sources(tmp_path / "out", base_url=base)
    assert not list((tmp_path / "out").rglob("*.*")), "nothing partial is left"


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_fetch_offline_says_so(tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{_closed_port()}"
    with pytest.raises(NetworkError, match=r"cannot reach 127\.0\.0\.1:.*you seem to be offline"):
        fetch_sources(tmp_path / "out", base_url=base, timeout=5)
    result = CliRunner().invoke(app, ["gazetteer", "fetch", "-o", str(tmp_path / "out"), "--base-url", base])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach 127.0.0.1")
    assert "strikemap gazetteer build" in lines[0]
