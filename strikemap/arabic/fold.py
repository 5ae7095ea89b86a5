"""Arabic place mentions: folding, the clitics Arabic joins to a name, and the named areas.

Arabic writes its conjunctions, prepositions and the article as part of the next word: "وبلدة"
is "and the town of", "بريف إدلب" "in the countryside of Idlib", "لكفرنبل" "to Kafr Nabl". A
gazetteer holds "كفرنبل", so a mention finder must try the word without them: ``candidate_stems``,
and for a phrase ``name_candidates`` (a settlement word such as "بلدة" or "بلدتي" dropped too).

``fold_ar`` spells Arabic one way for the readers (here, in ``arabic_cues``, ``arabic_numbers`` and
``arabic_dates``): no tashkeel or tatweel, one alef, ة→ه, ى→ي (``normalize.ARABIC_CHAR_MAP``),
Arabic-Indic and Persian digits → ASCII, punctuation kept.

A finder must also know what is not a name: ``COMMON_WORDS_AR`` (folding makes "على" the village
name "علي"; "روسية" is a village too; see ``arabic_cues.is_common_word``) and the organisations whose
names hold a place's (``organisation_words``: "قوات سوريا الديمقراطية").

``area_of`` reads the named areas (``AREA_PHRASES_AR``: "ريف إدلب الجنوبي", "جبل الزاوية") with the
gazetteer's English name, the governorate and the direction of the region.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from ..spelling import ARABIC_CHAR_MAP

__all__ = [
    "AREA_PHRASES_AR",
    "COMMON_WORDS_AR",
    "MIN_STEM",
    "ORGANISATIONS_AR",
    "PROCLITICS",
    "SETTLEMENT_WORDS_AR",
    "Area",
    "area_of",
    "candidate_stems",
    "fold_ar",
    "name_candidates",
    "organisation_words",
]

# -- folding -------------------------------------------------------------------------------------

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
# ARABIC_CHAR_MAP (alef forms, ة, ى, Persian letters, hamza seats, tatweel) plus the digits.
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_FOLD_TABLE = str.maketrans(ARABIC_CHAR_MAP | _DIGITS | {"\u200c": "", "\u200d": "", "\u200f": "", "\u200e": ""})


@lru_cache(maxsize=50_000)
def fold_ar(text: str) -> str:
    """``text`` with Arabic spelled one way: no tashkeel or tatweel, one alef, ة→ه, ى→ي, digits ASCII.

    Punctuation and spacing are kept (the readers need sentence breaks); presentation forms are
    made plain letters (NFKC).

    >>> fold_ar("استُشهِدَ ٣ أطفالٍ في مدرسةـ")
    'استشهد 3 اطفال في مدرسه'
    """
    if text.isascii():
        return text
    return _TASHKEEL.sub("", unicodedata.normalize("NFKC", text)).translate(_FOLD_TABLE)


# -- clitics ---------------------------------------------------------------------------------------

# Proclitics in the order Arabic stacks them: a conjunction, then a preposition, then the article.
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
PROCLITICS = CONJUNCTIONS + PREPOSITIONS + ("ال",)
# A stem shorter than this is no place name ("بنش" must not yield "نش").
MIN_STEM = 3


def candidate_stems(token: str) -> list[str]:
    """The stems ``token`` may stand for with its proclitics taken off, the token itself first.

    Conjunction (و، ف), then preposition (ب، ل، ك), then the article (ال; after ل it is written لل).
    Where an article is taken off, the stem is offered with and without it ("بالبارة" → "البارة",
    "بارة"), since gazetteers spell names both ways. Longer stems come first; no stem is shorter
    than ``MIN_STEM`` letters. Tashkeel and tatweel are dropped first.

    >>> candidate_stems("وبلدة")  # "and the town"; "and with لدة" is offered too, shorter, later
    ['وبلدة', 'بلدة', 'لدة']
    >>> candidate_stems("بريف")
    ['بريف', 'ريف']
    >>> candidate_stems("لكفرنبل")
    ['لكفرنبل', 'كفرنبل']
    >>> candidate_stems("وبالبارة")
    ['وبالبارة', 'بالبارة', 'البارة', 'بارة']
    >>> candidate_stems("للمدينة")
    ['للمدينة', 'المدينة', 'مدينة']
    """
    word = _TASHKEEL.sub("", token).replace("\u0640", "")
    out: list[str] = [word]

    def add(stem: str) -> None:
        if len(stem) >= MIN_STEM and stem not in out:
            out.append(stem)

    rests = [word]
    if word[:1] in CONJUNCTIONS:
        rests.append(word[1:])
    for rest in list(rests):
        add(rest)
        if rest[:2] == "لل":  # ل + ال: "للمدينة" is "to the town"
            add("ال" + rest[2:])
            add(rest[2:])
            continue
        if rest[:1] in PREPOSITIONS:
            add(rest[1:])
            rest = rest[1:]
        if rest[:2] == "ال":
            add(rest[2:])
    return sorted(out, key=lambda s: (s != word, -len(s)))


# Words for a kind of settlement before its name: "وبلدة كفرنبل" names كفرنبل.
SETTLEMENT_WORDS_AR = frozenset(
    "بلدة بلدات بلدتي قرية قرى قريتي مدينة مدن مدينتي حي أحياء منطقة مناطق ناحية محيط أطراف".split()
)
_SETTLEMENT_FOLDED = frozenset(fold_ar(w) for w in SETTLEMENT_WORDS_AR)


def name_candidates(phrase: str) -> list[str]:
    """Names a gazetteer may hold for an Arabic phrase: its first word's stems, a settlement word dropped.

    >>> name_candidates("وبلدة كفرنبل")  # tried in this order: the first a gazetteer knows wins
    ['وبلدة كفرنبل', 'بلدة كفرنبل', 'كفرنبل', 'فرنبل']
    >>> name_candidates("بريف إدلب الجنوبي")
    ['بريف إدلب الجنوبي', 'ريف إدلب الجنوبي']
    """
    words = phrase.split()
    if not words:
        return []
    out: list[str] = []
    for stem in candidate_stems(words[0]):
        out.append(" ".join([stem, *words[1:]]))
        if fold_ar(stem) in _SETTLEMENT_FOLDED:
            # "وبلدة كفرنبل": the name is what follows the settlement word; shorter stems of it mean nothing.
            if len(words) > 1:
                out.extend(name_candidates(" ".join(words[1:])))
            break
    return list(dict.fromkeys(out))


# Words a report uses that gazetteers also hold as village names: never a place on their own. Folding
# makes "على" (on) the name "علي" (Ali); "روسية" (Russian) is also a village. The cue words of the tables
# below are added to these (see ``arabic_cues.is_common_word``).
COMMON_WORDS_AR = frozenset(
    ("على في من إلى عن تحت فوق قرب بين حول بعد قبل عند مع ضد خلال منذ حتى أمس اليوم صباح مساء فجر ليلة "
     "حربية روسية تركية إيرانية عنيفة مكثفة بشرية جروح بجروح مدرسة محطة صلاة مزرعة فرقة فرق قرى بلدات المدينة "
     "البلدة القرية المنطقة سلسلة سيارة دراجة مدنيين أطفال طفل امرأة رجل شاب الطيران قوات النظام الفصائل "
     "إخلاء إصابة إصابات شهيد قتلى جرحى الدفاع المدني مركز نقطة مصادر محلية طريق شمال جنوب شرق غرب شرقي غربي "
     "شمالي جنوبي الشمالي الجنوبي الشرقي الغربي ريف جبل سهل وادي").split()
)


# Names of organisations whose words a gazetteer also holds ("قوات سوريا الديمقراطية" names no place Syria).
ORGANISATIONS_AR = ("قوات سوريا الديمقراطية", "الدفاع المدني السوري", "المرصد السوري لحقوق الإنسان",
                    "هيئة تحرير الشام", "الجيش الوطني السوري", "الجبهة الوطنية للتحرير", "الهلال الأحمر العربي السوري",
                    "الجيش السوري", "النظام السوري", "فصائل المعارضة السورية")
_ORGANISATIONS = tuple(sorted((tuple(fold_ar(o).split()) for o in ORGANISATIONS_AR), key=len, reverse=True))


def organisation_words(words: list[str]) -> int:
    """How many of ``words`` (folded, the first may carry proclitics) an organisation's name takes; 0 if none.

    A mention finder skips them: "قوات سوريا الديمقراطية" holds the country's name, "المرصد السوري" none.

    >>> organisation_words(fold_ar("من قوات سوريا الديمقراطية").split()[1:])
    3
    """
    if not words:
        return 0
    for org in _ORGANISATIONS:
        if len(words) >= len(org) and tuple(words[1 : len(org)]) == org[1:] and any(
                fold_ar(stem) == org[0] for stem in candidate_stems(words[0])):
            return len(org)
    return 0


# -- areas ---------------------------------------------------------------------------------------

class Area(NamedTuple):
    """A named area: its Arabic phrase, the gazetteer's English name, its governorate, its direction."""

    arabic: str
    english: str
    admin1: str
    direction: str | None


