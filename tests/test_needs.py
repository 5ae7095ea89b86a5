"""strikemap.needs: the words read from a pattern are in every text the pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strikemap import event_rules
from strikemap.needs import any_needed_words, holds_needed, needed_words
from strikemap.role_cues import ACTOR_BEFORE, REFERENCE_BEFORE

PATTERNS = [p for p, _ in (*ACTOR_BEFORE, *REFERENCE_BEFORE)] + [
    p for (_, p), _ in (*event_rules._type_rows(), *event_rules._target_rows())] + [
    event_rules._KILL_AFTER, event_rules._KILL_BEFORE, event_rules._HURT_AFTER, event_rules._HURT_BEFORE,
    event_rules._ATTACKER, event_rules._OPPONENT]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:40])
def test_every_text_a_pattern_matches_holds_its_words(pattern: re.Pattern[str]) -> None:
    groups = needed_words(pattern)
    assert groups  # each of these patterns needs some word

    @settings(max_examples=60, deadline=None)
    @given(st.from_regex(pattern))
    def holds(text: str) -> None:
        if pattern.search(text):  # from_regex may add text around a match; the match is what counts
            assert holds_needed(groups, text.lower()), (groups, text)

    holds()


@pytest.mark.parametrize(
    ("pattern", "groups"),
    [
        (r"\b(?:fired|shot)\s+(?:\w+\s+){0,2}?from\s+\Z", (("from",), ("fired", "shot"))),
        # The common "b" the parser takes out of both ways is put back in front of each.
        (r"\bbaker(?:y|ies)\b|\bbread\s+queues", (("bakeries", "bakery", "bread"), ("akeries", "akery", "queues"))),
        (r"(?<!ground\s)\bbomb(?:s|ed)?\b", (("bomb",),)),  # a negative look-behind needs nothing
        (r"(?=\d)\d+\s+dead", (("dead",),)),
        (r"[A-Z]\w+\s+(?:in|at)\s+", (("at", "in"),)),  # short words are kept only when there is nothing else
        (r"\w+", ()),
    ],
)
def test_what_is_read_from_a_pattern(pattern: str, groups: tuple[tuple[str, ...], ...]) -> None:
    assert needed_words(pattern) == groups


def test_a_pattern_that_needs_nothing_makes_the_cue_always_pass() -> None:
    assert any_needed_words([re.compile(r"\bkilled\b"), re.compile(r"\w+")]) is None
    assert holds_needed((), "anything")
