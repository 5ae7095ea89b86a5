"""Strike events: each table row of event_rules, the double-count rule, dates, precision, merging."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from strikemap.dates import find_date, publication_date
from strikemap.event_rules import (
    ACTOR_NAMES,
    EVENT_TYPE_CUES,
    TARGET_CUES,
    VAGUE_COUNTS,
    count_victims,
    event_type_of,
    find_actors,
    find_casualties,
    targets_of,
)
from strikemap.events import events_from_mentions, merge_duplicates
from strikemap.models import Match, Mention, Place, StrikeEvent
from strikemap.text import sentence_spans

ARIHA = Place("gn:1", "Ariha", 35.81, 36.61, "town", admin1="Idlib")
HASS = Place("gn:4", "Hass", 35.60, 36.60, "village", admin1="Idlib")
SOUTH = Place("curated:si", "southern Idlib countryside", 35.6, 36.64, "region", admin1="Idlib", radius_km=25)
ZAWIYA = Place("curated:jz", "Jabal al-Zawiya", 35.68, 36.55, "region", admin1="Idlib", radius_km=12)
IDLIB = Place("gn:5", "Idlib", 35.93, 36.63, "city", admin1="Idlib")
PLACES = {"Ariha": ARIHA, "Hass": HASS, "southern Idlib": SOUTH, "Jabal al-Zawiya": ZAWIYA, "Idlib": IDLIB}


def events(text: str, roles: dict[str, str], *, pub: dt.date | None = None) -> list[StrikeEvent]:
    mentions = []
    for name, role in roles.items():
        start = text.index(name)
        mentions.append(Mention(name, start, start + len(name), role=role,
                                match=Match(PLACES[name], 95.0, name, "exact")))
    mentions.sort(key=lambda m: m.start)
    return events_from_mentions(text, mentions, sentences=sentence_spans(text), source="t.txt", pub_date=pub)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("A car bomb exploded in the market.", "other"), ("Helicopters dropped barrel bombs.", "barrel_bomb"),
     ("A drone fired at a car.", "drone_strike"), ("A surface-to-surface missile hit the camp.", "missile_strike"),
     ("Warplanes bombed the town.", "air_strike"), ("Artillery shelled the village.", "shelling"),
     ("Rebels clashed with troops.", "ground_clash"), ("An explosion hit the town.", "other"),
     ("Aid was delivered.", None),
     # Guns are artillery; a ground bombardment is shelling, a bombardment alone an air raid.
     ("The regime's guns opened up again on the villages.", "shelling"),
     ("Forces stepped up their ground bombardment of the mountain.", "shelling"),
     ("The bombardment of the town went on.", "air_strike")],
)
def test_event_type_rows(text: str, kind: str | None) -> None:
    assert event_type_of(text) == kind


def test_every_event_type_row_is_exercised() -> None:
    assert len(EVENT_TYPE_CUES) == 8


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Russian and Syrian jets struck the town", "air_strike",
         ("Military Forces of Russia", "Military Forces of Syria", True)),
        ("Government artillery shelled the town", "shelling", ("Military Forces of Syria", None, False)),
        ("The Turkish drone targeted the vehicle", "drone_strike", ("Military Forces of Turkey", None, False)),
        ("A US-led coalition drone fired two missiles", "drone_strike", ("US-led Coalition", None, False)),
        ("Israeli jets hit a depot", "air_strike", ("Military Forces of Israel", None, False)),
        ("HTS fighters shelled the town", "shelling", ("Hayat Tahrir al-Sham", None, False)),
        ("Rebels fired rockets at the town", "shelling", ("Opposition fighters", None, False)),
        ("Opposition fighters have a presence where jets struck", "air_strike", (None, None, False)),
        ("Missiles fired from government positions struck the town", "missile_strike",
         ("Military Forces of Syria", None, False)),
        ("Rebel fighters launched an offensive against army positions", "ground_clash",
         ("Opposition fighters", "Military Forces of Syria", False)),
    ],
)
def test_actor_rows(text: str, kind: str, expected: tuple[str | None, str | None, bool]) -> None:
    assert find_actors(text, kind) == expected


def test_actor_vocabulary_is_acled_style() -> None:
    names = [n for n, _, _ in ACTOR_NAMES]
    assert "Military Forces of Russia" in names and "Military Forces of Syria" in names
    assert len(set(names)) == len(names)


@pytest.mark.parametrize(
    ("phrase", "count"),
    [("at least 150 civilians", 150), ("a woman and her 3 children", 4), ("a family of 5", 5),
     ("several children and a teacher", 4), ("a senior commander of HTS and his driver", 2),
     ("3 members of a family", 3), ("1 man", 1), ("1 woman and her 3 children", 4), ("many people", None),
     ("people", None)]
    + [(words, value) for words, value in VAGUE_COUNTS.items()],
)
def test_count_victims(phrase: str, count: int | None) -> None:
    assert count_victims(phrase) == count


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Jets killed at least 150 civilians and injured dozens.", [("killed", 150), ("injured", 12)]),
        ("We have pulled 152 bodies and rescued 279 civilians.", [("killed", 152)]),
        ("Thirty-two people were killed and eleven wounded.", [("killed", 32), ("injured", 11)]),
        ("Three patients and a nurse were killed in the raid.", [("killed", 4)]),
        ("The death toll from the strike on the market rose to 35.", [("killed", 35)]),
        ("Thirteen people were being treated for their wounds.", [("injured", 13)]),
        ("Nobody was hurt.", [("injured", 0), ("killed", 0)]),
        ("No one was hurt in the strike.", [("injured", 0), ("killed", 0)]),  # not "No 1 was hurt": one victim
        ("No one was killed, but one man was wounded.", [("killed", 0), ("injured", 1)]),
        ("Shells fell, but no casualties were reported.", [("injured", 0), ("killed", 0)]),
        ("It denied that jets killed civilians.", []),
        # An aside inside the victims phrase is read past, and its number is no second figure.
        ("Seventeen people, 13 of them children, died on Wednesday.", [("killed", 17)]),
        ("Five civilians of one family, three of them children, were killed.", [("killed", 5)]),
        # A figure whose verb is left out takes the kind of the figure before it.
        ("Seven died in Ariha, seven more in Hass, and four in the village of Sarmin.",
         [("killed", 7), ("killed", 7), ("killed", 4)]),
        ("Jets struck 3 towns on Monday and 2 in the north.", []),
        # Tolls in other words.
        ("In the town, the barrel-bomb toll now stands at 5.", [("killed", 5)]),
        ("The number killed in violent raids on the town has risen to eight.", [("killed", 8)]),
    ],
)
def test_find_casualties(sentence: str, expected: list[tuple[str, int]]) -> None:
    assert sorted((k, n) for k, n, _, _ in find_casualties(sentence)) == sorted(expected)


@pytest.mark.parametrize(
    ("code", "sentence"),
    [("hospital", "Russian jets struck a hospital in the town."),
     ("school", "Warplanes bombed a school on Wednesday."),
     ("market", "Air strikes on a crowded market killed ten."),
     ("civil_defence", "They documented the destruction of five civil defence centres."),
     ("camp", "A missile struck a camp for displaced people."),
     ("power", "Jets hit power stations near the town."),
     ("water", "An air strike damaged the main water pumping station."),
     ("bakery", "An air strike on a bakery killed four."),
     ("mosque", "The bombs flattened two houses and damaged a mosque."),
     ("residential", "Missiles struck residential neighbourhoods.")],
)
def test_target_rows(code: str, sentence: str) -> None:
    assert code in targets_of(sentence)


def test_target_table_covers_the_design_codes() -> None:
    codes = {c for c, _ in TARGET_CUES}
    assert {"hospital", "school", "market", "civil_defence", "camp", "power", "water", "residential"} <= codes


@pytest.mark.parametrize(
    "sentence",
    ["Drones flew over before the strike and that markets closed early.",
     "A drone fired two missiles at the vehicle as it left a mosque.",
     "The town's hospital was treating the wounded."],
)
def test_targets_must_be_what_was_hit(sentence: str) -> None:
    assert targets_of(sentence) == set()


@pytest.mark.parametrize(
    ("sentence", "said", "day"),
    [("Jets struck on Monday.", True, dt.date(2019, 5, 6)), ("Jets struck on Tuesday.", True, dt.date(2019, 5, 7)),
     ("Jets struck yesterday.", True, dt.date(2019, 5, 6)), ("Jets struck on May 5.", True, dt.date(2019, 5, 5)),
     ("Jets struck on 5 May 2018.", True, dt.date(2018, 5, 5)), ("In April, jets struck.", True, None),
     ("Rebels attacked late last month.", True, None), ("Jets struck.", False, None)],
)
def test_find_date(sentence: str, said: bool, day: dt.date | None) -> None:
    assert find_date(sentence, dt.date(2019, 5, 7)) == (said, day)


def test_relative_dates_need_a_publication_date() -> None:
    assert find_date("Jets struck on Monday.", None) == (True, None)
    assert find_date("Jets struck on May 5, 2019.", None) == (True, dt.date(2019, 5, 5))


def test_publication_date_from_dateline_else_given() -> None:
    assert publication_date("IDLIB, Syria, May 7, 2019 (Wire) — Jets.", None) == dt.date(2019, 5, 7)
    assert publication_date("IDLIB, May 7 (Wire) — Jets.", dt.date(2019, 5, 9)) == dt.date(2019, 5, 7)
    assert publication_date("IDLIB, May 7 (Wire) — Jets.", None) is None
    assert publication_date("AMMAN: Jets.", dt.date(2019, 5, 9)) == dt.date(2019, 5, 9)


def test_report_total_is_counted_once_on_the_broadest_event() -> None:
    text = ("Russian jets killed at least 150 civilians. The strikes hit towns in southern Idlib. "
            "Families fled Ariha and Jabal al-Zawiya, two areas pounded daily.")
    found = events(text, {"southern Idlib": "event", "Ariha": "event", "Jabal al-Zawiya": "event"})
    assert sum(e.fatalities or 0 for e in found) == 150
    by_place = {e.location: e for e in found}
    assert by_place["southern Idlib countryside"].fatalities == 150
    assert by_place["southern Idlib countryside"].geo_precision == 3
    assert by_place["Jabal al-Zawiya"].geo_precision == 2
    assert by_place["Ariha"].geo_precision == 1


def test_located_figures_are_kept_and_the_total_is_reduced_by_them() -> None:
    text = "Jets killed 20 people on Monday. In Ariha, five people died when jets struck a market. Hass was hit too."
    found = {e.location: e for e in events(text, {"Ariha": "event", "Hass": "event"})}
    assert found["Ariha"].fatalities == 5
    assert found["Hass"].fatalities == 15
    assert found["Ariha"].targets == ("market",)


def test_figure_for_there_goes_to_the_last_place_named() -> None:
    text = "Artillery shelled Hass and pounded Ariha, killing three civilians there."
    found = {e.location: e for e in events(text, {"Hass": "event", "Ariha": "event"})}
    assert found["Ariha"].fatalities == 3 and found["Hass"].fatalities is None


def test_each_figure_goes_to_the_place_its_clause_puts_it_at() -> None:
    # Several places and figures in one sentence: each figure to the place closing its locative phrase,
    # or to the place that opens its clause; none copied, none read as a report-level total.
    text = ("Monitors said eight civilians were killed in the bombardment of the town of Ariha, while three "
            "others, among them a child, died in strikes on the neighbouring village of Hass.")
    found = {e.location: e.fatalities for e in events(text, {"Ariha": "event", "Hass": "event"})}
    assert found == {"Ariha": 8, "Hass": 3}
    text = "Jets struck Hass and Ariha; in Ariha a house came down and five people died."
    found = {e.location: e.fatalities for e in events(text, {"Hass": "event", "Ariha": "event"})}
    assert found == {"Hass": None, "Ariha": 5}


def test_a_figure_in_a_clause_with_one_place_is_that_place_s_and_a_running_total_is_the_report_s() -> None:
    text = "Jets bombed Hass and Ariha on Monday, when raids on Ariha killed 12 civilians."
    found = {e.location: e.fatalities for e in events(text, {"Hass": "event", "Ariha": "event"})}
    assert found == {"Hass": None, "Ariha": 12}
    text = ("Shells killed five people in Hass. Later army fire on Ariha killed four more civilians, "
            "taking the day's toll to nine.")
    found = {e.location: e.fatalities for e in events(text, {"Hass": "event", "Ariha": "event"})}
    assert found == {"Hass": 5, "Ariha": 4}


def test_missiles_from_aircraft_are_an_air_strike_unless_launched_from_the_ground() -> None:
    text = "A missile from a warplane hit the hospital in Ariha on Monday."
    assert [e.event_type for e in events(text, {"Ariha": "event"})] == ["air_strike"]
    text = "Troops launched guided missiles at Ariha. Jets flew over the town."
    assert [e.event_type for e in events(text, {"Ariha": "event"})] == ["missile_strike"]


def test_helicopters_striking_in_a_report_of_barrel_bombs_drop_barrels() -> None:
    text = "Regime helicopters rolled barrel bombs onto Hass. The helicopters also struck areas in Ariha."
    assert [e.event_type for e in events(text, {"Hass": "event", "Ariha": "event"})] == ["barrel_bomb"] * 2
    text = "Regime helicopters rolled barrel bombs onto Hass. Jets also struck areas in Ariha."
    assert [e.event_type for e in events(text, {"Hass": "event", "Ariha": "event"})] == ["barrel_bomb", "air_strike"]


def test_aircraft_seen_overhead_give_the_report_no_type() -> None:
    text = "Russian drones kept circling over the area at dawn. Then the regime's guns opened up. Strikes hit Hass."
    assert [e.event_type for e in events(text, {"Hass": "event"})] == ["shelling"]


def test_a_headline_locates_no_strike_by_a_reference_point() -> None:
    text = "Russian raids kill seven west of Idlib city\n\nRussian raids killed seven civilians in Hass on Monday."
    found = events(text, {"Idlib": "other", "Hass": "event"})
    assert [(e.location, e.fatalities) for e in found] == [("Hass", 7)]


def test_total_across_two_places_goes_to_one() -> None:
    text = "Jets struck Hass and Ariha on Thursday, killing seven civilians across the two villages."
    found = events(text, {"Hass": "event", "Ariha": "event"}, pub=dt.date(2019, 12, 19))
    assert [e.fatalities for e in found] == [7, None]
    assert {e.event_date for e in found} == {"2019-12-19"}


def test_strike_located_by_reference_point_is_precision_2() -> None:
    text = "Jets bombed Ariha. In a separate raid, warplanes bombed a farm east of Idlib city, injuring three."
    found = {e.location: e for e in events(text, {"Ariha": "event", "Idlib": "other"})}
    assert found["Idlib"].geo_precision == 2 and found["Idlib"].injured == 3
    assert "relative to" in found["Idlib"].notes


def test_near_makes_precision_2_and_dates_carry_over() -> None:
    text = "Shells hit Ariha on Monday. Shells also fell around Hass."
    found = {e.location: e for e in events(text, {"Ariha": "event", "Hass": "event"}, pub=dt.date(2019, 5, 7))}
    assert found["Hass"].geo_precision == 2
    assert found["Hass"].event_date == "2019-05-06"


def test_no_strike_no_events() -> None:
    text = "Russia announced a ceasefire in Ariha from Saturday."
    assert events(text, {"Ariha": "other"}) == []


def test_evidence_source_and_confidence() -> None:
    (e,) = events("Russian jets struck Ariha on Monday, killing four.", {"Ariha": "event"})
    assert e.evidence.startswith("Russian jets struck Ariha")
    assert e.source == "t.txt" and e.sources == ("t.txt",)
    assert 0.8 <= e.confidence <= 0.95
    assert e.event_id.startswith("sm-")


def _event(source: str, fatalities: int | None, date: str | None = "2019-06-02", conf: float = 0.8) -> StrikeEvent:
    return StrikeEvent(f"sm-{source}", "air_strike", 35.6, 36.6, "Maarat al-Numan", "gn:9", 1, event_date=date,
                       fatalities=fatalities, targets=("market",), source=source, sources=(source,), confidence=conf)


def test_merge_same_place_day_type_keeps_lower_median() -> None:
    merged = merge_duplicates([_event("a", 32), _event("b", 35, conf=0.9)])
    assert len(merged) == 1
    assert merged[0].sources == ("a", "b") and merged[0].fatalities == 32
    assert merged[0].source == "b" and merged[0].confidence == 0.95
    three = merge_duplicates([_event("a", 30), _event("b", 35), _event("c", 90)])
    assert three[0].fatalities == 35


def test_merge_leaves_undated_and_different_events_apart() -> None:
    assert len(merge_duplicates([_event("a", 1, None), _event("b", 2, None)])) == 2
    other_day = replace(_event("b", 2), event_date="2019-06-03")
    assert len(merge_duplicates([_event("a", 1), other_day])) == 2


def test_a_kill_verb_with_no_figure_is_no_casualty() -> None:
    # Found by the Hypothesis pipeline test: the pattern matched with every figure group empty.
    from strikemap.event_rules import find_casualties

    assert find_casualties("Jisr Al-Shqour jets killed .") == []


@pytest.mark.parametrize("base", [None, dt.date(2019, 5, 7)])
def test_dates_read_lazily_agree_with_reading_every_sentence(base: dt.date | None) -> None:
    from strikemap.events import _dates
    from strikemap.report import Report
    from strikemap.text import dateline_end

    text = ("AMMAN, May 5: Jets struck Ariha on Monday. Aid was sent. A strike in August killed dozens. "
            "Rebels said they would respond. Shelling hit Saraqeb on Sunday. It killed two. Talks were held "
            "last week. On Tuesday, 3 May 2019, drones hit Kafranbel. Doctors treated the wounded.")
    rep = Report(text, sentence_spans(text))
    # The reading of every sentence in order, as it was made before.
    expected: list[dt.date | None] = []
    current, skip = base, dateline_end(text)
    for (a, b), ok in zip(rep.spans, rep.strike, strict=True):
        said, day = find_date(text[max(a, skip) : b], base)
        expected.append(day if said else current)
        if said and ok and day is not None:
            current = day
    n = len(rep.spans)
    assert _dates(rep, base, range(n)) == dict(enumerate(expected))
    for k in range(n):
        assert _dates(rep, base, [k, k]) == {k: expected[k]}
    assert _dates(rep, base, reversed(range(n))) == dict(enumerate(expected))
