"""What a built gazetteer holds, for ``strikemap gazetteer info``: counts by governorate and kind, sources.

The sources are the file's own header entries, which the builds write from the source registry
(``gazetteer.sources.registry``): a file lists what it was built from, with the licences. An entry
without a title or licence (a file written by hand or by an older build) takes them from the registry
row of its id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ..spelling import fold
from .fileformat import GazetteerData
from .sources.registry import known_source


def _area_order(item: tuple[str, Any]) -> tuple[bool, str]:
    return (item[0] in ("(no governorate)", "outside Syria"), fold(item[0]))


def _source_summary(entry: dict[str, Any], *, shipped_default: bool) -> dict[str, Any]:
    row = known_source(str(entry.get("id")), shipped_default=shipped_default)
    return {
        "id": entry.get("id"),
        "title": entry.get("title") or (row.title if row else None),
        "license": entry.get("license") or (row.license if row else None),
    }


def summarize_gazetteer(data: GazetteerData, *, path: str | None = None) -> dict[str, Any]:
    """Counts of places by governorate and kind, with the sources and their licences.

    Parameters
    ----------
    data
        A gazetteer as read by ``gazetteer.fileformat.read_gazetteer``.
    path
        Shown as ``path`` in the summary.

    Returns
    -------
    dict
        ``{"path", "name", "places", "boundaries", "by_kind", "by_admin1": {admin1: {kind: n}},
        "sources": [{"id", "title", "license"}]}``.
    """
    by_admin1: dict[str, Counter[str]] = defaultdict(Counter)
    for place in data.places:
        area = "outside Syria" if place.country != "SY" else place.admin1 or "(no governorate)"
        by_admin1[area][place.kind] += 1
    return {
        "path": path,
        "name": data.header.get("name"),
        "places": len(data.places),
        "boundaries": len(data.boundaries),
        "by_kind": dict(sorted(Counter(p.kind for p in data.places).items())),
        "by_admin1": {k: dict(sorted(v.items())) for k, v in sorted(by_admin1.items(), key=_area_order)},
        "sources": [
            _source_summary(s, shipped_default=data.header.get("name") == "default")
            for s in data.header.get("sources", [])
        ],
    }
