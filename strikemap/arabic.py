"""Reading Arabic strike reports: clitics, and the cue tables for event type, actor, target and role.

Arabic writes its conjunctions, prepositions and the article as part of the next word: "وبلدة"
is "and the town of", "بريف إدلب" "in the countryside of Idlib", "لكفرنبل" "to Kafr Nabl". A
gazetteer holds "كفرنبل", so a mention finder must try the word without them: ``candidate_stems``.

The cue tables are data, one row per concept, keyed by strikemap's codes (``models.EVENT_TYPES``,
the ACLED-style actor names of ``event_rules.ACTOR_NAMES``, the target codes of
``event_rules.TARGET_CUES``); the tests check that every key is one of those. Cues are written as
Arabic is spelled and folded once with ``fold_ar`` (no tashkeel or tatweel, one alef, ة→ه, ى→ي,
Arabic-Indic and Persian digits → ASCII), the folding the readers apply to a sentence.

The readers follow the English ones in ``event_rules`` (same return shapes):

``event_type_ar``
    the first row of ``EVENT_TYPE_CUES_AR`` with a cue in the sentence, most specific first. Rocket
    launchers and "rocket shelling" (راجمات، قصف صاروخي) are shelling, as "rockets" are in English;
    a bare "قصف" (bombardment) says nothing of the weapon and falls to the generic last row.
``actors_ar``
    actors of ``ACTOR_CUES_AR`` named in the sentence, less those named as what was attacked
    ("على مواقع قوات النظام", "ضد الفصائل"); air, barrel-bomb and missile strikes keep only forces
    that fly or fire them.
``targets_ar``
    target cues within reach of a verb or noun of striking or damage (``_DAMAGE_BEFORE`` before,
    ``_DAMAGE_AFTER`` after); the reporter "الدفاع المدني" is a target only as a centre, team or vehicle.
``role_cue_ar``
    whether the words right before a place name make it a launch site (``ORIGIN_CUES_AR``: "من مواقع",
    "انطلاقا من") or a reference point (``REFERENCE_CUES_AR``: "شرق", "قرب", "على طريق").
``area_of``
    the named areas (``AREA_PHRASES_AR``: "ريف إدلب الجنوبي", "جبل الزاوية") with their English
    gazetteer name and the direction of the region.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from .normalize import ARABIC_CHAR_MAP

__all__ = [
    "ACTOR_CUES_AR",
    "AREA_PHRASES_AR",
    "COMMON_WORDS_AR",
    "EVENT_TYPE_CUES_AR",
    "ORGANISATIONS_AR",
    "ORIGIN_CUES_AR",
    "PROCLITICS",
    "REFERENCE_CUES_AR",
    "SETTLEMENT_WORDS_AR",
    "TARGET_CUES_AR",
    "Area",
    "actors_ar",
    "area_of",
    "candidate_stems",
    "event_type_ar",
    "fold_ar",
    "is_common_word",
    "name_candidates",
    "organisation_words",
    "role_cue_ar",
    "targets_ar",
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
# below are added to these (see ``is_common_word``).
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


# -- cue tables -------------------------------------------------------------------------------------

# Most specific first: the first row with a cue in the sentence decides (as ``EVENT_TYPE_CUES``).
EVENT_TYPE_CUES_AR: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Bombs planted on the ground are not strikes from the air.
    ("other", ("سيارة مفخخة", "عبوة ناسفة", "عبوات ناسفة", "تفجير انتحاري", "دراجة نارية مفخخة", "لغم")),
    ("barrel_bomb", ("برميل متفجر", "براميل متفجرة", "البراميل المتفجرة", "برميلين متفجرين", "براميل")),
    ("drone_strike", ("طائرة مسيرة", "طائرات مسيرة", "مسيرة انتحارية", "الطائرات المسيرة", "المسيرات", "مسيرة",
                      "درون", "طائرة بدون طيار", "طائرات بدون طيار")),
    # Rocket launchers and "rocket shelling" are ground fire, as "rockets" are in English.
    ("shelling", ("راجمات الصواريخ", "راجمة صواريخ", "راجمات", "قصف صاروخي", "صواريخ غراد", "قذائف صاروخية")),
    ("missile_strike", ("صاروخ", "صواريخ", "صاروخين", "صاروخي", "بالستي", "أرض-أرض", "أرض أرض")),
    ("air_strike", ("غارة", "غارات", "غارتين", "الطيران الحربي", "طيران حربي", "الطائرات الحربية", "طائرات حربية",
                    "طائرة حربية", "قصف جوي", "الطيران المروحي", "طائرات مروحية", "المقاتلات", "الطيران الروسي")),
    ("shelling", ("قصف مدفعي", "المدفعية", "مدفعية", "قذائف", "قذيفة", "قذيفتين", "هاون", "الهاون", "مدافع",
                  "قصف بري")),
    ("ground_clash", ("اشتباكات", "اشتباك", "معارك", "هجوم بري", "محاولة تقدم", "محاولة تسلل", "عملية تسلل")),
    ("other", ("انفجار", "استهداف", "استهدفت", "استهدف", "قصف", "قصفت")),
)
AIR_TYPES_AR = frozenset({"air_strike", "barrel_bomb", "missile_strike", "drone_strike"})

# ACLED-style actor names (as ``event_rules.ACTOR_NAMES``), their Arabic cues, and whether they fly.
# Longer cues first within a row; "الطيران الحربي" alone names no side.
ACTOR_CUES_AR: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("Military Forces of Russia", ("الطيران الحربي الروسي", "الطيران الروسي", "الطائرات الروسية", "القوات الروسية",
                                   "الاحتلال الروسي", "روسية", "الروسي", "الروسية", "روسيا"), True),
    ("Military Forces of Syria", ("قوات النظام", "قوات الأسد", "النظام السوري", "جيش النظام", "الجيش السوري",
                                  "طيران النظام", "ميليشيات النظام", "قوات الحكومة السورية", "التابع للنظام",
                                  "النظام"), True),
    ("Military Forces of Turkey", ("القوات التركية", "الجيش التركي", "الطيران التركي", "المسيرات التركية",
                                   "التركية", "التركي", "تركية", "تركي"), True),
    ("US-led Coalition", ("التحالف الدولي", "قوات التحالف", "التحالف"), True),
    ("Military Forces of Israel", ("الاحتلال الإسرائيلي", "الطيران الإسرائيلي", "إسرائيلية", "الإسرائيلي"), True),
    ("Hayat Tahrir al-Sham", ("هيئة تحرير الشام", "تحرير الشام"), False),
    ("Opposition fighters", ("فصائل المعارضة", "الفصائل المقاتلة", "الفصائل العسكرية", "الجبهة الوطنية للتحرير",
                             "الجيش الوطني", "الفصائل", "المعارضة المسلحة", "فصائل", "الثوار"), False),
)

# Target codes (as ``event_rules.TARGET_CUES``) and their Arabic cues.
TARGET_CUES_AR: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("hospital", ("مشفى", "مستشفى", "مشافي", "نقطة طبية", "مركز صحي", "مستوصف", "المركز الصحي", "عيادة")),
    ("school", ("مدرسة", "مدارس", "روضة", "معهد")),
    ("market", ("سوق", "أسواق", "السوق الشعبي")),
    ("civil_defence", ("مركز للدفاع المدني", "مركز الدفاع المدني", "مراكز الدفاع المدني", "مركزا للدفاع المدني",
                       "فريق للدفاع المدني", "فرق الدفاع المدني", "فريق الدفاع المدني", "سيارة للدفاع المدني",
                       "آلية للدفاع المدني", "مقر للدفاع المدني")),
    ("camp", ("مخيم", "مخيمات", "خيام", "خيمة", "مراكز الإيواء")),
    ("power", ("محطة كهرباء", "محطة الكهرباء", "محطة توليد", "محطة تحويل", "خطوط الكهرباء", "شبكة الكهرباء")),
    ("water", ("محطة مياه", "محطة المياه", "محطة ضخ", "شبكة المياه", "محطة لضخ المياه", "بئر مياه")),
    ("bakery", ("فرن", "مخبز", "أفران", "الفرن", "المخبز")),
    ("mosque", ("مسجد", "جامع", "مساجد")),
    ("residential", ("منازل", "منزل", "الأحياء السكنية", "حي سكني", "أحياء سكنية", "بيوت", "المباني السكنية",
                     "أبنية سكنية", "مبنى سكني", "منازل المدنيين", "الأحياء")),
)

# Words right before a place name that make it a launch site, never a place struck.
ORIGIN_CUES_AR = ("من مواقع", "من مواقعها", "من مواقعها في", "من مواقعه في", "مواقعها في", "انطلاقا من",
                  "انطلاقاً من", "من مناطق سيطرة", "المتمركزة في", "المتمركزة في مدينة", "من قاعدة", "من مطار",
                  "من نقاط")
# Words right before a place name that make it a reference point (the strike was near it).
REFERENCE_CUES_AR = ("بالقرب من", "على طريق", "على أطراف", "في محيط", "قرب", "بين", "شرق", "غرب", "شمال", "جنوب",
                     "شرقي", "غربي", "شمالي", "جنوبي", "شمال شرق", "شمال غرب", "جنوب شرق", "جنوب غرب",
                     "شمال شرقي", "شمال غربي", "جنوب شرقي", "جنوب غربي", "أطراف", "محيط")


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


@lru_cache(maxsize=50_000)
def is_common_word(word: str) -> bool:
    """Whether one Arabic word, with or without its proclitics, is a common word or a cue, not a name.

    >>> is_common_word("على"), is_common_word("بجروح"), is_common_word("وروسية"), is_common_word("كفرنبل")
    (True, True, True, False)
    """
    return any(fold_ar(stem) in _COMMON_FOLDED for stem in candidate_stems(word))


# -- readers -------------------------------------------------------------------------------------

def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a row of cues: each folded, a whole word, after at most the proclitics."""
    folded = {fold_ar(c) for c in cues}
    # After ل the article's alef is not written: "للنظام" is ل + النظام.
    folded |= {"ل" + c[1:] for c in folded if c.startswith("ال")}
    alts = "|".join(re.escape(c) for c in sorted(folded, key=len, reverse=True))
    # An indefinite accusative adds an alef: "استهدفت سوقاً" (a market).
    return re.compile(rf"(?<!\w)(?:[وف]?(?:[بلك]|ال|بال|لل)?)(?:{alts})ا?(?!\w)")


