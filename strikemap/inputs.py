"""Reading reports: files, folders, standard input; encodings, HTML, size limits.

Every input becomes either a ``Document`` (text to process) or an ``InputProblem`` (one line
saying why it cannot be used), so that one bad file in a folder never stops the others.

Decoding: a BOM decides (UTF-8, UTF-16); else strict UTF-8; else Windows-1256 when most
non-ASCII bytes decode to Arabic letters; else Windows-1252 (a superset of Latin-1 for text).
HTML pages are reduced to their visible text (script and style dropped, block elements end lines).
"""

from __future__ import annotations

import codecs
import enum
import errno
import os
import re
import select
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .sanitize import clean_text

MAX_BYTES = 10_000_000
SUFFIXES = (".txt", ".md", ".html", ".htm", ".text")
_SNIFF = 8192
_CHUNK = 1 << 20
TIMEOUT_ENV = "STRIKEMAP_READ_TIMEOUT"
DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class Document:
    """One report's text and where it came from."""

    source: str
    text: str


class ProblemKind(enum.Enum):
    """Why an input gave nothing: programs branch on this, never on a message's text."""

    MISSING = "missing"  # no such file or folder, or a broken link
    UNREADABLE = "unreadable"  # the operating system refused (permissions, a device error, a timeout)
    TOO_LARGE = "too-large"  # over the size limit
    EMPTY = "empty"  # no text in it
    NOT_TEXT = "not-text"  # binary data
    EMPTY_FOLDER = "empty-folder"  # a folder with no report files
    URL = "url"  # a web address: strikemap does not download reports
    BAD_EVENT_FILE = "bad-event-file"  # an event file (GeoJSON, GeoPackage, CSV) that cannot be read as events


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be read: its kind (for programs) and a one-line reason (for people)."""

    source: str
    message: str
    kind: ProblemKind = ProblemKind.UNREADABLE


def shown(name: str | os.PathLike[str]) -> str:
    """A file name fit to print and to store: bytes that are not UTF-8 become U+FFFD."""
    return os.fspath(name).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_timeout() -> float:
    """Seconds to wait for data from a FIFO or device: ``$STRIKEMAP_READ_TIMEOUT``, else 60."""
    try:
        value = float(os.environ.get(TIMEOUT_ENV, "") or DEFAULT_TIMEOUT)
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


class InputTooLarge(ValueError):
    """More bytes than the cap."""


def _too_large(max_bytes: int, size: int | None = None) -> str:
    what = f"file is {size / 1e6:.1f} MB, over" if size is not None else "input is over"
    return f"{what} the {max_bytes / 1e6:.0f} MB limit for one report; split it into one report per file"


def read_fd(fd: int, *, max_bytes: int, timeout: float | None = None) -> bytes:
    """At most ``max_bytes`` from ``fd`` (whatever it is: file, pipe, FIFO, device, socket).

    Raises ``InputTooLarge`` past the cap (having read ``max_bytes + 1`` bytes at most), and
    ``TimeoutError`` when ``timeout`` is given and no data came for that long (a FIFO with no writer).
    """
    data = bytearray()
    poller = None
    if timeout is not None:
        poller = select.poll()
        poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
    while True:
        if poller is not None and not poller.poll(int(timeout * 1000) if timeout else None):
            raise TimeoutError(f"no data within {timeout:g} s (a FIFO with no writer?)")
        try:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - len(data)))
        except BlockingIOError:
            continue
        if not chunk:
            return bytes(data)
        data += chunk
        if len(data) > max_bytes:
            raise InputTooLarge(_too_large(max_bytes))


def read_stdin(*, max_bytes: int = MAX_BYTES) -> bytes:
    """Standard input, at most ``max_bytes`` (``InputTooLarge`` past them)."""
    stream = sys.stdin.buffer if sys.stdin is not None else None
    if stream is None:
        return b""
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # replaced by an object with no descriptor (tests)
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputTooLarge(_too_large(max_bytes)) from None
        return data
    return read_fd(fd, max_bytes=max_bytes)


def read_path(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, timeout: float | None = None) -> bytes:
    """The bytes of one input path, bounded: the one reader every input goes through.

    A regular file over the cap is refused from its size; anything else (a FIFO, ``<(command)``, a
    device such as /dev/zero) is read up to ``max_bytes + 1`` bytes and refused past them. A FIFO or
    device that gives no data within ``timeout`` seconds (default :func:`read_timeout`) is refused.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", os.fspath(path))
        if stat.S_ISREG(st.st_mode):
            if st.st_size > max_bytes:
                raise InputTooLarge(_too_large(max_bytes, st.st_size))
            os.set_blocking(fd, True)
            return read_fd(fd, max_bytes=max_bytes)
        return read_fd(fd, max_bytes=max_bytes, timeout=read_timeout() if timeout is None else timeout)
    finally:
        os.close(fd)


