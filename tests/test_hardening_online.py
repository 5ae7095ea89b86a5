"""The online geocoder against a hostile HTTP server on 127.0.0.1: bounded in time, size and reach.

Every server here misbehaves on purpose: it drips its answer a byte at a time, sends far more than any
Nominatim answer, redirects to another host, or fails so that the geocoder retries. Nothing leaves the
machine.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from strikemap.errors import NetworkError
from strikemap.online.cache import CACHE_FILE, CACHE_FORMAT, CACHE_VERSION
from strikemap.online.http import MAX_ANSWER_BYTES
from strikemap.online.nominatim import OnlineGeocoder

ROOT = Path(__file__).resolve().parent.parent

HIT = {
    "osm_type": "node", "osm_id": 4242, "lat": "35.61", "lon": "36.56", "class": "place", "type": "town",
    "addresstype": "town", "name": "Qaryat Zzyzx", "display_name": "Qaryat Zzyzx, Idlib, Syria", "importance": 0.4,
    "address": {"town": "Qaryat Zzyzx", "state": "Idlib Governorate", "country_code": "sy"},
    "namedetails": {"name": "Qaryat Zzyzx"},
}
HIT_BODY = json.dumps([HIT]).encode()

Behaviour = Callable[[BaseHTTPRequestHandler], None]


class Server:
    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.times: list[float] = []
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.times.append(time.monotonic())
                server.paths.append(self.path)
                with contextlib.suppress(OSError):  # the client gave up, as it should
                    server.behaviour(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.domain = f"127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json; charset=utf-8")
    handler.send_header("Content-Length", str(len(body)))
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture(autouse=True)
def _no_outside_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("STRIKEMAP_NOMINATIM_URL", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def serve() -> Iterator[Callable[[Behaviour], Server]]:
    started: list[Server] = []

    def start(behaviour: Behaviour) -> Server:
        server = Server(behaviour).__enter__()
        started.append(server)
        return server

    yield start
    for server in started:
        server.__exit__()


def _geocoder(server: Server, tmp_path: Path, **options: Any) -> OnlineGeocoder:
    settings: dict[str, Any] = {"domain": server.domain, "scheme": "http", "cache_dir": tmp_path / "cache",
                                "timeout": 1.5, "min_delay_seconds": 0.0, "max_retries": 0,
                                "error_wait_seconds": 0.0}
    settings.update(options)
    return OnlineGeocoder(**settings)


def test_a_server_that_drips_its_answer_is_cut_off_at_the_deadline(serve: Any, tmp_path: Path) -> None:
    def drip(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(HIT_BODY)))
        handler.end_headers()
        for byte in HIT_BODY:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.2)  # each read gets a byte well within any per-read timeout

    server = serve(drip)
    with _geocoder(server, tmp_path, timeout=1.0) as geocoder:
        start = time.monotonic()
        with pytest.raises(NetworkError, match="no complete answer within 1 s"):
            geocoder.geocode("Qaryat Zzyzx")
        assert time.monotonic() - start < 3.0
    assert not (tmp_path / "cache" / CACHE_FILE).exists(), "a failed answer is not cached"


def test_headers_dripped_one_byte_at_a_time_are_cut_off_too(serve: Any, tmp_path: Path) -> None:
    def drip_headers(handler: BaseHTTPRequestHandler) -> None:
        for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: " + b"a" * 200:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.1)

    server = serve(drip_headers)
    with _geocoder(server, tmp_path, timeout=1.0) as geocoder:
        start = time.monotonic()
        with pytest.raises(NetworkError):
            geocoder.geocode("Qaryat Zzyzx")
        assert time.monotonic() - start < 3.0


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "no-length"])
def test_an_answer_over_the_cap_is_refused_and_not_cached(serve: Any, tmp_path: Path, declared: bool) -> None:
    size = MAX_ANSWER_BYTES * 3 if declared else MAX_ANSWER_BYTES + 200_000

    def huge(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        if declared:
            handler.send_header("Content-Length", str(size))
        handler.send_header("Connection", "close")
        handler.end_headers()
        chunk = b" " * 65536
        sent = 0
        while sent < size:
            handler.wfile.write(chunk)
            sent += len(chunk)

    server = serve(huge)
    with _geocoder(server, tmp_path, timeout=10) as geocoder, pytest.raises(NetworkError, match="limit; refused"):
        geocoder.geocode("Qaryat Zzyzx")
    assert not (tmp_path / "cache" / CACHE_FILE).exists()


def test_a_redirect_to_another_host_is_not_followed(serve: Any, tmp_path: Path) -> None:
    elsewhere = serve(lambda h: _send(h, 200, HIT_BODY))

    def redirect(handler: BaseHTTPRequestHandler) -> None:
        # "localhost" is another host name than 127.0.0.1, so the query must not go there.
        _send(handler, 302, b"", {"Location": f"http://localhost:{elsewhere.port}/search?q=x"})

    server = serve(redirect)
    with _geocoder(server, tmp_path) as geocoder, pytest.raises(NetworkError, match="another host"):
        geocoder.geocode("Qaryat Zzyzx")
    assert elsewhere.times == []


def test_a_redirect_on_the_same_host_is_followed(serve: Any, tmp_path: Path) -> None:
    def same_host(handler: BaseHTTPRequestHandler) -> None:
        if handler.path.startswith("/search"):
            _send(handler, 301, b"", {"Location": "/v2" + handler.path})
        else:
            _send(handler, 200, HIT_BODY)

    server = serve(same_host)
    with _geocoder(server, tmp_path) as geocoder:
        assert [m.place.place_id for m in geocoder.geocode("Qaryat Zzyzx")] == ["osm:node/4242"]
    assert [p.split("?")[0] for p in server.paths] == ["/search", "/v2/search"]


def test_each_retry_is_one_line_and_no_traceback(serve: Any, tmp_path: Path,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    server = serve(lambda h: _send(h, 503, b"busy"))
    caplog.set_level(logging.WARNING)
    with _geocoder(server, tmp_path, max_retries=2) as geocoder, pytest.raises(NetworkError, match="HTTP 503"):
        geocoder.geocode("Qaryat Zzyzx")
    assert len(server.times) == 3
    ours = [r for r in caplog.records if r.name == "strikemap.online.nominatim"]
    assert [r.getMessage().split(": ", 2)[-1] for r in ours] == [
        "HTTP 503 on try 1 of 3; trying again", "HTTP 503 on try 2 of 3; trying again"]
    assert all(r.exc_info is None for r in caplog.records), "no traceback is logged"
    assert not [r for r in caplog.records if r.name == "geopy"]


def test_the_cli_prints_one_line_per_retry(serve: Any, tmp_path: Path) -> None:
    server = serve(lambda h: _send(h, 503, b"busy"))
    script = textwrap.dedent(f"""
        from strikemap.online.nominatim import OnlineGeocoder
        from strikemap.errors import NetworkError
        g = OnlineGeocoder(domain={server.domain!r}, scheme="http", cache_dir={str(tmp_path / 'c')!r},
                           timeout=2, min_delay_seconds=0, max_retries=2, error_wait_seconds=0)
        try:
            g.geocode("Qaryat Zzyzx")
        except NetworkError as exc:
            print("error:", exc)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    lines = proc.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("warning: geocoding service at ") for line in lines), lines
    assert "Traceback" not in proc.stderr
    assert proc.stdout.startswith("error: cannot reach the geocoding service")


