"""What a corpus could not resolve: each unresolved mention's text, how often, where, and near places.

``strikemap geocode --unresolved`` prints this table, so that a user can confirm spellings and add them
(or see that a village is missing from the gazetteer). Suggestions come from
:meth:`strikemap.gazetteer.lookup.Gazetteer.suggest`; they are shown, never applied.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .gazetteer.lookup import Gazetteer
from .models import Match, Mention

__all__ = ["Unresolved", "table_text", "unresolved_names"]


@dataclass(frozen=True, slots=True)
class Unresolved:
    """One spelling no place was found for."""

    text: str
    mentions: int
    sources: tuple[str, ...]
    suggestions: tuple[Match, ...]


def unresolved_names(pairs: Iterable[tuple[str, Mention]], gazetteer: Gazetteer, *, limit: int = 3) -> list[Unresolved]:
    """The unresolved mentions of ``(source, mention)`` pairs, by spelling, most frequent first.

    Examples
    --------
    >>> from strikemap.pipeline import geocode_article
    >>> r = geocode_article("Jets struck Kafr Oweid and Kafranbel.", gazetteer=Gazetteer.default())
    >>> [(u.text, u.mentions) for u in unresolved_names([("r.txt", m) for m in r.mentions], Gazetteer.default())]
    [('Kafr Oweid', 1)]
    """
    counts: dict[str, int] = {}
    sources: dict[str, dict[str, None]] = {}
    for source, mention in pairs:
        if mention.match is not None:
            continue
        counts[mention.text] = counts.get(mention.text, 0) + 1
        sources.setdefault(mention.text, {})[source] = None
    order = sorted(counts, key=lambda t: (-counts[t], t))
    return [Unresolved(t, counts[t], tuple(sources[t]), tuple(gazetteer.suggest(t, limit=limit))) for t in order]


def table_text(rows: Iterable[Unresolved]) -> str:
    """Tab-separated: spelling, mentions, reports, and the suggestions as ``name (admin1, place_id, score)``."""
    lines = ["text\tmentions\treports\tsuggestions"]
    for row in rows:
        near = "; ".join(f"{m.place.name} ({m.place.admin1 or m.place.country}, {m.place.place_id}, {m.score:.0f})"
                         for m in row.suggestions)
        lines.append(f"{row.text}\t{row.mentions}\t{len(row.sources)}\t{near}")
    return "\n".join(lines) + "\n"
