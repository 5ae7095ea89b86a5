"""Writing an output file so that a failed, hostile or interrupted run destroys nothing.

Every file strikemap writes (``-o`` of every command, the gazetteer, the online cache) goes through
:func:`atomic_path`:

- the target is checked first: a folder, a device, a FIFO or one of the run's inputs is refused, a
  symbolic link is followed (the link stays, its target gets the new content);
- the content goes to ``.NAME.<pid>.part`` beside the target, with the old file's permissions, is
  flushed to disk, then renamed over the target in one step;
- on any error, Ctrl-C, SIGTERM or SIGHUP the ``.part`` file (and anything a writer staged beside it)
  is removed; after SIGKILL, which no process can catch, the next write to the same target removes the
  ``.part`` files of processes that no longer exist.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType

from .errors import InputError, NotFoundError

PART_SUFFIX = ".part"
# Signals that end a run the way Ctrl-C does: the .part file is removed on the way out.
CLEAN_SIGNALS = ("SIGTERM", "SIGHUP")

_handlers_for: int | None = None


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: unwinds like Ctrl-C so every temporary file is removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def shown(name: str | os.PathLike[str]) -> str:
    """A file name fit to print: bytes that are not UTF-8 become U+FFFD."""
    text = os.fspath(name)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if os.getpid() != _handlers_for:
        # A forked worker: die as the signal says, the parent cleans up.
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise Terminated(signum)


def install_signal_handlers() -> None:
    """Make SIGTERM and SIGHUP unwind like Ctrl-C in this process (called by the command line)."""
    global _handlers_for
    _handlers_for = os.getpid()
    for name in CLEAN_SIGNALS:
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) in (signal.SIG_DFL, None):
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                signal.signal(signum, _on_signal)


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def check_output(
    path: str | os.PathLike[str],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    input_suffixes: tuple[str, ...] = (),
) -> Path:
    """The regular file that writing ``path`` will replace: links followed, bad targets refused.

    ``inputs`` are the paths a run reads; a folder among them counts every file under it whose
    suffix is one of ``input_suffixes`` as an input too.

    Raises
    ------
    InputError
        ``path`` is a folder, a device, a FIFO or socket, or one of ``inputs``.
    NotFoundError
        The folder of ``path`` does not exist.
    """
    given = Path(path)
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"cannot write {shown(given)}: {exc.strerror or exc}") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"-o {shown(given)} is a folder: give a file name inside it")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                f"-o {shown(given)} is a device, FIFO or socket, not a regular file; strikemap writes only "
                "regular files (leave -o out to write to standard output)"
            )
        for item in inputs:
            if str(item) != "-" and _is_input(target, st, Path(item), input_suffixes):
                raise InputError(f"-o {shown(given)} is also an input: writing it would destroy the input; "
                                 "choose another output name")
    directory = target.parent
    if not directory.is_dir():
        raise NotFoundError(f"cannot write {shown(given)}: folder {shown(directory)} does not exist")
    return target


def _is_input(target: Path, st: os.stat_result, item: Path, suffixes: tuple[str, ...]) -> bool:
    try:
        if _same_file(st, os.stat(item)):
            return True
        if not (item.is_dir() and target.suffix.lower() in suffixes):
            return False
        return Path(os.path.realpath(target)).is_relative_to(os.path.realpath(item))
    except OSError:
        return False


def part_name(target: Path, pid: int | None = None) -> Path:
    """``.NAME.<pid>.part`` beside ``target``."""
    return target.with_name(f".{target.name}.{os.getpid() if pid is None else pid}{PART_SUFFIX}")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _remove_part(tmp: Path) -> None:
    """The .part file and whatever a writer staged under its name (``.part.gpkg``, ``-journal``)."""
    tmp.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        for sibling in tmp.parent.glob(f"{_glob_escape(tmp.name)}*"):
            sibling.unlink(missing_ok=True)


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def clean_stale_parts(target: Path) -> list[Path]:
    """Remove ``.NAME.<pid>.part*`` beside ``target`` left by processes that are gone; the removed files."""
    prefix = f".{target.name}."
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        rest = entry.name[len(prefix):]
        pid_text, sep, tail = rest.partition(".")
        if not (sep and pid_text.isdigit() and tail.startswith(PART_SUFFIX[1:])):
            continue
        if _pid_alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_path(
    path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends without error it replaces ``path``.

    The temporary file exists (empty) when yielded and has the permissions of the file it replaces (or
    those a plain ``open`` would give). On any exception, Ctrl-C included, it is removed and ``path`` is
    left as it was. See the module notes for what is refused.
    """
    target = check_output(path, inputs=inputs)
    clean_stale_parts(target)
    try:
        old: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        old = None
    if old is not None:
        mode = stat.S_IMODE(old.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    tmp = part_name(target)
    _remove_part(tmp)
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        yield tmp
        # A writer may have replaced the file it was given (GDAL stages under another name): set the
        # permissions now, on what will be renamed.
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fchmod(fd, mode)
            if old is not None:
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(fd, old.st_uid, old.st_gid)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        _remove_part(tmp)
        raise


def write_or_return(data: bytes, path: str | os.PathLike[str] | None) -> bytes | None:
    """Write ``data`` to ``path`` through :func:`atomic_path`; with no path (or ``-``) return it instead,
    for the caller to put on standard output once the whole result is known."""
    if path is None or str(path) == "-":
        return data
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return None
