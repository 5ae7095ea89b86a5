"""The registry of gazetteer sources: every ``Source`` row, in the order builds and fetches use them.

``FULL_SOURCES`` are the inputs of ``strikemap gazetteer build`` (its options, in this order) and what
``strikemap gazetteer fetch`` downloads; ``SHIPPED`` is the default gazetteer that the full build takes
its curated layer from. ``DEFAULT_SOURCES`` are what ``gazetteer/build_default.py`` builds the shipped
default from. A built file's header lists its sources from these rows, and ``gazetteer info`` shows them.
"""

from __future__ import annotations

from . import curated, geonames, geonames_cache, naturalearth, ocha, opensyria, shipped, whosonfirst
from .source import Source

FULL_SOURCES: tuple[Source, ...] = (whosonfirst.SOURCE, ocha.SOURCE, opensyria.SOURCE, geonames.SOURCE)
SHIPPED: Source = shipped.SOURCE
DEFAULT_SOURCES: tuple[Source, ...] = (geonames_cache.SOURCE, naturalearth.SOURCE, curated.SOURCE)


def build_options() -> str:
    """The options of ``gazetteer build`` that take a source, as a message lists them."""
    return ", ".join(str(s.option) for s in FULL_SOURCES)


def known_source(source_id: str, *, shipped_default: bool = False) -> Source | None:
    """The registry row of a header's source id: among the default's sources, or the full build's."""
    rows = DEFAULT_SOURCES if shipped_default else (*FULL_SOURCES, SHIPPED)
    return next((s for s in rows if s.id == source_id), None)
