"""The online fallback against a real HTTP server on 127.0.0.1 that speaks Nominatim's JSON.

Nothing here leaves the machine: every geocoder points at the local server, and the public domain is
only ever constructed, never asked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from strikemap.errors import InputError, NetworkError
from strikemap.online.cache import CACHE_FILE
from strikemap.online.nominatim import LOCK_FILE, OnlineGeocoder, split_service_url
from strikemap.online.records import MAX_ONLINE_SCORE, nominatim_kind, place_from_nominatim

ROOT = Path(__file__).resolve().parent.parent


def _result(
    name: str,
    lat: float,
    lon: float,
    *,
    osm_id: int,
    osm_type: str = "node",
    osm_class: str = "place",
    osm_type_tag: str = "village",
    addresstype: str | None = None,
    country_code: str = "sy",
    state: str | None = "Idlib Governorate",
    name_ar: str | None = None,
    importance: float = 0.3,
) -> dict[str, Any]:
    address: dict[str, Any] = {osm_type_tag: name, "country": "Syria", "country_code": country_code}
    if state:
        address["state"] = state
    names = {"name": name_ar or name, "name:en": name}
    if name_ar:
        names["name:ar"] = name_ar
    return {
        "place_id": osm_id + 1000,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
        "osm_type": osm_type,
        "osm_id": osm_id,
        "lat": f"{lat}",
        "lon": f"{lon}",
        "class": osm_class,
        "type": osm_type_tag,
        "place_rank": 19,
        "importance": importance,
        "addresstype": addresstype or osm_type_tag,
        "name": name,
        "display_name": f"{name}, {state or 'Syria'}, Syria",
        "address": address,
        "namedetails": names,
        "boundingbox": [f"{lat - 0.01}", f"{lat + 0.01}", f"{lon - 0.01}", f"{lon + 0.01}"],
    }


HIT = _result("Qaryat Zzyzx", 35.61, 36.56, osm_id=4242, osm_type_tag="town", name_ar="قرية زيزكس", importance=0.45)
# Answers by query (casefolded). A callable answer decides per request (it gets the count so far).
ANSWERS: dict[str, Any] = {
    "qaryat zzyzx": [HIT],
    "tall zzyzy": [_result("Tall Zzyzy", 36.1, 37.2, osm_id=77, osm_type="way", osm_type_tag="hamlet", state=None)],
    "zzyzx two": [
        _result("Hayy Zzyzx", 36.2, 37.15, osm_id=1, osm_type_tag="suburb", importance=0.1),
        _result("Zzyzx Governorate", 35.9, 36.8, osm_id=2, osm_type="relation", osm_class="boundary",
                osm_type_tag="administrative", addresstype="state", importance=0.6),
        _result("Hayy Zzyzx", 36.2, 37.15, osm_id=1, osm_type_tag="suburb", importance=0.1),
    ],
    "nowhere zzyzx": [],
    # Beirut: outside the box; Gaziantep: inside the box, but in Turkey.
    "zzyzx beirut": [_result("Beirut", 33.8938, 35.5018, osm_id=5, osm_type_tag="city", country_code="lb")],
    "zzyzx gaziantep": [_result("Gaziantep", 37.0662, 37.3833, osm_id=6, osm_type_tag="city", country_code="tr")],
    "zzyzx busy": lambda n: (429, b"Too Many Requests", {"Retry-After": "0"}) if n == 1 else (200, [HIT], {}),
    "zzyzx always busy": (429, b"Too Many Requests", {}),
    "zzyzx broken": (500, b"Internal Server Error", {}),
    "zzyzx forbidden": (403, b"Access blocked", {}),
    "zzyzx garbled": (200, b'[{"lat": "35.6", "lon": ', {}),
    "zzyzx string": (200, b'"hello"', {}),
    "zzyzx slow": "slow",
}


@dataclass
class Seen:
    """One request as the server saw it."""

    at: float
    path: str
    params: dict[str, str]
    user_agent: str


@dataclass
class FakeNominatim:
    url: str
    domain: str
    requests: list[Seen] = field(default_factory=list)
    slow_seconds: float = 1.0

    def queries(self) -> list[str]:
        return [r.params.get("q", "") for r in self.requests]


def _handler(state: FakeNominatim) -> type[BaseHTTPRequestHandler]:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            seen = Seen(time.monotonic(), parts.path, params, self.headers.get("User-Agent", ""))
            with lock:
                state.requests.append(seen)
                count = sum(1 for r in state.requests if r.params.get("q") == params.get("q"))
            if parts.path != "/search":
                self._send(404, b"not found", {})
                return
            answer = ANSWERS.get(params.get("q", "").casefold(), [])
            if callable(answer):
                answer = answer(count)
            if answer == "slow":
                time.sleep(state.slow_seconds)
                answer = [HIT]
            if isinstance(answer, tuple):
                status, body, headers = answer
            else:
                status, body, headers = 200, answer, {}
            if isinstance(body, list):
                body = json.dumps([self._shape(r, params) for r in body]).encode()
            self._send(status, body, headers)

        @staticmethod
        def _shape(record: dict[str, Any], params: dict[str, str]) -> dict[str, Any]:
            # Like Nominatim: address and namedetails only when asked for.
            out = dict(record)
            if params.get("addressdetails") != "1":
                out.pop("address", None)
            if params.get("namedetails") != "1":
                out.pop("namedetails", None)
            return out

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture(autouse=True)
def _no_outside_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("STRIKEMAP_NOMINATIM_URL", "STRIKEMAP_USER_AGENT", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                 "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture
def server() -> Iterator[FakeNominatim]:
    state = FakeNominatim(url="", domain="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.domain = f"127.0.0.1:{httpd.server_address[1]}"
    state.url = f"http://{state.domain}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def make(server: FakeNominatim, tmp_path: Path) -> Iterator[Any]:
    made: list[OnlineGeocoder] = []

    def factory(**options: Any) -> OnlineGeocoder:
        settings: dict[str, Any] = {
            "domain": server.domain,
            "scheme": "http",
            "cache_dir": tmp_path / "cache",
            "timeout": 5,
            "min_delay_seconds": 0.05,
            "error_wait_seconds": 0.05,
        }
        settings.update(options)
        geocoder = OnlineGeocoder(**settings)
        made.append(geocoder)
        return geocoder

    yield factory
    for geocoder in made:
        geocoder.close()


# --- answers become matches ---------------------------------------------------------------------


def test_a_hit_becomes_an_online_match(make: Any) -> None:
    matches = make().geocode("Qaryat  Zzyzx")
    assert len(matches) == 1
    m = matches[0]
    assert (m.method, m.matched) == ("online", "Qaryat  Zzyzx")
    assert 0 < m.score <= MAX_ONLINE_SCORE
    p = m.place
    assert p.place_id == "osm:node/4242"
    assert (p.name, p.name_ar, p.kind, p.admin1, p.country, p.source) == (
        "Qaryat Zzyzx", "قرية زيزكس", "town", "Idlib", "SY", "nominatim"
    )
    assert (p.lat, p.lon) == (35.61, 36.56)


def test_several_results_are_deduplicated_ranked_and_kinded(make: Any) -> None:
    matches = make().geocode("Zzyzx two", limit=5)
    assert [m.place.place_id for m in matches] == ["osm:relation/2", "osm:node/1"]
    assert [m.place.kind for m in matches] == ["admin1", "neighbourhood"]
    assert matches[0].score >= matches[1].score
    assert len(make().geocode("Zzyzx two", limit=1)) == 1


def test_the_request_is_restricted_to_syria_and_identifies_us(make: Any, server: FakeNominatim) -> None:
    make().geocode("Qaryat Zzyzx")
    (seen,) = server.requests
    assert seen.path == "/search"
    p = seen.params
    assert p["q"] == "Qaryat Zzyzx"
    assert p["format"] == "json"
    assert p["countrycodes"] == "sy"
    assert p["bounded"] == "1"
    west, south, east, north = (float(x) for x in p["viewbox"].split(","))
    assert (west, south, east, north) == (35.7, 32.3, 42.4, 37.4)
    assert p["addressdetails"] == "1"
    assert seen.user_agent.startswith("strikemap/")
    assert "STRIKEMAP_USER_AGENT" in seen.user_agent


def test_the_user_agent_can_name_the_user(make: Any, server: FakeNominatim, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRIKEMAP_USER_AGENT", "newsroom-mapper/2 (maps@example.org)")
    make().geocode("Qaryat Zzyzx")
    make(user_agent="explicit/1").geocode("Tall Zzyzy")
    assert [r.user_agent for r in server.requests] == ["newsroom-mapper/2 (maps@example.org)", "explicit/1"]


def test_an_empty_answer_is_no_match(make: Any) -> None:
    assert make().geocode("Nowhere Zzyzx") == []


@pytest.mark.parametrize("name", ["Zzyzx Beirut", "Zzyzx Gaziantep"])
def test_results_outside_syria_are_rejected(make: Any, name: str) -> None:
    assert make().geocode(name) == []


# --- cache --------------------------------------------------------------------------------------


def test_answers_and_misses_are_cached_on_disk(make: Any, server: FakeNominatim, tmp_path: Path) -> None:
    first = make()
    hit = first.geocode("Qaryat Zzyzx")
    assert first.geocode("Nowhere Zzyzx") == []
    assert len(server.requests) == 2
    places = [m.place for m in hit]
    assert [m.place for m in first.geocode("qaryat  ZZYZX")] == places  # case and spacing ask nothing new
    again = make()
    assert [m.place for m in again.geocode("Qaryat Zzyzx")] == places
    assert again.geocode("Nowhere Zzyzx") == []
    assert len(server.requests) == 2
    assert again.requests_sent == 0
    files = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert files == [CACHE_FILE, LOCK_FILE], "no temporary files are left behind (the lock stays)"
    document = json.loads((tmp_path / "cache" / CACHE_FILE).read_text(encoding="utf-8"))
    assert document["format"] == "strikemap-nominatim-cache"
    assert document["entries"][f"{server.url}/search"]["nowhere zzyzx"]["results"] == []


def test_an_unreadable_cache_is_asked_again_and_replaced(make: Any, server: FakeNominatim, tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / CACHE_FILE).write_text("{broken", encoding="utf-8")
    assert make().geocode("Qaryat Zzyzx")
    assert len(server.requests) == 1
    assert json.loads((tmp_path / "cache" / CACHE_FILE).read_text(encoding="utf-8"))["version"] == 1


def test_the_cache_follows_xdg_cache_home(server: FakeNominatim, tmp_path: Path) -> None:
    with OnlineGeocoder(domain=server.domain, scheme="http", min_delay_seconds=0.05) as geocoder:
        geocoder.geocode("Qaryat Zzyzx")
    assert (tmp_path / "xdg-cache" / "strikemap" / CACHE_FILE).is_file()


# --- rate limit and retries ---------------------------------------------------------------------


def test_two_uncached_queries_are_a_second_apart_by_default(make: Any, server: FakeNominatim) -> None:
    geocoder = make(min_delay_seconds=1.0, error_wait_seconds=5.0)
    geocoder.geocode("Qaryat Zzyzx")
    geocoder.geocode("Tall Zzyzy")
    first, second = server.requests
    assert second.at - first.at >= 0.95


def test_the_public_server_cannot_be_asked_faster_than_once_a_second() -> None:
    with pytest.raises(InputError, match="one request per second"):
        OnlineGeocoder(min_delay_seconds=0.05)


def test_http_429_is_waited_out_and_retried(make: Any, server: FakeNominatim) -> None:
    matches = make().geocode("Zzyzx busy")
    assert [m.place.place_id for m in matches] == ["osm:node/4242"]
    assert server.queries() == ["Zzyzx busy", "Zzyzx busy"]


def _one_line_network_error(excinfo: pytest.ExceptionInfo[NetworkError], server: FakeNominatim) -> str:
    message = str(excinfo.value)
    assert "\n" not in message
    assert message.startswith(f"cannot reach the geocoding service at {server.url}/search: ")
    assert message.endswith("results so far are kept, try again later or go on offline")
    return message


def test_http_429_that_persists_gives_up_within_the_retries(make: Any, server: FakeNominatim) -> None:
    with pytest.raises(NetworkError) as excinfo:
        make(max_retries=2).geocode("Zzyzx always busy")
    assert "rate-limited (HTTP 429) after 3 tries" in _one_line_network_error(excinfo, server)
    assert len(server.requests) == 3


def test_server_errors_are_retried_then_reported(make: Any, server: FakeNominatim) -> None:
    with pytest.raises(NetworkError) as excinfo:
        make(max_retries=1).geocode("Zzyzx broken")
    assert "HTTP 500 after 2 tries" in _one_line_network_error(excinfo, server)
    assert len(server.requests) == 2


def test_a_slow_server_times_out_and_each_try_is_one_request(make: Any, server: FakeNominatim) -> None:
    with pytest.raises(NetworkError) as excinfo:
        make(timeout=0.3, max_retries=1).geocode("Zzyzx slow")
    assert "no complete answer within 0.3 s after 2 tries" in _one_line_network_error(excinfo, server)
    assert len(server.requests) == 2, "no retries hidden below the rate limiter"


@pytest.mark.parametrize("name", ["Zzyzx garbled", "Zzyzx string"])
def test_malformed_json_is_reported_at_once(make: Any, server: FakeNominatim, name: str) -> None:
    with pytest.raises(NetworkError) as excinfo:
        make().geocode(name)
    assert "JSON" in _one_line_network_error(excinfo, server)
    assert len(server.requests) == 1, "another try would not mend it"


def test_a_refusal_names_the_user_agent_setting(make: Any, server: FakeNominatim) -> None:
    with pytest.raises(NetworkError) as excinfo:
        make().geocode("Zzyzx forbidden")
    assert "HTTP 403" in _one_line_network_error(excinfo, server)
    assert "STRIKEMAP_USER_AGENT" in str(excinfo.value)
    assert len(server.requests) == 1


def test_failures_keep_what_was_cached_before(make: Any, server: FakeNominatim) -> None:
    geocoder = make()
    geocoder.geocode("Qaryat Zzyzx")
    with pytest.raises(NetworkError):
        geocoder.geocode("Zzyzx garbled")
    assert make().geocode("Qaryat Zzyzx")
    assert server.queries() == ["Qaryat Zzyzx", "Zzyzx garbled"]


# --- configuration ------------------------------------------------------------------------------


def test_the_service_url_comes_from_the_environment(
    server: FakeNominatim, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STRIKEMAP_NOMINATIM_URL", server.url + "/")
    with OnlineGeocoder(cache_dir=tmp_path, min_delay_seconds=0.05) as geocoder:
        assert geocoder.endpoint == f"{server.url}/search"
        assert geocoder.geocode("Qaryat Zzyzx")
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8080", ("http", "127.0.0.1:8080")),
        ("https://maps.example.org/nominatim/", ("https", "maps.example.org/nominatim")),
        ("nominatim.example.org", ("https", "nominatim.example.org")),
    ],
)
def test_service_urls(url: str, expected: tuple[str, str]) -> None:
    assert split_service_url(url) == expected


def test_a_bad_service_url_is_input_error() -> None:
    with pytest.raises(InputError, match="STRIKEMAP_NOMINATIM_URL"):
        split_service_url("ftp://example.org")


@pytest.mark.parametrize(
    ("record", "kind"),
    [
        ({"class": "place", "type": "city", "addresstype": "city"}, "city"),
        ({"class": "place", "type": "hamlet", "addresstype": "hamlet"}, "village"),
        ({"class": "place", "type": "quarter", "addresstype": "quarter"}, "neighbourhood"),
        ({"class": "boundary", "type": "administrative", "addresstype": "state"}, "admin1"),
        ({"class": "boundary", "type": "administrative", "place_rank": 12}, "admin2"),
        ({"class": "natural", "type": "mountain_range"}, "region"),
        ({"class": "amenity", "type": "refugee_site"}, "camp"),
        ({"class": "amenity", "type": "hospital"}, "other"),
    ],
)
def test_nominatim_kinds(record: dict[str, Any], kind: str) -> None:
    assert nominatim_kind(record) == kind


@pytest.mark.parametrize(
    "record",
    [
        {"osm_type": "node", "osm_id": 1, "lat": "x", "lon": "36.5", "name": "A"},
        {"osm_type": "node", "osm_id": 1, "lat": "35.5", "name": "A"},
        {"osm_type": "planet", "osm_id": 1, "lat": "35.5", "lon": "36.5", "name": "A"},
        {"osm_type": "node", "osm_id": 1, "lat": "nan", "lon": "36.5", "name": "A"},
        {"osm_type": "node", "osm_id": 1, "lat": "35.5", "lon": "36.5"},
    ],
)
def test_unusable_records_are_skipped(record: dict[str, Any]) -> None:
    assert place_from_nominatim(record) is None


# --- the CLI --------------------------------------------------------------------------------------


def _cli(*args: str, server_url: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and not k.startswith("STRIKEMAP_")}
    env.update({"STRIKEMAP_NOMINATIM_URL": server_url, "XDG_CACHE_HOME": str(cache), "PYTHONIOENCODING": "utf-8"})
    return subprocess.run(
        [sys.executable, "-m", "strikemap", *args], capture_output=True, text=True, timeout=60, env=env, cwd=ROOT
    )


def test_cli_sends_only_unknown_names_once_a_second_and_caches(server: FakeNominatim, tmp_path: Path) -> None:
    names = ["Jisr Al-Shqour", "Qaryat Zzyzx", "Nowhere Zzyzx"]
    first = _cli("resolve", *names, "--json", "--online", server_url=server.url, cache=tmp_path)
    assert first.returncode == 0, first.stderr
    rows = [json.loads(line) for line in first.stdout.splitlines()]
    assert [r["query"] for r in rows] == names
    assert rows[0]["matches"] and all(m["method"] != "online" for m in rows[0]["matches"])
    assert rows[1]["matches"][0]["place_id"] == "osm:node/4242"
    assert rows[1]["matches"][0]["method"] == "online"
    assert rows[2]["matches"] == []
    assert "OpenStreetMap contributors" in first.stderr
    # Only the names the gazetteer does not know went out, at most one per second (the CLI's default).
    assert server.queries() == ["Qaryat Zzyzx", "Nowhere Zzyzx"]
    assert server.requests[1].at - server.requests[0].at >= 0.95
    again = _cli("resolve", *names, "--json", "--online", server_url=server.url, cache=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    assert len(server.requests) == 2, "the second run answers from the cache"


def test_cli_without_online_sends_nothing(server: FakeNominatim, tmp_path: Path) -> None:
    proc = _cli("resolve", "Qaryat Zzyzx", server_url=server.url, cache=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "(no match)" in proc.stdout
    assert server.requests == []


@pytest.mark.parametrize("name", ["Zzyzx garbled", "Zzyzx forbidden"])
def test_cli_network_errors_are_one_line_and_keep_earlier_results(
    server: FakeNominatim, tmp_path: Path, name: str
) -> None:
    proc = _cli("resolve", "Jisr Al-Shqour", name, "--online", server_url=server.url, cache=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach the geocoding service at "), proc.stderr
    assert proc.stdout.startswith("Jisr Al-Shqour\t"), "the name resolved before the failure is printed"


def test_cli_unreachable_service_is_a_clean_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = _cli("resolve", "Qaryat Zzyzx", "--online", server_url=f"http://127.0.0.1:{port}", cache=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: cannot reach the geocoding service at ")
    assert len(proc.stderr.splitlines()) == 1


def test_geocode_online_sends_only_unresolved_mentions(server: FakeNominatim, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Jets struck Jisr al-Shughur and Qaryat Zzyzx on Monday, killing three.", encoding="utf-8")
    proc = _cli("geocode", str(report), "--online", server_url=server.url, cache=tmp_path)
    assert proc.returncode == 0, proc.stderr
    mentions = json.loads(proc.stdout)["articles"][0]["mentions"]
    by_text = {m["text"]: m for m in mentions}
    assert by_text["Qaryat Zzyzx"]["place_id"] == "osm:node/4242"
    assert by_text["Jisr al-Shughur"]["place_id"].startswith("gn:")
    assert server.queries() == ["Qaryat Zzyzx"], "names the gazetteer knows never leave the machine"
    offline = _cli("geocode", str(report), server_url=server.url, cache=tmp_path / "other")
    assert json.loads(offline.stdout)["articles"][0]["mentions"][1]["place_id"] is None
    assert len(server.requests) == 1
