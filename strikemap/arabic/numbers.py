"""Arabic numbers and casualty figures: "استشهد ثلاثة أطفال وأصيب ١٢ آخرون" → killed 3, injured 12.

Number words (``to_digits_ar``)
    Cardinals 1–10 in both genders (ثلاث/ثلاثة), the teens (أحد عشر، اثنا عشر، ثلاثة عشر …), the tens
    (عشرون/عشرين …), hundreds (مئة/مائة، مئتان، ثلاثمئة or ثلاث مئة) and thousands (ألف، ألفين، ثلاثة آلاف),
    joined by و as Arabic joins them ("خمسة وعشرون" → 25). The dual of a person noun is two
    ("طفلين"، "امرأتين"، "قتيلين"، construct "طفليها" → "2 طفل"); only nouns whose plural is broken
    (أطفال، رجال، قتلى) are read so, since "مدنيين" without vowels is the plural, not a dual. "أطفالها
    الثلاثة" (her three children) gives 3. A word with the article ("الاثنين" Monday, "الأحد" Sunday)
    is no number. Arabic-Indic (٠-٩) and Persian (۰-۹) digits are made ASCII by ``arabic.fold_ar``.
Victims (``count_victims_ar``)
    Numbers are summed, one per singular person noun not counted by a number ("طفل وامرأة" → 2,
    "امرأة وطفليها" → 3), "من عائلة واحدة" (of one family) adds nobody. Vague counts take the lower
    bound of the English convention (``event_rules.VAGUE_COUNTS``, README "Event codings"):
    عشرات (tens) → 10, بضعة/عدة (a few, several) → 3, مئات (hundreds) → 100; العديد (many) and
    "عدد من" (a number of) stay None.
Figures (``find_casualties_ar``)
    As ``event_rules.find_casualties``: ``(kind, count, words, end)`` with kind ``killed`` or
    ``injured`` and ``end`` in the folded digit text, in text order. A victims phrase after a verb
    or noun of death (استشهد، قتل، مقتل، مصرع، وفاة، أودى بحياة) or wounding (أصيب، إصابة، جرح)
    runs to the next break ("بينهم" among them, "جراء" because of, "في", a comma, the other kind's
    verb); a figure before a victims noun ("٣ شهداء"، "عشرات الجرحى", a lone "شهيد") or before a
    plural verb ("ثلاثة مدنيين قتلوا"); a toll ("ارتفعت حصيلة الضحايا إلى ١٥"). "دون وقوع إصابات"
    (without casualties) is a reported zero for both kinds.
"""

from __future__ import annotations

import re

from .fold import fold_ar

__all__ = [
    "VAGUE_COUNTS_AR",
    "count_victims_ar",
    "fatalities_injured_ar",
    "find_casualties_ar",
    "number_value",
    "to_digits_ar",
]

