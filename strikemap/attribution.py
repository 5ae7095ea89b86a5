"""Casualty figures and targets of a report, given to the events they belong to, never counted twice.

A figure belongs to a place when "in <place>" (or "there") follows it, when its sentence names one event
place, or, in a sentence naming several: the place closing a locative phrase after it before the next
figure ("8 were killed in the bombardment of the city of X"), the one event place of its own clause ("when
raids on X killed 12"), the place before a ", where" that opens its clause ("hit Idleb city, where a strike
killed five"), or the place opening its clause ("in X a block of flats came down and 5 died"). A
running total ("taking the day's toll to 9") and a figure placed nowhere are report-level; the first one,
less the figures already placed ("4 more" are not taken out of it), goes to one event, the broadest of
the same kind of attack (``anchor_event``). Targets go to the event places of their sentence, else to the
one named last before them in the paragraph. ``events`` (its module notes) states the codings in full.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from .breakdown import BreakdownItem, breakdown_items, inline_breakdown
from .clauses import CLAUSE_BREAK, clause_bounds, has_casualty_cue
from .event_rules import AIR_TYPES, casualty_figures, count_victims, targets_of, to_digits
from .kinds import AREA_KINDS
from .models import Mention
from .report import Draft, Report

__all__ = ["anchor_event", "place_casualties", "place_targets"]

_AFTER_FIGURE_PLACE = re.compile(
    r"\A\s*(?:[\w-]+\s+){0,2}?(?:in|at|near)\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?"
)
_AFTER_FIGURE_THERE = re.compile(r"\A\s*(?:[\w-]+\s+)?there\b")

_THE_TOWN = re.compile(r"\bthe\s+(?:town|village|city)\b", re.I)


def _segment_targets(sentence: str, offsets: list[tuple[int, int]], k: int) -> set[str]:
    """Targets between the previous event mention of the sentence and mention ``k`` (then after it)."""
    if len(offsets) == 1:
        return targets_of(sentence)
    start = offsets[k - 1][1] if k else 0
    found = targets_of(sentence[start : offsets[k][1]])
    if not found and k == len(offsets) - 1:
        found = targets_of(sentence[offsets[k][1] :])
    return found


def anchor_event(drafts: dict[str, Draft], order: list[str], types: dict[str, str], total_type: str) -> Draft:
    """The event that takes a report-level total: the broadest area of the same kind of attack, else its
    first place in text (a village struck "on the outskirts of" another is no broader than the rest)."""
    same = [k for k in order if (types[k] in AIR_TYPES) == (total_type in AIR_TYPES)] or order
    position = {k: n for n, k in enumerate(order)}

    def breadth(k: str) -> int:
        place = drafts[k].mention.place
        return drafts[k].precision if place is not None and place.kind in AREA_KINDS else 1

    return drafts[max(same, key=lambda k: (breadth(k), -position[k]))]


def place_casualties(rep: Report, mentions: Sequence[Mention], drafts: dict[str, Draft], anchor: Draft) -> None:
    """Figures to the place they are given for; the first report-level total, less those, to one event."""
    by_sentence: dict[int, list[tuple[Mention, Draft]]] = {}
    for m in mentions:
        if m.place is not None and m.place.place_id in drafts and (m.role == "event" or drafts[m.place.place_id]
                                                                    .mention is m):
            by_sentence.setdefault(rep.of(m), []).append((m, drafts[m.place.place_id]))
    # The first report-level figure of each kind, with the event places of its sentence when it names
    # several ("shells on Atarib and on Kafr Taal killed one"): the figure is theirs, not the report's.
    totals: dict[str, tuple[int | None, str, list[Draft]]] = {}
    located: Counter[tuple[str, int]] = Counter()  # (kind, id of the draft): the figures placed there
    village: dict[str, Draft | None] = {}  # the place a lead "in a village" speaks of, by kind
    items = breakdown_items(rep.sents) if ":" in rep.text else {}
    for si, sentence in enumerate(rep.sents):
        here = by_sentence.get(si, [])
        if si in items:
            _breakdown_figure(sentence, rep.spans[si][0], items[si], here, located)
            continue
        # (A strike sentence has no NON_EVENT_CUE: ``is_strike_text`` says so.)
        if not (rep.strike[si] or (has_casualty_cue(sentence) and not rep.non_event(si))):
            continue
        digits = to_digits(sentence)
        inline = inline_breakdown(digits) if ":" in sentence and here else None
        if inline is not None and _inline_figures(digits, inline, here, located):
            continue
        places = list({id(d): d for _, d in here}.values())
        figures = casualty_figures(sentence, digits=digits)
        for k, (kind, count, words, start, end) in enumerate(figures):
            owner = None
            if _CUMULATIVE.search(digits[max(0, start - 60) : end]):
                totals.setdefault(kind, (count, words, []))  # "taking the day's toll to 9": the report's sum
                continue
            after = _AFTER_FIGURE_PLACE.match(digits[end:])
            if after:
                rest = digits[end + after.end() :]
                owner = next((d for m, d in here if rest.startswith(m.text)), None)
            if owner is None and len(places) > 1:
                stretch_end = figures[k + 1][3] if k + 1 < len(figures) else len(digits)
                owner = _owner_in_stretch(digits, end, stretch_end, here)
            if owner is None and len(places) > 1:
                owner = _owner_in_clause(digits, start, end, here)
            if owner is None and here and _AFTER_FIGURE_THERE.match(digits[end:]):
                owner = here[-1][1]
            if owner is None and len(places) == 1:
                owner = places[0]
            if owner is None and len(places) > 1:
                owner = _fronted_owner(digits, end, here)
            if owner is None and len(places) > 1:
                owner = _owner_before_where(digits, start, here)
            if owner is None:
                if not places and _ONE_LOCALITY.search(sentence) and kind not in totals:
                    # "killed four civilians in a village of the north-west": the lead is a village's (the first
                    # struck), not the broadest area's; it is still the report's total.
                    village[kind] = next((d for d in drafts.values() if d.mention.place is not None
                                          and d.mention.place.kind not in AREA_KINDS), None)
                totals.setdefault(kind, (count, words, places if len(places) > 1 else []))
                continue
            # "4 more" come on top of the lead total, not out of it
            _give_figure(owner, kind, count, words, located, out_of_total=not _MORE.search(words))
    for kind, attr in (("killed", "fatalities"), ("injured", "injured")):
        if kind not in totals:
            continue
        count, words, shared = totals[kind]
        if shared:
            target = next((d for d in shared if getattr(d, attr) is None), None)
            already = sum(located[kind, id(d)] for d in shared)
        else:
            first = village.get(kind) or anchor
            target = first if getattr(first, attr) is None else next(
                (d for d in drafts.values() if getattr(d, attr) is None), None)
            already = sum(n for (k, _), n in located.items() if k == kind)
        left = None if count is None else count - already
        if target is None or (left is not None and (left < 0 or (left == 0 and count != 0))):
            continue
        setattr(target, attr, left)
        if kind == "killed":
            target.fatalities_text = words
        target.notes.append(f"report-level {kind} total ({words}) attached here")


# The start of an item's victims: "two in the town of", "a child in", "one each in".
_ITEM_PLACE_GAP = re.compile(r"\s+(?:each\s+)?(?:in|at)\s+(?:the\s+)?(?:(?:town|village|city|camp)\s+of\s+)?\Z", re.I)
_EACH = re.compile(r"\beach\b", re.I)


def _inline_figures(digits: str, inline: tuple[str, int], here: list[tuple[Mention, Draft]],
                    located: Counter[tuple[str, int]]) -> bool:
    """The items of an inline breakdown to their places; whether any was placed (else the sentence is read
    as any other)."""
    kind, after = inline
    at = after
    count: int | None = None
    each = False
    placed = False
    for m, d in sorted(here, key=lambda md: digits.find(md[0].text, after)):
        found = digits.find(m.text, at)
        if found < 0:
            continue
        gap = digits[at:found]
        victims = _ITEM_PLACE_GAP.sub("", gap).strip(" ,;").removeprefix("and ").strip()
        if victims and _ITEM_PLACE_GAP.search(gap):
            count, each = count_victims(victims), bool(_EACH.search(gap))
        elif not each:
            count = None
        at = found + len(m.text)
        placed = _give_figure(d, kind, count, victims or d.fatalities_text, located) or placed
    return placed


def _breakdown_figure(sentence: str, start: int, item: BreakdownItem, here: list[tuple[Mention, Draft]],
                      located: Counter[tuple[str, int]]) -> None:
    """The victims of a breakdown line ("• Balyoun town: three children.") to the one place it names."""
    kind, place_end, victims_start = item
    owners = {id(d): d for m, d in here if m.end - start <= place_end}
    count = count_victims(to_digits(sentence[victims_start:]))
    if len(owners) != 1 or count is None:
        return
    _give_figure(next(iter(owners.values())), kind, count, sentence[victims_start:].strip().rstrip("."), located)


def _give_figure(owner: Draft, kind: str, count: int | None, words: str | None, located: Counter[tuple[str, int]],
                 *, out_of_total: bool = True) -> bool:
    """Give ``owner`` a figure of ``kind`` when it is larger than the one it has; whether it was given.

    ``located`` counts what was placed at each draft, which a report-level total is then less; a figure
    that comes on top of the total ("4 more") is given without being counted there (``out_of_total``).
    """
    attr = "fatalities" if kind == "killed" else "injured"
    old = getattr(owner, attr)
    if count is None or (old is not None and count <= old):
        return False
    if out_of_total:
        located[kind, id(owner)] += count - (old or 0)
    setattr(owner, attr, count)
    if kind == "killed":
        owner.fatalities_text = words
    return True


_MORE = re.compile(r"\bmore\b", re.I)
_ONE_LOCALITY = re.compile(r"\b(?:in|on|at)\s+(?:a|one)\s+(?:village|town|camp|hamlet)\b", re.I)
# A running total, not the place's own figure: "killed 4 more, taking the day's toll to 9".
_CUMULATIVE = re.compile(r"\b(?:taking|bringing|raising|pushing|lifting)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?"
                         r"toll\s+(?:\w+\s+)?(?:to|at)\s+[^.;]{0,20}\Z", re.I)
# From a figure to the place its clause puts it at: "8 civilians were killed in the bombardment of the city
# of Khan Shaykhun", "3 others died in strikes on the neighbouring village of al-Tah", "7 more in raids on a
# crowded market in the town of Binnish". The place closes a locative phrase (in, on, at, of ...).
_TO_PLACE = re.compile(r"\A[^;]{0,110}?\b(?:in|on|at|of)\s+(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,4}?\Z", re.I)
# A clause opened by a place: "in Kafr Nabl a block of flats came down and 5 people died".
_FRONTED_IN = re.compile(r"(?:\A|[;:]\s*|\.\s+)(?:and\s+)?in\s+(?:the\s+(?:town|village|city)\s+of\s+)?\Z", re.I)


# ", and a similar raid on X killed another": a new clause with its own figure, not the place of this one.
_NEW_CLAUSE = re.compile(r",\s*(?:and|while|but|whereas)\s", re.I)


def _owner_in_stretch(digits: str, end: int, stretch_end: int, here: list[tuple[Mention, Draft]]) -> Draft | None:
    """The draft of the first event place that closes a locative phrase after the figure ending at ``end``,
    before the next figure (``stretch_end``) and before a semicolon."""
    stretch = _NEW_CLAUSE.split(digits[end:stretch_end].split(";", 1)[0], 1)[0]
    best: tuple[int, Draft] | None = None
    for m, d in here:
        at = stretch.find(m.text)
        if at >= 0 and (best is None or at < best[0]) and _TO_PLACE.match(stretch[:at]):
            best = (at, d)
    return best[1] if best else None


def _owner_in_clause(digits: str, start: int, end: int, here: list[tuple[Mention, Draft]]) -> Draft | None:
    """The draft of the one event place in the figure's own clause ("when raids on Binnish killed 12")."""
    breaks = [m.span() for m in CLAUSE_BREAK.finditer(digits)]  # one reading for both ends of the figure
    c0, c1 = clause_bounds(digits, start, breaks=breaks)
    c1 = max(c1, clause_bounds(digits, max(start, end - 1), breaks=breaks)[1])
    clause = digits[c0:c1]
    owners = {id(d): d for m, d in here if m.text in clause}
    return next(iter(owners.values())) if len(owners) == 1 else None