_GOVERNORATES_AR = (("إدلب", "Idlib"), ("حماة", "Hama"), ("حلب", "Aleppo"), ("اللاذقية", "Latakia"))
_DIRECTIONS_AR = (("الشمالي", "northern", "north"), ("الجنوبي", "southern", "south"), ("الشرقي", "eastern", "east"),
                  ("الغربي", "western", "west"), ("الشمالي الغربي", "north-western", "north-west"),
                  ("الجنوبي الشرقي", "south-eastern", "south-east"), ("الشمالي الشرقي", "north-eastern", "north-east"),
                  ("الجنوبي الغربي", "south-western", "south-west"))
AREA_PHRASES_AR: tuple[Area, ...] = (
    *(Area(f"ريف {gov} {adj}", f"{eng} {en_gov} countryside", en_gov, d)
      for gov, en_gov in _GOVERNORATES_AR for adj, eng, d in _DIRECTIONS_AR),
    *(Area(f"ريف {gov}", f"{en_gov} countryside", en_gov, None) for gov, en_gov in _GOVERNORATES_AR),
    Area("جبل الزاوية", "Jabal al-Zawiya", "Idlib", None),
    Area("سهل الغاب", "Sahl al-Ghab", "Hama", None),
    Area("جبل الأكراد", "Jabal al-Akrad", "Latakia", None),
    Area("جبل التركمان", "Jabal al-Turkman", "Latakia", None),
    Area("جبل شحشبو", "Jabal Shahshabu", "Idlib", None),
    Area("جبل الأربعين", "Jabal al-Arbaeen", "Idlib", None),
    Area("جبل الوسطاني", "Jabal al-Wastani", "Idlib", None),
    Area("سهل الروج", "Sahl al-Ruj", "Idlib", None),
)


_AREA_KEYS = {fold_ar(a.arabic): a for a in AREA_PHRASES_AR}
_AREA_MAX_WORDS = max(len(a.arabic.split()) for a in AREA_PHRASES_AR)


def area_of(phrase: str) -> Area | None:
    """The named area ``phrase`` opens with (its first word may carry proclitics), longest first.

    >>> area_of("بريف إدلب الجنوبي").english
    'southern Idlib countryside'
    >>> area_of("وجبل الزاوية").direction is None
    True
    """
    words = fold_ar(phrase).split()
    if not words:
        return None
    for stem in candidate_stems(words[0]):
        for n in range(min(_AREA_MAX_WORDS, len(words)), 0, -1):
            area = _AREA_KEYS.get(" ".join([stem, *words[1:n]]))
            if area is not None:
                return area
    return None