# Folded forms (``fold_ar``): ة→ه, أ/إ/آ→ا, ى→ي, ء dropped.
_UNITS = {
    "واحد": 1, "واحده": 1, "احد": 1, "احدي": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
}
_TEN = {"عشر": 10, "عشره": 10}
_TENS = {
    stem + end: value
    for stem, value in (("عشر", 20), ("ثلاث", 30), ("اربع", 40), ("خمس", 50), ("ست", 60), ("سبع", 70),
                        ("ثمان", 80), ("تسع", 90))
    for end in ("ون", "ين")
}
_HUNDRED_WORDS = {"مئة": 100, "مائة": 100}
_HUNDREDS = _HUNDRED_WORDS | {"مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200} | {
    stem + h: value * 100
    for stem, value in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("ثماني", 8),
                        ("تسع", 9))
    for h in ("مئة", "مائة")
}
_THOUSAND_WORDS = {"الف": 1000, "الاف": 1000}
_THOUSANDS = _THOUSAND_WORDS | {"الفين": 2000, "الفان": 2000, "الفا": 1000}
# The keys above are written as the folding leaves them except for hamza seats: fold them once more
# ("مئة" folds to "ميه", as ARABIC_CHAR_MAP makes ئ a ي).
_TEN = {fold_ar(w): v for w, v in _TEN.items()}
_HUNDRED_WORDS = {fold_ar(w): v for w, v in _HUNDRED_WORDS.items()}
_THOUSAND_WORDS = {fold_ar(w): v for w, v in _THOUSAND_WORDS.items()}
_LEXICON: dict[str, tuple[str, int]] = {
    fold_ar(w): (kind, v)
    for kind, table in (("unit", _UNITS), ("teen", _TEN), ("ten", _TENS), ("hundred", _HUNDREDS),
                        ("thousand", _THOUSANDS))
    for w, v in table.items()
}
# After a number of this kind, a word joined by و of these kinds continues it ("ثلاثمئة وخمسة وعشرون").
_JOINS = {"unit": {"ten"}, "hundred": {"unit", "teen", "ten"}, "thousand": {"unit", "teen", "ten", "hundred"},
          "teen": set(), "ten": set()}

# Person nouns whose dual is unambiguous (a broken plural), folded: singular, then dual stems.
_DUAL_NOUNS: dict[str, tuple[str, ...]] = {
    "طفل": ("طفل",), "طفله": ("طفلت",), "شخص": ("شخص",), "رجل": ("رجل",), "امراه": ("امرات",),
    "سيده": ("سيدت",), "شاب": ("شاب",), "فتاه": ("فتات",), "شقيق": ("شقيق",), "شقيقه": ("شقيقت",),
    "عنصر": ("عنصر",), "طبيب": ("طبيب",), "ولد": ("ولد",), "اخ": ("اخو",), "قتيل": ("قتيل",),
    "شهيد": ("شهيد",), "جريح": ("جريح",), "مدنيه": ("مدنيت",), "طالبه": ("طالبت",), "متطوعه": ("متطوعت",),
}
_DUAL_NOUNS = {fold_ar(k): tuple(fold_ar(x) for x in v) for k, v in _DUAL_NOUNS.items()}
_DUAL = {stem + end: single for single, stems in _DUAL_NOUNS.items() for stem in stems for end in ("ين", "ان")}
# Nouns with a sound plural: only the nominative dual ("مدنيان") is unambiguous ("مدنيين" is mostly the plural).
_DUAL |= {fold_ar(w) + "ان": fold_ar(w) for w in ("مدني", "متطوع", "مسعف", "مقاتل", "عامل", "مزارع", "ممرض", "مسن")}
# The dual in construct with a pronoun: "طفليها" (her two children), "ولداه" (his two sons).
_DUAL_CONSTRUCT = re.compile(
    "(?<!\\w)(" + "|".join(sorted({s for st in _DUAL_NOUNS.values() for s in st}, key=len, reverse=True))
    + ")(?:ي|ا)(?:ها|ه|هم|هما|نا)(?!\\w)")

# Singular person nouns: one victim each when no number counts them ("استشهد طفل").
_PERSONS = (
    "طفل طفله امراه رجل شاب شابه فتاه فتي مدني مدنيه شخص مسن مسنه عنصر متطوع متطوعه مسعف مسعفه طبيب طبيبه "
    "ممرض ممرضه سائق مزارع راعي رضيع رضيعه طالب طالبه معلم معلمه عامل مقاتل قيادي صحفي ناشط سيده عجوز"
).split()
# Relatives named with a pronoun ("وزوجته" and his wife): one each.
_RELATIVES = ("زوج", "زوجت", "ابن", "ابنت", "والد", "والدت", "شقيق", "شقيقت", "اخ", "اخت", "حفيد", "حفيدت", "ام", "اب")
_PERSONS = [fold_ar(w) for w in _PERSONS]
_PERSON_WORD = re.compile(
    r"(?<![\w])(?<!\d\s)[وف]?(?:"
    + "|".join(sorted(_PERSONS, key=len, reverse=True))
    + r"|(?:" + "|".join(sorted(_RELATIVES, key=len, reverse=True)) + r")(?:ها|ه|هم|يها|يه|يهم))(?!\w)"
)

