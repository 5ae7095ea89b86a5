"""Resolving names: tiers, homonyms by context, no-match, and the CLI's shapes."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from strikemap.cli.root import app
from strikemap.gazetteer.fileformat import write_gazetteer
from strikemap.gazetteer.lookup import Gazetteer, load_gazetteer
from strikemap.geo import haversine_km
from strikemap.models import Place
from strikemap.resolver import Context, resolve, resolve_mentions
from strikemap.text import sentence_spans
from strikemap.toponyms import find_spans
from tests.catalogue import PLACES, catalogue

GAZ = catalogue()
runner = CliRunner()


@pytest.fixture(scope="module")
def catalogue_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "catalogue.jsonl"
    write_gazetteer(path, {"name": "catalogue", "sources": [{"id": "tests", "license": "CC0"}]}, PLACES)
    return path


@pytest.mark.parametrize(
    ("name", "place_id", "method"),
    [
        ("Jisr ash-Shughur", "t:jisr", "exact"),
        ("jisr ash shughur", "t:jisr", "exact"),
        ("Jisr al-Shughour", "t:jisr", "variant"),
        ("Jisr Al-Shqour", "t:jisr", "skeleton"),
        ("جسر الشغور", "t:jisr", "exact"),
        ("Jisr ash-Shugur", "t:jisr", "skeleton"),  # g for gh
        ("Jisr ash-Shuhgur", "t:jisr", "fuzzy"),  # a typo
        ("Kafranbel", "t:kafrnabl", "skeleton"),
        ("كفرنبل", "t:kafrnabl", "variant"),
    ],
)
def test_tiers(name: str, place_id: str, method: str) -> None:
    [best, *_] = resolve(name, gazetteer=GAZ)
    assert (best.place.place_id, best.method) == (place_id, method)


def test_scores_fall_with_looser_tiers() -> None:
    exact = resolve("Jisr ash-Shughur", gazetteer=GAZ)[0].score
    variant = resolve("Jisr al-Shughour", gazetteer=GAZ)[0].score
    skeleton = resolve("Jisr Al-Shqour", gazetteer=GAZ)[0].score
    fuzzy = resolve("Jisr ash-Shuhgur", gazetteer=GAZ)[0].score
    assert 100 >= exact > variant > skeleton > fuzzy >= 60


def test_skeleton_matches_are_ordered_by_their_vowels() -> None:
    # "Balyon", "Balyun" and "Al Ballan" share the skeleton "bln": the nearer spelling comes first, ahead
    # of the larger namesake the prior alone would put first, and no skeleton match reaches the variant tier.
    found = GAZ.lookup("Balyon", limit=5)
    assert [(m.place.place_id, m.method) for m in found] == [("t:balyun", "skeleton"), ("t:ballan", "skeleton")]
    assert found[0].score > found[1].score
    assert 90 - 6 <= found[1].score < found[0].score <= 90


@pytest.mark.parametrize("name", ["Xyzzy", "Paris", "Jabal", "", "   ", "!!!", "a"])
def test_no_match_is_an_empty_list(name: str) -> None:
    assert resolve(name, gazetteer=GAZ) == []


def test_fuzzy_does_not_jump_to_a_longer_name() -> None:
    # "Jabal Al-Zawya" must not become a short name that happens to share letters.
    assert [m.place.place_id for m in resolve("Jabal Al-Zawya", gazetteer=GAZ)][:1] == ["t:zawiya"]
    assert resolve("Jaba", gazetteer=GAZ) == []


@pytest.mark.parametrize(
    ("context", "expected"),
    [("northern Hama", "t:suran-hama"), ("Aleppo", "t:suran-aleppo"), ("Azaz", "t:suran-aleppo"),
     ("near Morek", "t:suran-hama")],
)
def test_homonyms_settled_by_context(context: str, expected: str) -> None:
    matches = resolve("Suran", gazetteer=GAZ, context=context)
    assert matches[0].place.place_id == expected
    assert {m.place.place_id for m in matches} == {"t:suran-hama", "t:suran-aleppo"}


def test_context_from_places() -> None:
    ctx = Context.from_places([p for p in PLACES if p.place_id == "t:azaz"])
    assert resolve("Suran", gazetteer=GAZ, context=ctx)[0].place.place_id == "t:suran-aleppo"


def test_governorate_and_city_of_one_name_both_offered() -> None:  # the city first, see below
    ids = [m.place.place_id for m in resolve("Idlib", gazetteer=GAZ)]
    assert set(ids[:2]) == {"t:idlib", "t:idlib-gov"}


def test_cli_json_lines_in_input_order(catalogue_file: Path) -> None:
    result = runner.invoke(app, ["resolve", "Jisr Al-Shqour", "Xyzzy", "Morek", "--json", "--gazetteer",
                                 str(catalogue_file)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["query"] for d in lines] == ["Jisr Al-Shqour", "Xyzzy", "Morek"]
    first = lines[0]["matches"][0]
    assert first["place_id"] == "t:jisr" and first["name"] == "Jisr ash-Shughur"
    for key in ("lat", "lon", "kind", "admin1", "admin2", "admin3", "admin3_pcode", "score", "matched"):
        assert key in first
    assert lines[1]["matches"] == []


def test_cli_reads_names_from_stdin_with_context(catalogue_file: Path) -> None:
    result = runner.invoke(app, ["resolve", "--json", "--context", "Aleppo", "--gazetteer", str(catalogue_file)],
                           input="Suran\n\nMorek\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    # One record per input line, the blank one too (an empty record), so the output lines up with the input.
    assert [d["query"] for d in lines] == ["Suran", "", "Morek"]
    assert lines[1] == {"query": "", "matches": []}
    assert lines[0]["matches"][0]["place_id"] == "t:suran-aleppo"


def test_cli_env_var_selects_the_gazetteer(catalogue_file: Path) -> None:
    result = runner.invoke(app, ["resolve", "Hobeit", "--json"], env={"STRIKEMAP_GAZETTEER": str(catalogue_file)})
    assert json.loads(result.stdout)["matches"][0]["place_id"] == "t:hobeit"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--gazetteer", "/nonexistent/gaz.jsonl", "Idlib"], None, "does not exist"),
        ([], b"\x00\x01\x02binary", "binary"),
        ([], b"\xff\xfe\xfa not utf8", "UTF-8"),
    ],
)
def test_cli_bad_input_is_one_error_line(args: list[str], stdin: bytes | None, message: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "strikemap", "resolve", *args], input=stdin or b"",
                          capture_output=True, timeout=60)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.startswith("error:") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_cli_wrong_kind_of_gazetteer_file(tmp_path: Path) -> None:
    bogus = tmp_path / "gaz.jsonl"
    bogus.write_text('{"type": "FeatureCollection"}\n', encoding="utf-8")
    result = runner.invoke(app, ["resolve", "Idlib", "--gazetteer", str(bogus)])
    assert result.exit_code == 2
    assert "not a strikemap gazetteer" in result.stderr


def test_cli_gazetteer_of_another_version(tmp_path: Path) -> None:
    old = tmp_path / "gaz.jsonl"
    old.write_text('{"format": "strikemap-gazetteer", "version": 99}\n', encoding="utf-8")
    result = runner.invoke(app, ["resolve", "Idlib", "--gazetteer", str(old)])
    assert result.exit_code == 2
    assert "version 99" in result.stderr


def test_loaded_file_equals_the_places_written(catalogue_file: Path) -> None:
    loaded = Gazetteer.load(catalogue_file)
    assert sorted(p.place_id for p in loaded) == sorted(p.place_id for p in PLACES)
    assert loaded.get("t:jisr") == next(p for p in PLACES if p.place_id == "t:jisr")


def test_a_cached_gazetteer_is_kept_out_of_the_cyclic_collector(tmp_path: Path) -> None:
    path = tmp_path / "fresh.jsonl"  # a path no test loaded before: load_gazetteer caches per path
    write_gazetteer(path, {"name": "fresh", "sources": [{"id": "tests", "license": "CC0"}]}, PLACES)
    gc.unfreeze()
    try:
        gaz = load_gazetteer(path)
        assert gc.get_freeze_count() > 0
        # The collector's generations no longer hold the gazetteer's containers: they are frozen.
        assert not any(obj is gaz.places for obj in gc.get_objects())
    finally:
        gc.unfreeze()


def test_a_town_beats_the_unit_named_after_it() -> None:
    assert resolve("Idlib", gazetteer=GAZ)[0].place.place_id == "t:idlib"
    assert resolve("Idlib province", gazetteer=GAZ)[0].place.place_id == "t:idlib-gov"


@pytest.mark.parametrize("name", ["Idlib city", "the city of Idlib", "city of Idlib", "مدينة إدلب"])
def test_descriptor_words_around_a_settlement(name: str) -> None:
    assert resolve(name, gazetteer=GAZ)[0].place.place_id == "t:idlib"


def test_descriptor_never_turns_into_an_area() -> None:
    # "Zawiya town" is no name of the mountain area: descriptors only ever find settlements.
    assert resolve("Jabal al-Zawiya town", gazetteer=GAZ) == []


@pytest.mark.parametrize("name", ["Amman", "Moscow"])
def test_foreign_places_answer_exact_names(name: str) -> None:
    assert resolve(name, gazetteer=GAZ)[0].place.country != "SY"


@pytest.mark.parametrize("name", ["Mosqow", "Moscou", "Amnan"])
def test_loose_tiers_never_go_abroad(name: str) -> None:
    assert all(m.place.country == "SY" for m in resolve(name, gazetteer=GAZ))


# Anywhere, and clustered as the places of one report are (where the latitude cut-off does the work).
_LAT = st.floats(-90, 90, allow_nan=False) | st.floats(35.0, 36.5)
_LON = st.floats(-180, 180, allow_nan=False) | st.floats(36.0, 37.0)


@given(st.tuples(_LAT, _LON), st.lists(st.tuples(_LAT, _LON), max_size=12))
@settings(max_examples=500, deadline=None)
def test_nearest_anchor_is_the_smallest_haversine_distance(point: tuple[float, float],
                                                           anchors: list[tuple[float, float]]) -> None:
    # The nearest-anchor scan skips anchors by their latitude term alone; it must still find the true minimum.
    ctx = Context.from_places(Place(f"a:{i}", "A", lat, lon, "town") for i, (lat, lon) in enumerate(anchors))
    place = Place("p:1", "P", *point, "town")
    by_haversine = min((haversine_km(*point, a.lat, a.lon) for a in ctx.anchors), default=None)
    assert ctx._nearest_km(place) == by_haversine


def test_resolve_mentions_with_the_sentences_given_is_the_same() -> None:
    text = "Jets struck Jisr al-Shughur. Later, shells hit Kafranbel and Saraqib."
    found = find_spans(text, GAZ)
    assert resolve_mentions(text, found, GAZ, sentences=sentence_spans(text)) == resolve_mentions(text, found, GAZ)


# -- the report's own geography widens the search within the governorate it names ---------------------------

def _within_gazetteer() -> Gazetteer:
    from tests.catalogue import PLACES as BASE
    from tests.catalogue import _p

    extra = [
        _p("t:athriya", "Athriya", 35.365, 37.788, "village", "Hama", "Esriya", "أثريا"),
        _p("t:athariyah", "Al Athariyah", 36.601, 37.509, "village", "Aleppo"),
        _p("t:qahirah", "Al Qahirah", 35.445, 36.304, "village", "Hama"),
        _p("t:cairo", "Cairo", 30.063, 31.250, "city", None, "Al Qahera", "El Kaherah", country="EG",
           population=7700000),
        _p("t:hama-gov", "Hama Governorate", 35.2, 37.0, "admin1", "Hama", "Hama", "Hama province"),
    ]
    return Gazetteer.from_places([*BASE, *extra])


def test_a_looser_spelling_is_taken_only_within_the_named_governorate() -> None:
    gaz = _within_gazetteer()
    assert [m.place.place_id for m in gaz.lookup_within("Ithariyah", admin1="Hama")] == ["t:athriya"]
    assert gaz.lookup_within("Ithariyah", admin1="Idlib") == []  # nothing near it there
    assert [m.place.place_id for m in gaz.lookup_within("Al-Qahera", admin1="Hama")] == ["t:qahirah"]
    assert all(m.score < 85 and m.method == "within" for m in gaz.lookup_within("Al-Qahera", admin1="Hama"))


def test_x_in_a_governorate_reaches_a_looser_spelling_there() -> None:
    gaz = _within_gazetteer()
    for text, place_id in [("Syrian regime forces shelled Al-Qahera town in Hama governorate.", "t:qahirah"),
                           ("Russian jets struck near Ithariyah town in northern Hama countryside.", "t:athriya")]:
        spans = find_spans(text, gaz)
        mentions = resolve_mentions(text, spans, gaz)
        placed = {m.text: m.match.place.place_id for m in mentions if m.match}
        assert place_id in placed.values(), (text, placed)
    # Without the governorate the loose spelling is not taken: Al-Qahera alone is Cairo's name.
    alone = resolve_mentions("Shelling hit Al-Qahera.", find_spans("Shelling hit Al-Qahera.", gaz), gaz)
    assert "t:qahirah" not in {m.match.place.place_id for m in alone if m.match}