_TYPE_ROWS = tuple((code, _cue_pattern(cues)) for code, cues in EVENT_TYPE_CUES_AR)
_COMMON_FOLDED = frozenset(fold_ar(w) for w in COMMON_WORDS_AR) | frozenset(
    fold_ar(cue) for table in (EVENT_TYPE_CUES_AR, TARGET_CUES_AR) for _, cues in table for cue in cues
    if " " not in cue) | _SETTLEMENT_FOLDED
_ACTOR_ROWS = tuple((name, _cue_pattern(cues), flies) for name, cues, flies in ACTOR_CUES_AR)
_TARGET_ROWS = tuple((code, _cue_pattern(cues)) for code, cues in TARGET_CUES_AR)


def event_type_ar(sentence: str, *, generic: bool = True) -> str | None:
    """The event type the Arabic words of ``sentence`` name, most specific first; None when none does.

    >>> event_type_ar("ألقى الطيران المروحي براميل متفجرة على بلدة الهبيط")
    'barrel_bomb'
    >>> event_type_ar("قصفت قوات النظام براجمات الصواريخ مدينة أريحا")
    'shelling'
    >>> event_type_ar("قصفت قوات النظام البلدة", generic=False) is None
    True
    """
    text = fold_ar(sentence)
    for code, pattern in _TYPE_ROWS if generic else _TYPE_ROWS[:-1]:
        if pattern.search(text):
            return code
    return None