# Vague counts at the lower bound of what the words mean (the English table's values).
VAGUE_COUNTS_AR: dict[str, int | None] = {
    "عشرات": 10, "العشرات": 10, "بضعة": 3, "بضع": 3, "عدة": 3, "مئات": 100, "المئات": 100,
    "العديد": None, "عديد": None, "الكثير": None, "عدد من": None,
}
_VAGUE_FOLDED = {fold_ar(w): v for w, v in VAGUE_COUNTS_AR.items()}
_VAGUE = re.compile(r"(?<!\w)[وف]?(?P<v>" + "|".join(sorted(map(re.escape, _VAGUE_FOLDED), key=len, reverse=True))
                    + r")(?!\w)")
_OF_FAMILY = re.compile(fold_ar(r"(?<!\w)(?:من|ل)\s*(?:نفس\s+)?(?:عائله|اسره|العائله|الاسره)"
                                r"(?:\s+(?:واحده|1|نفسها))?(?!\w)"))
_NUMBER = re.compile(fold_ar(r"(?<![\w.])(\d+)(?![\w.%])(?!\s*(?:كم|كيلو\w*|متر\w*|عام\w*|اعوام|سنه|سنوات|سنين|"
                             r"شهر\w*|اشهر|"
                     r"غاره|غارات|صاروخ\w*|صواريخ|قذيفه|قذائف|برميل|براميل|ساع\w+|دقيق\w+|يوم|ايام|%))"))


def number_value(words: str) -> int | None:
    """The value of Arabic number words, or None when ``words`` is not one number.

    >>> number_value("خمسة وعشرون")
    25
    >>> number_value("ثلاثة عشر")
    13
    >>> number_value("ثلاثمئة")
    300
    >>> number_value("ثلاثة آلاف")
    3000
    >>> number_value("مدنيين") is None
    True
    """
    tokens = fold_ar(words).split()
    if not tokens:
        return None
    value, used = _read_number(tokens, 0)
    return value if used == len(tokens) else None


def _lex(token: str) -> tuple[str, int] | None:
    return _LEXICON.get(token)


def _read_number(tokens: list[str], i: int) -> tuple[int | None, int]:
    """The number that starts at ``tokens[i]`` (no leading و) and the index after it."""
    first = _lex(tokens[i])
    if first is None:
        return None, i
    kind, cur = first
    total = 0
    j = i + 1
    while j < len(tokens):
        t = tokens[j]
        if kind == "unit" and t in _TEN:
            cur += 10
            kind = "teen"
        elif kind == "unit" and t in _HUNDRED_WORDS:
            cur *= 100
            kind = "hundred"
        elif kind in ("unit", "teen", "ten", "hundred") and t in _THOUSAND_WORDS:
            total += cur * 1000
            cur, kind = 0, "thousand"
        elif t[:1] == "و" and (nxt := _lex(t[1:])) is not None and nxt[0] in _JOINS[kind]:
            kind = nxt[0]
            cur += nxt[1]
        else:
            break
        j += 1
    return total + cur, j


_WORD = re.compile(r"\w+")


def _is_counted(word: str) -> bool:
    """Whether ``to_digits_ar`` reads ``word`` as a number or a dual."""
    return _lex(word) is not None or word in _DUAL or _DUAL_CONSTRUCT.fullmatch(word) is not None