_WHERE_BEFORE = re.compile(r",?\s*\bwhere\s*\Z", re.I)


def _owner_before_where(digits: str, start: int, here: list[tuple[Mention, Draft]]) -> Draft | None:
    """The draft of the place just before ", where" that opens the figure's clause ("hit Idleb city, where a
    strike on a residential block killed five")."""
    c0, _ = clause_bounds(digits, start)
    if not _WHERE_BEFORE.search(digits[:c0]):
        return None
    best: tuple[int, Draft] | None = None
    for m, d in here:
        at = digits.rfind(m.text, 0, c0)
        if at >= 0 and (best is None or at > best[0]):
            best = (at, d)
    return best[1] if best else None


def _fronted_owner(digits: str, end: int, here: list[tuple[Mention, Draft]]) -> Draft | None:
    """The draft of the place that opens the figure's clause ("in X ..."), the last such before the figure."""
    clause_start = max(digits.rfind(";", 0, end), 0)
    owner = None
    for m, d in here:
        at = digits.find(m.text, clause_start, end)
        if at >= 0 and _FRONTED_IN.search(digits[max(clause_start, at - 40) : at]):
            owner = d
    return owner


def place_targets(rep: Report, mentions: Sequence[Mention], drafts: dict[str, Draft], anchor: Draft) -> None:
    """Targets of a sentence to its event places; with none, to the last one named earlier in the paragraph."""
    sentence_of = [rep.of(m) for m in mentions]  # once per mention, not once per sentence and mention
    events_in: dict[int, list[Mention]] = {}
    for m, ms in zip(mentions, sentence_of, strict=True):
        if m.role == "event" and m.place and m.place.place_id in drafts:
            events_in.setdefault(ms, []).append(m)
    # The mentions that may own a sentence's targets, with their sentences: in text order these are in
    # sentence order, and the last one up to a sentence is found by bisection.
    owners = [k for k, m in enumerate(mentions) if m.place is not None and m.place.place_id in drafts
              and (m.role == "event" or drafts[m.place.place_id].mention.role == "event")]
    owner_sentences = [sentence_of[k] for k in owners]
    ordered = all(a <= b for a, b in pairwise(owner_sentences))
    # A denial gives no targets; it is looked for only where there are targets to give.
    for si, sentence in enumerate(rep.sents):
        here = events_in.get(si)
        if here:
            offsets = [(m.start - rep.spans[si][0], m.end - rep.spans[si][0]) for m in here]
            given = [(m, _segment_targets(sentence, offsets, k)) for k, m in enumerate(here)]
            if any(found for _, found in given) and not rep.non_event(si):
                for m, found in given:
                    if m.place is not None:
                        drafts[m.place.place_id].targets |= found
            continue
        found = targets_of(sentence)
        if not found or rep.non_event(si):
            continue
        near = not _THE_TOWN.search(sentence)  # "the town" points further back; else this or the last sentence
        if ordered:
            # Of the mentions up to this sentence only the last can be in this or the last sentence.
            n = bisect_right(owner_sentences, si)
            earlier = [mentions[owners[n - 1]]] if n else []
        else:
            earlier = [mentions[k] for k in owners if sentence_of[k] <= si]
        if near:
            earlier = [m for m in earlier if rep.paragraph[rep.of(m)] == rep.paragraph[si] and rep.of(m) >= si - 1]
        last = earlier[-1] if earlier else None
        owner = drafts[last.place.place_id] if last is not None and last.place else anchor
        owner.targets |= found
