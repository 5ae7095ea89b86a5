"""Name folding: each rule on its own, the spellings that must meet, and the laws."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strikemap.gazetteer.fileformat import NORMALIZE_VERSION, iter_lines, name_keys, read_gazetteer
from strikemap.models import Place
from strikemap.spelling import (
    ARABIC_CHAR_MAP,
    ARTICLES,
    GENERIC_WORDS,
    TRANSLIT_RULES,
    fold,
    phrase_key,
    skeleton_key,
    token_key,
    variant_key,
)


@pytest.mark.parametrize(("pattern", "repl", "before", "after"), TRANSLIT_RULES, ids=[r[0] for r in TRANSLIT_RULES])
def test_each_transliteration_rule_does_what_its_example_says(pattern: str, repl: str, before: str, after: str) -> None:
    assert re.search(pattern, before), f"the example {before!r} does not exercise {pattern!r}"
    assert token_key(before) == token_key(after)


@pytest.mark.parametrize(("word", "canonical"), sorted(GENERIC_WORDS.items()))
def test_each_generic_word_folds_to_its_canonical_form(word: str, canonical: str) -> None:
    assert token_key(word) == token_key(canonical)


@pytest.mark.parametrize("article", sorted(ARTICLES))
def test_each_article_form_is_dropped_before_a_name(article: str) -> None:
    assert variant_key(f"Tal {article}-Sultan") == variant_key("Tal Sultan")
    assert variant_key(f"{article} Bara") == variant_key("Bara")


def test_article_alone_is_kept() -> None:
    # "As" is a name here, not an article before one.
    assert variant_key("As") == "as"


@pytest.mark.parametrize(("variant", "plain"), sorted(ARABIC_CHAR_MAP.items()))
def test_each_arabic_letter_form_is_folded(variant: str, plain: str) -> None:
    assert fold(f"ب{variant}ب") == f"ب{plain}ب"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Jisr ash-Shughūr", "jisr ash shughur"),  # macron
        ("Ḩamāh", "hamah"),  # dot below, breve
        ("Maʿarrat an-Nuʿmān", "maarrat an numan"),  # ʿayn
        ("Ma'arrat", "maarrat"),  # ASCII apostrophe as ʿayn
        ("Ma`arrat", "maarrat"),  # backtick as ʿayn
        ("Ma‘arrat", "maarrat"),  # left quote as ʿayn
        ("Saʾdiyah", "sadiyah"),  # ʾ hamza
        ("  KAFR   NABL ", "kafr nabl"),  # case and spaces
        ("Kafr-Nabl", "kafr nabl"),  # hyphen
        ("جِسْرُ الشُّغُورِ", "جسر الشغور"),  # tashkeel
        ("إدلب", "ادلب"),  # hamza under alef
        ("حماة", "حماه"),  # ta marbuta
        ("جبل الزاويـــة", "جبل الزاويه"),  # tatweel
        ("کفرنبل", "كفرنبل"),  # Persian kaf
        ("ﻛﻔﺮ", "كفر"),  # presentation forms (NFKC)
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


SAME_PLACE = [
    # news transliterations of one place
    ("Jisr Al-Shqour", "Jisr ash-Shughur", "skeleton"),
    ("Jisr el-Shoghour", "Jisr ash-Shughur", "skeleton"),
    ("Jisr al-Shughour", "Jisr ash-Shughur", "variant"),
    ("Kafranbel", "Kafr Nabl", "skeleton"),  # joined and split forms
    ("Kfar Nabel", "Kafr Nabl", "skeleton"),
    ("Sqeilbiyeh", "al-Suqaylabiyah", "skeleton"),
    ("Morek", "Murak", "skeleton"),
    ("Jabal Al-Zawya", "Jabal al-Zawiya", "variant"),
    ("Jebel Zawiyeh", "Jabal al-Zawiya", "variant"),
    ("Maaret al-Noman", "Ma'arrat an-Nu'man", "skeleton"),
    ("Maarat al-Numan", "Ma'arrat an-Nu'man", "variant"),
    ("Khan Sheikhoun", "Khan Shaykhun", "variant"),
    ("Khan Cheikhoun", "Khan Shaykhun", "variant"),
    ("Saraqeb", "Saraqib", "skeleton"),
    ("Idleb", "Idlib", "skeleton"),
    ("Hamah", "Hama", "variant"),
    ("Tell Rifaat", "Tall Rif'at", "variant"),
    ("Sarmeen", "Sarmin", "variant"),
    ("Djisr ech-Chogour", "Jisr ash-Shughur", "skeleton"),  # French
    ("كفرنبل", "كفر نبل", "variant"),  # Arabic joined/split
    ("جسر الشغور", "جِسْر الشُّغُور", "variant"),
]


@pytest.mark.parametrize(("a", "b", "level"), SAME_PLACE)
def test_spellings_of_one_place_meet(a: str, b: str, level: str) -> None:
    assert skeleton_key(a) == skeleton_key(b)
    if level == "variant":
        assert variant_key(a) == variant_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Sarmin", "Sarmada"), ("Ariha", "Harem"), ("Kafr Nabl", "Kafr Nubl al-Sharqi"), ("Idlib", "Dana")],
)
def test_different_places_stay_apart(a: str, b: str) -> None:
    assert variant_key(a) != variant_key(b)
    assert skeleton_key(a) != skeleton_key(b)


def test_phrase_key_keeps_word_boundaries() -> None:
    assert phrase_key("Jisr el-Shughour") == "jisr shughur"
    assert phrase_key("Kafr Nabl") == "kafr nabl"


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_keys_are_total_and_single_line(text: str) -> None:
    for key in (fold(text), variant_key(text), skeleton_key(text)):
        assert isinstance(key, str)
        assert "\n" not in key
    assert " " not in variant_key(text)


# -- the keys a built gazetteer stores follow today's rules ---------------------------------------
SHIPPED = Path(__file__).resolve().parent.parent / "strikemap" / "data" / "default_gazetteer.jsonl"


def test_the_shipped_gazetteers_stored_keys_are_todays_keys() -> None:
    """A rule change that alters any stored key must bump NORMALIZE_VERSION, or built files go stale unseen."""
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    stale = []
    for line in lines[1:]:
        record = json.loads(line)
        if "place_id" not in record:
            continue
        names = [record["name"], *record.get("names", []), *([record["name_ar"]] if record.get("name_ar") else [])]
        today = [list(k) for k in name_keys(names)]
        if record["keys"] != today:
            stale.append((record["place_id"], record["keys"], today))
    if stale and header["normalize_version"] == NORMALIZE_VERSION:
        pytest.fail(
            f"normalize's rules now give other keys for {len(stale)} places of the shipped gazetteer "
            f"(first: {stale[0]}): bump NORMALIZE_VERSION in strikemap/gazetteer/fileformat.py "
            f"(now {NORMALIZE_VERSION}) to {NORMALIZE_VERSION + 1}, then rebuild with "
            "'python gazetteer/build_default.py'"
        )
    assert header["normalize_version"] == NORMALIZE_VERSION, (
        f"the shipped gazetteer was built with normalize_version {header['normalize_version']}, the code is at "
        f"{NORMALIZE_VERSION}: rebuild it with 'python gazetteer/build_default.py'"
    )
    assert not stale


def _file_with_keys(tmp_path: Path, keys: list[list[str]], normalize_version: int) -> Path:
    place = Place(place_id="t:1", name="Jisr ash-Shughur", lat=35.8, lon=36.3, kind="town", names=("Jisr el-Shoghour",))
    lines = list(iter_lines({"name": "test"}, [place], []))
    header = json.loads(lines[0])
    record = json.loads(lines[1])
    record["keys"] = keys
    body = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
    header.update(normalize_version=normalize_version, sha256=hashlib.sha256(body.encode("utf-8")).hexdigest())
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(header, sort_keys=True) + "\n" + body, encoding="utf-8")
    return path


def test_the_loader_recomputes_keys_stored_under_another_normalize_version(tmp_path: Path) -> None:
    old = [["jisr ash shughur", "OLD", "OLD"]]
    today = name_keys(["Jisr ash-Shughur", "Jisr el-Shoghour"])
    stale = read_gazetteer(_file_with_keys(tmp_path, old, NORMALIZE_VERSION - 1))
    assert stale.keys == [today]
    current = read_gazetteer(_file_with_keys(tmp_path, old, NORMALIZE_VERSION))
    assert current.keys == [[("jisr ash shughur", "OLD", "OLD")]], "keys of the running version are used as stored"
