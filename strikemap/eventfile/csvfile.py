"""CSV event files, ours and ACLED's: records checked for shape and encoding, read back to events."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ..errors import EventFileError
from ..models import StrikeEvent
from ..sanitize import restore_cell
from .acled import acled_fields
from .rows import RowReader

__all__ = ["csv_rows", "delimiter", "header_fields", "read_acled", "read_csv"]


def header_fields(text: str) -> list[str]:
    first = text.split("\n", 1)[0].strip("\r")
    separator = delimiter(first)
    try:
        row = next(csv.reader([first], delimiter=separator))
    except (csv.Error, StopIteration):
        return []
    return [cell.strip().lower() for cell in row]


def delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_rows(data: bytes, path: str) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, row)`` for each record of a CSV, keys lower-cased; checks shape and encoding."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EventFileError(f"{path}:{line}: not UTF-8 text; save the CSV as UTF-8") from None
    if "\x00" in text:
        raise EventFileError(f"{path}: binary data in a CSV; the file is damaged or not a CSV")
    first = text.split("\n", 1)[0].strip("\r")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(first), strict=True)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        raise EventFileError(f"{path}: empty CSV, expected a header row") from None
    except csv.Error as exc:
        raise EventFileError(f"{path}:1: malformed CSV header ({exc})") from None
    if len(set(header)) != len(header):
        duplicates = sorted({h for h in header if header.count(h) > 1})
        raise EventFileError(f"{path}:1: repeated column(s) {', '.join(duplicates)} in the header")
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            what = "truncated" if "end of data" in str(exc) else "malformed"
            raise EventFileError(f"{path}:{line}: {what} CSV record ({exc})") from None
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue
        if len(cells) > len(header) and not any(c.strip() for c in cells[len(header):]):
            cells = cells[: len(header)]
        if len(cells) != len(header):
            hint = "truncated?" if len(cells) < len(header) else "an unquoted delimiter in a value?"
            raise EventFileError(f"{path}:{line}: {len(cells)} fields, the header has {len(header)} ({hint})")
        # Cells defused against spreadsheet formulas (by strikemap or by the same rule) are restored.
        yield line, dict(zip(header, (restore_cell(c) for c in cells), strict=True))


def read_csv(data: bytes, reader: RowReader) -> list[StrikeEvent]:
    """The events of a CSV with our column names."""
    rows = enumerate(csv_rows(data, reader.path), 1)
    return [reader.event(row, f"{reader.path}:{line}", n) for n, (line, row) in rows]


def read_acled(data: bytes, reader: RowReader) -> list[StrikeEvent]:
    """The events of an ACLED CSV export."""
    return [
        reader.event(acled_fields(row), f"{reader.path}:{line}", n)
        for n, (line, row) in enumerate(csv_rows(data, reader.path), 1)
    ]
