"""Roles of mentions: every pattern table row, the list rule, and the demotions, one by one."""

from __future__ import annotations

import re
from re import _constants as sre_constants  # the parse tree, to read what each cue regex needs
from re import _parser as sre_parser
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strikemap.clauses import (
    CASUALTY_CUE,
    CLAUSE_BREAK,
    NON_EVENT_CUE,
    STRIKE_CUE,
    _bounds_in,
    clause_bounds,
    has_casualty_cue,
    has_non_event_cue,
    is_strike_text,
)
from strikemap.models import Match, Mention, Place
from strikemap.role_cues import (
    ACTOR_AFTER,
    ACTOR_BEFORE,
    ACTOR_BEFORE_WORDS,
    REFERENCE_AFTER,
    REFERENCE_BEFORE,
    REFERENCE_BEFORE_WORDS,
)
from strikemap.roles import (
    _ACTOR_BEFORE_ROWS,
    _REFERENCE_BEFORE_ROWS,
    _first_reason,
    _first_reason_with,
    _sentence_finder,
    assign_roles,
)
from strikemap.text import _TO_ASCII_CASE, case_folded, dateline_end

PLACES = {
    "Ariha": Place("gn:1", "Ariha", 35.81, 36.61, "town", admin1="Idlib"),
    "Sarmin": Place("gn:2", "Sarmin", 35.90, 36.72, "town", admin1="Idlib"),
    "Kafranbel": Place("gn:3", "Kafr Nabl", 35.61, 36.56, "town", admin1="Idlib"),
    "Hass": Place("gn:4", "Hass", 35.60, 36.60, "village", admin1="Idlib"),
    "Idlib": Place("gn:5", "Idlib", 35.93, 36.63, "city", admin1="Idlib"),
    "northern Hama": Place("curated:nh", "northern Hama countryside", 35.35, 36.6, "region", admin1="Hama",
                           radius_km=22),
    "Jabal al-Akrad": Place("curated:ja", "Jabal al-Akrad", 35.75, 36.15, "region", admin1="Latakia", radius_km=12),
    "Moscow": Place("gn:10", "Moscow", 55.75, 37.62, "city", country="RU"),
    "Ankara": Place("gn:11", "Ankara", 39.92, 32.85, "city", country="TR"),
    "Tehran": Place("gn:12", "Tehran", 35.69, 51.42, "city", country="IR"),
    "France": Place("gn:13", "France", 46.0, 2.0, "country", country="FR"),
    "Russia": Place("gn:14", "Russia", 60.0, 100.0, "country", country="RU"),
    "Turkey": Place("gn:15", "Turkey", 39.0, 35.0, "country", country="TR"),
    "Damascus": Place("gn:16", "Damascus", 33.51, 36.29, "city", admin1="Damascus"),
    "AMMAN": Place("gn:17", "Amman", 31.95, 35.95, "city", country="JO"),
}


def roles(text: str, *names: str) -> list[str]:
    """Roles of the first mention of each name in ``text``, resolved to PLACES."""
    mentions = []
    for name in names:
        start = text.index(name)
        place = PLACES[name]
        mentions.append(Mention(name, start, start + len(name), match=Match(place, 95.0, name, "exact")))
    mentions.sort(key=lambda m: m.start)
    by_name = {m.text: m.role for m in assign_roles(text, mentions)}
    return [by_name[n] for n in names]


