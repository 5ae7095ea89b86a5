"""What ``strikemap geocode`` and ``strikemap events`` share: reading the reports, and progress.

A bad file in a folder is reported as ``error: <file>: <why>`` and the others are still processed; the
output is then written and the exit status is 1 (2 with ``--strict``, and 2 when no input could be read:
then nothing is written, an existing ``-o`` file is left as it was).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from .boundary import check_inputs, fail, say

if TYPE_CHECKING:
    from ..api import Notice

# Show a progress counter on a terminal from this many reports on.
PROGRESS_FROM = 5


def print_notice(notice: Notice) -> None:
    """One ``error:`` or ``warning:`` line on standard error."""
    say(f"{notice.level}: {notice.text}")


def read_report_inputs(paths: list[str] | None, *, strict: bool) -> tuple[list[tuple[str, str]], int]:
    """The readable reports as ``(source, text)`` and how many inputs failed (each reported as it is met).

    Stops before any work when nothing could be read, or when ``strict`` and something failed.
    """
    from ..api import read_reports

    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            raise fail("give report files or folders, or pipe a report on standard input ('-')")
        paths = ["-"]
    reports = read_reports(paths, on_notice=print_notice)
    check_inputs(len(reports.problems), len(reports.documents), strict=strict)
    return reports.documents, len(reports.problems)


def progress_counter(total: int) -> Callable[[int, int], None] | None:
    """A ``reading reports: done/total`` counter on a terminal, for runs of ``PROGRESS_FROM`` reports or more."""
    if total < PROGRESS_FROM or sys.stderr is None or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        sys.stderr.write(f"\rreading reports: {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def parse_date(value: str | None) -> dt.date | None:
    """``--date YYYY-MM-DD``."""
    if value is None:
        return None
    from ..dates import iso_date

    day = iso_date(value)
    if day is None:
        raise fail(f"--date {value!r} is not a date: use YYYY-MM-DD, e.g. --date 2019-05-07")
    return day
