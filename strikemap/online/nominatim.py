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

import json
import logging
import math
import os
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from ..atomic import atomic_path
from ..errors import InputError, NetworkError
from ..models import Match, Place
from .http import BoundedURLLibAdapter, SharedRateLimit

DEFAULT_DOMAIN = "nominatim.openstreetmap.org"
URL_ENV = "STRIKEMAP_NOMINATIM_URL"
USER_AGENT_ENV = "STRIKEMAP_USER_AGENT"
PROJECT_URL = "https://example.invalid/strikemap"
ATTRIBUTION = "Online results: data © OpenStreetMap contributors, ODbL 1.0 (https://osm.org/copyright), via Nominatim"

CACHE_FORMAT = "strikemap-nominatim-cache"
CACHE_VERSION = 1
CACHE_FILE = "nominatim.json"
LOCK_FILE = "nominatim.lock"
# A cache bigger than this is not read (it is replaced on the next write): it cannot be ours.
MAX_CACHE_BYTES = 64_000_000
MAX_CACHED_RESULTS = 50

_log = logging.getLogger("strikemap.online.nominatim")

# Results asked per name: cached whole, so a later call with a larger limit needs no new request.
REQUEST_LIMIT = 10
MAX_ONLINE_SCORE = 85.0
# A longer Retry-After is not sat through: the retries come after error_wait_seconds and most likely fail.
MAX_RETRY_AFTER_SECONDS = 60.0
# The public server allows one request per second; a private one (e.g. a test server) may allow more.
PUBLIC_MIN_DELAY_SECONDS = 1.0


class BBox(NamedTuple):
    """A latitude/longitude box, in degrees."""

    south: float
    west: float
    north: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point lies inside the box (edges included)."""
        return self.south <= lat <= self.north and self.west <= lon <= self.east


SYRIA_BBOX = BBox(south=32.3, west=35.7, north=37.4, east=42.4)

# Nominatim's addresstype / type → our kinds. addresstype (how the object serves in addresses) is tried
# first, then type, then class-based rules in ``nominatim_kind``.
_KINDS = {
    "city": "city",
    "town": "town",
    "village": "village",
    "hamlet": "village",
    "isolated_dwelling": "village",
    "farm": "village",
    "suburb": "neighbourhood",
    "quarter": "neighbourhood",
    "neighbourhood": "neighbourhood",
    "city_block": "neighbourhood",
    "borough": "neighbourhood",
    "residential": "neighbourhood",
    "state": "admin1",
    "province": "admin1",
    "state_district": "admin2",
    "county": "admin2",
    "district": "admin2",
    "municipality": "admin3",
    "subdistrict": "admin3",
    "country": "country",
    "region": "region",
    "mountain_range": "region",
    "ridge": "region",
    "valley": "region",
    "plateau": "region",
    "plain": "region",
    "refugee_site": "camp",
    "camp": "camp",
}
_OSM_TYPES = {"n": "node", "w": "way", "r": "relation", "node": "node", "way": "way", "relation": "relation"}
# Fields kept in the cache: what ``place_from_nominatim`` reads, nothing more.
_KEPT_FIELDS = (
    "lat",
    "lon",
    "osm_type",
    "osm_id",
    "name",
    "display_name",
    "class",
    "category",
    "type",
    "addresstype",
    "place_rank",
    "importance",
    "address",
)
_KEPT_NAMES = ("name", "name:en", "name:ar")


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/strikemap``, else ``~/.cache/strikemap``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "strikemap"


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


def cache_key(name: str) -> str:
    """The form a name is cached under: whitespace collapsed, case folded (Nominatim ignores both)."""
    return " ".join(name.split()).casefold()


def _admin1(address: Mapping[str, Any]) -> str | None:
    state = address.get("state") or address.get("province")
    if not isinstance(state, str) or not state.strip():
        return None
    text = state.strip()
    for suffix in (" Governorate", " governorate"):
        text = text.removesuffix(suffix)
    return text.removeprefix("محافظة ").strip() or None


def nominatim_kind(record: Mapping[str, Any]) -> str:
    """Our ``kind`` for a Nominatim result, from its addresstype, type, class and place_rank."""
    for key in ("addresstype", "type"):
        value = record.get(key)
        if isinstance(value, str) and value in _KINDS:
            return _KINDS[value]
    osm_class = record.get("class") or record.get("category")
    if osm_class == "boundary" and record.get("type") == "administrative":
        try:
            rank = int(record.get("place_rank", 0))
        except (TypeError, ValueError):
            return "other"
        for ceiling, kind in ((4, "country"), (8, "admin1"), (12, "admin2"), (16, "admin3")):
            if 0 < rank <= ceiling:
                return kind
    if osm_class == "natural":
        return "region"
    return "other"


def online_score(rank: int, importance: Any) -> float:
    """0–100 from Nominatim's order and importance, capped at ``MAX_ONLINE_SCORE``."""
    weight = importance if isinstance(importance, (int, float)) and math.isfinite(importance) else 0.0
    weight = min(max(float(weight), 0.0), 1.0)
    return max(1.0, min(MAX_ONLINE_SCORE, 70.0 + 15.0 * weight - 5.0 * rank))