# Each row: a pattern table entry (by index) and a text that it must match at the right edge.
@pytest.mark.parametrize(
    ("table", "index", "text"),
    [
        (ACTOR_AFTER, 0, " called on Russia"),
        (ACTOR_AFTER, 0, ", Ankara and Tehran agreed"),
        (ACTOR_AFTER, 1, ", which backs some rebel factions"),
        (ACTOR_AFTER, 2, " regime"),
        (ACTOR_AFTER, 3, "'s Defence Ministry said"),
        (ACTOR_AFTER, 4, "-backed factions"),
        (ACTOR_BEFORE, 0, "France called on "),
        (ACTOR_BEFORE, 1, "a tripartite deal struck by Moscow, "),
        (ACTOR_BEFORE, 2, "the allies of "),
        (ACTOR_BEFORE, 3, "it was in contact with "),
        (REFERENCE_BEFORE, 0, "about eight kilometres east of "),
        (REFERENCE_BEFORE, 1, "missiles fired from government positions in "),
        (REFERENCE_BEFORE, 2, "the province that borders "),
        (REFERENCE_BEFORE, 3, "the highway linking Damascus and "),
        (REFERENCE_BEFORE, 3, "most roads linking Maaret al-Noaman with "),
        (REFERENCE_BEFORE, 3, "four bombs on open land between Ihsim and "),
        (REFERENCE_BEFORE, 4, "a rescue worker from the Civil Defence in "),
        (REFERENCE_BEFORE, 5, "families who fled to "),
        (REFERENCE_BEFORE, 6, "rocket launchers stationed in the village of "),
        (REFERENCE_BEFORE, 6, "the jets had taken off from the Hmeimim air base in "),
        (REFERENCE_BEFORE, 6, "shelled daily from regime positions in the cities of "),
        (REFERENCE_BEFORE, 7, "the wounded were taken to a hospital in "),
        (REFERENCE_BEFORE, 7, "teams dispatched the wounded to the hospital in "),
        (REFERENCE_BEFORE, 8, "doctors treat a boy hurt in the shelling, at a hospital in the city of "),
        (REFERENCE_BEFORE, 8, "the wounded are being treated in hospitals in "),
        (REFERENCE_BEFORE, 9, "a man from the village of "),
        (REFERENCE_BEFORE, 9, "the family had fled from their home in "),
        (REFERENCE_BEFORE, 10, "jets bombed Hass, a village near the town of "),
        (REFERENCE_BEFORE, 10, "a farm on the outskirts of Baksariyah village near "),
        (REFERENCE_AFTER, 0, " from which missiles were fired"),
        (REFERENCE_AFTER, 1, "-based monitor"),
        (REFERENCE_AFTER, 2, " border, while warplanes bombed"),
        (REFERENCE_BEFORE, 10, "shelling hit a house and farmland in Binnish near "),
    ],
)
def test_each_pattern_matches_its_case(table: tuple[tuple[re.Pattern[str], str], ...], index: int, text: str) -> None:
    pattern, why = table[index]
    assert pattern.search(text), why


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("AMMAN: Jets struck Ariha on Monday.", ("AMMAN", "Ariha"), ["dateline", "event"]),
        ("Jets pounded Ariha, a town east of Idlib.", ("Ariha", "Idlib"), ["event", "other"]),
        ("Warplanes bombed a farm east of Idlib city.", ("Idlib",), ["other"]),
        ("Missiles fired from positions in Jabal al-Akrad struck Ariha.", ("Jabal al-Akrad", "Ariha"),
         ["other", "event"]),
        ("Strikes spread across the province that borders Turkey.", ("Turkey",), ["other"]),
        ("The bombing came after a deal struck by Moscow, Ankara and Tehran.", ("Moscow", "Ankara", "Tehran"),
         ["actor", "actor", "actor"]),
        ("France called on Russia to respect its commitments.", ("France", "Russia"), ["actor", "actor"]),
        ("He urged the allies of the Damascus regime to stop.", ("Damascus",), ["actor"]),
        ("Russian jets struck Ariha, Hass and Sarmin on Monday.", ("Ariha", "Hass", "Sarmin"),
         ["event", "event", "event"]),
        ("Five people died in Ariha. Jets struck Sarmin.", ("Ariha", "Sarmin"), ["event", "event"]),
        ("A ceasefire would halt air strikes on Ariha.", ("Ariha",), ["other"]),
        ("Russia denied that its jets struck Ariha.", ("Ariha",), ["other"]),
        ("Artillery shelled Hass in northern Hama on Tuesday.", ("Hass", "northern Hama"), ["event", "other"]),
        ("Jets struck the northern Hama town of Hass.", ("northern Hama", "Hass"), ["other", "event"]),
        ("Fighting raged near Ariha after rebels launched an offensive in northern Hama.",
         ("Ariha", "northern Hama"), ["event", "other"]),
        ("Families fled Ariha and Hass, two towns pounded daily by jets, for the north.", ("Ariha", "Hass"),
         ["event", "event"]),
        ("Sarmin, on the road between Idlib and Ariha, has been hit repeatedly.", ("Idlib", "Ariha"),
         ["other", "other"]),
        ("Jets struck Moscow's allies in Ariha.", ("Ariha",), ["event"]),
        ("Jets struck Ariha. Turkey sent troops.", ("Turkey",), ["actor"]),
        ("Car bombs have become frequent in towns such as Ariha.", ("Ariha",), ["other"]),
        # The pieces of a predicate after a comma or a bracket: list members past an apposition, a
        # locative phrase, a bracketed list, a subject list or fronted locative and its predicate.
        ("Gunners hit Hass, a village south of Idlib, and Sarmin on Monday.", ("Hass", "Idlib", "Sarmin"),
         ["event", "other", "event"]),
        ("Shells fell in the countryside, on the villages of Hass, Ariha and Sarmin.", ("Hass", "Ariha", "Sarmin"),
         ["event", "event", "event"]),
        ("The missiles landed on (Hass, Ariha, Sarmin) towns.", ("Hass", "Ariha", "Sarmin"),
         ["event", "event", "event"]),
        ("Ariha, Hass and the outskirts of Sarmin, north-east of Idlib, came under raids.",
         ("Ariha", "Hass", "Sarmin", "Idlib"), ["event", "event", "event", "other"]),
        ("In Ariha, an hour after midnight, an ambulance was hit.", ("Ariha",), ["event"]),
        ("Army fire on Sarmin, a town east of Idlib, killed four people.", ("Sarmin",), ["event"]),
        ("Before dawn the guns opened up on villages south of Idlib, hitting places in Hass and Ariha.",
         ("Idlib", "Hass", "Ariha"), ["other", "event", "event"]),
        # A piece with a predicate of its own is not joined, nor one after a clause word or a semicolon.
        ("Jets struck Ariha, residents of Sarmin said.", ("Ariha", "Sarmin"), ["event", "other"]),
        ("Jets struck Ariha; Sarmin held a funeral.", ("Ariha", "Sarmin"), ["event", "other"]),
        ("Jets struck Ariha while families in Sarmin slept.", ("Ariha", "Sarmin"), ["event", "other"]),
        ("Ariha, the largest town of the area, held elections.", ("Ariha",), ["other"]),
        ("Jets bombed Hass, a village near the town of Kafranbel.", ("Hass", "Kafranbel"), ["event", "other"]),
        ("Jets bombed a village near Kafranbel.", ("Kafranbel",), ["event"]),
        ("Shelling hit a house in Hass near Kafranbel.", ("Hass", "Kafranbel"), ["event", "other"]),
        ("Shelling near Kafranbel killed two.", ("Kafranbel",), ["event"]),
        ("Barrels hit Hass, near the Ariha border.", ("Hass", "Ariha"), ["event", "other"]),
        ("A video shows a fire left by a raid, thought to be Russian, in Ariha, rescuers said.", ("Ariha",),
         ["event"]),
        ("Rebels fired back at army posts in Ariha.", ("Ariha",), ["event"]),
        ("Residents of Sarmin, which lies near Ariha, said it was calm.", ("Sarmin", "Ariha"), ["other", "other"]),
    ],
)
def test_roles_in_context(text: str, names: tuple[str, ...], expected: list[str]) -> None:
    assert roles(text, *names) == expected


