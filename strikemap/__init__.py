"""strikemap: news reports of strikes in north-west Syria to mapped, exportable event data.

The public API, flat (internal modules import from the defining module, never from here)::

    >>> from strikemap import resolve
    >>> resolve("Jisr Al-Shqour")[0].place.name
    'Jisr ash-Shughur'
    >>> from strikemap import extract_events
    >>> [e.location for e in extract_events("Russian jets struck Kafr Nabl on Monday.", pub_date="2019-05-07")]
    ['Kafr Nabl']

Each name is imported from its module on first use, so ``import strikemap`` (and ``strikemap --help``)
stays fast; ``strikemap.api`` holds what each command does in one call.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import (
        EventsRun,
        GeocodeRun,
        MapInputs,
        Notice,
        Reports,
        events_of_paths,
        events_of_reports,
        geocode_paths,
        geocode_reports,
        read_map_inputs,
        read_reports,
        resolve_names,
    )
    from .errors import (
        EventFileError,
        GazetteerError,
        InputError,
        NetworkError,
        NotFoundError,
        SourceError,
        StrikemapError,
    )
    from .evaluate import evaluate_file
    from .eventfile.read import read_event_file
    from .export.write import write_events, write_mentions
    from .gazetteer.backend import PlaceBackend
    from .gazetteer.lookup import Gazetteer, load_gazetteer
    from .geoframe import events_to_frame, mentions_to_frame
    from .inputs import InputProblem, ProblemKind
    from .models import Match, Mention, Place, StrikeEvent
    from .pipeline import ArticleResult, DocumentResult, extract_events, geocode_article, iter_results, run_document
    from .resolver import Context, resolve, resolve_mentions
    from .spelling import fold, normalize, skeleton_key, variant_key
    from .webmap.page import build_map, save_map

__version__ = "0.1.0"

# Each public name and the module that defines it.
_HOME = {
    "ArticleResult": "pipeline",
    "Context": "resolver",
    "DocumentResult": "pipeline",
    "EventFileError": "errors",
    "EventsRun": "api",
    "Gazetteer": "gazetteer.lookup",
    "GazetteerError": "errors",
    "GeocodeRun": "api",
    "InputError": "errors",
    "InputProblem": "inputs",
    "MapInputs": "api",
    "Match": "models",
    "Mention": "models",
    "NetworkError": "errors",
    "NotFoundError": "errors",
    "Notice": "api",
    "Place": "models",
    "PlaceBackend": "gazetteer.backend",
    "ProblemKind": "inputs",
    "Reports": "api",
    "SourceError": "errors",
    "StrikeEvent": "models",
    "StrikemapError": "errors",
    "build_map": "webmap.page",
    "evaluate_file": "evaluate",
    "events_of_paths": "api",
    "events_of_reports": "api",
    "events_to_frame": "geoframe",
    "extract_events": "pipeline",
    "fold": "spelling",
    "geocode_article": "pipeline",
    "geocode_paths": "api",
    "geocode_reports": "api",
    "iter_results": "pipeline",
    "load_gazetteer": "gazetteer.lookup",
    "mentions_to_frame": "geoframe",
    "normalize": "spelling",
    "read_event_file": "eventfile.read",
    "read_map_inputs": "api",
    "read_reports": "api",
    "resolve": "resolver",
    "resolve_mentions": "resolver",
    "resolve_names": "api",
    "run_document": "pipeline",
    "save_map": "webmap.page",
    "skeleton_key": "spelling",
    "variant_key": "spelling",
    "write_events": "export.write",
    "write_mentions": "export.write",
}

__all__ = [
    "ArticleResult",
    "Context",
    "DocumentResult",
    "EventFileError",
    "EventsRun",
    "Gazetteer",
    "GazetteerError",
    "GeocodeRun",
    "InputError",
    "InputProblem",
    "MapInputs",
    "Match",
    "Mention",
    "NetworkError",
    "NotFoundError",
    "Notice",
    "Place",
    "PlaceBackend",
    "ProblemKind",
    "Reports",
    "SourceError",
    "StrikeEvent",
    "StrikemapError",
    "build_map",
    "evaluate_file",
    "events_of_paths",
    "events_of_reports",
    "events_to_frame",
    "extract_events",
    "fold",
    "geocode_article",
    "geocode_paths",
    "geocode_reports",
    "iter_results",
    "load_gazetteer",
    "mentions_to_frame",
    "normalize",
    "read_event_file",
    "read_map_inputs",
    "read_reports",
    "resolve",
    "resolve_mentions",
    "resolve_names",
    "run_document",
    "save_map",
    "skeleton_key",
    "variant_key",
    "write_events",
    "write_mentions",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'strikemap' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
