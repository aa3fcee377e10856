"""The rule tables shipped as package data load and are well-formed."""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from radar.enrich import question_rules, sentiment_rules
from radar.enrich.question_rules import (
    AUXILIARIES,
    NOT_SUBJECTS_EN,
    PATTERN_TABLES,
    REQUEST_PATTERNS,
    WH_CONTRACTIONS,
    WH_WORDS,
    load_patterns,
    load_words,
)

pytestmark = pytest.mark.unit

DATA = resources.files("radar.enrich") / "data"
ROOT = Path(__file__).resolve().parents[2]


def test_dutch_and_english_question_words_are_where_they_belong():
    assert {"waarom", "wanneer", "hoe", "welke"} <= WH_WORDS["nl"]
    assert {"why", "when", "how", "which"} <= WH_WORDS["en"]
    assert "waarom" not in WH_WORDS["en"] and "why" not in WH_WORDS["nl"]
    assert WH_CONTRACTIONS["whats"] == "what" and WH_CONTRACTIONS["where's"] == "where"
    assert {"rijdt", "kan", "is"} <= AUXILIARIES["nl"] and "doesn't" in AUXILIARIES["en"]


def test_the_is_no_dropped_subject_marker():
    # "Is the road open?" asks: "the" after an auxiliary is a subject
    assert "the" not in NOT_SUBJECTS_EN and "been" in NOT_SUBJECTS_EN


def test_every_question_word_table_is_documented_lower_case_and_without_repeats():
    raw = json.loads((DATA / question_rules.WORDS_FILE).read_text(encoding="utf-8"))
    assert raw.pop("_doc")
    for name, table in raw.items():
        assert table.get("_doc"), f"{name} has no _doc"
        entries = {key: value for key, value in table.items() if key != "_doc"}
        assert set(entries) in ({"nl", "en"}, {"words"}, {"map"}), name
        for key, values in entries.items():
            words = [*values, *values.values()] if isinstance(values, dict) else values
            assert words and all(w and w == w.lower().strip() for w in words), (name, key)
            assert len(values) == len(set(values)), f"{name}/{key} repeats a word"
    assert set(load_words()) == set(raw)


def test_every_pattern_compiles_without_flags_and_matches_lower_case_text():
    tables = load_patterns()
    assert set(tables) == set(PATTERN_TABLES)
    for table, rows in tables.items():
        assert rows, table
        for pattern, weight in rows:
            compiled = re.compile(pattern)
            assert compiled.flags == re.UNICODE, pattern
            # the tables are searched in lower-cased text: a capital literal never matches
            assert not re.search(r"[A-Z]", re.sub(r"\\.", "", pattern)), pattern
            assert (weight is not None) == (table == "request"), pattern
    assert all(0 < weight <= 1 for _, weight in REQUEST_PATTERNS)


@pytest.mark.parametrize(
    ("table", "text"),
    [
        ("request", "weet iemand of de trein rijdt"),
        ("request", "does anyone know if the road is open"),
        ("rhetorical", "hoe is het mogelijk"),
        ("rhetorical", "are you kidding me"),
        ("shared_item", "dijk houdt het niet via @nos"),
        ("headline", "storing bij ns: wat moet je weten?"),
    ],
)
def test_each_table_knows_its_examples(table, text):
    assert any(re.search(pattern, text) for pattern, _ in load_patterns()[table])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("request\t0.5\t\\bfoo\\b\n", "expected the header"),
        ("table\tweight\tpattern\nrequest\t\t\\bfoo\\b\n", "bad row"),
        ("table\tweight\tpattern\nrhetorical\t0.5\t\\bfoo\\b\n", "bad row"),
        ("table\tweight\tpattern\n# a comment\nquestions\t\t\\bfoo\\b\n", ":3: bad row"),
    ],
)
def test_a_malformed_pattern_file_names_the_line(monkeypatch, content, message):
    monkeypatch.setattr(question_rules, "_data", lambda name: content)
    with pytest.raises(ValueError, match=message):
        load_patterns.__wrapped__()


def test_the_data_files_are_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["radar"]
    for name in (
        question_rules.WORDS_FILE,
        question_rules.PATTERNS_FILE,
        sentiment_rules.RULES_FILE,
    ):
        assert (DATA / name).is_file()
        assert any(fnmatch.fnmatch(f"enrich/data/{name}", glob) for glob in globs), name


def test_the_sentiment_rules_load_with_their_meaning():
    raw = json.loads((DATA / sentiment_rules.RULES_FILE).read_text(encoding="utf-8"))
    assert all(table.get("_doc") for name, table in raw.items() if name != "_doc")
    assert 0 < sentiment_rules.NEUTRAL_BAND < 1 and sentiment_rules.ALPHA > 0
    assert sentiment_rules.NEGATION_SCOPE >= 1 and isinstance(sentiment_rules.NEGATION_SCOPE, int)
    for factor in (sentiment_rules.NEGATION_FACTOR, sentiment_rules.IRONY_FACTOR):
        assert -1 < factor < 0  # flips the sign, keeps part of the strength
    for factor in (
        sentiment_rules.QUESTION_POSITIVE_FACTOR,
        sentiment_rules.COURTESY_IN_QUESTION_FACTOR,
    ):
        assert 0 < factor < 1
    assert sentiment_rules.IMPATIENCE_WEIGHT < 0
    assert {"eindelijk", "finally"} <= sentiment_rules.IMPATIENCE_WORDS
    assert "niet" in sentiment_rules.NEGATORS_AFTER_VERB_NL
    for lang in ("nl", "en"):
        endings = sentiment_rules.SUFFIXES[lang]
        assert endings and len(endings) == len(set(endings)) and all(e.isalpha() for e in endings)