def test_the_rate_limit_holds_across_processes(serve: Any, tmp_path: Path) -> None:
    server = serve(lambda h: _send(h, 200, HIT_BODY))
    script = textwrap.dedent(f"""
        import sys
        from strikemap.online.nominatim import OnlineGeocoder
        g = OnlineGeocoder(domain={server.domain!r}, scheme="http", cache_dir={str(tmp_path / 'shared')!r},
                           timeout=5, min_delay_seconds=0.4)
        g.geocode("name " + sys.argv[1])
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(i)], cwd=ROOT) for i in range(4)]
    for proc in procs:
        assert proc.wait(timeout=60) == 0
    times = sorted(server.times)
    assert len(times) == 4
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.35, f"requests {gaps} apart: the 0.4 s delay is shared by all processes"


def _write_cache(path: Path, entries: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": CACHE_FORMAT, "version": CACHE_VERSION, "entries": entries}),
                    encoding="utf-8")


@pytest.mark.parametrize("entry", [
    {"t": 1, "results": "not a list"},
    {"t": "yesterday", "results": []},
    {"t": 1, "results": [{"lat": "35.6", "lon": "36.5", "evil": "x" * 10}]},
    {"t": 1, "results": [[1, 2]]},
    {"t": 1, "results": [{"lat": "35.6"}] * 500},
    ["not", "an", "entry"],
], ids=["results-str", "t-str", "unknown-field", "result-list", "too-many", "entry-list"])
def test_a_bad_cache_entry_is_dropped_and_asked_again(serve: Any, tmp_path: Path, entry: Any) -> None:
    server = serve(lambda h: _send(h, 200, HIT_BODY))
    with _geocoder(server, tmp_path) as geocoder:
        _write_cache(geocoder.cache_path, {geocoder.endpoint: {"qaryat zzyzx": entry}})
        assert [m.place.place_id for m in geocoder.geocode("Qaryat Zzyzx")] == ["osm:node/4242"]
        assert geocoder.requests_sent == 1
        stored = json.loads(geocoder.cache_path.read_text(encoding="utf-8"))
        assert stored["entries"][geocoder.endpoint]["qaryat zzyzx"]["results"][0]["osm_id"] == 4242


def test_a_good_cache_entry_is_still_used(serve: Any, tmp_path: Path) -> None:
    server = serve(lambda h: _send(h, 500, b"must not be asked"))
    with _geocoder(server, tmp_path) as geocoder:
        _write_cache(geocoder.cache_path, {geocoder.endpoint: {"qaryat zzyzx": {"t": 1, "results": [HIT]}}})
        assert [m.place.place_id for m in geocoder.geocode("Qaryat Zzyzx")] == ["osm:node/4242"]
        assert geocoder.requests_sent == 0 and server.times == []


def test_a_server_that_accepts_and_says_nothing_times_out(tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    try:
        geocoder = OnlineGeocoder(domain=f"127.0.0.1:{listener.getsockname()[1]}", scheme="http",
                                  cache_dir=tmp_path, timeout=1.0, min_delay_seconds=0, max_retries=0)
        start = time.monotonic()
        with pytest.raises(NetworkError, match="within 1 s"):
            geocoder.geocode("Qaryat Zzyzx")
        assert time.monotonic() - start < 3.0
        geocoder.close()
    finally:
        listener.close()
