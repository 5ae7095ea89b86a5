"""What every command shares: the error boundary, exit statuses, writing to standard output and error.

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

from ..atomic import shown
from ..errors import StrikemapError

F = TypeVar("F", bound=Callable[..., Any])


# Exit statuses (README, "Exit status"): all good; some inputs failed (output written); nothing usable.
EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_FAILED = 2


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one ``error:`` line and return the Exit to raise."""
    first_line = shown(" ".join(str(message).split()))
    typer.echo(f"error: {first_line}", err=True)
    return typer.Exit(code)


def emit(data: bytes | None) -> None:
    """Standard output gets a command's result only now, once it is complete (None: it went to a file)."""
    if data is not None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def say(message: str) -> None:
    """One line on standard error, file names shown with U+FFFD for bytes that are not UTF-8."""
    typer.echo(shown(message), err=True)


def check_inputs(problems: int, usable: int, *, strict: bool, what: str = "report") -> None:
    """Stop before any output when nothing usable came in, or when --strict and something failed."""
    if not usable and problems == 1:
        raise typer.Exit(EXIT_FAILED)  # its one error line said why
    if not usable:
        raise fail(f"no {what} could be read ({problems} input(s) failed, see above); nothing written", EXIT_FAILED)
    if problems and strict:
        raise fail(f"{problems} input(s) could not be read and --strict is set; nothing written", EXIT_FAILED)


def partial_exit(problems: int) -> None:
    """Exit 1 after the output was written when some inputs failed."""
    if problems:
        raise typer.Exit(EXIT_PARTIAL)


def check_output_path(output: Path | None, inputs: list[str] | None, *, suffixes: tuple[str, ...] = ()) -> None:
    """Refuse, before any work, an ``-o`` that is a folder, a device or one of the inputs."""
    if output is None or str(output) == "-":
        return
    from ..atomic import check_output

    check_output(output, inputs=inputs or (), input_suffixes=suffixes)


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
        except KeyboardInterrupt as exc:
            signum = getattr(exc, "signum", 2)
            how = f"terminated by {exc}" if signum != 2 else "interrupted"
            raise fail(f"{how}; no partial output was kept", 128 + signum) from None
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except RecursionError:
            raise fail("the input is nested too deeply to read", 2) from None
        except MemoryError:
            raise fail("out of memory; split the input into smaller files", 1) from None
        except OSError as exc:
            name = f" {shown(exc.filename)}" if exc.filename else ""
            raise fail(f"cannot access{name}: {exc.strerror or exc}", 2) from None

    return wrapper  # type: ignore[return-value]
