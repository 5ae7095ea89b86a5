"""Real-text shapes read right with the full gazetteer: whole mentions, containers, organisations.

The sentences are our own, in the shapes of ACLED coders' notes and wire reports (issue 14 lists the
shapes met); each place named exists in the full build from ../shared's sources.
"""

from __future__ import annotations

import pytest

from strikemap.gazetteer.lookup import Gazetteer
from strikemap.pipeline import extract_events, geocode_article


def _mentions(text: str, gaz: Gazetteer) -> list[tuple[str, str, str | None, str | None]]:
    article = geocode_article(text, gazetteer=gaz)
    return [(m.text, m.role, m.place.name if m.place else None, m.place.admin1 if m.place else None)
            for m in article.mentions]


def _events(text: str, gaz: Gazetteer) -> list[tuple[str, str | None]]:
    return [(e.location, e.admin1) for e in extract_events(text, gazetteer=gaz)]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A lone unknown word after a strike verb, or before "town", is a place candidate.
        ("On 2 May 2022, regime forces shelled Sfuhen in Idleb. Casualties unknown.", "Safuhun"),
        ("On 3 May 2022, regime forces shelled Ftireh town in Idleb countryside with rockets.", "Fatirah"),
        # A generic head glued to an unseen spelling: the whole run first, and the governorate settles ties.
        ("On 4 May 2022, government artillery shelled Kafr Oweid in Idleb.", "Kafr `Uwayd"),
        ("Warplanes struck Jisr Al-Shqour on Tuesday, residents said.", "Jisr ash-Shughur"),
        ("Russian jets bombed Khan Al-Subol at dawn.", "Khan al-Subul"),
        ("Rockets hit Kafr Sejneh and wounded a child.", "Kafr Sajna"),
    ],
)
def test_the_village_named_is_the_event(full_gazetteer: Gazetteer, text: str, place: str) -> None:
    events = _events(text, full_gazetteer)
    assert [name for name, _ in events] == [place]
    assert events[0][1] == "Idlib"


def test_the_governorate_after_a_village_is_its_container(full_gazetteer: Gazetteer) -> None:
    found = _mentions("Regime forces shelled Sfuhen in Idleb with artillery.", full_gazetteer)
    assert found[-1][:2] == ("Idleb", "other")
    found = _mentions("Drones struck Suran in northern Hama.", full_gazetteer)
    assert [(t, r) for t, r, _, _ in found] == [("Suran", "event"), ("northern Hama", "other")]
    assert found[0][3] == "Hama"


def test_a_village_of_another_governorate_is_not_taken_for_the_one_named(full_gazetteer: Gazetteer) -> None:
    # No "Kafr Oweid" lies in Aleppo: with "in Aleppo" the mention may stay unresolved but never lands in Idlib.
    for _, _, _, admin1 in _mentions("Artillery shelled Kafr Oweid in Aleppo.", full_gazetteer):
        assert admin1 in (None, "Aleppo")


@pytest.mark.parametrize(
    "text",
    [
        "Hayat Tahrir al-Sham fighters were struck in Sarmin.",
        "Jets struck Sarmin, the Idlib Health Directorate said.",
        "Jets struck Sarmin; Jaish al-Izza fighters responded.",
    ],
)
def test_organisation_names_are_no_places(full_gazetteer: Gazetteer, text: str) -> None:
    assert [name for name, _ in _events(text, full_gazetteer)] == ["Sarmin"]


@pytest.mark.parametrize(
    "text",
    [
        "A Bloody Day in Idleb: jets struck Sarmin.",
        "Jets struck Sarmin, killing Omar and his brother Ali.",
        "Jets struck Sarmin. Khan, a resident, said the Tal was quiet.",
    ],
)
def test_generic_words_and_first_names_need_evidence(full_gazetteer: Gazetteer, text: str) -> None:
    places = {name for name, _ in _events(text, full_gazetteer)}
    assert "Sarmin" in places
    assert places <= {"Sarmin", "Idlib"}