def to_digits_ar(text: str) -> str:
    """``text`` folded (``fold_ar``), its number words and person duals as digits.

    >>> to_digits_ar("استشهد ثلاثة أطفال وأصيب خمسة وعشرون آخرون")
    'استشهد 3 اطفال واصيب 25 اخرون'
    >>> to_digits_ar("مقتل امرأة وطفليها")
    'مقتل امراه و2 طفل'
    >>> to_digits_ar("يوم الاثنين")
    'يوم الاثنين'
    """
    folded = fold_ar(text)
    words = list(_WORD.finditer(folded))
    out: list[str] = []
    pos = 0
    k = 0
    while k < len(words):
        m = words[k]
        tok = m.group()
        prefix, bare = "", tok
        if tok[:1] in "وف" and not _is_counted(tok) and _is_counted(tok[1:]):
            prefix, bare = tok[0], tok[1:]
        replacement: str | None = None
        end_k = k
        if _lex(bare) is not None:
            # A run of number words separated only by spaces.
            run = [bare]
            n = k + 1
            while n < len(words) and folded[words[n - 1].end() : words[n].start()].isspace():
                run.append(words[n].group())
                n += 1
            value, used = _read_number(run, 0)
            if value is not None:
                replacement, end_k = prefix + str(value), k + used - 1
        elif bare in _DUAL:
            replacement = f"{prefix}2 {_DUAL[bare]}"
        elif (dual := _DUAL_CONSTRUCT.fullmatch(bare)) is not None:
            single = next(s for s, stems in _DUAL_NOUNS.items() if dual.group(1) in stems)
            replacement = f"{prefix}2 {single}"
        elif bare[:2] == "ال" and _lex(bare[2:]) and k > 0 and re.search(r"(?:ها|ه|هم|هما)\Z", words[k - 1].group()):
            # "أطفالها الثلاثة": her three children.
            replacement = str(_LEXICON[bare[2:]][1])
        if replacement is None:
            k += 1
            continue
        out.append(folded[pos : m.start()])
        out.append(replacement)
        pos = words[end_k].end()
        k = end_k + 1
    out.append(folded[pos:])
    return "".join(out)


_ITEM_BREAK = re.compile(r"\s+(?=و)")


def count_victims_ar(phrase: str) -> int | None:
    """The number of people an Arabic victims phrase counts (numbers already digits); None when vague.

    >>> count_victims_ar(to_digits_ar("امرأة وأطفالها الثلاثة"))
    4
    >>> count_victims_ar(to_digits_ar("خمسة من عائلة واحدة"))
    5
    >>> count_victims_ar("عشرات المدنيين")
    10
    >>> count_victims_ar("العديد") is None
    True
    """
    text = _OF_FAMILY.sub(" ", fold_ar(phrase))
    total, seen = 0, False
    # Items joined by و: each counts its numbers, else one if it names a person ("رجل مسن" is one man).
    for item in _ITEM_BREAK.split(text):
        item = re.sub(r"\A\s*[وف](?=\d)", "", item)  # "و2 طفل": and two children
        numbers = [int(m.group(1)) for m in _NUMBER.finditer(item)]
        if numbers:
            total += sum(numbers)
            seen = True
        elif _PERSON_WORD.search(item) and not _VAGUE.search(item):
            total += 1
            seen = True
    for m in _VAGUE.finditer(text):
        value = _VAGUE_FOLDED[m.group("v")]
        if value is None:
            return total if seen else None
        total += value
        seen = True
    return total if seen else None


def _alts(*words: str) -> str:
    return "|".join(sorted({re.escape(fold_ar(w)) for w in words}, key=len, reverse=True))


_KILL_HEAD = _alts("استشهد", "استشهدت", "استشهاد", "قتل", "قتلت", "مقتل", "مصرع", "وفاة", "ارتقاء", "ارتقى",
                   "ارتقت", "أودى بحياة", "أودت بحياة", "بحياة", "راح ضحيتها", "راح ضحيته", "حصد أرواح", "لقي", "لقيت",
                   "لقوا", "جثث", "جثامين", "جثة", "جثمان")
