"""Untrusted text made harmless at the edges: control characters on the way in, formulas on the way out.

Report text, file names and event-file fields come from people strikemap's users do not control.

- :func:`clean_text` removes the control characters (Unicode category ``Cc``) other than newline and
  tab from text as it enters the program; ``\\r\\n`` and a lone ``\\r`` become ``\\n``.
- :func:`defuse_cell` and :func:`restore_cell` are the one rule for spreadsheet cells (OWASP's "CSV
  injection" advice): a text cell that a spreadsheet would read as a formula, one starting with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return, is written with a leading ``'``, which Excel and
  LibreOffice show as text and do not evaluate. A cell that is a plain number (``-36.5``) is left alone:
  it is a number, not a formula. Text that already starts with ``'`` before such a character gets one
  more, so :func:`restore_cell` (used when strikemap reads a CSV back) can remove exactly one and every
  text survives the round trip.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_TRIGGERS", "clean_text", "defuse_cell", "restore_cell"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# C0 controls but tab and newline, DEL, and the C1 controls.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def clean_text(text: str) -> str:
    """Text without control characters other than newline and tab; every line break a ``\\n``.

    Examples
    --------
    >>> clean_text("Kafr\\x00 Nabl\\r\\nstruck\\x1b[31m\\x85")
    'Kafr Nabl\\nstruck[31m'
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)


def _is_number(text: str) -> bool:
    return _NUMBER.fullmatch(text) is not None


def defuse_cell(text: str) -> str:
    """A text cell that no spreadsheet evaluates: a leading ``'`` before a formula trigger.

    Examples
    --------
    >>> defuse_cell('=HYPERLINK("http://x.invalid","click")')
    '\\'=HYPERLINK("http://x.invalid","click")'
    >>> defuse_cell("-36.5"), defuse_cell("Kafr Nabl")
    ('-36.5', 'Kafr Nabl')
    """
    if text and text.lstrip("'").startswith(FORMULA_TRIGGERS) and not _is_number(text):
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """The text :func:`defuse_cell` was given: exactly its leading ``'`` removed.

    Examples
    --------
    >>> restore_cell("'=1+2"), restore_cell("'quoted'")
    ('=1+2', "'quoted'")
    """
    if text.startswith("'") and text[1:].lstrip("'").startswith(FORMULA_TRIGGERS) and not _is_number(text[1:]):
        return text[1:]
    return text