def test_a_town_name_means_the_town_not_its_district(full_gazetteer: Gazetteer) -> None:
    found = _mentions("Jets struck the market in Maarat al-Numan, killing nine.", full_gazetteer)
    assert [(t, r) for t, r, _, _ in found] == [("Maarat al-Numan", "event")]
    article = geocode_article("Jets struck the market in Maarat al-Numan, killing nine.", gazetteer=full_gazetteer)
    assert article.mentions[0].place is not None and article.mentions[0].place.kind == "town"
    district = geocode_article("Shelling hit villages of Maarat al-Numan district.", gazetteer=full_gazetteer)
    assert district.mentions[0].place is not None and district.mentions[0].place.kind in ("admin2", "admin3")


def test_the_container_picks_the_namesake(full_gazetteer: Gazetteer) -> None:
    aleppo = _events("A drone struck a car near Suran in the northern Aleppo countryside.", full_gazetteer)
    hama = _events("A drone struck a car near Suran in the northern Hama countryside.", full_gazetteer)
    assert [a for _, a in aleppo] == ["Aleppo"] and [a for _, a in hama] == ["Hama"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # The governorate gives way to a village struck in it anywhere in the report.
        ("Jets pounded Syria's opposition-held Idlib province on Monday. In Sarmin, a strike killed two.",
         ["Sarmin"]),
        # A countryside gives way to a village struck in it in the same sentence.
        ("Russian jets struck Kafr Nabl in the southern Idlib countryside, killing three.", ["Kafr Nabl"]),
        # With no finer place named, the area is the event (ACLED's geo_precision 3).
        ("Russian jets struck the southern Idlib countryside, killing three.", ["southern Idlib countryside"]),
        # A countryside summed up in one sentence gives way to the villages inside it the next one names...
        ("Raids hit southern Idlib province on Thursday. Eight were killed in the bombing of Khan Shaykhun.",
         ["Khan Shaykhun"]),
        # ... but not to a village outside it.
        ("Raids hit southern Idlib province on Thursday. Eight were killed in the bombing of Sarmada.",
         ["southern Idlib countryside", "Sarmada"]),
        # Aircraft seen over a place did not strike it.
        ("Jets struck Sarmin, killing two. Russian drones kept flying over Idlib governorate.", ["Sarmin"]),
        ("Drones were flying over Binnish all day.", []),
    ],
)
def test_areas_are_events_only_without_a_finer_place(full_gazetteer: Gazetteer, text: str, want: list[str]) -> None:
    assert [name for name, _ in _events(text, full_gazetteer)] == want


def test_deaths_stay_with_the_village_when_the_area_gives_way(full_gazetteer: Gazetteer) -> None:
    events = extract_events("Jets pounded Idlib province. A strike on Sarmin killed four civilians.",
                            gazetteer=full_gazetteer)
    assert [(e.location, e.fatalities) for e in events] == [("Sarmin", 4)]


@pytest.mark.parametrize(
    ("text", "struck", "not_struck"),
    [
        ("Rocket launchers stationed in the village of Tal Sultan fired a salvo at the town of Afis on Monday, "
         "killing a man.", "Afis", "Tal Sultan"),
        ("Jets that took off from the Hmeimim air base in Latakia struck Hass, killing two.", "Hass", "Latakia"),
        ("Shells hit Binnish at noon. Rescuers took the wounded to a hospital in Sarmin.", "Binnish", "Sarmin"),
        ("Shells hit Binnish at noon. A man from the village of Kafr Amim was among the wounded.", "Binnish",
         "Kafr Amim"),
    ],
)
def test_origins_destinations_and_homes_are_no_events(
    full_gazetteer: Gazetteer, text: str, struck: str, not_struck: str
) -> None:
    found = {t: r for t, r, _, _ in _mentions(text, full_gazetteer)}
    assert found[struck] == "event"
    assert found[not_struck] != "event"


