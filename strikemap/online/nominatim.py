"""The opt-in online fallback: OpenStreetMap's Nominatim, for names no gazetteer knows.

Nothing in strikemap touches the network unless a caller builds an ``OnlineGeocoder`` (the CLI does so
only for ``--online``). Then, following Nominatim's usage policy
(https://operations.osmfoundation.org/policies/nominatim/):

- at most one request per second, across every strikemap process that shares the cache (a lock file
  beside it), retrying only what may pass on a second try (HTTP 429, 5xx, timeouts: geopy's
  ``RateLimiter``), honouring ``Retry-After`` and saying so in one line per retry;
- each request bounded: a total deadline (``timeout``), an answer of at most 2 MB, redirects only to
  the same host (``online_http``);
- an identifying User-Agent (``$STRIKEMAP_USER_AGENT`` to put your contact in it);
- every answer cached on disk, misses included, so a name is asked once (``$XDG_CACHE_HOME/strikemap``);
  an entry of the wrong shape is dropped when the cache is read, never used;
- results credited to OpenStreetMap (``ATTRIBUTION``).

Queries are restricted to Syria (``countrycodes=sy`` and a bounded viewbox) and any result outside Syria's
bounding box, or with another country code, is dropped. Results become ordinary ``Match`` values with
``method="online"``, ``place_id="osm:<type>/<id>"`` and scores of at most ``MAX_ONLINE_SCORE``, below an
exact offline match: Nominatim ranked them, our folding rules did not check them.

Every failure is one ``NetworkError``; what was cached before it stays cached.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from ..errors import InputError, NetworkError
from ..geo import SYRIA_BBOX
from ..models import Match
from .cache import CACHE_FILE, AnswerCache, cache_key, default_cache_dir
from .http import BoundedURLLibAdapter, SharedRateLimit
from .records import online_score, place_from_nominatim, slim_record

DEFAULT_DOMAIN = "nominatim.openstreetmap.org"
URL_ENV = "STRIKEMAP_NOMINATIM_URL"
USER_AGENT_ENV = "STRIKEMAP_USER_AGENT"
PROJECT_URL = "https://example.invalid/strikemap"
ATTRIBUTION = "Online results: data © OpenStreetMap contributors, ODbL 1.0 (https://osm.org/copyright), via Nominatim"

LOCK_FILE = "nominatim.lock"

_log = logging.getLogger("strikemap.online.nominatim")

# Results asked per name: cached whole, so a later call with a larger limit needs no new request.
REQUEST_LIMIT = 10
# A longer Retry-After is not sat through: the retries come after error_wait_seconds and most likely fail.
MAX_RETRY_AFTER_SECONDS = 60.0
# The public server allows one request per second; a private one (e.g. a test server) may allow more.
PUBLIC_MIN_DELAY_SECONDS = 1.0


def default_user_agent() -> str:
    """``$STRIKEMAP_USER_AGENT``, else ``strikemap/<version> (+<project URL>; set STRIKEMAP_USER_AGENT)``."""
    own = os.environ.get(USER_AGENT_ENV, "").strip()
    if own:
        return own
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("strikemap")
    except PackageNotFoundError:
        release = "0+unknown"
    return f"strikemap/{release} (+{PROJECT_URL}; set {USER_AGENT_ENV})"


def split_service_url(url: str) -> tuple[str, str]:
    """``"http://127.0.0.1:8080/nominatim/"`` → ``("http", "127.0.0.1:8080/nominatim")``.

    A bare host (``"nominatim.example.org"``) means https.
    """
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(
            f"{URL_ENV}: expected a URL like https://nominatim.example.org or http://127.0.0.1:8080, got {url!r}"
        )
    return parts.scheme, (parts.netloc + parts.path).rstrip("/")


class _GeopyRetryFilter(logging.Filter):
    """Drops geopy's retry warning (a full traceback each): ``OnlineGeocoder`` logs one line instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("RateLimiter caught an error")


def _quiet_geopy_retries() -> None:
    logger = logging.getLogger("geopy")
    if not any(isinstance(f, _GeopyRetryFilter) for f in logger.filters):
        logger.addFilter(_GeopyRetryFilter())