# An actor named right after these words is the side attacked, not the attacker.
# (A verb before its subject is the rule in Arabic: "استهدفت هيئة تحرير الشام" names the attacker.)
_ATTACKED = re.compile(r"(?<!\w)(?:(?:على|ضد|استهداف|هجوم\s+على)\s+(?:\w+\s+)?|"
                       r"(?:مواقع|موقع|موقعا|نقاط|نقطه|تجمعات|تجمع|تجمعا|مقرات|مقر|معاقل|عناصر)\s+)(?:ل)?\Z")
# ... unless those are the positions it fired from: "من مواقع قوات النظام", "مصدرها مواقع".
_FIRED_FROM = re.compile(r"(?<!\w)(?:من|مصدرها|مصدره|انطلاقا\s+من)\s+(?:مواقع|موقع|نقاط|مناطق\s+سيطره)\s+(?:ل)?\Z")
# Words that make an actor's adjective a place's ("الحدود التركية" the Turkish border).
_NOT_ACTOR = re.compile(fold_ar(r"(?<!\w)(?:الحدود|الحدودي|الأراضي|الجانب|المعبر|العاصمة|الشركة|المرصد)\s+\Z"))


def actors_ar(sentence: str, event_type: str | None = None) -> tuple[str | None, str | None, bool]:
    """``(actor1, actor2, co_attackers)`` named as attackers in an Arabic sentence (as ``find_actors``).

    >>> actors_ar("شن الطيران الحربي الروسي غارات على كفرنبل", "air_strike")
    ('Military Forces of Russia', None, False)
    >>> actors_ar("قصفت الفصائل بالصواريخ مواقع قوات النظام", "shelling")
    ('Opposition fighters', None, False)
    """
    text = fold_ar(sentence)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for name, pattern, flies in _ACTOR_ROWS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            before = text[max(0, m.start() - 40) : m.start()]
            if _NOT_ACTOR.search(before) or (_ATTACKED.search(before) and not _FIRED_FROM.search(before)):
                continue
            if event_type in AIR_TYPES_AR - {"drone_strike"} and not flies:
                continue
            found.append((m.start(), name))
    names = list(dict.fromkeys(name for _, name in sorted(found)))
    if not names:
        return None, None, False
    return names[0], names[1] if len(names) > 1 else None, len(names) > 1


