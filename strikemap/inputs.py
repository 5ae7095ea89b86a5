"""Reading reports: files, folders, standard input; encodings, HTML, size limits.

Every input becomes either a ``Document`` (text to process) or an ``InputProblem`` (one line
saying why it cannot be used), so that one bad file in a folder never stops the others.

Decoding: a BOM decides (UTF-8, UTF-16); else strict UTF-8; else Windows-1256 when most
non-ASCII bytes decode to Arabic letters; else Windows-1252 (a superset of Latin-1 for text).
HTML pages are reduced to their visible text (script and style dropped, block elements end lines).
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .sanitize import clean_text

MAX_BYTES = 10_000_000
SUFFIXES = (".txt", ".md", ".html", ".htm", ".text")
_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class Document:
    """One report's text and where it came from."""

    source: str
    text: str


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be read, with a one-line reason."""

    source: str
    message: str


def iter_documents(paths: Iterable[str], *, max_bytes: int = MAX_BYTES) -> Iterator[Document | InputProblem]:
    """Documents from files, folders (recursively, ``*.txt *.md *.html``) and ``-`` (stdin), in order."""
    for raw in paths:
        if raw == "-":
            yield read_bytes_document("<stdin>", sys.stdin.buffer.read(max_bytes + 1), max_bytes=max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield InputProblem(raw, f"folder has no report files ({', '.join(SUFFIXES)})")
            for file in files:
                yield read_document(file, max_bytes=max_bytes)
        elif path.exists():
            yield read_document(path, max_bytes=max_bytes)
        else:
            yield InputProblem(raw, "no such file or folder")


def read_document(path: Path, *, max_bytes: int = MAX_BYTES) -> Document | InputProblem:
    """Read one report file; never raises for a bad file."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return InputProblem(
                source,
                f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one report; "
                "split it into one report per file",
            )
        data = path.read_bytes()
    except OSError as exc:
        return InputProblem(source, f"cannot read: {exc.strerror or exc}")
    return read_bytes_document(source, data, max_bytes=max_bytes, html=path.suffix.lower() in (".html", ".htm"))


def read_bytes_document(
    source: str, data: bytes, *, max_bytes: int = MAX_BYTES, html: bool = False
) -> Document | InputProblem:
    """Decode raw bytes into a Document, or say why they are not a report."""
    if len(data) > max_bytes:
        return InputProblem(source, f"input is over the {max_bytes / 1e6:.0f} MB limit for one report")
    if not data.strip():
        return InputProblem(source, "empty input: no text to read")
    text = decode(data)
    if text is None:
        return InputProblem(source, "binary data, not text: give plain text, Markdown or HTML reports")
    if html or _looks_like_html(text):
        text = html_to_text(text)
    text = clean_text(text)
    if not text.strip():
        return InputProblem(source, "no readable text in the input")
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