def test_a_headline_place_is_the_event_only_where_the_body_names_it(full_gazetteer: Gazetteer) -> None:
    text = "A Bloody Day in Idleb\n\nJets pound Binnish\n\nOn Monday a strike on a market near Binnish killed four."
    assert [name for name, _ in _events(text, full_gazetteer)] == ["Binnish"]
    found = _mentions(text, full_gazetteer)
    assert [r for t, r, _, _ in found if t == "Binnish"] == ["other", "event"]


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("Russian jets struck Sarmin and killed Friday (July 22) a woman and her son.", 2),
        ("Five civilians were killed Friday (July 22) when jets struck Sarmin.", 5),
        ("Shelling on 22 July killed 3 people in Sarmin at 10:30.", 3),
    ],
)
def test_dates_and_times_are_no_death_tolls(full_gazetteer: Gazetteer, text: str, deaths: int) -> None:
    events = extract_events(text, gazetteer=full_gazetteer, pub_date="2022-07-23")
    assert [(e.location, e.fatalities) for e in events] == [("Sarmin", deaths)]


def test_a_named_landscape_gives_way_to_the_village_struck_in_it(full_gazetteer: Gazetteer) -> None:
    text = "Regime forces stepped up their shelling of Jabal al-Zawiya on Monday, and dozens of rockets hit Kansafra."
    assert [name for name, _ in _events(text, full_gazetteer)] == ["Kansafra"]
    # Unnamed villages across the area were struck as well as the town: both stay.
    text = "Government forces shelled villages across Jabal al-Zawiya and pounded the town of Kansafra."
    assert sorted(name for name, _ in _events(text, full_gazetteer)) == ["Jabal al-Zawiya", "Kansafra"]


def test_a_sentence_opening_with_its_own_verb_is_no_subject_list(full_gazetteer: Gazetteer) -> None:
    # The shape of a local outlet's recap line: the province "had lived a bloody day" (its own verb), the
    # strike is in the clause after it.
    text = "Idlib had lived a bloody day on Sunday, when raids on Binnish killed 12 civilians."
    roles = [(t, r) for t, r, _, _ in _mentions(text, full_gazetteer)]
    assert roles == [("Idlib", "other"), ("Binnish", "event")]
    assert [(e.location, e.fatalities) for e in extract_events(text, gazetteer=full_gazetteer)] == [("Binnish", 12)]
    # A subject list with no verb of its own still takes the predicate after it.
    text = "Taftanaz, Ram Hamdan and Binnish, north-east of Idlib, came under heavy raids."
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Taftanaz", "Ram Hamdan", "Binnish"]


def test_a_descriptive_in_the_of_names_the_governorate_far_from_its_city(full_gazetteer: Gazetteer) -> None:
    # Wire copy: "near X in the rebel stronghold of Idlib". Baksariyah lies 38 km from Idlib city: the
    # governorate is meant, a container, not a second event.
    text = ("Russian jets killed seven civilians on Friday when they struck a farm on the outskirts of "
            "Baksariyah village near Jisr al-Shughur in the rebel stronghold of Idlib, rescuers said.")
    found = _mentions(text, full_gazetteer)
    assert found[-1][:2] == ("Idlib", "other")
    assert [(e.location, e.fatalities) for e in extract_events(text, gazetteer=full_gazetteer)] == [("Baksariyah", 7)]
    # Al Mishmish is 4 km from the city: "in the western part of Idlib" stays the city.
    article = geocode_article("Shells hit Al Mishmish in the western part of Idlib.", gazetteer=full_gazetteer)
    assert [m.place.kind if m.place else None for m in article.mentions] == ["village", "city"]