def url_problem(raw: str) -> str | None:
    """The message for an input that is a web address, not a file (strikemap never downloads reports)."""
    if not raw.lower().startswith(("http://", "https://", "ftp://")):
        return None
    return (f"{raw}: a web address, not a file; strikemap does not download reports: save the page first, "
            f"e.g. curl -L -o report.html '{raw}', then give report.html")


def walk_reports(folder: Path) -> tuple[list[Path], list[InputProblem]]:
    """Report files under ``folder`` (recursively, sorted), and every subfolder or link that cannot be read."""
    files: list[Path] = []
    problems: list[InputProblem] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else folder
        problems.append(InputProblem(shown(where), f"cannot read folder: {exc.strerror or exc}",
                                     ProblemKind.UNREADABLE))

    for root, _dirs, names in os.walk(folder, onerror=unreadable):
        for name in names:
            path = Path(root) / name
            if path.suffix.lower() not in SUFFIXES:
                continue
            if path.is_file():
                files.append(path)
            elif path.is_symlink():
                problems.append(InputProblem(shown(path), f"broken link (to {shown(os.readlink(path))}): "
                                                          "its target is missing or loops", ProblemKind.MISSING))
    return sorted(files), sorted(problems, key=lambda p: p.source)


def iter_documents(paths: Iterable[str], *, max_bytes: int = MAX_BYTES) -> Iterator[Document | InputProblem]:
    """Documents from files, folders (recursively, ``*.txt *.md *.html``) and ``-`` (stdin), in order.

    Every input is read through one bounded reader (see :func:`read_path`); every file, folder or link
    that cannot be read becomes an ``InputProblem``. Sources are names fit to print (see :func:`shown`).
    """
    for raw in paths:
        if raw == "-":
            try:
                data = read_stdin(max_bytes=max_bytes)
            except InputTooLarge as exc:
                yield InputProblem("<stdin>", str(exc), ProblemKind.TOO_LARGE)
                continue
            except OSError as exc:
                yield InputProblem("<stdin>", f"cannot read: {exc.strerror or exc}")
                continue
            yield read_bytes_document("<stdin>", data, max_bytes=max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            files, problems = walk_reports(path)
            yield from problems
            if not files and not problems:
                yield InputProblem(shown(raw), f"folder has no report files ({', '.join(SUFFIXES)})",
                                   ProblemKind.EMPTY_FOLDER)
            for file in files:
                yield read_document(file, max_bytes=max_bytes)
        elif path.exists():
            yield read_document(path, max_bytes=max_bytes)
        elif path.is_symlink():
            yield InputProblem(shown(raw), f"broken link (to {shown(os.readlink(path))}): its target is missing",
                               ProblemKind.MISSING)
        else:
            yield InputProblem(shown(raw), "no such file or folder", ProblemKind.MISSING)


def read_document(path: Path, *, max_bytes: int = MAX_BYTES) -> Document | InputProblem:
    """Read one report file; never raises for a bad file."""
    source = shown(path)
    try:
        data = read_path(path, max_bytes=max_bytes)
    except InputTooLarge as exc:
        return InputProblem(source, str(exc), ProblemKind.TOO_LARGE)
    except TimeoutError as exc:
        return InputProblem(source, f"cannot read: {exc}")
    except OSError as exc:
        return InputProblem(source, f"cannot read: {exc.strerror or exc}")
    return read_bytes_document(source, data, max_bytes=max_bytes, html=path.suffix.lower() in (".html", ".htm"))


def read_bytes_document(
    source: str, data: bytes, *, max_bytes: int = MAX_BYTES, html: bool = False
) -> Document | InputProblem:
    """Decode raw bytes into a Document, or say why they are not a report."""
    if len(data) > max_bytes:
        return InputProblem(source, _too_large(max_bytes), ProblemKind.TOO_LARGE)
    if not data.strip():
        return InputProblem(source, "empty input: no text to read", ProblemKind.EMPTY)
    text = decode(data)
    if text is None:
        return InputProblem(source, "binary data, not text: give plain text, Markdown or HTML reports",
                            ProblemKind.NOT_TEXT)
    if html or _looks_like_html(text):
        text = html_to_text(text)
    text = clean_text(text)
    if not text.strip():
        return InputProblem(source, "no readable text in the input", ProblemKind.EMPTY)
    return Document(clean_text(source), text)


def decode(data: bytes) -> str | None:
    """Bytes to text by BOM, UTF-8, Windows-1256 or Windows-1252; None for binary data."""
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, encoding in boms:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    head = data[:_SNIFF]
    if b"\x00" in head:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
    controls = sum(1 for c in text[:_SNIFF] if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > max(8, len(text[:_SNIFF]) // 50):
        return None
    return text


def _decode_legacy(data: bytes) -> str:
    arabic = data.decode("cp1256", errors="replace")
    high = [c for c in arabic if ord(c) > 127]
    if high and sum(1 for c in high if "\u0600" <= c <= "\u06ff") / len(high) > 0.6:
        return arabic
    return data.decode("cp1252", errors="replace")


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


class _TextExtractor(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
                        "header", "footer", "blockquote", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block per line."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\f\v]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()
