"""Breakdown lists: a casualty heading, then one bullet line per place with its victims.

The shape is a monitor's toll update ("The breakdown of fatalities is as follows:" and "• X town: three
children."); the sentences are our own.
"""

from __future__ import annotations

from strikemap.breakdown import breakdown_items
from strikemap.gazetteer.lookup import Gazetteer
from strikemap.pipeline import extract_events, geocode_article
from strikemap.text import sentence_spans

DEATHS = """Regime shells hit Jabal al-Zawiya on Monday, killing five civilians. The dead are:
- Balyoun: two men
- Ihsim village: a woman and her 2 children
Rescue teams were still searching the rubble."""


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_each_bullet_line_is_a_sentence_and_an_item() -> None:
    sentences = _sentences(DEATHS)
    assert sentences[2:4] == ["- Balyoun: two men", "- Ihsim village: a woman and her 2 children"]
    assert {k: kind for k, (kind, _, _) in breakdown_items(sentences).items()} == {2: "killed", 3: "killed"}


def test_the_listed_places_take_their_victims_and_the_area_gives_way(full_gazetteer: Gazetteer) -> None:
    events = extract_events(DEATHS, gazetteer=full_gazetteer)
    assert [(e.location, e.fatalities) for e in events] == [("Balyun", 2), ("Ihsim", 3)]
    assert sum(e.fatalities or 0 for e in events) == 5  # the heading's toll, not counted twice


def test_a_heading_of_wounds_gives_injured(full_gazetteer: Gazetteer) -> None:
    text = ("Jets struck the Idlib countryside on Tuesday, wounding eight people. The wounded are:\n"
            "1. Ariha: five children\n2. Maarrat Misrin: a man and his 2 sons\n")
    found = [(e.location, e.fatalities, e.injured) for e in extract_events(text, gazetteer=full_gazetteer)]
    assert found == [("Ariha", None, 5), ("Maarrat Misrin", None, 3)]


def test_lines_after_a_heading_of_no_casualties_are_no_events(full_gazetteer: Gazetteer) -> None:
    # A colon heading that is not a toll, and a list that is no breakdown: the places stay mentions.
    text = "Jets struck Ariha on Monday. Our correspondents are in:\n- Balyoun: since May\n- Ihsim: two reporters"
    article = geocode_article(text, gazetteer=full_gazetteer)
    roles = [(m.text, m.role) for m in article.mentions]
    assert roles == [("Ariha", "event"), ("Balyoun", "other"), ("Ihsim", "other")]
    # Without a strike in the report a toll's list places no event either.
    text = "The victims of the flood are:\n- Balyoun: two men\n- Ihsim: a woman"
    assert extract_events(text, gazetteer=full_gazetteer) == []


def test_a_bullet_line_is_never_a_headline() -> None:
    from strikemap.clauses import is_headline

    text = "The dead are:\n- Balyoun: two men\n- Ihsim: a woman"
    spans = sentence_spans(text)
    assert not any(is_headline(text, span) for span in spans)


def test_an_inline_list_after_a_heading_gives_each_place_its_victims(full_gazetteer: Gazetteer) -> None:
    # The shapes of a local outlet and of a UN flash update: the list follows the heading's colon.
    text = ("Shelling hit Daret Azza, Taqad and Kafr Amma, killing five. The dead are spread as follows: two in "
            "the town of Daret Azza, two in the village of Taqad and a child in the village of Kafr Amma.")
    found = [(e.location, e.fatalities) for e in extract_events(text, gazetteer=full_gazetteer)]
    assert found == [("Daret Azza", 2), ("Taqad", 2), ("Kafr `Ammah", 1)]
    text = ("Air strikes hit Kafr Nobol, Has and Madiq Castle on Monday. Three health workers were reportedly "
            "killed: one each in Madiq Castle, Has and Kafr Nobol.")
    assert [e.fatalities for e in extract_events(text, gazetteer=full_gazetteer)] == [1, 1, 1]


def test_a_colon_that_opens_no_list_of_victims_is_read_as_usual(full_gazetteer: Gazetteer) -> None:
    text = "Jets struck Ariha at dawn: the market burned and five people were killed."
    assert [(e.location, e.fatalities) for e in extract_events(text, gazetteer=full_gazetteer)] == [("Ariha", 5)]
