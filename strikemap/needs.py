"""What a regex cannot match without: words one of which every match holds, read from its parse tree.

A cue pattern is tried on many sentences that hold none of its words. ``needed_words`` reads, once, the
literal stretches every match must contain ("stationed", "posted" ... for "(?:stationed|posted|...)\\s+in");
a caller that finds none of them in the lowered text skips the search. So a pattern is written once, and
its quick "no" follows it: there is no second, hand-kept list to forget when a word is added.

The reading is conservative: where it cannot prove a stretch is needed (a class, a repeat that may be
empty, a negative look-around), it looks elsewhere in the pattern, and returns ``None`` when nothing is
needed for sure ("search always").
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any

# The standard library's own regex parser (re._parser since Python 3.11, sre_parse before).
try:
    _sre: Any = importlib.import_module("re._constants")
    _parse: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python 3.10
    _sre = importlib.import_module("sre_constants")
    _parse = importlib.import_module("sre_parse")

__all__ = ["any_needed_words", "holds_needed", "needed_words"]

_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT))
_SHORTEST_USEFUL = 3
# A fixed stretch read as more alternatives than this is not worth spelling out.
_MAX_ALTERNATIVES = 200


def needed_words(pattern: str | re.Pattern[str], flags: int = 0) -> tuple[tuple[str, ...], ...]:
    """What every match of ``pattern`` holds, read in lowered text: groups of lower-case strings, one string
    of each group. The most selective group comes first; no group at all means "search always".

    >>> needed_words(r"\\b(?:stationed|posted)\\s+(?:in|at)\\s+\\Z")
    (('posted', 'stationed'),)
    >>> needed_words(r"\\b(?:fired|shot)\\s+(?:\\w+\\s+){0,2}?from\\s+\\Z")
    (('from',), ('fired', 'shot'))
    >>> needed_words(r"\\bkill(?:ed|ing)|\\bdied\\b", re.I)
    (('died', 'killed', 'killing'),)
    >>> needed_words(r"[A-Z]\\w+")
    ()
    """
    if isinstance(pattern, re.Pattern):
        source, flags = pattern.pattern, pattern.flags
    else:
        source = pattern
    groups = sorted(_choices(_parse.parse(source, flags)), key=_selectivity, reverse=True)
    # A group of short words ("in", "at") is in nearly every text: worth no check beside a better one.
    kept = [g for g in groups if min(map(len, g)) >= _SHORTEST_USEFUL] or groups[:1]
    return tuple(tuple(sorted(g)) for g in kept)


def any_needed_words(patterns: Iterable[re.Pattern[str]]) -> tuple[str, ...] | None:
    """Strings one of which every match of any of ``patterns`` holds (the best group of each, joined), or
    None when one of them needs nothing.

    >>> any_needed_words([re.compile(r"\\bkilled\\b"), re.compile(r"\\d+\\s+dead")])
    ('dead', 'killed')
    """
    words: set[str] = set()
    for pattern in patterns:
        groups = needed_words(pattern)
        if not groups:
            return None
        words.update(groups[0])
    return tuple(sorted(words))


def holds_needed(groups: tuple[tuple[str, ...], ...], lowered: str) -> bool:
    """Whether ``lowered`` holds a string of every group (``needed_words``): else the pattern cannot match."""
    for group in groups:
        for word in group:
            if word in lowered:
                break
        else:
            return False
    return True


def _selectivity(group: set[str]) -> tuple[int, int]:
    """Longer words are rarer; fewer of them, rarer still."""
    return min(map(len, group)), -len(group)


def _exact(items: Iterable[tuple[Any, Any]]) -> set[str] | None:
    """Every string ``items`` match, lower-cased, when they are a few fixed strings; else None."""
    out = {""}
    for op, av in items:
        if op is _sre.LITERAL and av < 128:
            tails = {chr(av).lower()}
        elif op is _sre.AT:  # a word boundary, a start or an end takes no text
            tails = {""}
        elif op is _sre.SUBPATTERN:
            sub = _exact(av[3])
            if sub is None:
                return None
            tails = sub
        elif op is _sre.BRANCH:
            alts = [_exact(a) for a in av[1]]
            if any(a is None for a in alts):
                return None
            tails = set().union(*alts)  # type: ignore[arg-type]
        else:
            return None
        out = {a + b for a in out for b in tails}
        if len(out) > _MAX_ALTERNATIVES:
            return None
    return out


def _choices(items: Any) -> list[set[str]]:
    """Every group a sequence needs: its mandatory fixed stretches and what its mandatory parts need."""
    choices: list[set[str]] = []
    run = {""}
    for op, av in items:
        fixed = _exact([(op, av)])
        if fixed is not None:
            run = {a + b for a in run for b in fixed}
            if len(run) > _MAX_ALTERNATIVES:
                run = {""}  # too many spellings: read on as if the stretch ended here
            continue
        if op is _sre.BRANCH and run != {""}:
            # "baker(?:y|ies)\\b|bread\\s" is read as "b" then a branch: what each way opens with, after "b".
            leads = [_leading(a) for a in av[1]]
            if all(leads) and sum(map(len, leads)) * len(run) <= _MAX_ALTERNATIVES:
                run = {a + b for a in run for lead in leads for b in lead}
        choices.append(run)
        run = {""}
        part: set[str] | None = None
        if op is _sre.SUBPATTERN:
            part = _best(_choices(av[3]))
        elif op is _sre.BRANCH:
            alts = [_best(_choices(a)) for a in av[1]]
            part = None if any(a is None for a in alts) else set().union(*alts)  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            part = _best(_choices(av[2]))
        elif op is _sre.ASSERT:  # a look-ahead or look-behind holds its words in the text too
            part = _best(_choices(av[1]))
        if part:
            choices.append(part)
    choices.append(run)
    return [c for c in choices if c and "" not in c]


def _leading(items: Any) -> set[str]:
    """The fixed strings a sequence opens with (empty when it opens with no fixed text)."""
    run = {""}
    for op, av in items:
        fixed = _exact([(op, av)])
        if fixed is None:
            break
        run = {a + b for a in run for b in fixed}
        if len(run) > _MAX_ALTERNATIVES:
            return set()
    return set() if "" in run else run


def _best(choices: list[set[str]]) -> set[str] | None:
    return max(choices, key=_selectivity) if choices else None
