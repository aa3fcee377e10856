"""Prepared answers on the drill: each listed question of `radar analyze` on the generated
rail drill (seeds 11 and 7), its members' majority scenario intent, and whether the matched
playbook answer is the one that intent needs (OV-fiets questions: no answer, a gap).

There are no labelled real posts with playbook answers in ../shared/data, so this drill check
sits beside the clustering suite (eval/clustering_suite.py), which measures on real sets.

    python eval/drill_matching.py
"""

import json
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from radar.cli import main
from radar.scenario import generate_rail_outage, write_scenario_jsonl

EXPECTED = {
    "vraag-rijden": {"treinverkeer-actueel", "reisadvies"},
    "vraag-hoe-lang": {"verwachte-duur"},
    "vraag-vervangend-vervoer": {"vervangend-vervoer"},
    "vraag-geld-terug": {"geld-terug"},
    "vraag-oorzaak": {"oorzaak"},
    "vraag-verklaring": {"vertragingsverklaring"},
    "vraag-ov-fiets": {None},
}
tot = ok = 0
for seed in (11, 7):
    folder = Path(tempfile.mkdtemp())
    rows = generate_rail_outage(datetime(2026, 11, 23, 5, 30, tzinfo=UTC), seed=seed)
    src = write_scenario_jsonl(rows, folder / "drill.jsonl")
    main(["analyze", str(src), "--out", str(folder / "out"), "--every", "0"])
    lines = [json.loads(x) for x in (folder / "out" / "mentions.jsonl").read_text().splitlines()]
    snap = json.loads((folder / "out" / "snapshot.json").read_text())
    for q in snap["questions"][:12]:
        c = Counter(x["scenario_label"] for x in lines if x["question_cluster"] == q["id"])
        top, n = c.most_common(1)[0]
        got = (q.get("playbook") or {}).get("answer_id")
        exp = EXPECTED.get(top)
        good = exp is not None and got in exp
        tot += exp is not None
        ok += good
        print(
            seed,
            "OK " if good else "BAD",
            f"{top:26} {n}/{sum(c.values()):3} -> {got}",
            q["representative"][:60],
        )
print(f"matched right: {ok}/{tot}")