def test_where_the_wounded_are_treated_is_no_event(full_gazetteer: Gazetteer) -> None:
    # A photo caption over the story (AFP's shape): the hospital's town is not where the shells fell.
    text = ("Doctors treat a boy hurt in government shelling, at a hospital in the city of Idlib, 6 October 2023\n\n"
            "Government shelling killed at least 11 people in the town of Sarmin, the White Helmets said.")
    assert _events(text, full_gazetteer) == [("Sarmin", "Idlib")]
    # A hospital that was hit is the event.
    assert _events("Jets struck a hospital in Kafr Nabl at dawn.", full_gazetteer) == [("Kafr Nabl", "Idlib")]


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("Russian jets hit Binnish at dawn. A family lost three of its members and a fourth was wounded.", 3),
        ("Five civilians lost their lives when shells hit Ariha.", 5),
        # Losses that are not people are no deaths.
        ("Shells hit Kafr Nabl, where the army lost two of its positions.", None),
        ("Shelling hit Kafr Nabl after rebels lost control of the town.", None),
    ],
)
def test_lost_lives_and_members_are_deaths(full_gazetteer: Gazetteer, text: str, deaths: int | None) -> None:
    assert [e.fatalities for e in extract_events(text, gazetteer=full_gazetteer)] == [deaths]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # A figure ends its sentence; an initial and a list number opening a line do not.
        ("Jets hit Ariha, killing 3. Shells hit Binnish.", ["Jets hit Ariha, killing 3.", "Shells hit Binnish."]),
        ("Dr. J. Smith said 2 died.", ["Dr. J. Smith said 2 died."]),
        ("The wounded are:\n1. Ariha: five children", ["The wounded are:", "1. Ariha: five children"]),
    ],
)
def test_sentences_end_after_a_figure(text: str, sentences: list[str]) -> None:
    from strikemap.text import sentence_spans

    assert [text[a:b] for a, b in sentence_spans(text)] == sentences


def test_a_strike_located_by_reference_is_kept_beside_another(full_gazetteer: Gazetteer) -> None:
    text = "Warplanes bombed a farm east of Idlib city, killing 3. Shells also hit Binnish."
    found = [(e.location, e.fatalities) for e in extract_events(text, gazetteer=full_gazetteer)]
    assert found == [("Binnish", None), ("Idlib", 3)]


def test_an_area_summed_up_by_reference_gives_way_to_the_places_named(full_gazetteer: Gazetteer) -> None:
    # A local outlet's lead: "the countryside east and north of Idlib", then the towns hit.
    text = ("Regime jets bombed the countryside east and north of Idlib at dawn on Monday. Taftanaz and "
            "Binnish came under heavy raids.")
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Taftanaz", "Binnish"]
    # With no place named, the summary is located by its reference point.
    text = "Regime jets bombed villages south of Idlib city at dawn on Monday."
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Idlib"]


def test_a_figure_given_for_several_places_is_theirs_not_the_reports(full_gazetteer: Gazetteer) -> None:
    # A quoted second strike after a first one with its own toll (the White Helmets' shape): the figure of
    # "A and B" goes to them, not taken out of the first place's toll.
    text = ("A child died when regime guns shelled homes in Sarmin, the White Helmets said. Shells on the "
            "markets of Atarib city and on Kafr Taal village killed one person and hurt four, the group added.")
    found = {e.location: e.fatalities for e in extract_events(text, gazetteer=full_gazetteer)}
    assert found["Sarmin"] == 1
    assert (found["Atarib"] or 0) + (found["Kafr Ta`al"] or 0) == 1
    # A lead total stated before its places still counts the figures placed after it.
    text = "Jets killed 10 people on Monday. Jets struck Ariha and Binnish; in Ariha 6 died."
    found = {e.location: e.fatalities for e in extract_events(text, gazetteer=full_gazetteer)}
    assert found == {"Ariha": 6, "Binnish": 4}


