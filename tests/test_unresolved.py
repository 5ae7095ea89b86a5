"""Spellings a corpus could not resolve, with near places to check (geocode --unresolved)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from strikemap.cli.root import app
from strikemap.gazetteer.lookup import Gazetteer
from strikemap.pipeline import geocode_article
from strikemap.unresolved import table_text, unresolved_names

REPORT = "Jets struck Kafr Oweid and Kafranbel on Monday. Shells later hit Kafr Oweid again.\n"
ARABIC = "قصفت قوات النظام قرية الزيادية وبلدة كفرنبل.\n"


def test_suggestions_are_near_places_never_applied() -> None:
    gaz = Gazetteer.default()
    assert [m.place.name for m in gaz.suggest("Kafrnbool", limit=1)] == ["Kafr Nabl"]
    assert all(m.method == "suggestion" and 70 <= m.score <= 100 for m in gaz.suggest("Kafrnbool"))
    # A name the shipped gazetteer lacks gets near names to check, all in Syria, none applied by lookup.
    assert gaz.lookup("Kafr Oweid") == []
    assert all(m.place.country == "SY" and m.score >= 70 for m in gaz.suggest("Kafr Oweid"))
    assert gaz.suggest("ab") == []


def test_unresolved_names_counts_spellings_and_reports() -> None:
    gaz = Gazetteer.default()
    pairs = [(src, m) for src, text in (("a.txt", REPORT), ("b.txt", REPORT), ("c.txt", ARABIC))
             for m in geocode_article(text, gazetteer=gaz).mentions]
    rows = unresolved_names(pairs, gaz)
    assert [(r.text, r.mentions, r.sources) for r in rows] == [
        ("Kafr Oweid", 4, ("a.txt", "b.txt")), ("الزيادية", 1, ("c.txt",))]
    assert all(m.place.country == "SY" for r in rows for m in r.suggestions)
    text = table_text(rows)
    assert text.splitlines()[0] == "text\tmentions\treports\tsuggestions"
    assert text.splitlines()[1].startswith("Kafr Oweid\t4\t2\t")


def test_cli_geocode_unresolved(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "c.txt").write_text(ARABIC, encoding="utf-8")
    result = CliRunner().invoke(app, ["geocode", str(tmp_path), "--unresolved"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "text\tmentions\treports\tsuggestions"
    assert {line.split("\t")[0] for line in lines[1:]} == {"Kafr Oweid", "الزيادية"}
    out = tmp_path / "unresolved.tsv"
    result = CliRunner().invoke(app, ["geocode", str(tmp_path / "a.txt"), "--unresolved", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith("Kafr Oweid\t2\t1\t")