def place_from_nominatim(record: Mapping[str, Any]) -> Place | None:
    """A ``Place`` for one Nominatim JSON result; None when it is unusable or not in Syria."""
    try:
        lat = float(record["lat"])
        lon = float(record["lon"])
        osm_type = _OSM_TYPES[str(record["osm_type"]).lower()]
        osm_id = int(record["osm_id"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)) or not SYRIA_BBOX.contains(lat, lon):
        return None
    address = record.get("address")
    address = address if isinstance(address, Mapping) else {}
    country_code = address.get("country_code")
    if isinstance(country_code, str) and country_code.lower() != "sy":
        return None
    names = record.get("namedetails")
    names = names if isinstance(names, Mapping) else {}
    display = record.get("display_name")
    candidates = (
        names.get("name:en"),
        record.get("name"),
        names.get("name"),
        display.split(",")[0] if isinstance(display, str) else None,
    )
    name = next((c.strip() for c in candidates if isinstance(c, str) and c.strip()), None)
    if name is None:
        return None
    name_ar = names.get("name:ar")
    return Place(
        place_id=f"osm:{osm_type}/{osm_id}",
        name=name,
        lat=lat,
        lon=lon,
        kind=nominatim_kind(record),
        admin1=_admin1(address),
        name_ar=name_ar if isinstance(name_ar, str) and name_ar.strip() else None,
        names=tuple(dict.fromkeys(v for v in names.values() if isinstance(v, str) and v and v != name)),
        source="nominatim",
    )


def _slim(record: Any) -> dict[str, Any] | None:
    """The part of a Nominatim result worth caching; None when it is not a JSON object."""
    if not isinstance(record, Mapping):
        return None
    kept = {key: record[key] for key in _KEPT_FIELDS if key in record}
    names = record.get("namedetails")
    if isinstance(names, Mapping):
        kept["namedetails"] = {key: names[key] for key in _KEPT_NAMES if key in names}
    return kept


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


def _good_entry(entry: Any) -> bool:
    """Whether a cache entry has the shape this module writes: anything else is dropped, never loaded."""
    if not (isinstance(entry, dict) and isinstance(entry.get("t"), int) and isinstance(entry.get("results"), list)):
        return False
    results = entry["results"]
    allowed = {*_KEPT_FIELDS, "namedetails"}
    return len(results) <= MAX_CACHED_RESULTS and all(
        isinstance(r, dict) and set(r) <= allowed for r in results
    )


class _Cache:
    """Nominatim answers on disk: ``{"format", "version", "entries": {endpoint: {key: {"t", "results"}}}}``.

    Loaded once; every new answer is merged into what is on disk now (another process may have written)
    and the file replaced atomically. An unreadable cache is treated as empty and replaced on next write:
    it holds nothing that cannot be asked again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, dict[str, Any]] | None = None

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            with self.path.open("rb") as fh:
                raw = fh.read(MAX_CACHE_BYTES + 1)
            if len(raw) > MAX_CACHE_BYTES:
                return {}
            data = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        if not (
            isinstance(data, dict)
            and data.get("format") == CACHE_FORMAT
            and data.get("version") == CACHE_VERSION
            and isinstance(data.get("entries"), dict)
        ):
            return {}
        out: dict[str, dict[str, Any]] = {}
        for endpoint, entries in data["entries"].items():
            if isinstance(entries, dict):
                out[str(endpoint)] = {str(k): e for k, e in entries.items() if _good_entry(e)}
        return out

    def get(self, endpoint: str, key: str) -> list[dict[str, Any]] | None:
        if self._entries is None:
            self._entries = self._read()
        entry = self._entries.get(endpoint, {}).get(key)
        if not isinstance(entry, dict) or not isinstance(entry.get("results"), list):
            return None
        return [r for r in entry["results"] if isinstance(r, dict)]

    def put(self, endpoint: str, key: str, results: list[dict[str, Any]]) -> None:
        entry = {"t": int(time.time()), "results": results}
        if self._entries is None:
            self._entries = self._read()
        self._entries.setdefault(endpoint, {})[key] = entry
        merged = self._read()
        for known_endpoint, known in self._entries.items():
            merged.setdefault(known_endpoint, {}).update(known)
        self._entries = merged
        self.path.parent.mkdir(parents=True, exist_ok=True)
        document = {"format": CACHE_FORMAT, "version": CACHE_VERSION, "entries": merged}
        with atomic_path(self.path) as tmp:
            tmp.write_text(json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8")


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
        self._cache = _Cache(self.cache_path)
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
        results = [_slim(location.raw) for location in locations or ()]
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