_HURT_HEAD = _alts("أصيب", "أصيبت", "إصابة", "جرح", "جرحت", "أصابت", "أدى إلى إصابة")
_KILL_NOUN = _alts("شهيد", "شهيدا", "شهداء", "قتيل", "قتيلا", "قتلى", "ضحايا", "ضحية")
_HURT_NOUN = _alts("جريح", "جريحا", "جرحى", "مصاب", "مصابا", "مصابين", "إصابات", "إصابة")
_KILL_PLURAL_VERB = _alts("قتلوا", "استشهدوا", "قضوا", "لقوا حتفهم")
_HURT_PLURAL_VERB = _alts("أصيبوا", "جرحوا")
_CLITIC = r"(?<!\w)(?:[وف]?[بل]?)"
# Where a victims phrase after its verb ends.
_BREAK_WORDS = _alts(
    "بينهم", "منهم", "من بينهم", "في", "جراء", "إثر", "اثر", "نتيجة", "بعد", "خلال", "عند", "على", "الى", "إلى",
    "عن", "اليوم", "أمس", "يوم", "صباح", "مساء", "فجر", "ليلة", "حيث", "وذلك", "كما", "بحسب", "وفق", "حسب",
    "عقب", "داخل", "قرب", "حتفه", "حتفهم", "حتفها", "بجروح", "بجراح", "إصابات", "بإصابات", "وسط", "تحت")
_STOP = (rf"(?=\s+(?:{_BREAK_WORDS})(?!\w)|\s+[وف]?(?:{_HURT_HEAD}|{_KILL_HEAD})(?!\w)|"
         # a figure of the other kind: "سقوط شهيد وجريحين" (one dead and two wounded)
         rf"\s+[وف]?(?:\d+\s+)?(?:ال)?(?:{_HURT_NOUN}|{_KILL_NOUN})(?!\w)|"
         rf"\s+ب(?:قصف|غاره|غارات|استهداف|سبب|قذائف|قذيفه|صاروخ|صواريخ|برميل|براميل|نيران|انفجار)\w*|"
         r"\s*[،,.;؛:!؟?()\"«»\-–—]|\s*$)")
_PHRASE = r"(?P<p>(?:\s+(?!(?:" + _BREAK_WORDS + r")(?!\w))[^\s،,.;؛:!؟?]+){1,8}?)"
_KILL_AFTER = re.compile(rf"{_CLITIC}(?:{_KILL_HEAD})(?!\w){_PHRASE}{_STOP}")
_HURT_AFTER = re.compile(rf"{_CLITIC}(?:{_HURT_HEAD})(?!\w){_PHRASE}{_STOP}")
# A figure and up to two words before its noun, none of them a number or a victims noun of either kind.
_FIGURE = (r"(?P<p>(?:\d+|" + "|".join(map(re.escape, _VAGUE_FOLDED)) + r")(?:\s+(?![وف]?(?:" + _KILL_NOUN + "|"
           + _HURT_NOUN + r")(?!\w))[^\s\d]+){0,2}?)")
_KILL_BEFORE = re.compile(rf"(?<!\w)[وف]?{_FIGURE}\s+(?:ال)?(?:{_KILL_NOUN}|{_KILL_PLURAL_VERB})(?!\w)")
_HURT_BEFORE = re.compile(rf"(?<!\w)[وف]?{_FIGURE}\s+(?:ال)?(?:{_HURT_NOUN}|{_HURT_PLURAL_VERB})(?!\w)")
# One victim named by the noun alone ("سقوط شهيد وجريحين").
_KILL_ONE = re.compile(r"(?<![\w])(?<!\d\s)[وف]?(?P<p>شهيد|قتيل)(?:ا)?(?!\w)")
_HURT_ONE = re.compile(r"(?<![\w])(?<!\d\s)[وف]?(?P<p>جريح|مصاب)(?:ا)?(?!\w)")
_TOLL = re.compile(fold_ar(r"(?<!\w)(?:حصيله|عدد)(?P<what>(?:\s+\S+){0,4}?)\s+(?:الي|بلغت|وصلت\s+الي|ل)"
                           r"\s*(?P<t>\d+)"))
