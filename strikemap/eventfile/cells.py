"""One cell of an event file as a Python value: text, a number, a count or an ISO date.

A value that cannot be used is an :class:`~strikemap.errors.EventFileError` naming the row (``where``).
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from ..errors import EventFileError
from ..values import is_missing

__all__ = ["cell_count", "cell_date", "cell_number", "cell_text", "short_repr"]

NULL_WORDS = frozenset({"", "na", "n/a", "nan", "null", "none"})

MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ \-/]([A-Za-z]+)\.?[ \-/,]+(\d{2}|\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")


def cell_text(value: Any) -> str | None:
    """A cell as text (a whole float without its ``.0``); None when missing or empty."""
    if is_missing(value):
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "item"):
        return cell_text(value.item())
    return str(value)


def short_repr(value: Any, width: int = 40) -> str:
    """``repr(value)`` cut to ``width`` characters: a hostile cell must not flood the message."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def cell_number(value: Any, name: str, where: str) -> float | None:
    """A cell as a finite number; None when missing or a null word; an error naming ``where`` otherwise."""
    if is_missing(value):
        return None
    if isinstance(value, bool):
        raise EventFileError(f"{where}: {name} {short_repr(value)} is not a number")
    if isinstance(value, str):
        if value.strip().lower() in NULL_WORDS:
            return None
        try:
            number = float(value.strip().replace("\u2212", "-"))
        except ValueError:
            raise EventFileError(f"{where}: {name} {short_repr(value)} is not a number") from None
    else:
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise EventFileError(f"{where}: {name} {short_repr(value)} is not a number") from None
    if math.isnan(number):
        return None
    if math.isinf(number):
        raise EventFileError(f"{where}: {name} {short_repr(value)} is not a finite number")
    return number


def cell_count(value: Any, name: str, where: str) -> int | None:
    """A cell as a whole number >= 0 (see :func:`cell_number`)."""
    number = cell_number(value, name, where)
    if number is None:
        return None
    if not number.is_integer() or number < 0:
        raise EventFileError(f"{where}: {name} {short_repr(value)} is not a whole number >= 0")
    return int(number)


def cell_date(value: Any) -> str | None:
    """An ISO date from ISO text, ``12 May 2019``, ``12-May-19``, ``May 12, 2019`` or a date object."""
    if is_missing(value):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return str(value.to_pydatetime().date().isoformat())
    text = str(value).strip()
    if not text:
        return None
    parts: tuple[str, str, str] | None = None
    if match := _ISO_DATE.match(text):
        parts = (match[1], str(int(match[2])), match[3])
    elif match := _DAY_MONTH_YEAR.match(text):
        month = MONTHS.get(match[2].lower())
        if month:
            year = match[3] if len(match[3]) == 4 else f"20{match[3]}"
            parts = (year, str(month), match[1])
    elif match := _MONTH_DAY_YEAR.match(text):
        month = MONTHS.get(match[1].lower())
        if month:
            parts = (match[3], str(month), match[2])
    if parts is None:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        return None
