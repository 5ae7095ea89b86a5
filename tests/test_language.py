"""detect_language: a report's language by the share of its letters in Arabic script."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strikemap.language import ARABIC_MIN, LATIN_MAX_ARABIC, arabic_share, detect_language
from tests.arabic.golden import reports, text_of

CASES = [
    ("استشهد ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل", "ar"),
    # Latin acronyms, a hashtag, digits and a URL inside an Arabic post leave it Arabic.
    ("#إدلب | وثق المرصد السوري SOHR استشهاد ٥ مدنيين في غارات على معرة النعمان https://t.co/x", "ar"),
    ("قصفت هيئة تحرير الشام HTS مواقع قوات النظام في ريف حماة الشمالي", "ar"),
    ("Russian jets struck Kafranbel on Monday, killing three civilians.", "en"),
    # An Arabic name in brackets leaves an English report English.
    ("Regime helicopters dropped barrel bombs on Kafranbel (كفرنبل), killing two children.", "en"),
    ("Regime artillery shelled Kansafra. قصف مدفعي لقوات النظام على بلدة كنصفرة", "mixed"),
    ("", "en"),
    ("2019-05-06 12:30 — 3/5", "en"),
    # Presentation forms (old PDFs, some feeds) are Arabic script too.
    ("\ufee3\ufeae\ufedb\ufeb0 \ufedf\ufee0\ufeaa\ufed3\ufe8e\ufec9", "ar"),
    # Cyrillic counts with Latin: not Arabic.
    ("Российские самолёты нанесли удар", "en"),
]


@pytest.mark.parametrize(("text", "language"), CASES)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_thresholds_at_their_edges() -> None:
    # 8 Arabic letters and 2 Latin ones: 80 %, Arabic; 2 of 10: 20 %, English; 5 of 10: mixed.
    assert arabic_share("كفرنبلحا ab") == pytest.approx(0.8)
    assert ARABIC_MIN == 0.8 and LATIN_MAX_ARABIC == 0.2
    assert detect_language("كفرنبلحا ab") == "ar"
    assert detect_language("كف abcdefgh") == "en"
    assert detect_language("كفرنب abcde") == "mixed"
    assert detect_language("كفرنبلحا abc") == "mixed"  # 8/11 is under 80 %


def test_arabic_share_counts_letters_only() -> None:
    assert arabic_share("٣ شهداء، 12 جريحاً!!!") == 1.0
    assert arabic_share("...123") is None


@pytest.mark.parametrize("report", reports(), ids=lambda r: r["slug"])
def test_golden_reports_have_their_language(report: dict[str, object]) -> None:
    slug = str(report["slug"])
    assert detect_language(text_of(slug)) == report["language"]
    if report["english"]:
        assert detect_language(text_of(slug, "en")) == "en"


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_any_text_has_one_of_three_languages(text: str) -> None:
    share = arabic_share(text)
    assert share is None or 0.0 <= share <= 1.0
    assert detect_language(text) in ("ar", "en", "mixed")


@given(st.text())
def test_arabic_share_agrees_with_counting_letter_by_letter(text: str) -> None:
    from strikemap.language import _ARABIC_BLOCKS, arabic_share

    def is_arabic(ch: str) -> bool:
        return any(lo <= ord(ch) <= hi for lo, hi in _ARABIC_BLOCKS)

    letters = [ch for ch in text if ch.isalpha()]
    slow = None if not letters else sum(map(is_arabic, letters)) / len(letters)
    assert arabic_share(text) == slow