def test_a_bracketed_breakdown_adds_nobody(full_gazetteer: Gazetteer) -> None:
    text = "Missiles killed at least three civilians (two children and a woman) in Mardikh village on Monday."
    assert [e.fatalities for e in extract_events(text, gazetteer=full_gazetteer)] == [3]


def test_a_spaced_capitalised_article_belongs_to_the_name(full_gazetteer: Gazetteer) -> None:
    # An activist's list in a wire report: "Al Tah" and "Al Tamanaa" are list members like the rest.
    text = "Government and Russian planes hit Khan Sheikoun, Latamineh, Al Tah and Al Tamanaa, an activist said."
    found = _mentions(text, full_gazetteer)
    assert [(t, r) for t, r, _, _ in found][2:] == [("Al Tah", "event"), ("Al Tamanaa", "event")]
    # The lower-case English word is no article: "planes hit at dawn" keeps "at" out.
    assert [t for t, _, _, _ in _mentions("Jets hit at Tahh village at dawn.", full_gazetteer)] == ["Tahh"]


def test_a_name_read_two_ways_in_one_governorate_still_settles_its_neighbours(full_gazetteer: Gazetteer) -> None:
    # "Khan Sheikoun" matches two entries of Idlib: either way the report is in Idlib, which settles al-Tah
    # (At Tahh, Idlib; not Tat in Aleppo, a tie on the name alone).
    text = "Jets hit Khan Sheikoun and the village of al-Tah."
    assert [admin1 for _, _, _, admin1 in _mentions(text, full_gazetteer)] == ["Idlib", "Idlib"]


def test_a_place_before_where_is_where_the_strike_of_the_where_clause_fell(full_gazetteer: Gazetteer) -> None:
    # A quoted rescuer (a wire report's shape): "out in Hass, where helicopters had dropped barrels".
    text = ("None of our volunteers were hurt. They were out in Hass, where helicopters had just dropped "
            "explosive barrels.")
    assert [(e.location, e.event_type) for e in extract_events(text, gazetteer=full_gazetteer)] == [
        ("Hass", "barrel_bomb")]
    # The where-clause's figure is that place's (a conflict summary's shape).
    text = ("Russian aircraft struck Ariha and Binnish, and government aircraft hit Idleb city, where a strike "
            "on a residential block reportedly killed five civilians.")
    found = {e.location: e.fatalities for e in extract_events(text, gazetteer=full_gazetteer)}
    assert found == {"Ariha": None, "Binnish": None, "Idlib": 5}


def test_a_list_after_among_them_takes_the_strike(full_gazetteer: Gazetteer) -> None:
    text = ("Shelling killed six people. Several communities in Ariha district were hit, among them the city of "
            "Ariha, Shinan and Deir Sunbul.")
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Ariha", "Shinan", "Dayr Sunbul"]


def test_martyred_is_killed_and_an_outlet_in_capitals_is_no_place(full_gazetteer: Gazetteer) -> None:
    # A state agency's shape: "Hama, SANA - ... martyred five civilians", then "SANA's reporter said".
    text = ("Hama, SANA - Terrorist rockets on al-Rasif village in Hama countryside on Monday martyred five "
            "civilians. SANA's reporter said one rocket fell on a passing car.")
    found = [(e.location, e.fatalities) for e in extract_events(text, gazetteer=full_gazetteer)]
    assert found == [("Ar Rasif", 5)]
    # A dateline in capitals is still a place.
    assert _mentions("IDLIB, Syria (AP) - Jets hit Ariha.", full_gazetteer)[0][:2] == ("IDLIB", "dateline")


def test_a_sub_districts_spelling_names_its_town(full_gazetteer: Gazetteer) -> None:
    # OCHA writes the towns as its sub-districts are named: "Kafr Nobol", "Madiq Castle".
    text = "Areas hit by air strikes include Kafr Nobol in Idleb Governorate and Madiq Castle in Hama Governorate."
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Kafr Nabl", "Qalaat al-Madiq"]
    # Said to be the sub-district, it stays one.
    found = _mentions("Shelling hit several villages of Kafr Nobol sub-district.", full_gazetteer)
    article = geocode_article("Shelling hit several villages of Kafr Nobol sub-district.", gazetteer=full_gazetteer)
    assert found[0][0] == "Kafr Nobol" and article.mentions[0].place is not None
    assert article.mentions[0].place.kind == "admin3"


