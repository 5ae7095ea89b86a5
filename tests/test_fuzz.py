"""Property tests over the whole text pipeline: any text in, no exception out, results that make sense."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strikemap.gazetteer.lookup import Gazetteer
from strikemap.pipeline import extract_events, geocode_article
from strikemap.spelling import fold, skeleton_key, variant_key

GAZ = Gazetteer.default()
# Syria's bounding box, a little widened; foreign places (capitals as actors) may lie anywhere on Earth.
SYRIA = (32.0, 35.5, 37.5, 42.5)

# Text that looks like a report often enough to exercise every stage: place names in many spellings,
# strike words, numbers, punctuation, markup and Arabic, shuffled with arbitrary Unicode.
WORDS = st.sampled_from(
    [
        "Jisr Al-Shqour", "Kafranbel", "Maarat al-Numan", "جسر الشغور", "AMMAN:", "Moscow", "Idlib", "northern Hama",
        "jets", "struck", "shelled", "barrel bombs", "killed", "at least", "dozens", "thirty-two", "152", "on Tuesday",
        "hospital", "market", "said", "Salem", "Abu", "Al-", "al-", "Kafr", "Tal", "(", ")", ".", ",", "\n", "—",
        "<script>alert(1)</script>", "'", "’s", "in", "near", "east of", "Suran", "Morek", "the regime",
    ]
)
REPORTS = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=60).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REPORTS)
def test_geocode_any_text(text: str) -> None:
    result = geocode_article(text, source="fuzz", gazetteer=GAZ)
    for m in result.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.role in ("event", "dateline", "actor", "other")
        place = m.place
        if place is not None:
            assert GAZ.get(place.place_id) == place
            if place.country == "SY":
                assert SYRIA[0] <= place.lat <= SYRIA[2] and SYRIA[1] <= place.lon <= SYRIA[3]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REPORTS, st.one_of(st.none(), st.dates().map(str)))
def test_events_any_text(text: str, pub_date: str | None) -> None:
    events = extract_events(text, source="fuzz", pub_date=pub_date, gazetteer=GAZ)
    for e in events:
        assert SYRIA[0] <= e.lat <= SYRIA[2] and SYRIA[1] <= e.lon <= SYRIA[3], "no strike is placed abroad"
        assert e.evidence
        assert e.fatalities is None or e.fatalities >= 0


@given(st.text())
def test_arbitrary_unicode_never_breaks_the_pipeline(text: str) -> None:
    geocode_article(text, gazetteer=GAZ)
    extract_events(text, gazetteer=GAZ)


@given(st.text())
def test_normalisation_is_idempotent_and_keys_see_only_the_folded_name(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    # Build and lookup fold names the same way: a key never depends on what folding removed.
    assert variant_key(fold(text)) == variant_key(text)
    assert skeleton_key(fold(text)) == skeleton_key(text)
