"""One row of the source registry: what a gazetteer source is, where it comes from, how it is read.

Each source module declares its row as ``SOURCE = Source(...)``; ``sources.registry`` collects them,
and the builds, ``gazetteer fetch`` and the header of every built file read the rows instead of naming
each source. Adding a source is one module and one line in the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

# (publisher URL, file under the fetch folder, member to extract from a zip or None)
Download = tuple[str, str, str | None]


class SourceData(Protocol):
    """What a full-build reader returns: the files it read with their record counts, and a count to report."""

    @property
    def files(self) -> list[tuple[str, int]]: ...

    @property
    def count(self) -> int: ...


@dataclass(frozen=True)
class Source:
    """A gazetteer source: its id in a file's header, title, licence, URL and reader.

    ``option`` is the ``strikemap gazetteer build`` option that takes its files (``None`` for the
    sources of the shipped default, read by ``gazetteer/build_default.py``); ``many`` says the option
    repeats. ``role`` orders the reading: ``places`` sources before ``admin`` ones. ``downloads`` are what
    ``gazetteer fetch`` writes, ``fetched`` the paths (under its folder) it then hands to ``option``.
    ``progress`` names the count the build reports after reading. ``extra`` adds header fields
    (``license_url``, ``package``, ``attribution``).
    """

    id: str
    title: str
    license: str
    url: str | None
    reader: Callable[..., Any]
    option: str | None = None
    many: bool = False
    role: str = "places"
    progress: str = ""
    downloads: tuple[Download, ...] = ()
    fetched: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def argument(self) -> str:
        """The keyword of ``build_gazetteer`` (and the CLI parameter) that takes this source's files."""
        if self.option is None:
            raise ValueError(f"source {self.id} is not an input of 'gazetteer build'")
        return self.option.removeprefix("--")

    def paths(self, value: Any) -> list[Path]:
        """The input paths in ``value`` (one path, several, or None), as given to ``build_gazetteer``."""
        if value is None:
            return []
        if self.many:
            return [Path(p) for p in value]
        return [Path(value)]

    def read(self, paths: Iterable[Path]) -> Any:
        """Call the reader on the given paths (a list for a repeatable option, else the one path)."""
        given = list(paths)
        return self.reader(given) if self.many else self.reader(given[0])

    def header(self, files: Iterable[tuple[str, int]] | None = None, **fields: Any) -> dict[str, Any]:
        """This source's entry in a gazetteer file's header; ``fields`` override the row's own."""
        entry: dict[str, Any] = {"id": self.id, "title": self.title, "license": self.license}
        if self.url is not None:
            entry["url"] = self.url
        entry.update(self.extra)
        entry.update(fields)
        if files is not None:
            entry["files"] = [{"name": name, "records": count} for name, count in files]
        return entry
