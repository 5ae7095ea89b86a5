"""Template syntax in anything that reaches a map is shown as text and runs nothing.

branca renders each element's output a second time as a Jinja template, so before this was fixed
``{{ 7*7 }}`` in a report came out as 49 and ``{{ lipsum.__globals__.os... }}`` ran a program. The map
now carries outside text only in a data table joined in after rendering (see strikemap.webmap.page); these
tests put template syntax in every field, by every way in, and look for a canary folder.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from strikemap.cli.root import app
from strikemap.export import write_events
from strikemap.geoframe import events_to_frame
from strikemap.models import StrikeEvent
from strikemap.sanitize import clean_text
from strikemap.webmap.page import build_map, render_html

TEXT_FIELDS = ("location", "actor1", "actor2", "admin1", "admin2", "admin3", "evidence", "source", "event_date")


def payloads(canary: Path) -> list[str]:
    """Template syntax of every kind; the first two would create ``canary`` if rendered."""
    return [
        "{{ lipsum.__globals__.os.mkdir('" + str(canary) + "') }}",
        "{{ cycler.__init__.__globals__.os.mkdir('" + str(canary) + "') }}",
        "{{ 7*7 }}",
        "{% if 1 %}yes{% endif %}",
        "{# a comment #}",
        "{{",
        "{%",
        "}} {{ 'unbalanced'",
    ]


def event(**fields: object) -> StrikeEvent:
    base: dict[str, object] = dict(event_id="e1", event_type="air_strike", lat=35.6138, lon=36.5645,
                                   location="Kafr Nabl", place_id=None, geo_precision=1, event_date="2019-05-06",
                                   fatalities=2, evidence="Jets struck Kafr Nabl.", source="r.txt")
    base.update(fields)
    return StrikeEvent(**base)  # type: ignore[arg-type]


def data_strings(page: str) -> list[str]:
    match = re.search(r'<script type="application/json" id="[^"]+_data">(.*?)</script>', page, re.S)
    assert match
    data = json.loads(match.group(1))
    return [html.unescape(s) for s in data["strings"]] + [html.unescape(data["title"] or "")]


@pytest.fixture()
def canary(tmp_path: Path) -> Path:
    return tmp_path / "PWNED"


def test_the_issue_reproducer_runs_nothing(tmp_path: Path, canary: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Russian warplanes struck Kafr Nabl in southern Idlib "
                      "{{ lipsum.__globals__.os.mkdir('" + str(canary) + "') }}.\n", encoding="utf-8")
    out = tmp_path / "m.html"
    result = CliRunner().invoke(app, ["map", str(report), "-o", str(out), "--tiles", "none"])
    assert result.exit_code == 0, result.output
    assert not canary.exists()
    page = out.read_text(encoding="utf-8")
    assert any("lipsum.__globals__" in s for s in data_strings(page))


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_every_event_field_renders_literally(field: str, canary: Path) -> None:
    for payload in payloads(canary):
        page = render_html(build_map(events_to_frame([event(**{field: payload})]), tiles="none",
                                     title=payload))
        assert not canary.exists(), (field, payload)
        assert payload.strip() in " ".join(data_strings(page)), (field, payload)


def test_targets_sources_and_boundaries_render_literally(canary: Path) -> None:
    for payload in payloads(canary):
        boundary = {"boundary": "SY07", "level": 1, "name": payload, "name_ar": payload,
                    "geometry": {"type": "Polygon", "coordinates": [[[36, 35], [37, 35], [37, 36], [36, 35]]]}}
        m = build_map(events_to_frame([event(targets=(payload,), sources=(payload, "b.txt"))]), tiles="none",
                      boundaries=[boundary], notes=[payload])
        page = render_html(m)
        assert not canary.exists()
        assert payload.strip() in " ".join(data_strings(page))


def test_no_outside_text_reaches_the_template_engine(canary: Path) -> None:
    """The structural guarantee: what Jinja renders holds none of the outside text."""
    marker = "OUTSIDE-TEXT-7f3a"
    fields = {f: f"{marker} {f}" for f in TEXT_FIELDS if f != "event_date"}
    boundary = {"boundary": "SY07", "level": 1, "name": marker, "name_ar": marker,
                "geometry": {"type": "Polygon", "coordinates": [[[36, 35], [37, 35], [37, 36], [36, 35]]]}}
    folder = canary.parent / f"tiles-{marker}"
    (folder / "9" / "300").mkdir(parents=True)
    (folder / "9" / "300" / "200.png").write_bytes(b"\x89PNG")
    m = build_map(events_to_frame([event(targets=(marker,), **fields)]), tiles=str(folder), boundaries=[boundary],
                  notes=[marker])
    rendered_by_jinja = m.get_root().render()
    assert marker not in rendered_by_jinja
    # The page title is the one exception: Figure prints it once as a variable, never as a template.
    page = render_html(build_map(events_to_frame([event()]), tiles="none", title="{{ 7*7 }}"))
    assert "<title>{{ 7*7 }}</title>" in page


@pytest.mark.parametrize("fmt", ["geojson", "csv", "gpkg"])
def test_event_files_with_template_syntax_render_literally(tmp_path: Path, canary: Path, fmt: str) -> None:
    payload = payloads(canary)[0]
    path = tmp_path / f"events.{fmt}"
    fields = {f: f"{payload} {f}" for f in TEXT_FIELDS if f not in ("event_date", "source")}
    write_events([event(targets=(payload,), source=payload, **fields)], path)
    out = tmp_path / "m.html"
    result = CliRunner().invoke(app, ["map", str(path), "-o", str(out), "--tiles", "none", "--title", payload])
    assert result.exit_code == 0, result.output
    assert not canary.exists()
    strings = " ".join(data_strings(out.read_text(encoding="utf-8")))
    assert f"{payload} evidence" in strings and f"{payload} actor1" in strings


def test_a_file_name_with_template_syntax(tmp_path: Path, canary: Path) -> None:
    report = tmp_path / "{{ 7*7 }}.txt"
    report.write_text("Russian warplanes struck Kafr Nabl in southern Idlib on Monday.\n", encoding="utf-8")
    out = tmp_path / "m.html"
    result = CliRunner().invoke(app, ["map", str(report), "-o", str(out), "--tiles", "none"])
    assert result.exit_code == 0, result.output
    strings = " ".join(data_strings(out.read_text(encoding="utf-8")))
    assert "{{ 7*7 }}.txt" in strings and "49.txt" not in strings


untrusted = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(
    lambda t: clean_text(t).strip() != "")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=untrusted, field=st.sampled_from(("location", "actor1", "evidence", "admin1", "source")))
def test_any_text_in_any_field_is_shown_verbatim(text: str, field: str) -> None:
    page = render_html(build_map(events_to_frame([event(**{field: text})]), tiles="none", title=text))
    strings = data_strings(page)
    assert text.strip() in strings or any(text.strip() in s for s in strings)
    # The data table is the only place the text is, and it cannot end its script element.
    assert "</script" not in page.split('_data">', 1)[1].split("</script>", 1)[0]
