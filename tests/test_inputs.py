"""Reading reports: the bad-input matrix for text files, folders and encodings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strikemap.inputs import Document, InputProblem, decode, html_to_text, iter_documents, read_document

REPORT = "IDLIB — Jets struck the market in Maarat al-Numan on Tuesday, killing five civilians."
ARABIC = "قصف الطيران الروسي مدينة جسر الشغور في ريف إدلب"


def one(path: Path) -> Document | InputProblem:
    [doc] = list(iter_documents([str(path)]))
    return doc


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", REPORT),
        ("utf-8-sig", REPORT),
        ("utf-16", REPORT + " " + ARABIC),  # with BOM
        ("cp1256", ARABIC),
        ("latin-1", "Frappes aériennes à Maarat al-Numan, près d'Idleb."),
        ("cp1252", "Strikes hit Ma’arrat al-Nu’man — “a massacre”, said residents."),
    ],
)
def test_encodings_are_read(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    doc = one(path)
    assert isinstance(doc, Document)
    assert doc.text == text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (bytes(range(1, 32)) * 40, "binary"),
        (b"<html><head><script>alert(1)</script></head><body></body></html>", "no readable text"),
    ],
)
def test_unusable_files_get_a_one_line_reason(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    problem = one(path)
    assert isinstance(problem, InputProblem)
    assert message in problem.message and "\n" not in problem.message


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50_000_000)  # 50 MB, sparse: nothing is read to refuse it
    problem = one(path)
    assert isinstance(problem, InputProblem)
    assert "50.0 MB" in problem.message and "split" in problem.message


def test_missing_path() -> None:
    problem = one(Path("/nonexistent/report.txt"))
    assert isinstance(problem, InputProblem) and "no such file" in problem.message


def test_html_page_becomes_its_visible_text(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>News</title><style>p{color:red}</style></head><body>"
        "<nav>Home</nav><article><h1>Strikes on Idlib</h1><p>Jets hit <b>Saraqib</b> &amp; Sarmin.</p>"
        "<script>var x = 'Aleppo';</script><p>Five died.</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc = one(path)
    assert isinstance(doc, Document)
    assert "Jets hit Saraqib & Sarmin." in doc.text and "Five died." in doc.text
    assert "Aleppo" not in doc.text and "color" not in doc.text and "<" not in doc.text


def test_html_sniffed_in_a_txt_file() -> None:
    assert html_to_text("<html><body><p>a</p><p>b</p></body></html>") == "a\n\nb"


def test_markdown_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("# Strikes\n\n*Jets* hit [Ariha](http://x).\n", encoding="utf-8")
    doc = one(path)
    assert isinstance(doc, Document) and "Ariha" in doc.text


def test_folder_is_read_recursively_in_order_and_one_bad_file_does_not_stop_the_rest(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b" / "c.md").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b" / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")  # not a report suffix: not read at all
    results = list(iter_documents([str(tmp_path)]))
    assert [Path(r.source).name for r in results] == ["a.txt", "c.md", "empty.txt"]
    assert [type(r).__name__ for r in results] == ["Document", "Document", "InputProblem"]


def test_empty_folder_is_a_problem(tmp_path: Path) -> None:
    [problem] = list(iter_documents([str(tmp_path)]))
    assert isinstance(problem, InputProblem) and "no report files" in problem.message


def test_crlf_newlines_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(b"line one\r\nline two\r")
    doc = read_document(path)
    assert isinstance(doc, Document) and doc.text == "line one\nline two\n"


@given(st.binary(max_size=2000))
def test_decode_never_raises(data: bytes) -> None:
    result = decode(data)
    assert result is None or isinstance(result, str)
