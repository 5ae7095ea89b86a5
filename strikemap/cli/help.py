"""Help text that wraps at spaces only: never inside a path, a file name or a hyphenated word.

click's formatter breaks words at hyphens and breaks words longer than a line, so
``whosonfirst-data-admin-sy.tar.gz`` came out as ``whosonfirst-`` / ``data-admin-sy.tar.gz``, which
cannot be copied. The classes here keep click's layout (paragraphs, a ``\\b`` line before a block
that must not be rewrapped, the two-column option list) and wrap with ``break_on_hyphens=False``
and ``break_long_words=False``: a word longer than the line stands on a line of its own.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import typer.core

# typer carries its own copy of click: extend the classes it uses, not those of the click package.
_BaseContext = typer.core.TyperCommand.context_class
_BaseFormatter = _BaseContext.formatter_class

__all__ = ["HelpCommand", "HelpGroup", "wrap_help"]


def _paragraphs(text: str) -> list[tuple[int, bool, list[str]]]:
    """(indent, keep as is, lines) per paragraph, as click's ``wrap_text`` splits them."""
    found: list[tuple[int, bool, list[str]]] = []
    lines: list[str] = []
    for line in [*text.expandtabs().splitlines(), ""]:
        if line.strip():
            lines.append(line)
            continue
        if lines:
            raw = lines[0].strip() == "\b"
            body = lines[1:] if raw else lines
            indent = len(body[0]) - len(body[0].lstrip()) if body else 0
            found.append((indent, raw, body))
        lines = []
    return found


def wrap_help(text: str, width: int, indent: str = "") -> str:
    """``text`` wrapped to ``width`` at spaces only, each paragraph keeping its own indentation.

    Examples
    --------
    >>> print(wrap_help("--ocha sources/ocha-cod-ab/en_hno_2019.json", 20))
    --ocha
    sources/ocha-cod-ab/en_hno_2019.json
    """
    out = []
    for own, raw, lines in _paragraphs(text):
        if raw:
            out.append("\n".join(indent + line for line in lines))
            continue
        prefix = indent + " " * own
        words = " ".join(line.strip() for line in lines)
        out.append(textwrap.fill(words, width, initial_indent=prefix, subsequent_indent=prefix,
                                 break_long_words=False, break_on_hyphens=False))
    return "\n\n".join(out)


class _Formatter(_BaseFormatter):  # type: ignore[misc,valid-type]
    def write_text(self, text: str) -> None:
        self.write(wrap_help(text, self.width, " " * self.current_indent))
        self.write("\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if not rows:
            return
        first_col = min(max(len(first) for first, _ in rows), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_help(second, max(self.width - first_col - 2, 10)).splitlines() or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class _Context(_BaseContext):  # type: ignore[misc,valid-type]
    formatter_class = _Formatter


class HelpGroup(typer.core.TyperGroup):
    """A typer group (the app, ``strikemap gazetteer``) whose help wraps at spaces only."""

    context_class = _Context


class HelpCommand(typer.core.TyperCommand):
    """A typer command whose help wraps at spaces only."""

    context_class = _Context
