"""The clean-names stage: the names of a place as a source gives them, made fit for a gazetteer.

``clean_names`` is what every reader does: whitespace made single, empty names dropped, each name
once in first-seen order. ``script_names`` is the stricter cleaning of GeoNames' alternate names for the
shipped default: only Latin- and Arabic-script names, and (``strict``) not GeoNames' machine forms.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from ..spelling import fold


def clean_names(names: Iterable[object]) -> list[str]:
    """Distinct non-empty names, stripped, in first-seen order."""
    out: dict[str, None] = {}
    for name in names:
        if isinstance(name, str):
            text = " ".join(name.split())
            if text:
                out.setdefault(text, None)
    return list(out)


def script(name: str) -> str | None:
    """'latin', 'arabic' or None (mixed, other scripts, digits)."""
    scripts = set()
    for ch in name:
        if ch.isdigit():
            return None
        if not ch.isalpha():
            continue
        uname = unicodedata.name(ch, "")
        if uname.startswith("LATIN") or ch in "ʿʾ":
            scripts.add("latin")
        elif uname.startswith("ARABIC"):
            scripts.add("arabic")
        else:
            return None
    return scripts.pop() if len(scripts) == 1 else None


def script_names(names: Iterable[str], *, strict: bool = True) -> list[str]:
    """Latin- and Arabic-script names only, sorted; ``strict`` also drops GeoNames' machine forms and codes."""
    out = []
    for name in clean_names(names):
        kind = script(name)
        if kind is None or len(fold(name).replace(" ", "")) < 2:
            continue
        # Unvoweled machine transliterations of Arabic ("ydlb", "jsr alshghwr") are all lower case;
        # short all-capital strings are codes ("DAM", "ALP").
        if strict and kind == "latin" and (name == name.lower() or (name.isupper() and len(name) <= 4)):
            continue
        out.append(name)
    return sorted(out)


def arabic_names(names: Iterable[str]) -> list[str]:
    """The Arabic-script names, in the order given."""
    return [n for n in names if script(n) == "arabic"]