_NONE = re.compile(fold_ar(r"(?<!\w)(?:دون|بدون|من\s+دون|لم\s+(?:تسجل|يسجل|تقع|يقع|ترد|تسفر\s+عن)|"
                           r"دون\s+ان\s+(?:تسفر|يسفر|تؤدي|يؤدي)\s+(?:عن|الى))\s+"
                           r"(?:وقوع\s+|تسجيل\s+|"
                   r"اي\s+)?(?:اصابات|ضحايا|خسائر\s+بشريه|اصابات\s+بشريه)|اقتصرت\s+(?:الاضرار|الخسائر)\s+علي\s+الماديه"))


def find_casualties_ar(sentence: str, *, digits: str | None = None) -> list[tuple[str, int | None, str, int]]:
    """``(kind, count, words, end)`` for each Arabic figure, as ``event_rules.find_casualties``.

    ``digits`` is ``to_digits_ar(sentence)`` made already; ``end`` is an offset in it.

    >>> [(k, n) for k, n, _, _ in find_casualties_ar("أسفرت الغارة عن استشهاد طفلين وإصابة ١٢ مدنياً")]
    [('killed', 2), ('injured', 12)]
    >>> [(k, n) for k, n, _, _ in find_casualties_ar("ارتفعت حصيلة الضحايا إلى ١٥ شهيداً بينهم ٦ أطفال")]
    [('killed', 15)]
    >>> [(k, n) for k, n, _, _ in find_casualties_ar("سقطت القذائف دون وقوع إصابات")]
    [('killed', 0), ('injured', 0)]
    """
    text = to_digits_ar(sentence) if digits is None else digits
    out: list[tuple[int, str, int | None, str, int]] = []
    taken: list[tuple[int, int]] = []
    for m in _TOLL.finditer(text):
        kind = "injured" if re.search(fold_ar("جرحى|مصابين|الإصابات"), m.group("what")) else "killed"
        taken.append((m.start(), m.end()))
        out.append((m.start(), kind, int(m.group("t")), m.group("t"), m.end()))
    for kind, patterns in (("killed", (_KILL_BEFORE, _KILL_AFTER, _KILL_ONE)),
                           ("injured", (_HURT_BEFORE, _HURT_AFTER, _HURT_ONE))):
        for pattern in patterns:
            for m in pattern.finditer(text):
                span = (m.start("p"), m.end())
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                words = m.group("p").strip()
                count = 1 if pattern in (_KILL_ONE, _HURT_ONE) else count_victims_ar(words)
                if count is None and not _VAGUE.search(words):
                    continue
                taken.append(span)
                out.append((m.start(), kind, count, words, m.end()))
    for m in _NONE.finditer(text):
        out += [(m.start(), "killed", 0, m.group(), m.end()), (m.start(), "injured", 0, m.group(), m.end())]
    out.sort(key=lambda f: (f[0], f[1] != "killed"))
    return [(k, n, w, e) for _, k, n, w, e in out]


def fatalities_injured_ar(text: str) -> tuple[int | None, int | None]:
    """``(fatalities, injured)``: the first figure of each kind stated in ``text`` (the lead's), else None.

    >>> fatalities_injured_ar("استشهد ثلاثة مدنيين بينهم طفل وأصيب خمسة آخرون بقصف مدفعي")
    (3, 5)
    """
    killed: int | None = None
    injured: int | None = None
    seen: set[str] = set()
    for kind, count, _, _ in find_casualties_ar(text):
        if kind in seen:
            continue
        seen.add(kind)
        if kind == "killed":
            killed = count
        else:
            injured = count
    return killed, injured
