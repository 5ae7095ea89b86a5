"""The on-disk cache of Nominatim's answers: one JSON file, misses included, checked when read."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from ..atomic import atomic_path
from .records import KEPT_FIELDS

CACHE_FORMAT = "strikemap-nominatim-cache"


CACHE_VERSION = 1


CACHE_FILE = "nominatim.json"


# A cache bigger than this is not read (it is replaced on the next write): it cannot be ours.
MAX_CACHE_BYTES = 64_000_000


MAX_CACHED_RESULTS = 50


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/strikemap``, else ``~/.cache/strikemap``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "strikemap"


def cache_key(name: str) -> str:
    """The form a name is cached under: whitespace collapsed, case folded (Nominatim ignores both)."""
    return " ".join(name.split()).casefold()


def _good_entry(entry: Any) -> bool:
    """Whether a cache entry has the shape this module writes: anything else is dropped, never loaded."""
    if not (isinstance(entry, dict) and isinstance(entry.get("t"), int) and isinstance(entry.get("results"), list)):
        return False
    results = entry["results"]
    allowed = {*KEPT_FIELDS, "namedetails"}
    return len(results) <= MAX_CACHED_RESULTS and all(
        isinstance(r, dict) and set(r) <= allowed for r in results
    )


class AnswerCache:
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
