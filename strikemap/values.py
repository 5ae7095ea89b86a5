"""Cell values as frames and files hold them: what counts as missing, and list cells.

One rule for every reader and writer (:mod:`strikemap.export`, :mod:`strikemap.eventfile`,
:mod:`strikemap.webmap`): None, NaN, ``pandas.NA`` and ``NaT`` are a missing value; a list cell is a
list, a tuple, an array, or text with the items joined by ``;`` (``%3B`` for a ``;`` inside an item).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

__all__ = ["LIST_SEPARATOR", "LIST_SEPARATOR_ESCAPE", "as_list", "is_missing", "join_list", "split_list"]

LIST_SEPARATOR = ";"
LIST_SEPARATOR_ESCAPE = "%3B"


def is_missing(value: Any) -> bool:
    """True for None, NaN (float or numpy), ``pandas.NA`` and ``NaT``: a cell with no value.

    Examples
    --------
    >>> is_missing(float("nan")), is_missing(""), is_missing(0)
    (True, False, False)
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas comes with geopandas
        return False
    if value is pd.NA or value is pd.NaT:
        return True
    # numpy scalars (np.float64 nan) and the like
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def join_list(items: Iterable[str]) -> str:
    """Items joined with ``;`` for CSV and GeoPackage cells (``;`` inside an item becomes ``%3B``).

    Examples
    --------
    >>> join_list(["hospital", "market"])
    'hospital;market'
    """
    return LIST_SEPARATOR.join(str(item).replace(LIST_SEPARATOR, LIST_SEPARATOR_ESCAPE) for item in items)


def split_list(text: str) -> list[str]:
    """The items of a list cell: ``;``-joined (as :func:`join_list` writes) or a JSON array of strings.

    Items are stripped and empty items dropped; ``%3B`` turns back into ``;``.

    Examples
    --------
    >>> split_list("hospital; market")
    ['hospital', 'market']
    >>> split_list('["school"]')
    ['school']
    """
    stripped = text.strip()
    if stripped.startswith("[") and stripped.endswith("]"):
        # GDAL writes string lists as JSON arrays in GeoPackage and CSV
        try:
            parsed = json.loads(stripped)
        except ValueError:
            parsed = None
        if isinstance(parsed, list) and all(isinstance(item, str) for item in parsed):
            return [item for item in parsed if item]
    items = (item.strip().replace(LIST_SEPARATOR_ESCAPE, LIST_SEPARATOR) for item in stripped.split(LIST_SEPARATOR))
    return [item for item in items if item]


def as_list(value: Any, *, drop_empty: bool = False) -> list[str]:
    """The items of a list cell of any kind, as text; missing items left out (and empty ones, with ``drop_empty``).

    Examples
    --------
    >>> as_list("hospital;market"), as_list(None), as_list(["a", None, ""], drop_empty=True)
    (['hospital', 'market'], [], ['a'])
    """
    if isinstance(value, str):
        return split_list(value)
    if hasattr(value, "tolist"):  # numpy arrays (list fields read by pyogrio) and numpy scalars
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if not is_missing(item) and not (drop_empty and not str(item))]
    if is_missing(value):
        return []
    return [str(value)]
