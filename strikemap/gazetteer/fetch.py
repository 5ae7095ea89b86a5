"""Downloading the public sources of the full gazetteer, with the standard library only.

Nothing here runs unless a user asks for it (``strikemap gazetteer fetch``). What is fetched is each
source's ``downloads`` in the registry (``sources.registry.FULL_SOURCES``). Files land in the layout
``gazetteer build`` reads::

    DEST/whosonfirst/whosonfirst-data-admin-sy.tar.gz
    DEST/ocha-cod-ab/en_hno_2019.json, ar_hno_2019.json
    DEST/opensyria-geography/governorates.json, districts.json, subdistricts.json, LICENSE.md
    DEST/geonames/SY.txt

A base URL (``base_url`` or ``$STRIKEMAP_FETCH_BASE``) replaces the publishers' hosts with a
mirror laid out as ``BASE/<host>/<path>``: ``https://download.geonames.org/export/dump/SY.zip``
is fetched from ``BASE/download.geonames.org/export/dump/SY.zip``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..atomic import atomic_path
from ..errors import NetworkError, SourceError
from .sources.registry import FULL_SOURCES
from .sources.source import Download

ENV_BASE = "STRIKEMAP_FETCH_BASE"
TIMEOUT = 60.0
CHUNK = 1 << 16
USER_AGENT = "strikemap-gazetteer-fetch/1 (Python urllib)"

# (publisher URL, file under DEST, member to extract from a zip or None), source by source of the registry
DOWNLOADS: tuple[Download, ...] = tuple(d for source in FULL_SOURCES for d in source.downloads)
OFFLINE_HINT = ("download the files by hand (README.md, section 'Download the sources by hand', lists them) "
                "and run 'strikemap gazetteer build'")


@dataclass
class FetchReport:
    """The files written (relative to ``dest``) with their sizes in bytes."""

    dest: Path
    files: dict[str, int] = field(default_factory=dict)

    def build_command(self) -> str:
        """The ``strikemap gazetteer build`` command line for these files."""
        inputs = " ".join(f"{s.option} {self.dest / path}" for s in FULL_SOURCES for path in s.fetched)
        return f"strikemap gazetteer build {inputs} -o full_gazetteer.jsonl"


def mirror_url(url: str, base_url: str | None) -> str:
    """``url`` as fetched: unchanged, or ``BASE/<host>/<path>`` when a base URL is given."""
    if not base_url:
        return url
    parts = urlsplit(url)
    return f"{base_url.rstrip('/')}/{parts.netloc}{parts.path}"


def _download(url: str, target: Path, timeout: float) -> int:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    host = urlsplit(url).netloc
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, target.open("wb") as out:
            shutil.copyfileobj(response, out, CHUNK)
    except urllib.error.HTTPError as exc:
        raise NetworkError(f"{url}: HTTP {exc.code} {exc.reason}; the file may have moved: {OFFLINE_HINT}") from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        raise NetworkError(f"cannot reach {host}: you seem to be offline; {OFFLINE_HINT}") from exc
    size = target.stat().st_size
    if size == 0:
        raise NetworkError(f"{url}: empty download; {OFFLINE_HINT}")
    return size


def _extract(archive: Path, member: str, target: Path, url: str) -> None:
    try:
        with zipfile.ZipFile(archive) as zf, zf.open(member) as src, target.open("wb") as out:
            shutil.copyfileobj(src, out, CHUNK)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise SourceError(f"{url}: not a zip holding {member} ({exc})") from exc


def fetch_sources(
    dest: str | os.PathLike[str],
    *,
    base_url: str | None = None,
    timeout: float = TIMEOUT,
    progress: Callable[[str, int], None] | None = None,
) -> FetchReport:
    """Download Who's On First, OCHA, Open-Syria and GeoNames files for ``gazetteer build``.

    Parameters
    ----------
    dest
        Folder to fill (made when missing). Each file is written atomically; an interrupted
        fetch leaves earlier files complete and no partial one.
    base_url
        A mirror laid out as ``BASE/<host>/<path>``; default ``$STRIKEMAP_FETCH_BASE``, else the
        publishers' own URLs.
    timeout
        Seconds to wait for a server before giving up.
    progress
        Called as ``progress(file, bytes)`` after each file.

    Raises
    ------
    NetworkError
        A server cannot be reached (offline) or answers with an HTTP error.
    SourceError
        The GeoNames zip does not hold SY.txt.
    """
    base = base_url if base_url is not None else os.environ.get(ENV_BASE) or None
    folder = Path(dest)
    folder.mkdir(parents=True, exist_ok=True)
    report = FetchReport(dest=folder)
    for publisher_url, relative, member in DOWNLOADS:
        url = mirror_url(publisher_url, base)
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            if member is None:
                _download(url, tmp, timeout)
            else:
                fd, name = tempfile.mkstemp(suffix=".zip", dir=target.parent)
                os.close(fd)
                archive = Path(name)
                try:
                    _download(url, archive, timeout)
                    _extract(archive, member, tmp, url)
                finally:
                    archive.unlink(missing_ok=True)
        report.files[relative] = target.stat().st_size
        if progress is not None:
            progress(relative, report.files[relative])
    return report
