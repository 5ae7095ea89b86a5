"""A small hand-made gazetteer of hard cases, shared by the resolver and mention tests.

Coordinates are rounded public facts; names are spellings seen in news reports.
"""

from __future__ import annotations

from strikemap.gazetteer.lookup import Gazetteer
from strikemap.models import Place


def _p(pid: str, name: str, lat: float, lon: float, kind: str, admin1: str | None, *names: str, **kw: object) -> Place:
    country = str(kw.pop("country", "SY"))
    pop = int(kw.pop("population", 0))  # type: ignore[call-overload]
    pcode = {"Idlib": "SY07", "Hama": "SY05", "Aleppo": "SY02", "Lattakia": "SY06"}.get(admin1 or "")
    return Place(pid, name, lat, lon, kind, country=country, admin1=admin1, admin1_pcode=pcode, names=names,
                 population=pop, **kw)  # type: ignore[arg-type]


PLACES = [
    _p("t:jisr", "Jisr ash-Shughur", 35.8126, 36.3176, "town", "Idlib", "Jisr al-Shughur", "جسر الشغور",
       population=44000, admin2="Jisr ash-Shughur"),
    _p("t:maarat", "Ma'arrat an-Nu'man", 35.6480, 36.6734, "city", "Idlib", "Maarat al-Numan", "معرة النعمان",
       population=58000, admin2="Maarrat an-Nu'man"),
    _p("t:numan", "Numan", 36.0, 36.9, "village", "Idlib"),  # a trap: inside "Maarat al-Numan"
    _p("t:kafrnabl", "Kafr Nabl", 35.6139, 36.5611, "town", "Idlib", "كفر نبل", population=15000),
    _p("t:idlib", "Idlib", 35.9306, 36.6339, "city", "Idlib", "Idleb", "إدلب", population=165000),
    _p("t:idlib-gov", "Idlib Governorate", 35.8, 36.6, "admin1", "Idlib", "Idlib", "Idlib province", "Idleb"),
    _p("t:suran-hama", "Suran", 35.2897, 36.7475, "town", "Hama", population=9000, admin2="Hama"),
    _p("t:suran-aleppo", "Suran", 36.4694, 37.2322, "village", "Aleppo", population=3000, admin2="Azaz"),
    _p("t:morek", "Murak", 35.3686, 36.6933, "town", "Hama", "Morek", population=9000),
    _p("t:zawiya", "Jabal al-Zawiya", 35.70, 36.52, "region", "Idlib", "Jabal Al-Zawya", "جبل الزاوية",
       radius_km=15.0),
    _p("t:nhama", "northern Hama countryside", 35.35, 36.65, "region", "Hama", "northern Hama", "north Hama"),
    _p("t:hama", "Hama", 35.1318, 36.7578, "city", "Hama", "Hamah", "حماة", population=700000),
    _p("t:amman", "Amman", 31.9552, 35.9450, "city", None, country="JO", population=1275000),
    _p("t:moscow", "Moscow", 55.7522, 37.6156, "city", None, country="RU", population=10381222),
    _p("t:salem", "Salem", 44.9429, -123.0351, "city", None, country="US", population=154637),
    _p("t:ny", "New York", 40.7143, -74.006, "city", None, country="US", population=8175133),
    _p("t:aleppo-gov", "Aleppo Governorate", 36.2, 37.4, "admin1", "Aleppo", "Aleppo", "Halab", "حلب"),
    _p("t:azaz", "Azaz", 36.5866, 37.0463, "town", "Aleppo", "A'zaz", population=31000, admin2="Azaz"),
    _p("t:hobeit", "al-Habit", 35.4469, 36.6106, "village", "Idlib", "Hobeit"),
    # Villages of Jabal al-Zawiya that reports list together, and skeleton namesakes elsewhere.
    _p("t:kansafra", "Kansafra", 35.6329, 36.5003, "village", "Idlib"),
    _p("t:fulayfil", "Fulayfil", 35.5890, 36.4555, "village", "Idlib"),
    _p("t:balyun", "Balyun", 35.6957, 36.5084, "village", "Idlib"),
    _p("t:ballan", "Al Ballan", 34.9186, 36.7646, "village", "Homs", population=2000),
    _p("t:marami", "Al Marami", 35.05, 36.90, "village", "Hama"),  # skeleton "mrm", as the camp "Maram"
    _p("t:sahriyah", "Sahriyah", 35.30, 36.50, "village", "Hama"),  # skeleton "shr", as "SOHR"
]


def catalogue() -> Gazetteer:
    return Gazetteer.from_places(PLACES, header={"name": "catalogue"})
