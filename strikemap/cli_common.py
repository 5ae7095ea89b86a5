"""What every command shares: the error boundary, gazetteer choice, output writing.

This is the only place that turns exceptions into ``error: ...`` lines and exit codes.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from .errors import StrikemapError

F = TypeVar("F", bound=Callable[..., Any])

GAZETTEER_HELP = (
    "A built gazetteer file (from 'strikemap gazetteer build'). "
    "Default: $STRIKEMAP_GAZETTEER, else the shipped default gazetteer."
)


def url_problem(raw: str) -> str | None:
    """The message for an input that is a web address, not a file (strikemap never downloads reports)."""
    if not raw.lower().startswith(("http://", "https://", "ftp://")):
        return None
    return (f"{raw}: a web address, not a file; strikemap does not download reports: save the page first, "
            f"e.g. curl -L -o report.html '{raw}', then give report.html")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one ``error:`` line and return the Exit to raise."""
    first_line = " ".join(str(message).split())
    typer.echo(f"error: {first_line}", err=True)
    return typer.Exit(code)


def error_boundary(func: F) -> F:
    """Run a command; turn strikemap, OS and interrupt errors into one ``error:`` line."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except StrikemapError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted; no partial output was kept", 130) from None
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except MemoryError:
            raise fail("out of memory; split the input into smaller files", 1) from None
        except OSError as exc:
            name = f" {exc.filename}" if exc.filename else ""
            raise fail(f"cannot access{name}: {exc.strerror or exc}", 2) from None

    return wrapper  # type: ignore[return-value]


def write_output(text: str | bytes, output: Path | None) -> None:
    """Write to ``output`` atomically, or to standard output when it is None or '-'."""
    if output is None or str(output) == "-":
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
        return
    from .gazetteer_file import atomic_path

    with atomic_path(output) as tmp:
        if isinstance(text, bytes):
            tmp.write_bytes(text)
        else:
            tmp.write_text(text, encoding="utf-8")