def test_foreign_places_are_never_events() -> None:
    assert roles("Jets struck Ankara and Ariha.", "Ankara", "Ariha") == ["other", "event"]


def test_unresolved_foreign_capital_is_known_by_name() -> None:
    text = "Moscow said its jets struck Ariha."
    m = [Mention("Moscow", 0, 6)]
    assert assign_roles(text, m)[0].role == "actor"


def test_assign_roles_returns_new_mentions_in_order() -> None:
    text = "Jets struck Ariha and Sarmin."
    ms = [Mention("Ariha", 12, 17, role="dateline"), Mention("Sarmin", 22, 28)]
    out = assign_roles(text, ms)
    assert [m.start for m in out] == [12, 22]
    assert ms[0].role == "dateline"  # inputs untouched (frozen, replaced)


@pytest.mark.parametrize(
    ("text", "end"),
    [("AMMAN: Jets", 7), ("IDLIB, Syria, May 7 (Wire) — Jets", 29), ("BEIRUT (Reuters) - Jets", 19),
     ("Jets struck Ariha.", 0), ("", 0)],
)
def test_dateline_end(text: str, end: int) -> None:
    assert dateline_end(text) == end


def test_clause_bounds_split_on_commas_and_connectives() -> None:
    s = "Jets struck Ariha, where rebels have offices in Idlib, after the talks."
    a, b = clause_bounds(s, s.index("Idlib"))
    assert s[a:b].strip() == "rebels have offices in Idlib"


