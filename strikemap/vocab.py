"""The vocabulary of events: every event type and every target category, each once, as a row.

A row says all the program knows about its code: how it is shown (label, map colour), whether the
strike came from the air, the English words that name it in a sentence (:mod:`strikemap.event_rules`
compiles them) and, for event types, the ACLED wording it stands for when an ACLED export is read
(:mod:`strikemap.eventfile.acled`). Adding a type or a target is adding one row here.

The order of the rows is the order of every output that lists them (the map legend, help texts).
Which words win when a sentence names two types is not that order but each type's ``rank``: the most
specific words are tried first ("barrel bombs dropped from helicopters" is a barrel bomb, not an air
strike), in sentences and in ACLED notes alike.

Tables compiled from the rows (regexes, sets of codes) are made through :func:`derived`, so that
:func:`rebuild` can make them again after the rows were changed (a test adding a row does that).

>>> [t.code for t in TYPES][:3]
['air_strike', 'shelling', 'drone_strike']
>>> type_codes()[-1]
'other'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TypeVar

__all__ = [
    "FALLBACK_TYPE",
    "TARGETS",
    "TYPES",
    "Cue",
    "EventType",
    "TargetCategory",
    "airborne_codes",
    "check",
    "derived",
    "event_types",
    "rebuild",
    "target_categories",
    "target_codes",
    "type_codes",
]

T = TypeVar("T")

# The type of an event whose words name no type, or whose file gives one outside the vocabulary.
FALLBACK_TYPE = "other"

# A prefilter: lower-case words between bars (or a regex over lower-cased text, see event_rules._Cue).
_COLOR = re.compile(r"#[0-9a-f]{6}")
_CODE = re.compile(r"[a-z][a-z_]*")


@dataclass(frozen=True, slots=True)
class Cue:
    """Words that name a type or a target in an English sentence.

    ``pattern`` is a regex read with ``re.IGNORECASE``. Its quick "no" (the words it cannot match without,
    looked for in the lowered sentence before the regex is tried) is read from the pattern itself
    (``strikemap.needs``): a new word is written once, in the pattern.
    """

    pattern: str


@dataclass(frozen=True, slots=True)
class EventType:
    """One event type: its code (``StrikeEvent.event_type``), how it is shown and the words that name it.

    Cues are tried in increasing ``rank`` of their type (most specific first), except ``first_cues``,
    tried before every rank (words that decide whatever else the sentence says), and ``generic_cues``,
    tried after every rank and skipped by ``event_type_of(..., generic=False)``.

    On reading an ACLED export, an ACLED ``sub_event_type`` holding one of ``acled_sub_events`` is this
    type, or a type that ``acled_refines`` it when that type's ``acled_words`` occur in the notes; an
    ACLED ``event_type`` named in ``acled_event_types`` is this type when its sub-event type says none.
    Free text is read with ``acled_words`` (a regex over lower-cased text), tried by rank.
    """

    code: str
    label: str
    color: str
    airborne: bool
    rank: int
    cues: tuple[Cue, ...] = ()
    first_cues: tuple[Cue, ...] = ()
    generic_cues: tuple[Cue, ...] = ()
    acled_sub_events: tuple[str, ...] = ()
    acled_event_types: tuple[str, ...] = ()
    acled_words: str | None = None
    acled_refines: str | None = None


@dataclass(frozen=True, slots=True)
class TargetCategory:
    """One kind of target (``StrikeEvent.targets``): its code, label and the words that name it."""

    code: str
    label: str
    cue: Cue


TYPES: tuple[EventType, ...] = (
    EventType(
        "air_strike", "Air strike", "#d62728", airborne=True, rank=40,
        cues=(Cue(r"\bair\s*-?(?:strikes?|raids?)|\bwarplanes?\b|\bjets?\b|\baircraft\b|\baerial\b|"
                  # "ground bombardment", "artillery bombardment" are shelling
                  r"\bhelicopters?\b|\bplanes?\b|(?<!ground\s)(?<!artillery\s)\bbomb(?:s|ed|ing|ings|ardments?)?\b|"
                  r"\bsorties?\b|\braids?\b"),),
        acled_sub_events=("air/drone",),
        acled_words=r"air[\s_-]?(strike|raid|attack)|airstrike|warplane|aircraft|helicopter|bombing",
    ),
    EventType(
        "shelling", "Shelling", "#ff7f0e", airborne=False, rank=50,
        cues=(Cue(r"\bshell(?:s|ed|ing)\b|\bartillery\b|\bmortars?\b|\brockets?\b|\bhowitzers?\b|\bguns?\b|"
                  r"\bgunners\b|\bgunfire\b|\bground\s+bombardment\b"),),
        acled_sub_events=("shelling", "artillery", "missile"),
        acled_words=r"shell|artillery|mortar|rocket",
    ),
    EventType(
        "drone_strike", "Drone strike", "#9467bd", airborne=True, rank=20,
        cues=(Cue(r"\bdrones?\b|\bUAVs?\b|\bunmanned\b"),),
        acled_words=r"\b(drone|uav|unmanned)", acled_refines="air_strike",
    ),
    EventType(
        "missile_strike", "Missile strike", "#8c564b", airborne=True, rank=30,
        cues=(Cue(r"\bmissiles?\b|\bballistic\b|\bsurface-to-surface\b"),),
        acled_words=r"\bmissile", acled_refines="shelling",
    ),
    EventType(
        "barrel_bomb", "Barrel bomb", "#e377c2", airborne=True, rank=10,
        cues=(Cue(r"\bbarrel[- ]bomb|\bexplosive[- ]barrels?\b"),),
        acled_words=r"barrel[\s-]?bomb", acled_refines="air_strike",
    ),
    EventType(
        "ground_clash", "Ground clash", "#1f77b4", airborne=False, rank=60,
        cues=(Cue(r"\bclash(?:es|ed)?\b|\bfighting\b|\boffensive\b|\bbattles?\b|\bstormed\b|\bassault\b|\bambush"),),
        acled_sub_events=("armed clash", "territory"),
        acled_event_types=("battles",),
        acled_words=r"clash|battle|fighting|ground|offensive|regains territory|overtakes territory",
    ),
    EventType(
        FALLBACK_TYPE, "Other", "#7f7f7f", airborne=False, rank=70,
        # Bombs planted on the ground are not air strikes, whatever else the sentence says.
        first_cues=(Cue(r"\bcar[- ]bombs?\b|\bIEDs?\b|\broadside\s+bombs?\b|\bexplosive\s+devices?\b|"
                        r"\bsuicide\s+(?:bomb|attack)"),),
        generic_cues=(Cue(r"\bexplosions?\b|\bblasts?\b|\bcar\s+bomb|\battack(?:s|ed)?\b|\bstruck\b|\bhit\b"),),
        acled_event_types=("explosions/remote violence", "violence against civilians", "riots", "protests"),
    ),
)

TARGETS: tuple[TargetCategory, ...] = (
    TargetCategory("hospital", "Hospital or clinic", Cue(
        r"\bhospitals?\b|\bmedical\s+(?:cent(?:er|re)s?|facilit\w+|points?)|\bclinics?\b|"
        r"\bhealth\s+(?:cent(?:er|re)s?|facilit\w+)")),
    TargetCategory("school", "School", Cue(r"\bschools?\b|\bkindergartens?\b")),
    TargetCategory("market", "Market", Cue(r"\bmarkets?\b|\bmarketplace\b|\bsouq\b")),
    TargetCategory("civil_defence", "Civil defence", Cue(
        r"\b(?:civil\s+)?defen[cs]e\s+(?:cent(?:er|re)s?|posts?|offices?|teams?|vehicles?)|"
        r"\bWhite\s+Helmets\s+(?:cent(?:er|re)|base|team)|"
        r"\bCivil\s+Defen[cs]e\b[^.]{0,40}?\bits\s+(?:cent(?:er|re)s?|teams?|vehicles?)")),
    TargetCategory("camp", "Camp", Cue(r"\bcamps?\b|\bdisplacement\s+sites?\b|\btents?\b")),
    TargetCategory("power", "Power", Cue(r"\bpower\s+(?:stations?|plants?|lines?|grid)|\belectricity\b")),
    TargetCategory("water", "Water", Cue(r"\bwater\s+(?:stations?|plants?|pumping|networks?|tanks?|wells?)")),
    TargetCategory("bakery", "Bakery", Cue(r"\bbaker(?:y|ies)\b|\bbread\s+(?:queues?|lines?)")),
    TargetCategory("mosque", "Mosque", Cue(r"\bmosques?\b")),
    TargetCategory("residential", "Residential", Cue(
        r"\bresidential\b|\bhomes?\b|\bhouses?\b|\bapartments?\b|\bneighbou?rhoods?\b")),
)


# --------------------------------------------------------------------------- reading the rows


def event_types() -> tuple[EventType, ...]:
    """The event type rows as they are now (``TYPES``, or what a test put in its place)."""
    return TYPES


def target_categories() -> tuple[TargetCategory, ...]:
    """The target rows as they are now (``TARGETS``, or what a test put in its place)."""
    return TARGETS


_CLEARS: list[Callable[[], None]] = []


def derived(compile_rows: Callable[[], T]) -> Callable[[], T]:
    """``compile_rows`` (which reads :func:`event_types` / :func:`target_categories`) made once, until :func:`rebuild`.

    For every table a module compiles from the rows, so that no module holds a stale copy after the rows changed.
    """
    cached = functools.cache(compile_rows)
    _CLEARS.append(cached.cache_clear)
    return cached


def rebuild() -> None:
    """Check the rows and forget every table compiled from them; the next use compiles the rows as they are now.

    Call it after changing ``TYPES`` or ``TARGETS`` (a test that adds a row does, and again when it undoes it).

    Raises
    ------
    ValueError
        A row is incomplete, a code repeats, or a row names a type that is not there (see :func:`check`).
    """
    check(event_types(), target_categories())
    for clear in _CLEARS:
        clear()


@derived
def type_codes() -> tuple[str, ...]:
    """The event type codes, in row order."""
    return tuple(t.code for t in event_types())


@derived
def airborne_codes() -> frozenset[str]:
    """The codes of the types that strike from the air."""
    return frozenset(t.code for t in event_types() if t.airborne)


@derived
def target_codes() -> tuple[str, ...]:
    """The target codes, in row order."""
    return tuple(t.code for t in target_categories())


def _check_cue(cue: Cue, where: str) -> None:
    if not cue.pattern:
        raise ValueError(f"{where}: empty cue pattern")
    try:
        re.compile(cue.pattern, re.I)
    except re.error as exc:
        raise ValueError(f"{where}: cue {cue.pattern!r} is not a regular expression ({exc})") from None


def check(types: tuple[EventType, ...], targets: tuple[TargetCategory, ...]) -> None:
    """Raise ``ValueError`` unless every row is complete, its codes unique and what it names there.

    >>> check(TYPES, TARGETS)
    """
    for kind, rows in (("event type", types), ("target", targets)):
        codes = [row.code for row in rows]
        repeated = sorted({c for c in codes if codes.count(c) > 1})
        if repeated:
            raise ValueError(f"{kind} code(s) {', '.join(repeated)} given twice")
        for row in rows:
            if not _CODE.fullmatch(row.code):
                raise ValueError(f"{kind} code {row.code!r}: expected lower-case letters and underscores")
            for f in fields(row):
                value = getattr(row, f.name)
                if f.name in ("code", "label", "color", "cue") and not value:
                    raise ValueError(f"{kind} {row.code}: no {f.name}")
    type_set = {t.code for t in types}
    if FALLBACK_TYPE not in type_set:
        raise ValueError(f"no event type {FALLBACK_TYPE!r}, the type of events no words name")
    for t in types:
        if not _COLOR.fullmatch(t.color):
            raise ValueError(f"event type {t.code}: colour {t.color!r}, expected #rrggbb in lower case")
        if not (t.cues or t.first_cues or t.generic_cues):
            raise ValueError(f"event type {t.code}: no cues, so no sentence can name it")
        for cue in (*t.cues, *t.first_cues, *t.generic_cues):
            _check_cue(cue, f"event type {t.code}")
        if t.acled_words is not None:
            re.compile(t.acled_words)
        if t.acled_refines is not None and (t.acled_refines not in type_set or t.acled_words is None):
            raise ValueError(f"event type {t.code}: refines {t.acled_refines!r}, which needs a type and acled_words")
        for word in (*t.acled_sub_events, *t.acled_event_types):
            if word != word.strip().lower() or not word:
                raise ValueError(f"event type {t.code}: ACLED wording {word!r}, expected stripped lower case")
    for target in targets:
        _check_cue(target.cue, f"target {target.code}")
