"""Known errors of the sources, corrected in every full build: names a source gives to the wrong place.

Each row is a place (by ``place_id``) and names that a source lists among its alternate names but that
belong to a different village: kept, they make the gazetteer send the other village's strikes to this
place. Rows come from reports where the two villages are named side by side; each has a test
(``tests/test_gazetteer_build.py``) that resolves both names and finds them apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..spelling import variant_key
from .sources.draft import Draft

__all__ = ["NOT_NAMES_OF", "drop_names_of_other_places"]

NOT_NAMES_OF: dict[str, tuple[str, ...]] = {
    # Mashun (مشون, Ihsim sub-district): GeoNames' alternate names hold Balshūn / Balchoûn, the
    # neighbouring village of Balshun (بلشون), which reports name beside Balyun and Mashun.
    "gn:171865": ("Balshun", "بلشون"),
}


def drop_names_of_other_places(drafts: Iterable[Draft]) -> int:
    """Remove the names of ``NOT_NAMES_OF`` from their places; how many names were removed."""
    removed = 0
    for draft in drafts:
        wrong = NOT_NAMES_OF.get(draft.place_id)
        if not wrong:
            continue
        keys = {variant_key(n) for n in wrong}
        kept = [n for n in draft.names if variant_key(n) not in keys]
        removed += len(draft.names) - len(kept)
        draft.names = kept
        if draft.name_ar and variant_key(draft.name_ar) in keys:
            draft.name_ar = None
            removed += 1
    return removed
