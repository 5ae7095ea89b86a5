"""GeoPackage event files (the ``events`` layer, or the only one) read back to events."""

from __future__ import annotations

import warnings as pywarnings
from pathlib import Path

from ..errors import EventFileError
from ..models import StrikeEvent
from .rows import RowReader

__all__ = ["read_gpkg"]


def read_gpkg(path: Path, reader: RowReader) -> list[StrikeEvent]:
    """The events of the ``events`` layer (or the only layer) of a GeoPackage, in EPSG:4326."""
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    name = reader.path
    with pywarnings.catch_warnings():
        # GDAL warns about GeoPackages not named *.gpkg; the content was checked already
        pywarnings.simplefilter("ignore", RuntimeWarning)
        try:
            layers = [str(layer) for layer, _ in pyogrio.list_layers(path)]
            if "events" in layers:
                layer = "events"
            elif len(layers) == 1:
                layer = layers[0]
            else:
                found = ", ".join(layers) or "none"
                raise EventFileError(f"{name}: no layer 'events' and not exactly one layer (found: {found})")
            frame = pyogrio.read_dataframe(path, layer=layer, fid_as_index=True)
        except (DataSourceError, DataLayerError) as exc:
            detail = " ".join(str(exc).split())
            raise EventFileError(f"{name}: not a readable GeoPackage ({detail}); truncated or damaged?") from None
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs("EPSG:4326")
    columns = [str(c).lower() for c in frame.columns]
    geometry = frame.geometry
    events = []
    for n, (fid, values) in enumerate(zip(frame.index, frame.itertuples(index=False, name=None), strict=True), 1):
        where = f"{name}: layer {layer}, fid {fid}"
        row = dict(zip(columns, values, strict=True))
        point = geometry.iloc[n - 1]
        if point is not None and not point.is_empty:
            if point.geom_type != "Point":
                raise EventFileError(f"{where}: geometry is {point.geom_type}, expected a Point")
            row["longitude"], row["latitude"] = point.x, point.y
        events.append(reader.event(row, where, n))
    return events