def test_a_new_clause_keeps_its_place_to_its_own_figure(full_gazetteer: Gazetteer) -> None:
    # A local outlet's shape: two raids, two places, "killed 1 civilian, and a similar raid on Y killed another".
    text = ("An airstrike on Jarjnaz town in the south-eastern countryside killed 1 civilian, and a similar raid "
            "on Ma'ardabse town killed another.")
    assert [e.fatalities for e in extract_events(text, gazetteer=full_gazetteer)] == [1, 1]


@pytest.mark.parametrize(
    "text",
    ["A day after shelling by the Bashar Assad regime killed six people in Ariha.",
     "Forces of the Bashar al-Assad regime shelled Ariha."],
)
def test_a_presidents_first_name_is_no_village(full_gazetteer: Gazetteer, text: str) -> None:
    # "Bashar" is also a village's name (in Aleppo): in a person's name it is no place.
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Ariha"]


def test_um_opens_a_name_as_umm_does(full_gazetteer: Gazetteer) -> None:
    found = _mentions("The shells landed on a camp near Um Tauina.", full_gazetteer)
    assert [t for t, _, _, _ in found] == ["Um Tauina"]


def test_a_capitalised_article_inside_a_name_is_the_names(full_gazetteer: Gazetteer) -> None:
    # OCHA's spelling "Ma'arrat An Nu'man": "An" is the Arabic article, not English "an".
    found = _mentions("Air strikes on Ma'arrat An Nu'man town reportedly killed three people.", full_gazetteer)
    assert [(t, p) for t, _, p, _ in found] == [("Ma'arrat An Nu'man", "Maarat al-Numan")]
    # In running title case English words stay English: "As" opens no name.
    assert [n for n, _ in _events("The jets struck Ariha As Shells Fell On Binnish", full_gazetteer)] == [
        "Ariha", "Binnish"]


def test_a_lead_total_goes_to_the_first_place_not_to_one_near_another(full_gazetteer: Gazetteer) -> None:
    # A state agency's shape: the headline's toll, the village where it happened, then a lesser strike "on
    # the outskirts of" a town (precision 2 there, but no broader an area than the village).
    text = ("Five civilians martyred in terrorist rocket attacks on Hama countryside\n\n"
            "Rockets launched at al-Rasif village hit a passing car. Later, two rockets landed on the outskirts "
            "of Mhardeh city, causing material damage only.")
    found = {e.location: e.fatalities for e in extract_events(text, gazetteer=full_gazetteer)}
    assert found["Ar Rasif"] == 5 and not found.get("Mhardeh")


def test_a_strike_on_unnamed_villages_of_a_countryside_is_placed_at_it(full_gazetteer: Gazetteer) -> None:
    # A wire report's shape: one named town, then "five more died in strikes on villages in southern Idlib".
    text = ("Two rescuers died when Russian raids hit the ambulance they were driving through Khan Sheikhoun. "
            "Five more civilians died on Tuesday in regime strikes on villages in southern Idlib, the monitor said.")
    found = [(e.location, e.fatalities) for e in extract_events(text, gazetteer=full_gazetteer)]
    assert found == [("Khan Shaykhun", 2), ("southern Idlib countryside", 5)]
    # Named as the container of the town struck, the countryside is no event.
    text = "Russian raids hit Khan Sheikhoun in the southern Idlib countryside, killing two."
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Khan Shaykhun"]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # A monitor's shape: "X, a town of Y in Hama's north-western countryside": Hama is the governorate.
        ("Regime rockets slammed into a home in Qastoun, a town of Sahl al-Ghab in Hama's north-western "
         "countryside.", ["Qastun al Gharbi"]),
        # "X, in <area>": the area after a comma is X's container too.
        ("Factions answered with rockets on Jurin, in Hama's western countryside, without casualties.", ["Jurin"]),
        # Hama city struck stays Hama city.
        ("Rockets hit Hama's main market on Monday.", ["Hama"]),
    ],
)
def test_a_governorates_countryside_after_a_possessive_is_a_container(
    full_gazetteer: Gazetteer, text: str, events: list[str]
) -> None:
    assert [n for n, _ in _events(text, full_gazetteer)] == events


