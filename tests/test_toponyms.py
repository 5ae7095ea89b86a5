"""Finding place mentions in text, against the hand-made catalogue gazetteer."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strikemap.resolver import resolve_mentions
from strikemap.text import Token, tokenize
from strikemap.toponyms import find_spans
from tests.catalogue import catalogue

GAZ = catalogue()


def spans(text: str) -> list[str]:
    return [s.text for s in find_spans(text, GAZ)]


def places(text: str) -> list[str | None]:
    return [m.place.place_id if m.place else None for m in resolve_mentions(text, find_spans(text, GAZ), GAZ)]


def test_known_spelling_and_offsets() -> None:
    text = "Jets struck Jisr al-Shughur on Monday."
    [span] = find_spans(text, GAZ)
    assert (span.text, span.how) == ("Jisr al-Shughur", "known")
    assert text[span.start : span.end] == span.text


def test_variant_spelling_is_found_by_the_automaton() -> None:
    # Not spelled so in the gazetteer; the word-variant form meets "Jisr al-Shughur".
    assert spans("Shelling hit Jisr el-Shughour.") == ["Jisr el-Shughour"]


def test_longest_match_wins_no_numan_out_of_maarat() -> None:
    assert spans("Raids on Maarat al-Numan killed five.") == ["Maarat al-Numan"]
    assert places("Raids on Maarat al-Numan killed five.") == ["t:maarat"]


def test_person_name_after_speech_verb_is_not_a_place() -> None:
    text = "said Salem Abu Al-Azem, a rescue worker in Idlib."
    assert spans(text) == ["Idlib"]


def test_foreign_name_glued_to_other_capitals_is_not_a_place() -> None:
    assert spans("The New York Times reported strikes in Idlib.") == ["Idlib"]
    assert spans("Officials in New York said.") == ["New York"]


def test_unknown_article_shape_goes_to_the_resolver() -> None:
    found = find_spans("Jets bombed Jisr Al-Shqour and Al-Hbeit.", GAZ)
    assert [(s.text, s.how) for s in found] == [("Jisr Al-Shqour", "head"), ("Al-Hbeit", "shape")]
    assert places("Jets bombed Jisr Al-Shqour and Al-Hbeit.") == ["t:jisr", "t:hobeit"]


def test_joined_spelling_after_a_locative_cue() -> None:
    assert places("A market in Kafranbel was hit.") == ["t:kafrnabl"]


def test_unresolved_guesses_are_dropped_but_unknown_kafr_x_is_kept() -> None:
    text = "Fighters of Al-Qaeda shelled Kafr Xyzzyat."
    mentions = resolve_mentions(text, find_spans(text, GAZ), GAZ)
    assert [(m.text, m.place) for m in mentions] == [("Kafr Xyzzyat", None)]


def test_single_unknown_capitalised_word_without_cue_is_ignored() -> None:
    assert spans("Kafranbel residents fled.") == []


def test_lone_word_listed_with_a_place_is_one_when_the_gazetteer_places_it() -> None:
    # No cue before "Fulaifel": standing in a list with Kansafra is the evidence, the skeleton the match.
    text = "Gunners shelled Kansafra and Fulaifel, Balyon and more."
    assert [(s.text, s.how) for s in find_spans(text, GAZ)] == [
        ("Kansafra", "known"), ("Fulaifel", "list"), ("Balyon", "list")]
    assert places(text) == ["t:kansafra", "t:fulayfil", "t:balyun"]
    # A word the gazetteer does not place, or an acronym, is no list member.
    assert spans("Gunners shelled Kansafra and Reuters, SOHR said.") == ["Kansafra"]
    assert spans("Gunners shelled Kansafra, SOHR said.") == ["Kansafra"]
    # A list names neighbours: a match far from every place the neighbour may be is none.
    assert spans("Rockets hit the camps at Kansafra and Maram.") == ["Kansafra"]
    assert places("Rockets hit Hama and Maram.") == ["t:hama", "t:marami"]
    # Not in a list: no evidence.
    assert spans("Fulaifel residents fled.") == []


def test_unseen_longer_name_ending_in_a_known_one_is_tried_whole() -> None:
    # "Numan" is a village's whole name; "Maarathan Numan" is an unseen spelling of Maarat al-Numan.
    assert [(s.text, s.how) for s in find_spans("Raids hit Maarathan Numan.", GAZ)] == [("Maarathan Numan", "head")]
    assert places("Raids hit Maarathan Numan.") == ["t:maarat"]


def test_number_words_outlets_acronyms_and_organisations_are_no_places() -> None:
    # "Numan" is a village's whole name in the catalogue, as "Nine" and "Sham" are in the full gazetteer.
    assert spans("Numan of the dead were in Hama.") == ["Numan", "Hama"]  # a name, with no cue: kept as known
    assert spans("Nine of the dead were in Hama.") == ["Hama"]
    assert spans("The pro-government daily Al-Watan said jets struck Hama.") == ["Hama"]
    assert spans("Shells fell on Idlib city, SOHR activists said.") == ["Idlib"]
    assert spans("They targeted Hayat Tahrir al Numan fighters in Hama.") == ["Hama"]


def test_direction_word_opens_a_known_area() -> None:
    assert spans("an offensive in northern Hama last week") == ["northern Hama"]


def test_arabic_script_inside_english_text() -> None:
    text = "Strikes hit Kafr Nabl (كفرنبل) at dawn."
    found = find_spans(text, GAZ)
    assert [s.text for s in found] == ["Kafr Nabl", "كفرنبل"]
    assert places(text) == ["t:kafrnabl", "t:kafrnabl"]


def test_possessive_is_not_part_of_the_name() -> None:
    assert spans("Idlib's hospitals are full.") == ["Idlib"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling hit Suran, north of Hama, near Morek.", "t:suran-hama"),
        ("Shelling hit Suran in the Azaz countryside of Aleppo.", "t:suran-aleppo"),
    ],
)
def test_homonym_settled_by_the_article(text: str, expected: str) -> None:
    mentions = resolve_mentions(text, find_spans(text, GAZ), GAZ)
    suran = next(m for m in mentions if m.text == "Suran")
    assert suran.place is not None and suran.place.place_id == expected
    assert suran.alternatives, "the other Suran stays as an alternative"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_spans_inside_it(text: str) -> None:
    for span in find_spans(text, GAZ):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text


def _slow_tokenize(text: str) -> list[Token]:
    """tokenize as it was first written: one regex search and one hyphen test per word."""
    tokens = []
    for m in re.finditer(r"[^\W_]+(?:['’ʿʾ`][^\W_]+)*", text):
        word, start, end = m.group(), m.start(), m.end()
        possessive = re.search(r"['’]s$", word, re.IGNORECASE)
        if possessive and len(word) > 3:
            word, end = word[: possessive.start()], start + possessive.start()
        hyphen = end < len(text) and text[end] in "-‐‑–" and end + 1 < len(text) and text[end + 1].isalpha()
        tokens.append(Token(word, start, end, hyphen))
    return tokens


@pytest.mark.parametrize(
    "text",
    ["Idlib's", "IDLIB'S al-Bara", "Hama’S-Idlib", "x's", "Aleppoſ'ſ", "al-²", "Sarmin's-x", "al-", "a–b", "Kafr‑Nabl"],
)
def test_tokenize_agrees_with_a_word_by_word_reading(text: str) -> None:
    assert tokenize(text) == _slow_tokenize(text)


@given(st.text(alphabet="aS's’ſ-‐–_ .\nال²1", max_size=40))
@settings(max_examples=300, deadline=None)
def test_tokenize_agrees_with_a_word_by_word_reading_on_any_text(text: str) -> None:
    assert tokenize(text) == _slow_tokenize(text)
