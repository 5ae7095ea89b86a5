"""HTTP for the online geocoder, bounded: a deadline per request, a size cap, same-host redirects only.

geopy's urllib adapter gives each socket read its own timeout, so a server that drips one byte a
second is never timed out, and it reads any answer whole. ``BoundedURLLibAdapter`` keeps urllib (and
so the system's proxy settings) and adds:

- a total deadline per request: a watchdog shuts the connection down when it passes, whatever the
  server is doing (connecting, sending headers, dripping the body);
- a cap on the answer's size (``Content-Length`` checked first, then the bytes as they come);
- redirects followed only to the same host (an upgrade from http to https included), at most three.

A shared cross-process rate limit lives in :class:`SharedRateLimit`: a lock file beside the cache
holds the time of the last request, so several strikemap processes together keep to one request
per ``min_delay`` seconds.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
import urllib.request
from email.message import Message
from http.client import HTTPConnection, HTTPException, HTTPMessage, HTTPResponse, HTTPSConnection
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from geopy.adapters import AdapterHTTPError, URLLibAdapter, _normalize_proxies
from geopy.exc import GeocoderParseError, GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable

# Nominatim answers of 10 places with address and name details are a few tens of kB.
MAX_ANSWER_BYTES = 2_000_000
MAX_REDIRECTS = 3
_CHUNK = 65536


class _Watchdog:
    """Shuts down every socket of one request when its deadline passes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def track(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if self.fired:
                _shut(sock)
            self._sockets.append(sock)

    def remaining(self) -> float:
        return max(0.001, self.deadline - time.monotonic())

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _watched(base: type[HTTPConnection], watchdog: _Watchdog) -> type[HTTPConnection]:
    class Watched(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            given: Any = getattr(self, "timeout", None)
            left = watchdog.remaining()
            self.timeout = min(given, left) if isinstance(given, (int, float)) else left
            super().connect()
            watchdog.track(self.sock)

    return Watched


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, watchdog: _Watchdog) -> None:
        super().__init__()
        self._connection = _watched(HTTPConnection, watchdog)

    def http_open(self, req: urllib.request.Request) -> HTTPResponse:
        return self.do_open(self._connection, req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, watchdog: _Watchdog, context: Any) -> None:
        super().__init__(context=context)
        self._connection = _watched(HTTPSConnection, watchdog)

    def https_open(self, req: urllib.request.Request) -> HTTPResponse:
        return self.do_open(self._connection, req, context=self._context)  # type: ignore[attr-defined]


class CrossHostRedirect(GeocoderServiceError):  # type: ignore[misc]
    """The service redirected to another host: refused, the query is not sent elsewhere."""


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: HTTPMessage,
                         newurl: str) -> urllib.request.Request | None:
        old, new = urlsplit(req.full_url), urlsplit(newurl)
        same_host = (old.hostname, old.port) == (new.hostname, new.port) or (
            old.hostname == new.hostname and old.scheme == "http" and new.scheme == "https"
        )
        if not same_host or new.scheme not in ("http", "https"):
            raise CrossHostRedirect(f"redirected to another host ({new.hostname or newurl[:60]}); not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def read_capped(response: Any, limit: int = MAX_ANSWER_BYTES) -> bytes:
    """The body of ``response``, refused when it is over ``limit`` bytes."""
    length = response.headers.get("Content-Length") if response.headers is not None else None
    if length is not None and length.strip().isdigit() and int(length) > limit:
        raise GeocoderServiceError(f"the answer is {int(length):,} bytes, over the {limit:,}-byte limit; refused")
    data = bytearray()
    while True:
        chunk = response.read(_CHUNK)
        if not chunk:
            return bytes(data)
        data += chunk
        if len(data) > limit:
            raise GeocoderServiceError(f"the answer is over the {limit:,}-byte limit; refused")


def _text(data: bytes, headers: Message | None) -> str:
    charset = headers.get_content_charset() if headers is not None else None
    try:
        return data.decode(charset or "utf-8")
    except (LookupError, UnicodeDecodeError):
        return data.decode("utf-8", errors="replace")


class BoundedURLLibAdapter(URLLibAdapter):  # type: ignore[misc]
    """geopy's urllib adapter with a total deadline per request, a size cap and same-host redirects."""

    max_answer_bytes = MAX_ANSWER_BYTES

    def __init__(self, *, proxies: Any, ssl_context: Any) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self._ssl_context = ssl_context
        # As geopy's adapter: None means the system's proxy settings, {} none at all.
        self._proxies: dict[str, str] = _normalize_proxies(proxies)

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            raise GeocoderParseError("the answer was not JSON") from None

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        with _Watchdog(timeout) as watchdog:
            handlers: list[Any] = [_HTTP(watchdog), _HTTPS(watchdog, self._ssl_context), _SameHostRedirects(),
                                   urllib.request.ProxyHandler(self._proxies)]
            opener = urllib.request.build_opener(*handlers)
            try:
                with opener.open(urllib.request.Request(url=url, headers=headers), timeout=timeout) as page:
                    data = read_capped(page, self.max_answer_bytes)
                    status = page.getcode()
                    page_headers = page.headers
            except GeocoderServiceError:
                raise
            except HTTPError as error:
                body = b""
                with contextlib.suppress(Exception):
                    body = read_capped(error, 65536)
                raise AdapterHTTPError(
                    f"HTTP {error.code}", status_code=error.code,
                    headers={k.lower(): v for k, v in error.headers.items()} if error.headers else {},
                    text=_text(body, error.headers),
                ) from None
            except (OSError, ValueError, HTTPException) as error:  # URLError, socket errors, a torn answer
                if watchdog.fired or isinstance(error, (TimeoutError, socket.timeout)) or "timed out" in str(error):
                    raise GeocoderTimedOut(f"no complete answer within {timeout:g} s") from None
                reason = error.reason if isinstance(error, URLError) else error
                raise GeocoderUnavailable(" ".join(str(reason).split())[:160]) from None
            except Exception as error:  # as geopy's adapter does: anything else is a service error
                raise GeocoderServiceError(" ".join(str(error).split())[:160]) from None
            if watchdog.fired:
                raise GeocoderTimedOut(f"no complete answer within {timeout:g} s")
        text = _text(data, page_headers)
        if status >= 400:
            raise AdapterHTTPError(f"HTTP {status}", status_code=status, headers={}, text=text)
        return text


class SharedRateLimit:
    """At most one request per ``min_delay`` seconds across every process that shares ``lock_path``.

    The lock file holds the time of the last request; each request takes the lock, waits out the rest
    of the delay, writes the new time and lets go. Without a usable lock file (a read-only cache
    folder, a system without ``fcntl``) the limit holds within this process only.
    """

    def __init__(self, lock_path: Path, min_delay: float) -> None:
        self.lock_path = lock_path
        self.min_delay = min_delay
        self._last = 0.0

    def wait(self) -> None:
        """Block until this process may send its next request."""
        if self.min_delay <= 0:
            return
        try:
            import fcntl
        except ImportError:
            self._wait_local()
            return
        try:
            self.lock_path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            self._wait_local()
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                last = float(os.pread(fd, 64, 0).decode("ascii", "replace").strip() or 0)
            except ValueError:
                last = 0.0
            now = time.time()
            if 0 < last <= now + self.min_delay:  # a time in the future: a clock change, not a request
                time.sleep(max(0.0, last + self.min_delay - now))
            stamp = f"{time.time():.6f}\n".encode("ascii")
            os.ftruncate(fd, 0)
            os.pwrite(fd, stamp, 0)
            self._last = time.monotonic()
        finally:
            os.close(fd)  # closing releases the lock

    def _wait_local(self) -> None:
        pause = self._last + self.min_delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._last = time.monotonic()