@pytest.mark.parametrize(
    ("text", "strike"),
    [("Jets pounded the town.", True), ("Artillery shelled the village.", True),
     ("A tripartite deal struck by Moscow.", False), ("They agreed a ceasefire to stop the strikes.", False),
     ("The army denied hitting the market.", False), ("Drone strikes have become more frequent.", False),
     ("Aid workers delivered food.", False)],
)
def test_is_strike_text(text: str, strike: bool) -> None:
    assert is_strike_text(text) is strike


def test_strike_cues_have_no_upper_case_letter() -> None:
    # is_strike_text reads ASCII text lowered, without re.IGNORECASE: that is the same only for such patterns.
    for pattern in (STRIKE_CUE, NON_EVENT_CUE, CASUALTY_CUE):
        assert pattern.flags & re.IGNORECASE
        assert pattern.pattern == pattern.pattern.lower()


_CUE_WORDS = ("air strike", "airstrikes", "deal", "killed", "death toll", "Wounded", "HURT", "death  toll",
              "Struck", "a", "the", "agreement", "ceasefire", "would", "no",
              "Shelling", "have", "intensified", "de-escalation", "stop", "its", "bombing", "HIT", "jets", "aimed at")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CUE_WORDS) | st.text(st.characters(max_codepoint=127), max_size=4), max_size=10),
       st.lists(st.booleans(), min_size=10, max_size=10))
def test_is_strike_text_on_ascii_agrees_with_the_ignorecase_reading(words: list[str], upper: list[bool]) -> None:
    text = " ".join(w.upper() if up else w for w, up in zip(words, upper, strict=False))
    assert text.isascii()
    expected = bool(STRIKE_CUE.search(text)) and not NON_EVENT_CUE.search(text)
    assert is_strike_text(text) is expected
    assert has_casualty_cue(text) is bool(CASUALTY_CUE.search(text))
    assert has_non_event_cue(text) is bool(NON_EVENT_CUE.search(text))


@pytest.mark.parametrize("text", ["\u212aILLED", "K\u0130LLED", "\u0130njured w\u0130ll",
                                  "Jets struck. \u0130t w\u0130ll", "de-e\u017fcalation \u017ftrikes",
                                  "Killed in Idlib (\u0625\u062f\u0644\u0628)"])
def test_strike_cues_on_other_text_read_as_the_ignorecase_patterns(text: str) -> None:
    assert is_strike_text(text) is (bool(STRIKE_CUE.search(text)) and not NON_EVENT_CUE.search(text))
    assert has_casualty_cue(text) is bool(CASUALTY_CUE.search(text))
    assert has_non_event_cue(text) is bool(NON_EVENT_CUE.search(text))


def test_cue_tables_compile_and_are_not_trivial() -> None:
    assert not STRIKE_CUE.search("struck a deal")
    assert NON_EVENT_CUE.search("a truce")


@given(st.text(alphabet="ab ,;()-—whichaftr.", max_size=60), st.data())
@settings(max_examples=300, deadline=None)
def test_clause_bounds_from_breaks_found_once_agree_with_clause_bounds(sentence: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(sentence)))
    breaks = [m.span() for m in CLAUSE_BREAK.finditer(sentence)]
    assert _bounds_in(breaks, len(sentence), offset) == clause_bounds(sentence, offset)
    assert clause_bounds(sentence, offset, breaks=breaks) == clause_bounds(sentence, offset)


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=6), st.integers(0, 35))
@settings(max_examples=300, deadline=None)
def test_sentence_of_an_offset_is_the_first_span_holding_it(spans: list[tuple[int, int]], offset: int) -> None:
    # Ordered spans go by bisection, any others by a scan: both must give the first span holding the offset.
    expected = next(((a, b) for a, b in spans if a <= offset < b), (0, 40))
    assert _sentence_finder(spans, 40)(offset) == expected
    ordered = sorted({(a, a + 3) for a, _ in spans if a % 4 == 0})
    assert _sentence_finder(ordered, 40)(offset) == next(((a, b) for a, b in ordered if a <= offset < b), (0, 40))