class _Permanent(Exception):
    """A failure that another try will not mend (refused, 4xx, not JSON): skips geopy's retries."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _http_status(exc: BaseException) -> int | None:
    status = getattr(exc.__cause__, "status_code", None)
    return status if isinstance(status, int) else None


def _one_line(text: str, width: int = 160) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= width else line[: width - 1] + "…"


class OnlineGeocoder:
    """Nominatim, rate-limited, restricted to Syria and cached on disk.

    Parameters
    ----------
    domain
        Host (and optional path) of the Nominatim service. Default: ``$STRIKEMAP_NOMINATIM_URL``
        (a full URL, scheme included), else ``nominatim.openstreetmap.org``.
    scheme
        ``"https"`` or ``"http"``; ignored when the domain comes from ``$STRIKEMAP_NOMINATIM_URL``.
    user_agent
        Sent with every request. Default: ``default_user_agent()``.
    cache_dir
        Folder of the ``nominatim.json`` cache. Default: ``default_cache_dir()``.
    timeout
        Seconds to wait for one answer.
    min_delay_seconds
        Least time between two requests; at least 1.0 for the public server.
    max_retries
        Further tries after a rate limit (HTTP 429), a server error (5xx) or a timeout.
    error_wait_seconds
        Wait before such a retry (longer when the server's ``Retry-After`` says so).

    Attributes
    ----------
    endpoint
        The search URL asked, e.g. ``https://nominatim.openstreetmap.org/search``.
    cache_path
        The cache file.
    requests_sent
        Requests this instance sent (retries included); 0 when the cache answered everything.

    Notes
    -----
    One instance holds the rate limit: make one per run and pass it around. Not thread-safe.

    Examples
    --------
    >>> with OnlineGeocoder() as online:  # doctest: +SKIP
    ...     online.geocode("Kafr Nabudah")[0].place.place_id
    'osm:node/...'
    """

    def __init__(
        self,
        *,
        domain: str | None = None,
        scheme: str = "https",
        user_agent: str | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        timeout: float = 10,
        min_delay_seconds: float = 1.0,
        max_retries: int = 2,
        error_wait_seconds: float = 5.0,
    ) -> None:
        if domain is None:
            env_url = os.environ.get(URL_ENV, "").strip()
            scheme, domain = split_service_url(env_url) if env_url else (scheme, DEFAULT_DOMAIN)
        domain = domain.strip().strip("/")
        if scheme not in ("http", "https") or not domain or "://" in domain:
            raise InputError(
                f"expected scheme http or https and a host such as {DEFAULT_DOMAIN}, got {scheme!r}, {domain!r}"
            )
        if not (timeout > 0 and min_delay_seconds >= 0 and max_retries >= 0 and error_wait_seconds >= 0):
            raise InputError(
                "timeout must be > 0 and min_delay_seconds, max_retries, error_wait_seconds >= 0, got "
                f"{timeout}, {min_delay_seconds}, {max_retries}, {error_wait_seconds}"
            )
        if domain == DEFAULT_DOMAIN and min_delay_seconds < PUBLIC_MIN_DELAY_SECONDS:
            raise InputError(
                f"the public Nominatim allows at most one request per second: min_delay_seconds must be "
                f">= {PUBLIC_MIN_DELAY_SECONDS}, got {min_delay_seconds}"
            )
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        self.scheme = scheme
        self.domain = domain
        self.endpoint = f"{scheme}://{domain}/search"
        self.user_agent = user_agent or default_user_agent()
        self.max_retries = max_retries
        self.error_wait_seconds = max(error_wait_seconds, min_delay_seconds)
        self.cache_path = Path(cache_dir if cache_dir is not None else default_cache_dir()) / CACHE_FILE
        self.requests_sent = 0
        self._cache = AnswerCache(self.cache_path)
        self._limit = SharedRateLimit(self.cache_path.parent / LOCK_FILE, min_delay_seconds)
        self._attempt = 0
        # urllib, not geopy's default requests adapter: that one retries timeouts and resets inside urllib3,
        # out of the rate limiter's sight. Here every request that leaves is one the RateLimiter let through.
        # The bounded adapter adds a total deadline, a size cap and same-host redirects (see online_http).
        self._nominatim = Nominatim(
            domain=domain, scheme=scheme, user_agent=self.user_agent, timeout=timeout,
            adapter_factory=BoundedURLLibAdapter,
        )
        self._timeout = timeout
        _quiet_geopy_retries()
        # The delay between requests is kept by the shared lock in _ask; RateLimiter only retries.
        self._search = RateLimiter(
            self._ask,
            min_delay_seconds=0,
            max_retries=max_retries,
            error_wait_seconds=self.error_wait_seconds,
            swallow_exceptions=False,
        )

    def __enter__(self) -> OnlineGeocoder:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close kept-alive connections (also done when the object is garbage-collected)."""
        self._nominatim.__exit__(None, None, None)

    def geocode(self, name: str, *, limit: int = 5) -> list[Match]:
        """Places in Syria that Nominatim finds for ``name``, best first; ``[]`` when none.

        Answers the cache when it can, else sends one request (rate-limited) and caches the answer,
        an empty one included.

        Raises
        ------
        NetworkError
            The service could not be reached or answered with an error, after the allowed retries.
        """
        key = cache_key(name)
        if not key:
            return []
        records = self._cache.get(self.endpoint, key)
        if records is None:
            records = self._fetch(" ".join(name.split()))
            self._cache.put(self.endpoint, key, records)
        return self._matches(records, name, limit)

    def lookup(self, name: str, *, limit: int = 5) -> list[Match]:
        """``geocode``: the :class:`~strikemap.gazetteer.backend.PlaceBackend` method."""
        return self.geocode(name, limit=limit)

    def geocode_many(self, names: Iterable[str], *, limit: int = 5) -> dict[str, list[Match]]:
        """``geocode`` for each distinct name (one request per name at most), keyed by the name as given.

        Stops at the first ``NetworkError``; answers received before it are cached.
        """
        out: dict[str, list[Match]] = {}
        for name in names:
            if name not in out:
                out[name] = self.geocode(name, limit=limit)
        return out

    @staticmethod
    def _matches(records: list[dict[str, Any]], query: str, limit: int) -> list[Match]:
        out: list[Match] = []
        seen: set[str] = set()
        for rank, record in enumerate(records):
            place = place_from_nominatim(record)
            if place is None or place.place_id in seen:
                continue
            seen.add(place.place_id)
            score = online_score(rank, record.get("importance"))
            out.append(Match(place=place, score=score, matched=query, method="online"))
        out.sort(key=lambda m: -m.score)
        return out[:limit]

    def _fetch(self, query: str) -> list[dict[str, Any]]:
        from geopy.exc import GeocoderRateLimited, GeocoderTimedOut, GeopyError

        self._attempt = 0
        try:
            locations = self._search(query)
        except _Permanent as exc:
            raise self._error(exc.reason) from exc.__cause__
        except GeocoderRateLimited as exc:
            raise self._error(f"rate-limited (HTTP 429) after {self._attempt} tries") from exc
        except GeocoderTimedOut as exc:
            status = _http_status(exc)
            what = f"HTTP {status}" if status else f"no complete answer within {self._timeout:g} s"
            raise self._error(f"{what} after {self._attempt} tries") from exc
        except GeopyError as exc:
            status = _http_status(exc)
            what = f"HTTP {status}" if status else _one_line(str(exc))
            raise self._error(f"{what} after {self._attempt} tries") from exc
        results = [slim_record(location.raw) for location in locations or ()]
        return [r for r in results if r is not None]

    def _ask(self, query: str) -> Any:
        """One request; what another try will not mend is raised as ``_Permanent`` (geopy won't retry it)."""
        from geopy.exc import GeocoderRateLimited, GeocoderServiceError, GeocoderTimedOut

        self._limit.wait()
        self._attempt += 1
        self.requests_sent += 1
        try:
            return self._nominatim_geocode(query)
        except GeocoderRateLimited as exc:
            self._wait_retry_after(exc.retry_after)
            self._log_retry("rate-limited (HTTP 429)")
            raise
        except GeocoderTimedOut as exc:
            status = _http_status(exc)
            self._log_retry(f"HTTP {status}" if status else f"no complete answer within {self._timeout:g} s")
            raise
        except GeocoderServiceError as exc:
            status = _http_status(exc)
            if status is not None and status >= 500:
                self._log_retry(f"HTTP {status}")
                raise
            raise _Permanent(self._reason(exc, status)) from exc
        except (AttributeError, TypeError, KeyError, ValueError, RecursionError) as exc:
            # geopy parses the JSON into Locations and trips over shapes Nominatim never sends.
            raise _Permanent("the answer was not Nominatim's JSON (a list of places)") from exc

    def _log_retry(self, what: str) -> None:
        if self._attempt <= self.max_retries:
            _log.warning(
                "warning: geocoding service at %s: %s on try %d of %d; trying again",
                self.endpoint, what, self._attempt, self.max_retries + 1,
            )

    def _nominatim_geocode(self, query: str) -> Any:
        return self._nominatim.geocode(
                query,
                exactly_one=False,
                limit=REQUEST_LIMIT,
                addressdetails=True,
                namedetails=True,
                language="en",
                country_codes="sy",
                viewbox=[(SYRIA_BBOX.south, SYRIA_BBOX.west), (SYRIA_BBOX.north, SYRIA_BBOX.east)],
                bounded=True,
            )

    def _reason(self, exc: BaseException, status: int | None) -> str:
        from geopy.exc import GeocoderParseError

        if status in (401, 403):
            return (
                f"HTTP {status}, the service refused this client (User-Agent {self.user_agent!r}); "
                f"set {USER_AGENT_ENV} to name your application and a contact"
            )
        if status is not None:
            return f"HTTP {status}"
        if isinstance(exc, GeocoderParseError):
            return "the answer was not JSON"
        return _one_line(str(exc))

    def _wait_retry_after(self, retry_after: Any) -> None:
        # RateLimiter waits error_wait_seconds before the next try; make up the rest of Retry-After,
        # unless no try is left or the server asks for more than is reasonable to sit through.
        if self._attempt > self.max_retries or not isinstance(retry_after, (int, float)):
            return
        extra = float(retry_after) - self.error_wait_seconds
        if extra > 0 and retry_after <= MAX_RETRY_AFTER_SECONDS:
            time.sleep(extra)

    def _error(self, reason: str) -> NetworkError:
        return NetworkError(
            f"cannot reach the geocoding service at {self.endpoint}: {reason}; "
            "results so far are kept, try again later or go on offline"
        )
