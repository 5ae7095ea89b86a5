"""The Arabic cue tables, one row per concept, and the sentence readers that use them.

The tables are data keyed by strikemap's codes (``models.EVENT_TYPES``, the ACLED-style actor names
of ``event_rules.ACTOR_NAMES``, the target codes of ``event_rules.TARGET_CUES``); the tests check
that every key is one of those. Cues are written as Arabic is spelled and folded once with
``arabic.fold_ar``, the folding the readers apply to a sentence; a cue may carry proclitics
("بالمدفعية", "للنظام") and the accusative alef ("سوقاً").

The readers follow the English ones in ``event_rules`` (same return shapes):

``event_type_ar``
    the first row of ``EVENT_TYPE_CUES_AR`` with a cue in the sentence, most specific first. Rocket
    launchers and "rocket shelling" (راجمات، قصف صاروخي) are shelling, as "rockets" are in English;
    a bare "قصف" (bombardment) says nothing of the weapon and falls to the generic last row.
``actors_ar``
    actors of ``ACTOR_CUES_AR`` named in the sentence, less those named as what was attacked
    ("على مواقع قوات النظام", "ضد الفصائل"), unless those are the positions fired from ("من مواقع",
    "مصدرها مواقع"); an adjective of a place is no actor ("الحدود التركية"). Air, barrel-bomb and
    missile strikes keep only forces that fly or fire them. Arabic puts the verb before its subject,
    so "استهدفت هيئة تحرير الشام" names the attacker.
``targets_ar``
    target cues within reach of a verb or noun of striking or damage (``_DAMAGE_BEFORE`` before,
    ``_DAMAGE_AFTER`` after, no clause break between); the reporter "الدفاع المدني" is a target only
    as a centre, team or vehicle.
``role_cue_ar``
    whether the words right before a place name make it a launch site (``ORIGIN_CUES_AR``: "من مواقع",
    "انطلاقا من") or a reference point (``REFERENCE_CUES_AR``: "شرق", "قرب", "على طريق").
``is_common_word``
    a word that is a common word or a cue, never a place name on its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..directions import DIRECTION_WORDS_AR
from ..vocab import airborne_codes
from .fold import COMMON_WORDS_AR, SETTLEMENT_WORDS_AR, candidate_stems, fold_ar

__all__ = [
    "ACTOR_CUES_AR",
    "AIR_TYPES_AR",
    "EVENT_TYPE_CUES_AR",
    "ORIGIN_CUES_AR",
    "REFERENCE_CUES_AR",
    "TARGET_CUES_AR",
    "actors_ar",
    "event_type_ar",
    "is_common_word",
    "role_cue_ar",
    "targets_ar",
]

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
# The types that strike from the air (the vocabulary's airborne rows).
AIR_TYPES_AR = airborne_codes()

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
REFERENCE_CUES_AR = ("بالقرب من", "على طريق", "على أطراف", "في محيط", "قرب", "بين", *DIRECTION_WORDS_AR, "أطراف",
                     "محيط")


@lru_cache(maxsize=50_000)
def is_common_word(word: str) -> bool:
    """Whether one Arabic word, with or without its proclitics, is a common word or a cue, not a name.

    Short words keep their proclitics in ``candidate_stems`` (no stem under three letters), so a
    conjunction or preposition before a short common word is taken off here too: "وفي" (and in) is
    not the variant key of "ألوفي" (Alofi).

    >>> is_common_word("على"), is_common_word("بجروح"), is_common_word("وروسية"), is_common_word("كفرنبل")
    (True, True, True, False)
    >>> is_common_word("وفي"), is_common_word("ومن"), is_common_word("بنش")
    (True, True, False)
    """
    folded = fold_ar(word)
    if any(fold_ar(stem) in _COMMON_FOLDED for stem in candidate_stems(word)):
        return True
    return any(folded.startswith(p) and folded[len(p) :] in _COMMON_FOLDED for p in _SHORT_PROCLITICS)


# Proclitics taken off a short word whatever is left: "وفي", "فمن", "وبعد".
_SHORT_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")


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
    if " " not in cue) | frozenset(fold_ar(w) for w in SETTLEMENT_WORDS_AR)
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