# A target is what was hit: a verb or noun of striking or damage before it, or damage after it.
_DAMAGE_BEFORE = re.compile(
    "(?:" + "|".join(re.escape(fold_ar(w)) for w in (
        "استهدف", "استهدفت", "استهداف", "قصف", "قصفت", "طال", "طالت", "أصاب", "أصابت", "إصابة", "دمر", "دمرت",
        "تدمير", "غارة على", "غارات على", "غارة استهدفت", "سقطت على", "سقط على", "سقطت في", "سقوط", "ضرب", "ضربت",
        "احتراق", "اشتعال", "تضرر", "أضرار في", "دمار في", "دمار واسع في", "أضرار", "دمار", "لغارات", "لغارة",
        "لقصف", "تعرض", "تعرضت")) + "|" + fold_ar(r"(?:سقطت|سقط|سقوط|أطلقت|أطلقتها)(?:\s+\S+){0,4}\s+على")
    + r")(?P<gap>[^.،؛!?]{0,40})\Z")
# A gap holding one of these leads to another clause: "القصف ... بنزوح العائلات نحو المخيمات".
_GAP_BREAK = re.compile(fold_ar(r"(?<!\w)(?:نحو|إلى|باتجاه|نزوح|بنزوح|أدى|ما|حيث|فيما|بينما|بعد|وانقطاع|انقطاع)(?!\w)"))
_DAMAGE_AFTER = re.compile(
    r"\A(?P<gap>[^.؛!?]{0,40}?)(?:" + "|".join(re.escape(fold_ar(w)) for w in (
        "خرج عن الخدمة", "خروجه عن الخدمة", "خروجها عن الخدمة", "عن الخدمة", "تضرر", "تضررت", "دمار", "أضرار",
        "تدمير", "دمر", "احتراق", "لأضرار", "بأضرار")) + ")")


def targets_ar(sentence: str) -> set[str]:
    """Target codes named in an Arabic sentence as what was hit.

    >>> sorted(targets_ar("استهدفت غارة روسية مشفى كفرنبل الجراحي والسوق الشعبي"))
    ['hospital', 'market']
    >>> sorted(targets_ar("وثق الدفاع المدني الغارات وانتشل الضحايا"))
    []
    """
    text = fold_ar(sentence)
    found: set[str] = set()
    for code, pattern in _TARGET_ROWS:
        for m in pattern.finditer(text):
            before = _DAMAGE_BEFORE.search(text[max(0, m.start() - 70) : m.start()])
            after = _DAMAGE_AFTER.match(text[m.end() : m.end() + 60])
            if (before and not _GAP_BREAK.search(before.group("gap"))) or (
                    after and not _GAP_BREAK.search(after.group("gap"))):
                found.add(code)
                break
    return found


_ORIGIN_END = tuple(fold_ar(c) for c in sorted(ORIGIN_CUES_AR, key=len, reverse=True))
_REFERENCE_END = tuple(fold_ar(c) for c in sorted(REFERENCE_CUES_AR, key=len, reverse=True))
_ROAD_END = re.compile(r"(?<!\w)طريق\s+\S+(?:\s+\S+)?\s*[-–—]\s*\Z")
_BEFORE_NAME = re.compile(r"(?:\s+(?:بلده|قريه|مدينه|منطقه|حي))?\s*\Z")


def role_cue_ar(before: str) -> str | None:
    """``"origin"`` or ``"reference"`` when the text right ``before`` a place name makes it one, else None.

    A settlement word may stand between ("من مواقعها في مدينة" is not counted; "قرب بلدة" is).

    >>> role_cue_ar("قصفت قوات النظام المتمركزة في")
    'origin'
    >>> role_cue_ar("سقطت قذائف على مزارع شرق")
    'reference'
    >>> role_cue_ar("شن الطيران غارات على") is None
    True
    """
    text = _BEFORE_NAME.sub("", fold_ar(before))
    if _ROAD_END.search(text):  # "على طريق محمبل - جسر الشغور": the road's far end is a reference
        return "reference"
    for cues, role in ((_ORIGIN_END, "origin"), (_REFERENCE_END, "reference")):
        for cue in cues:
            if text.endswith(cue) and (len(text) == len(cue) or not text[-len(cue) - 1].isalnum()):
                return role
            # The cue with a proclitic joined to it: "وقرب", "بالقرب من".
            if text.endswith(cue) and len(text) > len(cue) and text[-len(cue) - 1] in "وفب" and (
                    len(text) == len(cue) + 1 or not text[-len(cue) - 2].isalnum()):
                return role
    return None


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
