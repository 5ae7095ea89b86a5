"""Dates in Arabic reports: "يوم الثلاثاء ٧ أيار ٢٠١٩", "١٥ شباط/فبراير", "أمس", "فجر اليوم".

Syrian and Levantine outlets name the months by their Syriac names (كانون الثاني، شباط، آذار …),
Egyptian and most pan-Arab ones by the Latin names (يناير، فبراير، مارس …), and many write both
("شباط/فبراير"). dateparser reads only the second set, and costs milliseconds a call, so both are read
here from one table (``MONTHS_AR``). ``find_date_ar`` has the shape of ``dates.find_date``, and counts days
with its helpers:
``(says_when, day)``, a day read relative to the publication date ``base``:

- day month [year], digits ASCII, Arabic-Indic or Persian; without a year, the latest such day not
  after ``base`` (a report does not announce strikes to come);
- day/month/year in digits ("15/2/2020"), and ISO "2020-02-15";
- "اليوم" (today), "فجر اليوم"، "صباح اليوم"، "مساء اليوم" → ``base``; "أمس"، "البارحة"، "ليلة أمس" →
  the day before; "أول أمس" → two days before;
- a weekday ("يوم الثلاثاء", "الثلاثاء") → the latest such day not after ``base`` (the same weekday
  as ``base`` is that day);
- a month without a day ("في شهر آذار"), "الأسبوع الماضي", "الشهر الماضي" say when, but not the day.
"""

from __future__ import annotations

import datetime as dt
import re

from ..dates import day_or_none, latest_day_not_after, weekday_on_or_before
from .fold import fold_ar

__all__ = ["MONTHS_AR", "WEEKDAYS_AR", "find_date_ar"]

# Month number → its Levantine and its Egyptian (Latin-derived) names, as written.
MONTHS_AR: dict[int, tuple[str, ...]] = {
    1: ("كانون الثاني", "يناير", "جانفي"),
    2: ("شباط", "فبراير", "فيفري"),
    3: ("آذار", "مارس"),
    4: ("نيسان", "أبريل", "إبريل", "افريل"),
    5: ("أيار", "مايو", "ماي"),
    6: ("حزيران", "يونيو", "يونيه", "جوان"),
    7: ("تموز", "يوليو", "يوليه", "جويلية"),
    8: ("آب", "أغسطس", "اغسطس", "أوت"),
    9: ("أيلول", "سبتمبر"),
    10: ("تشرين الأول", "أكتوبر"),
    11: ("تشرين الثاني", "نوفمبر"),
    12: ("كانون الأول", "ديسمبر"),
}
# Python's weekday numbers (Monday 0) → the Arabic name.
WEEKDAYS_AR: dict[int, str] = {0: "الإثنين", 1: "الثلاثاء", 2: "الأربعاء", 3: "الخميس", 4: "الجمعة", 5: "السبت",
                               6: "الأحد"}

_MONTH_OF = {fold_ar(name): number for number, names in MONTHS_AR.items() for name in names}
_MONTH = "|".join(sorted(map(re.escape, _MONTH_OF), key=len, reverse=True))
# "شباط/فبراير", "شباط (فبراير)": the second name of the same month is skipped.
_MONTH_PAIR = rf"(?P<m>{_MONTH})(?:\s*[/(-]\s*(?:{_MONTH})\s*\)?)?"
# Only with the article: a bare "اثنين" is the number two ("متطوعين اثنين").
_WEEKDAY_OF = {fold_ar(name): day for day, name in WEEKDAYS_AR.items()}
_WEEKDAY = "|".join(sorted(map(re.escape, _WEEKDAY_OF), key=len, reverse=True))

_DATE = re.compile(
    rf"(?<!\w)(?P<d>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?{_MONTH_PAIR}(?:\s+(?:عام\s+|سنه\s+)?(?P<y>\d{{4}}))?(?!\w)|"
    r"(?<![\w/])(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4})(?![\w/])|"
    r"(?<![\w-])(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})(?![\w-])|"
    + fold_ar(r"(?<!\w)(?P<before>اول\s+(?:امس|من\s+امس))(?!\w)|"
              r"(?<!\w)(?P<yesterday>[وب]?(?:امس|الامس|البارحه))(?!\w)|"
              r"(?<!\w)(?P<today>(?:فجر|صباح|ظهر|مساء|ليل|ليله|عصر)?\s*اليوم)(?!\w)|")
    + rf"(?<!\w)(?:يوم\s+)?(?P<wd>{_WEEKDAY})(?!\w)|"
    + fold_ar(rf"(?<!\w)(?P<vague>(?:في\s+|خلال\s+)?شهر\s+(?:{_MONTH})|(?:الاسبوع|الشهر)\s+الماضي|"
              r"الايام\s+الماضيه|الاسابيع\s+الماضيه)(?!\w)")
)


def find_date_ar(sentence: str, base: dt.date | None) -> tuple[bool, dt.date | None]:
    """Whether an Arabic ``sentence`` says when, and the day it names relative to ``base``.

    >>> find_date_ar("شن الطيران الحربي يوم الثلاثاء غارات على كفرنبل", dt.date(2019, 5, 9))
    (True, datetime.date(2019, 5, 7))
    >>> find_date_ar("قصفت قوات النظام في ١٥ شباط/فبراير ٢٠٢٠ مدينة أريحا", None)
    (True, datetime.date(2020, 2, 15))
    >>> find_date_ar("استشهد طفل مساء أمس", dt.date(2019, 8, 1))
    (True, datetime.date(2019, 7, 31))
    >>> find_date_ar("تكررت الغارات خلال شهر آذار", dt.date(2020, 4, 2))
    (True, None)
    >>> find_date_ar("قصفت قوات النظام البلدة", dt.date(2020, 4, 2))
    (False, None)
    """
    m = _DATE.search(fold_ar(sentence))
    if not m:
        return False, None
    if m.group("vague"):
        return True, None
    if m.group("d"):
        month, day = _MONTH_OF[m.group("m")], int(m.group("d"))
        if m.group("y"):
            return True, day_or_none(int(m.group("y")), month, day)
        if base is None:
            return True, None
        return True, latest_day_not_after(base, month, day)
    if m.group("d2"):
        return True, day_or_none(int(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
    if m.group("y3"):
        return True, day_or_none(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
    if base is None:
        return True, None
    if m.group("before"):
        return True, base - dt.timedelta(days=2)
    if m.group("yesterday"):
        return True, base - dt.timedelta(days=1)
    if m.group("today"):
        return True, base
    return True, weekday_on_or_before(base, _WEEKDAY_OF[m.group("wd")])