def test_the_village_of_x_opening_a_sentence_is_its_subject(full_gazetteer: Gazetteer) -> None:
    # A news agency's shape (EFE via LaPresse): the place opens the sentence, its toll comes after an aside.
    text = ("Russian air raids on the province of Idlib have killed at least nine civilians. The village of "
            "Ihsim, in the Jabal al-Zawiya area, accounted for five of the dead.")
    assert [(e.location, e.fatalities) for e in extract_events(text, gazetteer=full_gazetteer)] == [("Ihsim", 5)]
    # With a verb of its own the opening piece keeps to itself.
    text = "The town of Ariha was calm on Monday, while jets struck Binnish."
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Binnish"]


def test_a_time_after_after_opens_no_background_clause(full_gazetteer: Gazetteer) -> None:
    # A monitor's shape: "raids after midnight hit A, north of Hama, and B" - "after midnight" is a time.
    text = "More than ten raids after midnight hit Latamna, north of Hama, and Khan Sheikhun, south of Idlib."
    assert [n for n, _ in _events(text, full_gazetteer)] == ["al-Lataminah", "Khan Shaykhun"]
    # "after" with a clause of its own still gives background.
    text = "Jets struck Ariha after rebels shelled army posts in Kafr Nabl."
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Ariha"]


def test_a_name_in_quotes_keeps_the_cue_before_it(full_gazetteer: Gazetteer) -> None:
    # A Kurdish outlet's shape: place names in double quotes.
    text = ('Clashes broke out on the "Hazarin" village axis, north of "Kafr Nabl" city in the southern Idlib '
            "countryside.")
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Hazzarin"]


def test_a_buildings_name_is_no_place(full_gazetteer: Gazetteer) -> None:
    # SNHR's shape: buildings named after people in brackets ("Imam Malek School"); "Malek" is a village's
    # name (in Latakia) but here a person's.
    text = ("Missiles hit three public buildings (Imam Malek School, Khaled bin al-Walid School and a mosque) "
            "in Ariha city on March 3.")
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Ariha"]
    # A town's name before a facility word is still the town.
    assert [n for n, _ in _events("Shells hit the Saraqib Market at noon.", full_gazetteer)] == ["Saraqib"]


def test_a_cue_across_a_sentence_end_is_none(full_gazetteer: Gazetteer) -> None:
    from strikemap.toponyms import find_spans

    spans = find_spans("Missiles hit buildings in Ariha city. Shells hit Binnish.", full_gazetteer)
    assert [s.text for s in spans] == ["Ariha", "Binnish"]


def test_named_villages_and_other_villages_of_a_landscape_leave_it_a_container(full_gazetteer: Gazetteer) -> None:
    # A monitor's shape: "hit A, B and other villages of Jabal al-Zawiya" names its places.
    text = "Regime rockets hit Kafr Oweid, Fulayfel and other villages of Jabal Al-Zawiyah, south of Idlib."
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Kafr `Uwayd", "Fulayfil"]
    # Only unnamed villages of it: the landscape is where the strike is placed.
    text = "Regime rockets hit Kafr Oweid. Later, shells fell on villages across Jabal al-Zawiya."
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Kafr `Uwayd", "Jabal al-Zawiya"]



