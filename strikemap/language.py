"""The language of a report, told by the script its letters are written in.

A report is ``"ar"`` when at least ``ARABIC_MIN`` (80 %) of its letters are Arabic script, ``"en"``
when at most ``LATIN_MAX_ARABIC`` (20 %) are, and ``"mixed"`` in between. Only letters count
(digits, punctuation, spaces and symbols do not), so a date, a figure or a URL changes nothing.
Why these thresholds: an English wire story that quotes an Arabic name in brackets ("Kafranbel
(كفرنبل)") stays well under 20 %, and an Arabic civil-defence post that writes "SOHR", "HTS" or
a hashtag in Latin letters stays well over 80 %; a report that is really written in both (an Arabic
post with an English translation below it) falls in between. A text with no letters at all is
``"en"``, the language the rest of the pipeline assumes.

Letters of other scripts (Cyrillic, Greek, …) are counted with the Latin ones: the pipeline reads
them with its English readers or not at all.
"""

from __future__ import annotations

import re

__all__ = ["ARABIC_MIN", "LATIN_MAX_ARABIC", "arabic_share", "detect_language"]

# Share of letters in Arabic script at and above which a report is Arabic.
ARABIC_MIN = 0.8
# Share of letters in Arabic script at and below which a report is English.
LATIN_MAX_ARABIC = 0.2

# Blocks of Arabic script: Arabic, Arabic Supplement, Arabic Extended-B/A, and the presentation forms.
_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_ARABIC_RUN = re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _ARABIC_BLOCKS) + "]")


def arabic_share(text: str) -> float | None:
    """The share (0–1) of the letters of ``text`` that are Arabic script; None when it has no letter.

    >>> arabic_share("غارة Kafr")
    0.5
    >>> arabic_share("2019-05-06, 12:30") is None
    True
    """
    if text.isascii():
        return None if not any(ch.isalpha() for ch in text) else 0.0
    total = sum(map(str.isalpha, text))
    arabic = sum(1 for ch in _ARABIC_RUN.findall(text) if ch.isalpha())
    return None if total == 0 else arabic / total


def detect_language(text: str) -> str:
    """``"ar"``, ``"en"`` or ``"mixed"`` by the share of Arabic-script letters (see the module notes).

    >>> detect_language("استشهد ثلاثة مدنيين بقصف على كفرنبل")
    'ar'
    >>> detect_language("Jets struck Kafranbel (كفرنبل) on Monday.")
    'en'
    >>> detect_language("Jets struck Kafranbel. قصف الطيران الحربي كفرنبل")
    'mixed'
    """
    share = arabic_share(text)
    if share is None or share <= LATIN_MAX_ARABIC:
        return "en"
    if share >= ARABIC_MIN:
        return "ar"
    return "mixed"
