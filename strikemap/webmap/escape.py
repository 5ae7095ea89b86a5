"""Escaping for the map page: untrusted text as HTML (also safe inside a JavaScript template literal), sources
as links only when they are http(s) URLs, and JSON safe inside a ``<script>`` element.
"""

from __future__ import annotations

import functools
import html
import json
from typing import Any
from urllib.parse import urlsplit

__all__ = ["esc", "script_json", "source_html"]

_ESCAPES = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


@functools.lru_cache(maxsize=65536)
def _esc_str(text: str) -> str:
    return html.escape(text, quote=True).translate(_ESCAPES)


def esc(text: object) -> str:
    """Escape untrusted text for HTML, and for HTML inside a JavaScript template literal.

    Parameters
    ----------
    text
        Any value; it is turned into a string first.

    Returns
    -------
    str
        ``html.escape(text, quote=True)`` with the backtick, ``$`` and backslash also as entities.

    Examples
    --------
    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> esc("${alert(1)}")
    '&#36;{alert(1)}'
    """
    return _esc_str(str(text))


def _is_http_url(text: str) -> bool:
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


@functools.lru_cache(maxsize=65536)
def source_html(source: str) -> str:
    """One source as safe HTML: a link when it is an http(s) URL, plain escaped text otherwise.

    Examples
    --------
    >>> source_html("javascript:alert(1)")
    '<span class="sm-source">javascript:alert(1)</span>'
    """
    text = source.strip()
    if _is_http_url(text):
        return f'<a href="{esc(text)}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'
    return f'<span class="sm-source">{esc(text)}</span>'


def script_json(data: Any) -> str:
    """JSON that is safe as the content of a ``<script>`` element (no ``<``, ``>`` or line separators).

    Examples
    --------
    >>> script_json({"a": "</script><b>"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