def test_a_lead_total_in_a_village_goes_to_the_village_named(full_gazetteer: Gazetteer) -> None:
    # AP's shape: the lead's toll "in a village of the north-west", the village named in the next sentence,
    # a shelling elsewhere told as background later.
    text = ("IDLIB, Syria (AP) - Government artillery killed at least four civilians before dawn on Thursday in a "
            "village of Syria's northwest, activists said. The shells hit a family house in Kafr Nouran. The "
            "army said it had targeted fighters after they shelled troops in southern Idlib.")
    found = {e.location: e.fatalities for e in extract_events(text, gazetteer=full_gazetteer)}
    assert found["Kafr Nuran"] == 4
    assert sum(n or 0 for n in found.values()) == 4


def test_a_count_of_villages_after_their_names_leaves_the_landscape_a_container(full_gazetteer: Gazetteer) -> None:
    # SOHR's shape: "Qulaydin and Al-Ankawi, two villages of Sahl al-Ghab".
    text = "Regime gunners hit Qulaydin and Al-Ankawi, two villages of Sahl Al-Ghab north-west of Hama."
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Qulaydin", "`Ankawi"]


def test_a_place_on_the_outskirts_of_another_lies_near_it(full_gazetteer: Gazetteer) -> None:
    # A local outlet's shape: "the Wadi al-Jawz area on the outskirts of Nahliya" - the gazetteer's only
    # Wadi al Jawz lies in Latakia, 60 km off: it is left unresolved, not placed there.
    text = "Rockets also hit a house in the Wadi al-Jawz area on the outskirts of Nahliya, without casualties."
    events = _events(text, full_gazetteer)
    assert [admin1 for _, admin1 in events] == ["Idlib"]
    # A namesake near the town is kept.
    text = "Shells hit farms on the outskirts of Sarmin and the village of Qaminas on the outskirts of Idlib."
    assert "Qaminas" in [n for n, _ in _events(text, full_gazetteer)]


def test_an_aircraft_brought_down_over_a_place_strikes_nothing_there(full_gazetteer: Gazetteer) -> None:
    # A conflict summary's shape: drones hit one town; another drone is shot down above a second.
    text = "Turkish drones hit positions in Saraqeb. Air defences shot down a Turkish drone above Jisr al Shaghur."
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Saraqib"]
    # Shooting at a place is a strike there.
    assert [n for n, _ in _events("Regime gunners shot at Kansafra at dawn.", full_gazetteer)] == ["Kansafra"]


def test_a_direction_from_a_reference_settles_where_a_place_lies(full_gazetteer: Gazetteer) -> None:
    # SOHR's shape: "Maarrat Al-Na'san town, north-east of Idlib". The gazetteer lacks that village, and the
    # spelling's nearest name, Maarat al-Numan, lies 30 km south of Idlib: no event is put there.
    text = "Regime rockets fell on Maarrat Al-Na’san town, north-east of Idlib, and on Fulayfel."
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Fulayfil"]
    # A place that lies the way the report says is kept, with or without a distance.
    assert [n for n, _ in _events("Shells hit Hass, a village 30 km south of Idlib.", full_gazetteer)] == ["Hass"]
    assert [n for n, _ in _events("Jets struck Ariha, south of Idlib.", full_gazetteer)] == ["Ariha"]


def test_damage_left_by_a_strike_places_it(full_gazetteer: Gazetteer) -> None:
    # Storyful's shape: the rescuers "shared pictures of wrecked buildings in the Idlib town of X".
    text = ("Strikes killed three people at a market in Saraqib on Thursday. The Civil Defense also shared "
            "pictures of wrecked buildings in the town of Maarat Misrin.")
    assert [n for n, _ in _events(text, full_gazetteer)] == ["Saraqib", "Maarrat Misrin"]
    # Damage with no strike in the report places nothing.
    assert _events("The storm destroyed tents in a camp near Sarmada.", full_gazetteer) == []
