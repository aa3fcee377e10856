"""Convert CLINC150 (data_full.json) to radar input JSONL.

    python eval/clinc_to_jsonl.py ../shared/data/clinc150/data_full.json --split test --out out/clinc_test.jsonl

Each line: {"id", "text", "intent", "domain"}; ``--with-oos`` adds the out-of-scope
queries of the same split (intent "oos").
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def convert(source: Path, split: str, with_oos: bool) -> list[dict]:
    data = json.loads(source.read_text(encoding="utf-8"))
    domains_path = source.with_name("domains.json")
    domain_of: dict[str, str] = {}
    if domains_path.exists():
        for domain, intents in json.loads(domains_path.read_text()).items():
            for intent in intents:
                domain_of[intent] = domain
    rows = [
        {"id": f"{split}-{i}", "text": text, "intent": intent, "domain": domain_of.get(intent, "")}
        for i, (text, intent) in enumerate(data[split])
    ]
    if with_oos:
        rows += [
            {"id": f"oos_{split}-{i}", "text": text, "intent": "oos", "domain": "oos"}
            for i, (text, _intent) in enumerate(data[f"oos_{split}"])
        ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--split", default="test", choices=["train", "val", "test"])
    parser.add_argument("--with-oos", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    rows = convert(args.source, args.split, args.with_oos)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    print(f"{args.out}: {len(rows)} queries")


if __name__ == "__main__":
    from _script import run  # this folder is on sys.path when run as a script

    run(main)