# What a regex needs, read from its parse tree: sets of strings one of which every match holds.
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


def _exact(items: Any) -> set[str] | None:
    """Every string ``items`` match, lower-cased, when they are a few fixed strings; else None."""
    out = {""}
    for op, av in items:
        if op is sre_constants.LITERAL and av < 128:
            tails = {chr(av).lower()}
        elif op is sre_constants.SUBPATTERN:
            tails = _exact(av[3])  # type: ignore[assignment]
        elif op is sre_constants.BRANCH:
            alts = [_exact(a) for a in av[1]]
            tails = None if any(a is None for a in alts) else set().union(*alts)  # type: ignore[assignment,arg-type]
        else:
            return None
        if tails is None:
            return None
        out = {a + b for a in out for b in tails}
        if len(out) > 500:
            return None
    return out


def _holds(items: Any, words: tuple[str, ...]) -> bool:
    """Whether every match of ``items`` provably holds one of ``words`` (matching lower-cased)."""
    run = {""}  # every string the fixed stretch being read can match
    for op, av in items:
        fixed = _exact([(op, av)])
        if fixed is not None:
            run = {a + b for a in run for b in fixed}
            continue
        if run != {""} and all(any(w in s for w in words) for s in run):
            return True
        run = {""}
        if op is sre_constants.SUBPATTERN and _holds(av[3], words):
            return True
        if op is sre_constants.BRANCH and all(_holds(alt, words) for alt in av[1]):
            return True
        if op in _REPEATS and av[0] >= 1 and _holds(av[2], words):
            return True
    return run != {""} and all(any(w in s for w in words) for s in run)


@pytest.mark.parametrize(("table", "words"), [(ACTOR_BEFORE, ACTOR_BEFORE_WORDS),
                                              (REFERENCE_BEFORE, REFERENCE_BEFORE_WORDS)])
def test_prefilter_words_are_held_by_every_match(table: tuple[tuple[re.Pattern[str], str], ...],
                                                 words: tuple[tuple[tuple[str, ...], ...], ...]) -> None:
    # A lead-in missing a group of a row's words skips that row's search: every match must hold one word
    # of each group. Checked here with this file's own reading of the parse tree, not strikemap.needs'.
    assert len(words) == len(table)
    for (pattern, why), groups in zip(table, words, strict=True):
        assert groups, why  # every row needs some word: else its search runs on every lead-in
        for needed in groups:
            assert _holds(sre_parser.parse(pattern.pattern, pattern.flags), needed), (why, needed)


@pytest.mark.parametrize(
    "text",
    ["France called on ", "a tripartite deal struck by Moscow, ", "the allies of ", "it was in contact with ",
     "about eight kilometres east of ", "missiles fired from government positions in ", "the province that borders ",
     "the highway linking Damascus and ", "a rescue worker from the Civil Defence in ", "families who fled to ",
     "FAMILIES WHO FLED TO ", "a rescue worker from the ſheltering", "CIVIL DEFENCE IN ", "WARNED ", "moved into ",
     "nothing to see here "],
)
def test_prefiltered_search_finds_what_the_plain_search_finds(text: str) -> None:
    assert case_folded(text) == text.translate(_TO_ASCII_CASE).lower()
    for table, rows in ((ACTOR_BEFORE, _ACTOR_BEFORE_ROWS), (REFERENCE_BEFORE, _REFERENCE_BEFORE_ROWS)):
        assert _first_reason_with(rows, text, case_folded(text)) == _first_reason(table, text)


@given(st.text(alphabet="fled FLEDtoſ\u212akKİıcalsvirwhtb", max_size=30))
@settings(max_examples=300, deadline=None)
def test_prefiltered_search_agrees_on_any_text(text: str) -> None:
    assert case_folded(text) == text.translate(_TO_ASCII_CASE).lower()
    for table, rows in ((ACTOR_BEFORE, _ACTOR_BEFORE_ROWS), (REFERENCE_BEFORE, _REFERENCE_BEFORE_ROWS)):
        assert _first_reason_with(rows, text, case_folded(text)) == _first_reason(table, text)
