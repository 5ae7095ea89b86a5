"""The shipped default gazetteer as a source of the full build: its curated areas and camps, countries and capitals.

``gazetteer build`` (unless ``--no-curated``) reads the built default file and takes from it what the
public sources lack; see ``gazetteer.merge.merge_shipped``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..fileformat import GazetteerData, read_gazetteer
from .source import Source


def default_gazetteer_path() -> Path:
    """Where the shipped default gazetteer lives (it may not exist in a development checkout)."""
    return Path(str(resources.files("strikemap") / "data" / "default_gazetteer.jsonl"))


def read_shipped(path: str | Path) -> GazetteerData:
    """The places of a built gazetteer file (no boundaries)."""
    return read_gazetteer(path, with_boundaries=False)


SOURCE = Source(
    id="strikemap-default",
    title="strikemap default gazetteer: curated areas and camps, countries and capitals",
    license="see strikemap/data/LICENSES.md",
    url=None,
    reader=read_shipped,
)
